//! Lessons read as the LMS and the LRS receive them: the share of the
//! unit's lessons the participant has read (final once all are), and a
//! "completed" statement. Queued in the transaction that marks the lesson.
use crate::entities::{cur_lesson, cur_unit, lesson_completion};
use crate::error::AppResult;
use crate::lms::domain::grades::unit_comment;
use crate::lms::domain::items::Item;
use crate::lms::domain::xapi::{self as x, Activity};
use crate::lms::grades::{graded_contexts, queue_for, Grade};
use crate::lms::xapi::{lrs, queue, who, About};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// After a lesson was read: queues the share of the unit's lessons this
/// participant has read, final once all are.
pub async fn queue_unit<C: ConnectionTrait>(
    db: &C,
    class_id: i64,
    user: i64,
    unit: &cur_unit::Model,
) -> AppResult<usize> {
    let contexts = graded_contexts(db, class_id).await?;
    if contexts.is_empty() {
        return Ok(0);
    }
    let lesson_ids: Vec<i64> = cur_lesson::Entity::find()
        .filter(cur_lesson::Column::UnitId.eq(unit.id))
        .filter(cur_lesson::Column::Retired.eq(false))
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.id)
        .collect();
    let done = lesson_completion::Entity::find()
        .filter(lesson_completion::Column::UserId.eq(user))
        .filter(lesson_completion::Column::ClassId.eq(class_id))
        .filter(lesson_completion::Column::LessonId.is_in(lesson_ids.clone()))
        .count(db)
        .await? as usize;
    let total = lesson_ids.len();
    let grade = Grade {
        item: Item::Unit(unit.key.clone()),
        label: unit.title_id.clone(),
        given: f64::from(crate::curriculum::domain::progress::percent(done, total)),
        comment: unit_comment(done.min(total), total),
        completed: total > 0 && done >= total,
    };
    queue_for(db, &contexts, class_id, user, &grade).await
}

/// A lesson read: "completed" the lesson, part of its unit.
pub async fn lesson_read<C: ConnectionTrait>(
    db: &C,
    class_id: i64,
    user_id: i64,
    lesson: &cur_lesson::Model,
    unit: &cur_unit::Model,
) -> AppResult<()> {
    let Some(lrs) = lrs() else { return Ok(()) };
    let about = About {
        object: x::activity(&Activity {
            id: lrs.page(&format!("/classes/{class_id}/learn/{}", lesson.key)),
            name: lesson.title_id.clone(),
            kind: x::LESSON,
        }),
        parent: Some(Activity {
            id: lrs.page(&format!("/classes/{class_id}/learn#{}", unit.key)),
            name: unit.title_id.clone(),
            kind: x::MODULE,
        }),
        result: x::result(true, None, None),
    };
    let key = format!("xapi:completed:lesson:{class_id}:{user_id}:{}", lesson.id);
    let who = who(db, &lrs, user_id, class_id).await?;
    queue(db, &lrs, &who, &key, &x::COMPLETED, about).await?;
    Ok(())
}
