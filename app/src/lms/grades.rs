//! Grades become calls in the outbox, one per participant who came from an
//! LMS course linked to the class. Each feature works out its own grade
//! (curriculum: lessons read; scenarios: finished attempts; evaluation:
//! released rubric results) and queues it here on the caller's connection,
//! so inside its transaction the grade is stored with the result or not at
//! all.
use super::domain::grades::score;
use super::domain::items::{Item, SCORE_MAXIMUM};
use super::outbox::{self, ScoreCall};
use crate::entities::{lti_account, lti_context};
use crate::error::AppResult;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// One person's result on one activity, ready to queue.
pub struct Grade {
    pub item: Item,
    pub label: String,
    pub given: f64,
    pub comment: String,
    /// Finished and final (FullyGraded), or still in progress.
    pub completed: bool,
}

/// The LMS courses linked to the class that accept grades.
pub async fn graded_contexts<C: ConnectionTrait>(
    db: &C,
    class_id: i64,
) -> AppResult<Vec<lti_context::Model>> {
    Ok(lti_context::Entity::find()
        .filter(lti_context::Column::ClassId.eq(class_id))
        .filter(lti_context::Column::LineitemsUrl.ne(""))
        .all(db)
        .await?)
}

/// Queues `grade` for `user` in every linked course where they have an LMS
/// account; the same grade again is not queued twice. Returns how many calls
/// were added.
pub async fn queue_for<C: ConnectionTrait>(
    db: &C,
    contexts: &[lti_context::Model],
    class_id: i64,
    user: i64,
    grade: &Grade,
) -> AppResult<usize> {
    if contexts.is_empty() {
        return Ok(0);
    }
    let accounts = lti_account::Entity::find()
        .filter(lti_account::Column::UserId.eq(user))
        .filter(lti_account::Column::PlatformId.is_in(contexts.iter().map(|c| c.platform_id)))
        .all(db)
        .await?;
    let now = chrono::Utc::now().to_rfc3339();
    let code = grade.item.code();
    let mut added = 0;
    for ctx in contexts {
        let Some(account) = accounts.iter().find(|a| a.platform_id == ctx.platform_id) else {
            continue;
        };
        let call = ScoreCall {
            lineitems_url: ctx.lineitems_url.clone(),
            resource_id: code.clone(),
            label: grade.label.clone(),
            score: score(
                &account.sub,
                grade.given,
                SCORE_MAXIMUM,
                &grade.comment,
                &now,
                grade.completed,
            ),
        };
        let key = format!(
            "ags:{}:{code}:{}:{:.2}",
            ctx.platform_id, account.sub, grade.given
        );
        if outbox::enqueue(db, ctx.platform_id, user, class_id, &key, &call).await? {
            added += 1;
        }
    }
    Ok(added)
}
