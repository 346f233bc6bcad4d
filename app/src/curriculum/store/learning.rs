//! What a class and a person read of the curriculum (server only): units,
//! lessons and blocks with their releases; rows become wire types here.
use crate::curriculum::domain::progress::{continue_at, percent, Release};
use crate::curriculum::model::{Bilingual, BlockBody};
use crate::curriculum::view_model::*;
use crate::entities::{
    check_answer, class_unit_release, cur_block, cur_lesson, cur_unit, lesson_completion, reflection,
};
use crate::error::{AppError, AppResult};
use crate::markdown::to_safe_html_cached;
use chrono::NaiveDate;
use sea_orm::{prelude::*, QueryOrder, QuerySelect};
use std::collections::{HashMap, HashSet};

pub async fn releases<C: ConnectionTrait>(db: &C, class_id: i64) -> AppResult<HashMap<i64, Release>> {
    let rows = class_unit_release::Entity::find()
        .filter(class_unit_release::Column::ClassId.eq(class_id))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.unit_id, Release::from_db(Some(&r.mode), r.opens_on)))
        .collect())
}

pub(super) async fn completed<C: ConnectionTrait>(
    db: &C,
    user_id: i64,
    class_id: i64,
) -> AppResult<HashSet<i64>> {
    let rows = lesson_completion::Entity::find()
        .filter(lesson_completion::Column::UserId.eq(user_id))
        .filter(lesson_completion::Column::ClassId.eq(class_id))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|r| r.lesson_id).collect())
}

/// The units a person sees in a class: participants only released ones, as
/// of `today` (the organisation's date, see `AppState::today`).
pub async fn class_units<C: ConnectionTrait>(
    db: &C,
    class_id: i64,
    user_id: i64,
    see_all: bool,
    today: NaiveDate,
) -> AppResult<Vec<UnitCard>> {
    let ((units, lessons), plan, done) = tokio::try_join!(
        super::live_outline(db),
        releases(db, class_id),
        completed(db, user_id, class_id)
    )?;
    let cards = units
        .into_iter()
        .map(|u| {
            let release = plan.get(&u.id).copied().unwrap_or(Release::Open);
            let lessons: Vec<LessonLink> = lessons
                .iter()
                .filter(|l| l.unit_id == u.id)
                .map(|l| LessonLink {
                    key: l.key.clone(),
                    title: Bilingual::new(l.title_id.clone(), l.title_en.clone()),
                    minutes: l.minutes as u32,
                    completed: done.contains(&l.id),
                })
                .collect();
            let finished = lessons.iter().filter(|l| l.completed).count();
            UnitCard {
                key: u.key,
                title: Bilingual::new(u.title_id, u.title_en),
                objective: Bilingual::new(u.objective_id, u.objective_en),
                minutes: u.minutes as u32,
                release,
                open: release.is_open(today),
                percent: percent(finished, lessons.len()),
                lessons,
            }
        })
        .filter(|card| see_all || card.open)
        .collect();
    Ok(cards)
}

/// Overall progress and where to continue, over the open units.
pub fn summary(units: &[UnitCard]) -> (u8, Option<String>) {
    let open = || units.iter().filter(|u| u.open).flat_map(|u| &u.lessons);
    let total = open().count();
    let done = open().filter(|l| l.completed).count();
    let next = continue_at(units.iter().flat_map(|u| {
        u.lessons
            .iter()
            .map(move |l| (l.key.as_str(), u.open, l.completed))
    }));
    (percent(done, total), next.map(str::to_string))
}

/// A live lesson with its unit, by key.
pub async fn lesson_by_key<C: ConnectionTrait>(
    db: &C,
    key: &str,
) -> AppResult<(cur_lesson::Model, cur_unit::Model)> {
    // One query: the lesson with its unit, both live.
    let to_unit: sea_orm::RelationDef = cur_lesson::Entity::belongs_to(cur_unit::Entity)
        .from(cur_lesson::Column::UnitId)
        .to(cur_unit::Column::Id)
        .into();
    let (lesson, unit) = cur_lesson::Entity::find()
        .filter(cur_lesson::Column::Key.eq(key))
        .filter(cur_lesson::Column::Retired.eq(false))
        .join(sea_orm::JoinType::InnerJoin, to_unit)
        .filter(cur_unit::Column::Retired.eq(false))
        .select_also(cur_unit::Entity)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((lesson, unit.ok_or(AppError::NotFound)?))
}

/// A live lesson with its unit and the unit's live lessons in order (the
/// lesson among them), in one query: the lesson page's place in its unit.
pub struct LessonInUnit {
    pub lesson: cur_lesson::Model,
    pub unit: cur_unit::Model,
    pub siblings: Vec<cur_lesson::Model>,
}

