//! Curriculum content in the database (server only): import a parsed curriculum,
//! export it back, and load the shipped one into an empty database.
//!
//! Import is a sync by key: existing units, lessons and blocks keep their row ids
//! (so participants' progress and answers stay attached), new ones are added, and
//! those no longer present are retired, never deleted.
pub mod learning;
pub mod lms;
pub mod progress;
pub mod retired;

use super::domain::format::{parse_curriculum, FormatIssue};
use super::model::*;
use crate::entities::{cur_block, cur_lesson, cur_unit};
use crate::error::{AppError, AppResult};
use chrono::Utc;
use sea_orm::{prelude::*, ActiveValue::Set, QueryOrder};

/// The curriculum shipped with Sinergi (content/curriculum), compiled in so that a
/// fresh server needs no files beside its binary.
pub const SHIPPED: [(&str, &str); 6] = [
    (
        "01-potret-generasi.toml",
        include_str!("../../../../content/curriculum/01-potret-generasi.toml"),
    ),
    (
        "02-nilai-gaya-kerja.toml",
        include_str!("../../../../content/curriculum/02-nilai-gaya-kerja.toml"),
    ),
    (
        "03-komunikasi-efektif.toml",
        include_str!("../../../../content/curriculum/03-komunikasi-efektif.toml"),
    ),
    (
        "04-empati.toml",
        include_str!("../../../../content/curriculum/04-empati.toml"),
    ),
    (
        "05-kolaborasi-tim.toml",
        include_str!("../../../../content/curriculum/05-kolaborasi-tim.toml"),
    ),
    (
        "06-transfer-pengetahuan.toml",
        include_str!("../../../../content/curriculum/06-transfer-pengetahuan.toml"),
    ),
];

pub fn shipped() -> Result<Curriculum, Vec<FormatIssue>> {
    let files: Vec<(String, String)> = SHIPPED
        .iter()
        .map(|(n, t)| (String::from(*n), String::from(*t)))
        .collect();
    parse_curriculum(&files)
}

