//! A person's progress written (lessons read, answers, reflections) and the
//! class's progress read back for facilitators (server only).
use super::learning::*;
use crate::curriculum::domain::progress::{answer_is_correct, Release};
use crate::curriculum::model::{Bilingual, BlockBody};
use crate::curriculum::view_model::*;
use crate::entities::{check_answer, class_unit_release, cur_block, cur_unit, lesson_completion, reflection};
use crate::error::{AppError, AppResult};
use chrono::Utc;
use sea_orm::{prelude::*, sea_query::ExprTrait, ActiveValue::Set};
use std::collections::HashMap;

/// Records a completed lesson once; repeating it changes nothing.
pub async fn complete<C: ConnectionTrait>(
    db: &C,
    user_id: i64,
    class_id: i64,
    lesson_id: i64,
) -> AppResult<()> {
    let row = lesson_completion::ActiveModel {
        user_id: Set(user_id),
        class_id: Set(class_id),
        lesson_id: Set(lesson_id),
        completed_at: Set(Utc::now()),
    };
    lesson_completion::Entity::insert(row)
        .on_conflict(
            sea_orm::sea_query::OnConflict::columns([
                lesson_completion::Column::UserId,
                lesson_completion::Column::ClassId,
                lesson_completion::Column::LessonId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Saves the latest answer to a quick check; returns whether it was right.
pub async fn answer<C: ConnectionTrait>(
    db: &C,
    user_id: i64,
    class_id: i64,
    block_id: i64,
    correct_keys: &[&str],
    chosen: &[String],
) -> AppResult<bool> {
    let chosen_refs: Vec<&str> = chosen.iter().map(String::as_str).collect();
    let correct = answer_is_correct(correct_keys, &chosen_refs);
    let row = check_answer::ActiveModel {
        user_id: Set(user_id),
        class_id: Set(class_id),
        block_id: Set(block_id),
        chosen: Set(chosen.join(",")),
        correct: Set(correct),
        attempts: Set(1),
        ever_correct: Set(correct),
        answered_at: Set(Utc::now()),
    };
    // One statement: the count and "ever right" grow on the row as it is when
    // the statement runs, so two answers sent at once both count.
    let stored = |c: check_answer::Column| Expr::col((check_answer::Entity, c));
    let sent = |c: check_answer::Column| Expr::col((sea_orm::sea_query::Alias::new("excluded"), c));
    check_answer::Entity::insert(row)
        .on_conflict(
            sea_orm::sea_query::OnConflict::columns([
                check_answer::Column::UserId,
                check_answer::Column::ClassId,
                check_answer::Column::BlockId,
            ])
            .update_columns([
                check_answer::Column::Chosen,
                check_answer::Column::Correct,
                check_answer::Column::AnsweredAt,
            ])
            .value(
                check_answer::Column::Attempts,
                stored(check_answer::Column::Attempts).add(1),
            )
            .value(
                check_answer::Column::EverCorrect,
                stored(check_answer::Column::EverCorrect).or(sent(check_answer::Column::EverCorrect)),
            )
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(correct)
}

/// Saves a reflection as revision `base + 1` when the stored one is still at
/// `base` (see `save_version`): an autosave from a second tab or device that
/// did not see the newer text is refused (`Conflict`) instead of rolling it
/// back, and the same save sent again (`key`) succeeds without writing twice.
/// Every write is conditional, so this holds across server processes.
/// Returns the revision now stored.
pub async fn save_reflection(
    db: &DatabaseConnection,
    user_id: i64,
    class_id: i64,
    block_id: i64,
    body: &str,
    base: i64,
    key: &str,
) -> AppResult<i64> {
    use crate::save_version::{decide, usable_key, Decision, Stored};
    let key = usable_key(key);
    let txn = crate::server_util::begin_write(db).await?;
    let id = (user_id, class_id, block_id);
    let existing = reflection::Entity::find_by_id(id).one(&*txn).await?;
    let decision = decide(
        existing.as_ref().map(|r| Stored {
            revision: r.revision,
            key: &r.save_key,
        }),
        base,
        key,
    );
    let row = |revision: i64| reflection::ActiveModel {
        user_id: Set(user_id),
        class_id: Set(class_id),
        block_id: Set(block_id),
        body: Set(body.to_string()),
        revision: Set(revision),
        save_key: Set(key.to_string()),
        updated_at: Set(Utc::now()),
    };
    let written = match decision {
        Decision::Replay { revision } => return Ok(revision),
        Decision::Stale { .. } => return Err(reflection_changed()),
        Decision::Insert => {
            reflection::Entity::insert(row(1))
                .on_conflict(
                    sea_orm::sea_query::OnConflict::columns([
                        reflection::Column::UserId,
                        reflection::Column::ClassId,
                        reflection::Column::BlockId,
                    ])
                    .do_nothing()
                    .to_owned(),
                )
                .exec_without_returning(&*txn)
                .await?
        }
        Decision::Update { next } => {
            reflection::Entity::update_many()
                .set(row(next))
                .filter(reflection::Column::UserId.eq(user_id))
                .filter(reflection::Column::ClassId.eq(class_id))
                .filter(reflection::Column::BlockId.eq(block_id))
                .filter(reflection::Column::Revision.eq(base))
                .exec(&*txn)
                .await?
                .rows_affected
        }
    };
    if written == 1 {
        txn.commit().await?;
        return Ok(match decision {
            Decision::Update { next } => next,
            _ => 1,
        });
    }
    // Another request wrote it between our read and our write.
    txn.rollback().await?;
    match reflection::Entity::find_by_id(id).one(db).await? {
        Some(r) if !key.is_empty() && r.save_key == key => Ok(r.revision),
        _ => Err(reflection_changed()),
    }
}

fn reflection_changed() -> AppError {
    AppError::Conflict(crate::i18n::said(crate::i18n::P::ErrReflectionChanged))
}

/// Stores a unit's release for a class (one row per class and unit).
pub async fn set_release<C: ConnectionTrait>(
    db: &C,
    class_id: i64,
    unit_key: &str,
    release: Release,
) -> AppResult<()> {
    let unit = cur_unit::Entity::find()
        .filter(cur_unit::Column::Key.eq(unit_key))
        .filter(cur_unit::Column::Retired.eq(false))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let row = class_unit_release::ActiveModel {
        class_id: Set(class_id),
        unit_id: Set(unit.id),
        mode: Set(release.mode_code().to_string()),
        opens_on: Set(release.opens_on()),
    };
    class_unit_release::Entity::insert(row)
        .on_conflict(
            sea_orm::sea_query::OnConflict::columns([
                class_unit_release::Column::ClassId,
                class_unit_release::Column::UnitId,
            ])
            .update_columns([
                class_unit_release::Column::Mode,
                class_unit_release::Column::OpensOn,
            ])
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Participants × units for a class, optionally only one generation.
pub async fn progress_board<C: ConnectionTrait>(
    db: &C,
    class: crate::entities::class::Model,
    scheme: &crate::classes::domain::generation::GenerationScheme,
    generation: Option<&str>,
) -> AppResult<ProgressBoard> {
    use crate::classes::store::{members, roster_entry};
    let (units, lessons) = super::live_outline(db).await?;
    let people: Vec<_> = members(db, class.id)
        .await?
        .iter()
        .map(|(m, u)| roster_entry(m, u, scheme, false))
        .filter(|e| e.role == "participant")
        .collect();
    let completions = lesson_completion::Entity::find()
        .filter(lesson_completion::Column::ClassId.eq(class.id))
        .all(db)
        .await?;
    let answers = check_answer::Entity::find()
        .filter(check_answer::Column::ClassId.eq(class.id))
        .all(db)
        .await?;
    let check_blocks: HashMap<i64, i64> = cur_block::Entity::find()
        .filter(cur_block::Column::Kind.eq("check"))
        .filter(cur_block::Column::Retired.eq(false))
        .all(db)
        .await?
        .into_iter()
        .map(|b| (b.id, b.lesson_id))
        .collect();
    let unit_of_lesson: HashMap<i64, usize> = lessons
        .iter()
        .filter_map(|l| units.iter().position(|u| u.id == l.unit_id).map(|i| (l.id, i)))
        .collect();
    let mut generations: Vec<(String, String)> = Vec::new();
    for p in &people {
        if !generations.iter().any(|(code, _)| *code == p.generation) {
            generations.push((p.generation.clone(), p.generation_label.clone()));
        }
    }
    generations.sort_by_key(|(code, _)| {
        scheme
            .ranges
            .iter()
            .position(|r| r.code == *code)
            .unwrap_or(usize::MAX)
    });
    let rows = people
        .into_iter()
        .filter(|p| generation.is_none_or(|g| g == p.generation))
        .map(|p| {
            let mut cells = vec![ProgressCell::default(); units.len()];
            for lesson in &lessons {
                if let Some(&i) = unit_of_lesson.get(&lesson.id) {
                    cells[i].lessons += 1;
                }
            }
            for c in completions.iter().filter(|c| c.user_id == p.user_id) {
                if let Some(&i) = unit_of_lesson.get(&c.lesson_id) {
                    cells[i].lessons_done += 1;
                }
            }
            for a in answers.iter().filter(|a| a.user_id == p.user_id) {
                let unit = check_blocks.get(&a.block_id).and_then(|l| unit_of_lesson.get(l));
                if let Some(&i) = unit {
                    cells[i].checks_answered += 1;
                    cells[i].checks_right += u32::from(a.ever_correct);
                }
            }
            ProgressRow {
                name: p.full_name,
                generation: p.generation,
                generation_label: p.generation_label,
                cells,
            }
        })
        .collect();
    Ok(ProgressBoard {
        class_id: class.id,
        class_name: class.name,
        generations,
        units: units
            .into_iter()
            .map(|u| (u.key, Bilingual::new(u.title_id, u.title_en)))
            .collect(),
        rows,
    })
}

/// What the class's participants wrote for the reflection prompts of one lesson.
pub async fn lesson_reflections<C: ConnectionTrait>(
    db: &C,
    class_id: i64,
    lesson_key: &str,
    scheme: &crate::classes::domain::generation::GenerationScheme,
) -> AppResult<LessonReflections> {
    use crate::classes::store::{members, roster_entry};
    let (lesson, _) = lesson_by_key(db, lesson_key).await?;
    let prompts: Vec<(i64, String, Bilingual)> = live_blocks(db, lesson.id)
        .await?
        .into_iter()
        .filter_map(|(row, body)| match body {
            BlockBody::Reflection { prompt } => Some((row.id, row.key, prompt)),
            _ => None,
        })
        .collect();
    let ids: Vec<i64> = prompts.iter().map(|(id, _, _)| *id).collect();
    let written = reflection::Entity::find()
        .filter(reflection::Column::ClassId.eq(class_id))
        .filter(reflection::Column::BlockId.is_in(ids))
        .all(db)
        .await?;
    let people: HashMap<i64, (String, String)> = members(db, class_id)
        .await?
        .iter()
        .filter(|(m, _)| m.role == "participant")
        .map(|(m, u)| {
            let e = roster_entry(m, u, scheme, false);
            (u.id, (e.full_name, e.generation_label))
        })
        .collect();
    let mut entries: Vec<(String, String, String, String)> = written
        .into_iter()
        .filter(|r| !r.body.trim().is_empty())
        .filter_map(|r| {
            let (name, generation) = people.get(&r.user_id)?.clone();
            let key = prompts.iter().find(|(id, _, _)| *id == r.block_id)?.1.clone();
            Some((key, name, generation, r.body))
        })
        .collect();
    entries.sort_by(|a, b| (&a.0, a.1.to_lowercase()).cmp(&(&b.0, b.1.to_lowercase())));
    Ok(LessonReflections {
        class_id,
        lesson_title: Bilingual::new(lesson.title_id, lesson.title_en),
        prompts: prompts
            .into_iter()
            .map(|(_, key, prompt)| (key, prompt))
            .collect(),
        entries,
    })
}