pub async fn lesson_in_unit<C: ConnectionTrait>(db: &C, key: &str) -> AppResult<LessonInUnit> {
    use sea_orm::sea_query::Query;
    let to_unit: sea_orm::RelationDef = cur_lesson::Entity::belongs_to(cur_unit::Entity)
        .from(cur_lesson::Column::UnitId)
        .to(cur_unit::Column::Id)
        .into();
    let unit_of_key = Query::select()
        .column(cur_lesson::Column::UnitId)
        .from(cur_lesson::Entity)
        .and_where(cur_lesson::Column::Key.eq(key))
        .and_where(cur_lesson::Column::Retired.eq(false))
        .to_owned();
    let rows = cur_lesson::Entity::find()
        .filter(cur_lesson::Column::UnitId.in_subquery(unit_of_key))
        .filter(cur_lesson::Column::Retired.eq(false))
        .join(sea_orm::JoinType::InnerJoin, to_unit)
        .filter(cur_unit::Column::Retired.eq(false))
        .order_by_asc(cur_lesson::Column::Position)
        .select_also(cur_unit::Entity)
        .all(db)
        .await?;
    let unit = rows
        .first()
        .and_then(|(_, u)| u.clone())
        .ok_or(AppError::NotFound)?;
    let siblings: Vec<cur_lesson::Model> = rows.into_iter().map(|(l, _)| l).collect();
    let lesson = siblings
        .iter()
        .find(|l| l.key == key)
        .cloned()
        .ok_or(AppError::NotFound)?;
    Ok(LessonInUnit {
        lesson,
        unit,
        siblings,
    })
}

