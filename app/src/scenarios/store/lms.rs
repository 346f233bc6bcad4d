//! A scenario's results as the LMS and the LRS receive them: after each
//! finished attempt the participant's best decision grade, and an xAPI
//! statement for each decision and each finished attempt. Queued inside the
//! transaction that saves the step.
use crate::entities::{scenario_assignment, scenario_attempt, scenario_step};
use crate::error::{AppError, AppResult};
use crate::i18n::Locale;
use crate::lms::domain::grades::scenario_comment;
use crate::lms::domain::items::Item;
use crate::lms::domain::xapi::{self as x, Activity, Lrs};
use crate::lms::grades::{graded_contexts, queue_for, Grade};
use crate::lms::xapi::{lrs, queue, who, About};
use crate::scenarios::domain::engine::{Answer, Step};
use crate::scenarios::domain::grade::decision_percent;
use crate::scenarios::model::{NodeKind, Scenario};
use sea_orm::{ConnectionTrait, EntityTrait};

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

fn scenario_activity(lrs: &Lrs, class_id: i64, assignment: i64, s: &Scenario) -> Activity {
    Activity {
        id: lrs.page(&format!("/classes/{class_id}/scenarios/{assignment}")),
        name: s.title.get(Locale::Id).to_string(),
        kind: x::SIMULATION,
    }
}

/// A step just saved after `earlier`: a choice becomes "answered" (with
/// every option offered); when the step ended the attempt (`attempt` is then
/// the finished row), "completed" follows with the attempt's decision grade
/// (none when it had nothing to decide between) and its ending. The text of
/// reflections stays in Sinergi.
pub async fn step_taken<C: ConnectionTrait>(
    db: &C,
    attempt: &scenario_attempt::Model,
    s: &Scenario,
    earlier: &[scenario_step::Model],
    step: &Step,
) -> AppResult<()> {
    let Some(lrs) = lrs() else { return Ok(()) };
    let choice = match (&step.answer, s.node(&step.node).map(|n| &n.kind)) {
        (Answer::Choose(chosen), Some(NodeKind::Choice { text, options })) => Some((chosen, text, options)),
        _ => None,
    };
    let finished = attempt.finished_at.is_some();
    if choice.is_none() && !finished {
        return Ok(());
    }
    let class_id = scenario_assignment::Entity::find_by_id(attempt.assignment_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?
        .class_id;
    let who = who(db, &lrs, attempt.user_id, class_id).await?;
    let scenario = scenario_activity(&lrs, class_id, attempt.assignment_id, s);
    if let Some((chosen, text, options)) = choice {
        let offered: Vec<(String, String)> = options
            .iter()
            .map(|o| (o.key.clone(), o.text.get(Locale::Id).to_string()))
            .collect();
        let about = About {
            object: x::choice(
                format!("{}#{}", scenario.id, step.node),
                text.get(Locale::Id),
                &offered,
            ),
            parent: Some(scenario.clone()),
            result: x::result(false, None, Some(chosen)),
        };
        let key = format!("xapi:answered:{}:{}", attempt.id, earlier.len());
        queue(db, &lrs, &who, &key, &x::ANSWERED, about).await?;
    }
    if finished {
        let mut taken: Vec<Step> = earlier
            .iter()
            .map(crate::scenarios::store::play::as_step)
            .collect();
        taken.push(step.clone());
        let about = About {
            object: x::activity(&scenario),
            parent: None,
            result: x::result(true, decision_percent(s, &taken), attempt.ending.as_deref()),
        };
        let key = format!("xapi:completed:attempt:{}", attempt.id);
        queue(db, &lrs, &who, &key, &x::COMPLETED, about).await?;
    }
    Ok(())
}
