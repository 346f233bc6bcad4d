//! Retired content, and bringing it back: "Pensiunkan" is undone here.
//!
//! A retirement keeps every row (marked `retired`) and stamps the unit,
//! lesson or block and everything under it with the same moment (one edit,
//! `retire_absent`). Restoring takes back that moment's rows only, so a
//! lesson retired on its own earlier stays retired when its unit returns.
use crate::curriculum::model::Bilingual;
use crate::entities::{cur_block, cur_lesson, cur_unit};
use crate::error::{AppError, AppResult};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{prelude::*, QueryOrder};
use std::collections::HashMap;

/// "unit", "lesson" or "block".
pub const LEVELS: [&str; 3] = ["unit", "lesson", "block"];

/// One retired item an author may restore (its parent is live).
pub struct Retired {
    pub level: &'static str,
    pub key: String,
    /// The unit's or lesson's title; a block's lesson's title.
    pub title: Bilingual,
    /// A block's lesson (its key); `None` for a unit or lesson.
    pub lesson: Option<String>,
    pub at: DateTime<Utc>,
}

/// The restorable retired items, newest first (at most `limit`).
pub async fn retired<C: ConnectionTrait>(db: &C, limit: usize) -> AppResult<Vec<Retired>> {
    let units = cur_unit::Entity::find().all(db).await?;
    let live_units: HashMap<i64, bool> = units.iter().map(|u| (u.id, !u.retired)).collect();
    let lessons = cur_lesson::Entity::find().all(db).await?;
    let live_lessons: HashMap<i64, &cur_lesson::Model> = lessons
        .iter()
        .filter(|l| !l.retired && live_units.get(&l.unit_id) == Some(&true))
        .map(|l| (l.id, l))
        .collect();
    let mut out: Vec<Retired> = units
        .iter()
        .filter(|u| u.retired)
        .map(|u| Retired {
            level: "unit",
            key: u.key.clone(),
            title: Bilingual::new(u.title_id.clone(), u.title_en.clone()),
            lesson: None,
            at: u.updated_at,
        })
        .collect();
    out.extend(
        lessons
            .iter()
            .filter(|l| l.retired && live_units.get(&l.unit_id) == Some(&true))
            .map(|l| Retired {
                level: "lesson",
                key: l.key.clone(),
                title: Bilingual::new(l.title_id.clone(), l.title_en.clone()),
                lesson: None,
                at: l.updated_at,
            }),
    );
    let blocks = cur_block::Entity::find()
        .filter(cur_block::Column::Retired.eq(true))
        .order_by_desc(cur_block::Column::UpdatedAt)
        .all(db)
        .await?;
    out.extend(blocks.into_iter().filter_map(|b| {
        let lesson = live_lessons.get(&b.lesson_id)?;
        Some(Retired {
            level: "block",
            key: b.key,
            title: Bilingual::new(lesson.title_id.clone(), lesson.title_en.clone()),
            lesson: Some(lesson.key.clone()),
            at: b.updated_at,
        })
    }));
    out.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| a.key.cmp(&b.key)));
    out.truncate(limit);
    Ok(out)
}

/// Brings a retired unit, lesson or block back with what was retired with
/// it. `NotFound`: no such retired item, or its unit or lesson is retired.
pub async fn restore<C: ConnectionTrait>(db: &C, level: &str, key: &str) -> AppResult<()> {
    let now = Utc::now();
    match level {
        "unit" => {
            let unit = cur_unit::Entity::find()
                .filter(cur_unit::Column::Key.eq(key))
                .filter(cur_unit::Column::Retired.eq(true))
                .one(db)
                .await?
                .ok_or(AppError::NotFound)?;
            let lessons: Vec<i64> = cur_lesson::Entity::find()
                .filter(cur_lesson::Column::UnitId.eq(unit.id))
                .filter(cur_lesson::Column::Retired.eq(true))
                .filter(cur_lesson::Column::UpdatedAt.eq(unit.updated_at))
                .all(db)
                .await?
                .into_iter()
                .map(|l| l.id)
                .collect();
            unretire_blocks(db, &lessons, unit.updated_at, now).await?;
            unretire_lessons(db, &lessons, now).await?;
            cur_unit::Entity::update_many()
                .col_expr(cur_unit::Column::Retired, Expr::value(false))
                .col_expr(cur_unit::Column::UpdatedAt, Expr::value(now))
                .filter(cur_unit::Column::Id.eq(unit.id))
                .exec(db)
                .await?;
        }
        "lesson" => {
            let lesson = cur_lesson::Entity::find()
                .filter(cur_lesson::Column::Key.eq(key))
                .filter(cur_lesson::Column::Retired.eq(true))
                .one(db)
                .await?
                .ok_or(AppError::NotFound)?;
            live_unit(db, lesson.unit_id).await?;
            unretire_blocks(db, &[lesson.id], lesson.updated_at, now).await?;
            unretire_lessons(db, &[lesson.id], now).await?;
        }
        "block" => {
            let block = cur_block::Entity::find()
                .filter(cur_block::Column::Key.eq(key))
                .filter(cur_block::Column::Retired.eq(true))
                .one(db)
                .await?
                .ok_or(AppError::NotFound)?;
            let lesson = cur_lesson::Entity::find_by_id(block.lesson_id)
                .filter(cur_lesson::Column::Retired.eq(false))
                .one(db)
                .await?
                .ok_or(AppError::NotFound)?;
            live_unit(db, lesson.unit_id).await?;
            cur_block::Entity::update_many()
                .col_expr(cur_block::Column::Retired, Expr::value(false))
                .col_expr(cur_block::Column::UpdatedAt, Expr::value(now))
                .filter(cur_block::Column::Id.eq(block.id))
                .exec(db)
                .await?;
        }
        _ => return Err(AppError::NotFound),
    }
    Ok(())
}

async fn live_unit<C: ConnectionTrait>(db: &C, id: i64) -> AppResult<()> {
    cur_unit::Entity::find_by_id(id)
        .filter(cur_unit::Column::Retired.eq(false))
        .one(db)
        .await?
        .map(|_| ())
        .ok_or(AppError::NotFound)
}

async fn unretire_lessons<C: ConnectionTrait>(db: &C, ids: &[i64], now: DateTime<Utc>) -> AppResult<()> {
    cur_lesson::Entity::update_many()
        .col_expr(cur_lesson::Column::Retired, Expr::value(false))
        .col_expr(cur_lesson::Column::UpdatedAt, Expr::value(now))
        .filter(cur_lesson::Column::Id.is_in(ids.iter().copied()))
        .exec(db)
        .await?;
    Ok(())
}

/// The lessons' blocks retired at `at` (with them), live again.
async fn unretire_blocks<C: ConnectionTrait>(
    db: &C,
    lessons: &[i64],
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> AppResult<()> {
    cur_block::Entity::update_many()
        .col_expr(cur_block::Column::Retired, Expr::value(false))
        .col_expr(cur_block::Column::UpdatedAt, Expr::value(now))
        .filter(cur_block::Column::LessonId.is_in(lessons.iter().copied()))
        .filter(cur_block::Column::Retired.eq(true))
        .filter(cur_block::Column::UpdatedAt.eq(at))
        .exec(db)
        .await?;
    Ok(())
}