pub(super) async fn live_unit<C: ConnectionTrait>(db: &C, unit_id: i64) -> AppResult<cur_unit::Model> {
    cur_unit::Entity::find_by_id(unit_id)
        .filter(cur_unit::Column::Retired.eq(false))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The live lessons of a unit, in order.
pub(super) async fn siblings<C: ConnectionTrait>(db: &C, unit_id: i64) -> AppResult<Vec<cur_lesson::Model>> {
    Ok(cur_lesson::Entity::find()
        .filter(cur_lesson::Column::UnitId.eq(unit_id))
        .filter(cur_lesson::Column::Retired.eq(false))
        .order_by_asc(cur_lesson::Column::Position)
        .all(db)
        .await?)
}

/// The key of the lesson after this one in its unit, if any.
pub async fn next_lesson_key<C: ConnectionTrait>(
    db: &C,
    lesson: &cur_lesson::Model,
) -> AppResult<Option<String>> {
    let all = siblings(db, lesson.unit_id).await?;
    let place = all.iter().position(|l| l.id == lesson.id);
    Ok(place.and_then(|p| all.get(p + 1)).map(|l| l.key.clone()))
}

pub async fn unit_release<C: ConnectionTrait>(db: &C, class_id: i64, unit_id: i64) -> AppResult<Release> {
    let row = class_unit_release::Entity::find_by_id((class_id, unit_id))
        .one(db)
        .await?;
    Ok(row.map_or(Release::Open, |r| Release::from_db(Some(&r.mode), r.opens_on)))
}

pub async fn live_blocks<C: ConnectionTrait>(
    db: &C,
    lesson_id: i64,
) -> AppResult<Vec<(cur_block::Model, BlockBody)>> {
    let rows = cur_block::Entity::find()
        .filter(cur_block::Column::LessonId.eq(lesson_id))
        .filter(cur_block::Column::Retired.eq(false))
        .order_by_asc(cur_block::Column::Position)
        .all(db)
        .await?;
    rows.into_iter()
        .map(|b| {
            let body = serde_json::from_str(&b.body).map_err(AppError::internal)?;
            Ok((b, body))
        })
        .collect()
}

/// Everything the lesson page shows, with this person's answers and reflections.
pub async fn lesson_page<C: ConnectionTrait>(
    db: &C,
    class_id: i64,
    user_id: i64,
    is_participant: bool,
    place: LessonInUnit,
) -> AppResult<LessonPage> {
    let LessonInUnit {
        lesson,
        unit,
        siblings,
    } = place;
    let blocks = live_blocks(db, lesson.id).await?;
    // Only a lesson with quick checks has answers to read, only one with
    // reflection prompts has reflections: most lessons are text.
    let ids_of = |wanted: fn(&BlockBody) -> bool| -> Vec<i64> {
        blocks
            .iter()
            .filter(|(_, body)| wanted(body))
            .map(|(b, _)| b.id)
            .collect()
    };
    let checks = ids_of(|b| matches!(b, BlockBody::Check { .. }));
    let prompts = ids_of(|b| matches!(b, BlockBody::Reflection { .. }));
    // Independent reads, sent together.
    let answers = check_answer::Entity::find()
        .filter(check_answer::Column::UserId.eq(user_id))
        .filter(check_answer::Column::ClassId.eq(class_id))
        .filter(check_answer::Column::BlockId.is_in(checks.clone()));
    let reflections = reflection::Entity::find()
        .filter(reflection::Column::UserId.eq(user_id))
        .filter(reflection::Column::ClassId.eq(class_id))
        .filter(reflection::Column::BlockId.is_in(prompts.clone()));
    let completion = lesson_completion::Entity::find_by_id((user_id, class_id, lesson.id));
    let (answers, reflections, completion) = tokio::try_join!(
        async {
            if checks.is_empty() {
                return Ok::<_, AppError>(Vec::new());
            }
            Ok(answers.all(db).await?)
        },
        async {
            if prompts.is_empty() {
                return Ok::<_, AppError>(Vec::new());
            }
            Ok(reflections.all(db).await?)
        },
        async { Ok::<_, AppError>(completion.one(db).await?) },
    )?;
    let answers: HashMap<i64, check_answer::Model> = answers.into_iter().map(|a| (a.block_id, a)).collect();
    let reflections: HashMap<i64, reflection::Model> =
        reflections.into_iter().map(|r| (r.block_id, r)).collect();
    let completed = completion.is_some();
    let place = siblings.iter().position(|l| l.id == lesson.id).unwrap_or(0);
    let views = blocks
        .into_iter()
        .map(|(row, body)| block_view(&row, body, answers.get(&row.id), reflections.get(&row.id)))
        .collect();
    Ok(LessonPage {
        class_id,
        unit_title: Bilingual::new(unit.title_id, unit.title_en),
        key: lesson.key,
        title: Bilingual::new(lesson.title_id, lesson.title_en),
        minutes: lesson.minutes as u32,
        number: place + 1,
        of: siblings.len(),
        blocks: views,
        completed,
        is_participant,
        next: siblings.get(place + 1).map(|l| l.key.clone()),
        previous: place
            .checked_sub(1)
            .and_then(|p| siblings.get(p))
            .map(|l| l.key.clone()),
    })
}

pub(super) fn html(text: &Bilingual) -> Bilingual {
    Bilingual::new(to_safe_html_cached(&text.id), to_safe_html_cached(&text.en))
}

pub(super) fn block_view(
    row: &cur_block::Model,
    body: BlockBody,
    answer: Option<&check_answer::Model>,
    reflection: Option<&reflection::Model>,
) -> BlockView {
    match body {
        BlockBody::Text { text } => BlockView::Text { html: html(&text) },
        BlockBody::Takeaway { text } => BlockView::Takeaway { html: html(&text) },
        BlockBody::Image {
            src,
            width,
            height,
            alt,
        } => BlockView::Image {
            src,
            width,
            height,
            alt,
        },
        BlockBody::Link { kind, url, label } => BlockView::Link { kind, url, label },
        BlockBody::Reflection { prompt } => BlockView::Reflection(ReflectionView {
            key: row.key.clone(),
            prompt,
            body: reflection.map(|r| r.body.clone()).unwrap_or_default(),
            revision: reflection.map_or(0, |r| r.revision),
        }),
        BlockBody::Check {
            mode,
            question,
            options,
        } => {
            let answer = answer.map(|a| {
                let chosen: Vec<String> = a
                    .chosen
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect();
                let feedback = options
                    .iter()
                    .filter(|o| chosen.contains(&o.key))
                    .map(|o| (o.key.clone(), o.correct, o.feedback.clone()))
                    .collect();
                AnswerView {
                    chosen,
                    correct: a.correct,
                    attempts: a.attempts as u32,
                    feedback,
                }
            });
            let options = options
                .into_iter()
                .map(|o| OptionView {
                    key: o.key,
                    text: o.text,
                })
                .collect();
            BlockView::Check(CheckView {
                key: row.key.clone(),
                mode,
                question,
                options,
                answer,
            })
        }
    }
}

/// A live block of a given kind in a lesson, by key.
pub async fn block_in_lesson<C: ConnectionTrait>(
    db: &C,
    block_key: &str,
) -> AppResult<(cur_block::Model, BlockBody, cur_lesson::Model, cur_unit::Model)> {
    let block = cur_block::Entity::find()
        .filter(cur_block::Column::Key.eq(block_key))
        .filter(cur_block::Column::Retired.eq(false))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let body: BlockBody = serde_json::from_str(&block.body).map_err(AppError::internal)?;
    let lesson = cur_lesson::Entity::find_by_id(block.lesson_id)
        .filter(cur_lesson::Column::Retired.eq(false))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let unit = live_unit(db, lesson.unit_id).await?;
    Ok((block, body, lesson, unit))
}
