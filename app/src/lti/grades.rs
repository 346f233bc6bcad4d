//! Sinergi's results become grade calls in the outbox, one per participant
//! who came from an LMS course linked to the class: released rubric results,
//! finished scenario attempts and lessons read. Queueing runs on the caller's
//! connection, so inside its transaction the grade is stored with the result
//! or not at all.
use super::domain::grades::{comment, median_levels, scenario_comment, score, unit_comment};
use super::domain::items::{Item, SCORE_MAXIMUM};
use super::outbox::{self, ScoreCall};
use super::xapi::Scored;
use crate::entities::{
    class, cur_lesson, cur_unit, lesson_completion, lti_account, lti_context, scenario_assignment,
    scenario_attempt, team_member,
};
use crate::error::{AppError, AppResult};
use crate::evaluation::gather::gather;
use crate::evaluation::target::{Target, TASK};
use crate::i18n::Locale;
use crate::scenarios::domain::grade::decision_percent;
use crate::scenarios::model::NodeKind;
use crate::state::AppState;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// One person's result on one activity, ready to queue.
pub struct Grade {
    pub item: Item,
    pub label: String,
    pub given: f64,
    pub comment: String,
    /// Finished and final (FullyGraded), or still in progress.
    pub completed: bool,
}

/// The line item a rubric target's results go to.
pub fn item_of(t: &Target) -> Item {
    if t.kind == TASK {
        Item::Task(t.id)
    } else {
        Item::Reflection(t.id)
    }
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

/// Queues the released results of `t`; returns how many calls were added.
pub async fn queue_released(state: &AppState, t: &Target) -> AppResult<usize> {
    let contexts = graded_contexts(&state.db, t.class_id).await?;
    if contexts.is_empty() && super::xapi::lrs().is_none() {
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
            super::xapi::result_released(&state.db, user, &scored).await?;
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

/// After an attempt finished: queues the participant's best decision grade
/// over their finished attempts of the assignment (a weaker retry never
/// lowers what the LMS shows; an unchanged best is not sent again).
pub async fn queue_attempt<C: ConnectionTrait>(
    db: &C,
    finished: &scenario_attempt::Model,
) -> AppResult<usize> {
    let assignment = scenario_assignment::Entity::find_by_id(finished.assignment_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let contexts = graded_contexts(db, assignment.class_id).await?;
    if contexts.is_empty() {
        return Ok(0);
    }
    let attempts = crate::scenarios::store::play::attempts_of(db, assignment.id, finished.user_id).await?;
    let mut best: Option<(f64, String)> = None;
    let mut title = String::new();
    let mut count = 0;
    for attempt in attempts.iter().filter(|a| a.finished_at.is_some()) {
        count += 1;
        let graded = attempt_grade(db, attempt).await?;
        title = graded.title;
        if best.as_ref().is_none_or(|(b, _)| graded.percent >= *b) {
            best = Some((graded.percent, graded.ending));
        }
    }
    let Some((given, ending)) = best else { return Ok(0) };
    let grade = Grade {
        item: Item::Scenario(assignment.id),
        label: title,
        given,
        comment: scenario_comment(given, count, &ending),
        completed: true,
    };
    queue_for(db, &contexts, assignment.class_id, finished.user_id, &grade).await
}

struct AttemptGrade {
    percent: f64,
    ending: String,
    /// The scenario's title in the attempt's version.
    title: String,
}

/// A finished attempt's decision grade (100 when it had nothing to decide
/// between: finishing is then the whole of it) and its ending's title.
async fn attempt_grade<C: ConnectionTrait>(
    db: &C,
    attempt: &scenario_attempt::Model,
) -> AppResult<AttemptGrade> {
    let s = crate::scenarios::store::version(db, attempt.version_id).await?;
    let steps: Vec<_> = crate::scenarios::store::play::steps_of(db, attempt.id)
        .await?
        .iter()
        .map(crate::scenarios::store::play::as_step)
        .collect();
    let ending = attempt
        .ending
        .as_deref()
        .and_then(|id| s.node(id))
        .and_then(|n| match &n.kind {
            NodeKind::Ending { title, .. } => Some(title.get(Locale::Id).to_string()),
            _ => None,
        })
        .unwrap_or_default();
    Ok(AttemptGrade {
        percent: decision_percent(&s, &steps).unwrap_or(100.0),
        ending,
        title: s.title.get(Locale::Id).to_string(),
    })
}

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
