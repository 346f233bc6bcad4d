//! A released rubric result as the LMS and the LRS receive it: one grade per
//! team member (or per participant, for reflections) in every linked course,
//! and a "scored" statement. Queued when a facilitator releases.
use crate::entities::{class, team_member};
use crate::error::{AppError, AppResult};
use crate::evaluation::gather::gather;
use crate::i18n::Locale;
use crate::lms::domain::grades::{comment, median_levels};
use crate::lms::domain::items::Item;
use crate::lms::grades::{graded_contexts, queue_for, Grade};
use crate::lms::xapi::{self, Scored};
use crate::results::target::{Target, TASK};
use crate::state::AppState;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// The line item a rubric target's results go to.
pub fn item_of(t: &Target) -> Item {
    if t.kind == TASK {
        Item::Task(t.id)
    } else {
        Item::Reflection(t.id)
    }
}

/// Queues the released results of `t`; returns how many calls were added.
pub async fn queue_released(state: &AppState, t: &Target) -> AppResult<usize> {
    let contexts = graded_contexts(&state.db, t.class_id).await?;
    if contexts.is_empty() && xapi::lrs().is_none() {
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
    let label = if t.kind == TASK {
        crate::tasks::store::task(&state.db, t.class_id, t.id)
            .await?
            .title
    } else {
        let r = crate::evaluation::subjects::resolve(state, t.class_id, t.kind, t.id).await?;
        format!("{} — refleksi", r.title.get(Locale::Id))
    };
    let mut added = 0;
    for report in &gathered.reports {
        let Some(total) = report.final_total else { continue };
        let picks: Vec<_> = report.scored.iter().map(|e| e.picks.clone()).collect();
        let levels: Vec<(String, String)> = median_levels(&picks, rubric.criteria.len())
            .into_iter()
            .zip(&rubric.criteria)
            .filter_map(|(l, c)| Some((c.title.clone(), c.levels.get(l?)?.label.clone())))
            .collect();
        let predicate = report.predicate.as_deref().unwrap_or("-");
        let grade = Grade {
            item: item_of(t),
            label: label.clone(),
            given: total,
            comment: comment(total, predicate, &levels),
            completed: true,
        };
        let scored = Scored {
            class_id: t.class_id,
            class_name: &class.name,
            path: if t.kind == TASK {
                format!("tasks/{}", t.id)
            } else {
                format!("scenarios/{}/reflection", t.id)
            },
            label: &label,
            total,
            predicate,
        };
        for user in participants(state, t, report.subject).await? {
            added += queue_for(&state.db, &contexts, t.class_id, user, &grade).await?;
            xapi::result_released(&state.db, user, &scored).await?;
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