/// Loads the shipped curriculum when there is no content yet. Returns whether it did.
pub async fn load_shipped_if_empty<C: ConnectionTrait>(db: &C) -> AppResult<bool> {
    if cur_unit::Entity::find().count(db).await? > 0 {
        return Ok(false);
    }
    let curriculum =
        shipped().map_err(|issues| AppError::internal(format!("shipped curriculum: {issues:?}")))?;
    import(db, &curriculum).await?;
    Ok(true)
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ImportCounts {
    pub units: usize,
    pub lessons: usize,
    pub blocks: usize,
    pub retired: u64,
}

/// Writes a validated curriculum. Run it inside a transaction: it is many statements.
pub async fn import<C: ConnectionTrait>(db: &C, curriculum: &Curriculum) -> AppResult<ImportCounts> {
    let mut counts = ImportCounts::default();
    let (mut unit_keys, mut lesson_keys, mut block_keys) = (Vec::new(), Vec::new(), Vec::new());
    for (u, unit) in curriculum.units.iter().enumerate() {
        let unit_id = upsert_unit(db, unit, u as i32).await?;
        unit_keys.push(unit.key.clone());
        counts.units += 1;
        for (l, lesson) in unit.lessons.iter().enumerate() {
            let lesson_id = upsert_lesson(db, unit_id, lesson, l as i32).await?;
            lesson_keys.push(lesson.key.clone());
            counts.lessons += 1;
            for (b, block) in lesson.blocks.iter().enumerate() {
                upsert_block(db, lesson_id, block, b as i32).await?;
                block_keys.push(block.key.clone());
                counts.blocks += 1;
            }
        }
    }
    counts.retired = retire_absent(db, &unit_keys, &lesson_keys, &block_keys).await?;
    Ok(counts)
}

async fn upsert_unit<C: ConnectionTrait>(db: &C, unit: &Unit, position: i32) -> AppResult<i64> {
    let existing = cur_unit::Entity::find()
        .filter(cur_unit::Column::Key.eq(&unit.key))
        .one(db)
        .await?;
    let mut row = match existing {
        Some(found) => found.into(),
        None => cur_unit::ActiveModel {
            key: Set(unit.key.clone()),
            ..Default::default()
        },
    };
    row.position = Set(position);
    row.minutes = Set(unit.minutes as i32);
    row.title_id = Set(unit.title.id.clone());
    row.title_en = Set(unit.title.en.clone());
    row.objective_id = Set(unit.objective.id.clone());
    row.objective_en = Set(unit.objective.en.clone());
    row.retired = Set(false);
    row.updated_at = Set(Utc::now());
    let mut saved = row.save(db).await?;
    saved
        .id
        .take()
        .ok_or_else(|| AppError::internal("a saved row has no id"))
}

async fn upsert_lesson<C: ConnectionTrait>(
    db: &C,
    unit_id: i64,
    lesson: &Lesson,
    position: i32,
) -> AppResult<i64> {
    let existing = cur_lesson::Entity::find()
        .filter(cur_lesson::Column::Key.eq(&lesson.key))
        .one(db)
        .await?;
    let mut row = match existing {
        Some(found) => found.into(),
        None => cur_lesson::ActiveModel {
            key: Set(lesson.key.clone()),
            ..Default::default()
        },
    };
    row.unit_id = Set(unit_id);
    row.position = Set(position);
    row.minutes = Set(lesson.minutes as i32);
    row.title_id = Set(lesson.title.id.clone());
    row.title_en = Set(lesson.title.en.clone());
    row.retired = Set(false);
    row.updated_at = Set(Utc::now());
    let mut saved = row.save(db).await?;
    saved
        .id
        .take()
        .ok_or_else(|| AppError::internal("a saved row has no id"))
}

async fn upsert_block<C: ConnectionTrait>(
    db: &C,
    lesson_id: i64,
    block: &Block,
    position: i32,
) -> AppResult<()> {
    let existing = cur_block::Entity::find()
        .filter(cur_block::Column::Key.eq(&block.key))
        .one(db)
        .await?;
    let mut row = match existing {
        Some(found) => found.into(),
        None => cur_block::ActiveModel {
            key: Set(block.key.clone()),
            ..Default::default()
        },
    };
    row.lesson_id = Set(lesson_id);
    row.position = Set(position);
    row.kind = Set(block.body.type_name().to_string());
    row.body = Set(serde_json::to_string(&block.body).map_err(AppError::internal)?);
    row.retired = Set(false);
    row.updated_at = Set(Utc::now());
    row.save(db).await?;
    Ok(())
}

/// Retires content whose key is no longer in the curriculum; returns how many rows.
async fn retire_absent<C: ConnectionTrait>(
    db: &C,
    units: &[String],
    lessons: &[String],
    blocks: &[String],
) -> AppResult<u64> {
    let now = Utc::now();
    let u = cur_unit::Entity::update_many()
        .col_expr(cur_unit::Column::Retired, Expr::value(true))
        .col_expr(cur_unit::Column::UpdatedAt, Expr::value(now))
        .filter(cur_unit::Column::Key.is_not_in(units.iter().cloned()))
        .filter(cur_unit::Column::Retired.eq(false))
        .exec(db)
        .await?;
    let l = cur_lesson::Entity::update_many()
        .col_expr(cur_lesson::Column::Retired, Expr::value(true))
        .col_expr(cur_lesson::Column::UpdatedAt, Expr::value(now))
        .filter(cur_lesson::Column::Key.is_not_in(lessons.iter().cloned()))
        .filter(cur_lesson::Column::Retired.eq(false))
        .exec(db)
        .await?;
    let b = cur_block::Entity::update_many()
        .col_expr(cur_block::Column::Retired, Expr::value(true))
        .col_expr(cur_block::Column::UpdatedAt, Expr::value(now))
        .filter(cur_block::Column::Key.is_not_in(blocks.iter().cloned()))
        .filter(cur_block::Column::Retired.eq(false))
        .exec(db)
        .await?;
    Ok(u.rows_affected + l.rows_affected + b.rows_affected)
}

/// Live (not retired) units and lessons, in course order.
pub async fn live_outline<C: ConnectionTrait>(
    db: &C,
) -> AppResult<(Vec<cur_unit::Model>, Vec<cur_lesson::Model>)> {
    let units = cur_unit::Entity::find()
        .filter(cur_unit::Column::Retired.eq(false))
        .order_by_asc(cur_unit::Column::Position)
        .all(db)
        .await?;
    let lessons = cur_lesson::Entity::find()
        .filter(cur_lesson::Column::Retired.eq(false))
        .order_by_asc(cur_lesson::Column::Position)
        .all(db)
        .await?;
    Ok((units, lessons))
}

/// The live (not retired) curriculum, in order: what export writes.
pub async fn export<C: ConnectionTrait>(db: &C) -> AppResult<Curriculum> {
    let (units, lessons) = live_outline(db).await?;
    let blocks = cur_block::Entity::find()
        .filter(cur_block::Column::Retired.eq(false))
        .order_by_asc(cur_block::Column::Position)
        .all(db)
        .await?;
    let mut out = Curriculum::default();
    for u in units {
        let lessons = lessons
            .iter()
            .filter(|l| l.unit_id == u.id)
            .map(|l| lesson_of(l, &blocks))
            .collect::<AppResult<Vec<_>>>()?;
        out.units.push(Unit {
            key: u.key,
            minutes: u.minutes as u32,
            title: Bilingual::new(u.title_id, u.title_en),
            objective: Bilingual::new(u.objective_id, u.objective_en),
            lessons,
        });
    }
    Ok(out)
}

fn lesson_of(l: &cur_lesson::Model, blocks: &[cur_block::Model]) -> AppResult<Lesson> {
    let blocks = blocks
        .iter()
        .filter(|b| b.lesson_id == l.id)
        .map(|b| {
            let body = serde_json::from_str(&b.body).map_err(AppError::internal)?;
            Ok(Block {
                key: b.key.clone(),
                body,
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    Ok(Lesson {
        key: l.key.clone(),
        minutes: l.minutes as u32,
        title: Bilingual::new(l.title_id.clone(), l.title_en.clone()),
        blocks,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_unit_file_in_the_folder_is_compiled_in() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content/curriculum");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml"))
            .collect();
        on_disk.sort();
        let shipped: Vec<String> = super::SHIPPED.iter().map(|(n, _)| String::from(*n)).collect();
        assert_eq!(shipped, on_disk);
    }
}
