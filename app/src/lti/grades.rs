//! Released rubric results become grade calls in the outbox, one per
//! participant who came from an LMS course linked to the class.
use super::domain::grades::{comment, median_levels, score};
use super::domain::items::{Item, SCORE_MAXIMUM};
use super::outbox::{self, ScoreCall};
use crate::entities::{class, lti_account, lti_context, team_member};
use crate::error::{AppError, AppResult};
use crate::evaluation::gather::gather;
use crate::evaluation::target::{Target, TASK};
use crate::i18n::Locale;
use crate::state::AppState;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// Queues the released results of `t`; returns how many calls were added.
pub async fn queue_released(state: &AppState, t: &Target) -> AppResult<usize> {
    let contexts = lti_context::Entity::find()
        .filter(lti_context::Column::ClassId.eq(t.class_id))
        .filter(lti_context::Column::LineitemsUrl.ne(""))
        .all(&state.db)
        .await?;
    if contexts.is_empty() {
        return Ok(0);
    }
    let class = class::Entity::find_by_id(t.class_id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let gathered = gather(state, &class, t).await?;
    let Some(rubric) = gathered.rubric.as_ref().map(|r| &r.body) else {
        return Ok(0);
    };
    let (item, label) = if t.kind == TASK {
        let task = crate::tasks::store::task(&state.db, t.class_id, t.id).await?;
        (Item::Task(t.id), task.title)
    } else {
        let r = crate::evaluation::subjects::resolve(state, t.class_id, t.kind, t.id).await?;
        (Item::Scenario(t.id), r.title.get(Locale::Id).to_string())
    };
    let now = chrono::Utc::now().to_rfc3339();
    let mut added = 0;
    for report in &gathered.reports {
        let Some(total) = report.final_total else { continue };
        let picks: Vec<_> = report.scored.iter().map(|e| e.picks.clone()).collect();
        let levels: Vec<(String, String)> = median_levels(&picks, rubric.criteria.len())
            .into_iter()
            .zip(&rubric.criteria)
            .filter_map(|(l, c)| Some((c.title.clone(), c.levels.get(l?)?.label.clone())))
            .collect();
        let text = comment(total, report.predicate.as_deref().unwrap_or("-"), &levels);
        for user in participants(state, t, report.subject).await? {
            for ctx in &contexts {
                let Some(account) = lti_account::Entity::find()
                    .filter(lti_account::Column::PlatformId.eq(ctx.platform_id))
                    .filter(lti_account::Column::UserId.eq(user))
                    .one(&state.db)
                    .await?
                else {
                    continue;
                };
                let call = ScoreCall {
                    lineitems_url: ctx.lineitems_url.clone(),
                    resource_id: item.code(),
                    label: label.clone(),
                    score: score(&account.sub, total, SCORE_MAXIMUM, &text, &now),
                };
                let key = format!(
                    "ags:{}:{}:{}:{total:.2}",
                    ctx.platform_id,
                    item.code(),
                    account.sub
                );
                if outbox::enqueue(&state.db, ctx.platform_id, user, t.class_id, &key, &call).await? {
                    added += 1;
                }
            }
        }
    }
    Ok(added)
}

/// The people a subject's result belongs to: the team's members, or the participant.
async fn participants(state: &AppState, t: &Target, subject: i64) -> AppResult<Vec<i64>> {
    if t.kind != TASK {
        return Ok(vec![subject]);
    }
    Ok(team_member::Entity::find()
        .filter(team_member::Column::TeamId.eq(subject))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect())
}
