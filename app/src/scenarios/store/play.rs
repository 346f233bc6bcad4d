//! Assignments, attempts and steps in the database (server only). Every write
//! runs in one transaction and is keyed by the client's key, so a retried
//! request (a flaky network, a double tap) is stored once.
use crate::entities::{scenario, scenario_assignment, scenario_attempt, scenario_step};
use crate::error::{AppError, AppResult};
use crate::i18n::said;
use crate::i18n::{Msg, K, P};
use crate::scenarios::domain::engine::{self, Answer, PlayState, Step, StepError};
use crate::scenarios::model::{Scenario, Scores};
use crate::scenarios::store;
use chrono::Utc;
use sea_orm::{prelude::*, ActiveValue::Set, QueryOrder, QuerySelect};
use std::collections::HashMap;

/// An assignment of the class, with its scenario row.
pub async fn assignment<C: ConnectionTrait>(
    db: &C,
    class_id: i64,
    assignment_id: i64,
) -> AppResult<(scenario_assignment::Model, scenario::Model)> {
    // One query: the assignment with its scenario.
    let scenario_of: RelationDef = scenario_assignment::Entity::belongs_to(scenario::Entity)
        .from(scenario_assignment::Column::ScenarioId)
        .to(scenario::Column::Id)
        .into();
    let found = scenario_assignment::Entity::find_by_id(assignment_id)
        .join(sea_orm::JoinType::InnerJoin, scenario_of)
        .select_also(scenario::Entity)
        .one(db)
        .await?;
    match found {
        Some((a, Some(row))) if a.class_id == class_id => Ok((a, row)),
        _ => Err(AppError::NotFound),
    }
}

/// The class's assignments in the order they were made, without their
/// scenarios (the class's scenario list takes titles from the parsed
/// versions the server keeps, not from the drafts).
pub async fn assignments_in_class<C: ConnectionTrait>(
    db: &C,
    class_id: i64,
) -> AppResult<Vec<scenario_assignment::Model>> {
    Ok(scenario_assignment::Entity::find()
        .filter(scenario_assignment::Column::ClassId.eq(class_id))
        .order_by_asc(scenario_assignment::Column::Id)
        .all(db)
        .await?)
}

pub async fn assignments_of_class<C: ConnectionTrait>(
    db: &C,
    class_id: i64,
) -> AppResult<Vec<(scenario_assignment::Model, scenario::Model)>> {
    let assignments = assignments_in_class(db, class_id).await?;
    let ids: Vec<i64> = assignments.iter().map(|a| a.scenario_id).collect();
    let scenarios: HashMap<i64, scenario::Model> = scenario::Entity::find()
        .filter(scenario::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    Ok(assignments
        .into_iter()
        .filter_map(|a| scenarios.get(&a.scenario_id).cloned().map(|s| (a, s)))
        .collect())
}

/// The user's attempts at each of `assignment_ids`, in order, in one query.
pub async fn attempts_at<C: ConnectionTrait>(
    db: &C,
    assignment_ids: &[i64],
    user_id: i64,
) -> AppResult<HashMap<i64, Vec<scenario_attempt::Model>>> {
    let rows = scenario_attempt::Entity::find()
        .filter(scenario_attempt::Column::AssignmentId.is_in(assignment_ids.iter().copied()))
        .filter(scenario_attempt::Column::UserId.eq(user_id))
        .order_by_asc(scenario_attempt::Column::Number)
        .all(db)
        .await?;
    Ok(grouped(rows, |a| a.assignment_id))
}

/// The steps of each of `attempt_ids`, in order, in one query.
pub async fn steps_of_all<C: ConnectionTrait>(
    db: &C,
    attempt_ids: &[i64],
) -> AppResult<HashMap<i64, Vec<scenario_step::Model>>> {
    if attempt_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = scenario_step::Entity::find()
        .filter(scenario_step::Column::AttemptId.is_in(attempt_ids.iter().copied()))
        .order_by_asc(scenario_step::Column::Seq)
        .all(db)
        .await?;
    Ok(grouped(rows, |s| s.attempt_id))
}

/// `rows` by `key`, each group in the rows' order.
fn grouped<T>(rows: Vec<T>, key: impl Fn(&T) -> i64) -> HashMap<i64, Vec<T>> {
    let mut out: HashMap<i64, Vec<T>> = HashMap::new();
    for row in rows {
        out.entry(key(&row)).or_default().push(row);
    }
    out
}

pub async fn attempts_of<C: ConnectionTrait>(
    db: &C,
    assignment_id: i64,
    user_id: i64,
) -> AppResult<Vec<scenario_attempt::Model>> {
    Ok(scenario_attempt::Entity::find()
        .filter(scenario_attempt::Column::AssignmentId.eq(assignment_id))
        .filter(scenario_attempt::Column::UserId.eq(user_id))
        .order_by_asc(scenario_attempt::Column::Number)
        .all(db)
        .await?)
}

pub async fn steps_of<C: ConnectionTrait>(db: &C, attempt_id: i64) -> AppResult<Vec<scenario_step::Model>> {
    Ok(scenario_step::Entity::find()
        .filter(scenario_step::Column::AttemptId.eq(attempt_id))
        .order_by_asc(scenario_step::Column::Seq)
        .all(db)
        .await?)
}

/// The class's assignment `assignment_id`, or `NotFound`.
pub async fn assignment_row<C: ConnectionTrait>(
    db: &C,
    class_id: i64,
    assignment_id: i64,
) -> AppResult<scenario_assignment::Model> {
    scenario_assignment::Entity::find_by_id(assignment_id)
        .one(db)
        .await?
        .filter(|a| a.class_id == class_id)
        .ok_or(AppError::NotFound)
}

pub fn as_step(row: &scenario_step::Model) -> Step {
    let answer = match (&row.option_key, &row.reflection) {
        (Some(key), _) => Answer::Choose(key.clone()),
        (None, Some(text)) => Answer::Reflect(text.clone()),
        (None, None) => Answer::Continue,
    };
    Step {
        node: row.node.clone(),
        answer,
    }
}

/// Where an attempt stands, rebuilt from its saved steps.
pub fn state_of(s: &Scenario, steps: &[scenario_step::Model]) -> AppResult<PlayState> {
    let steps: Vec<Step> = steps.iter().map(as_step).collect();
    engine::replay(s, &steps).map_err(|e| AppError::internal(format!("replay: {e:?}")))
}

/// Why an assignment cannot be played now, if it cannot.
pub fn window_problem(a: &scenario_assignment::Model, now: DateTimeUtc) -> Option<P> {
    if now < a.opens_at {
        Some(P::ErrNotOpen)
    } else if a.closes_at.is_some_and(|c| now > c) {
        Some(P::ErrClosed)
    } else {
        None
    }
}

/// Starts an attempt, or returns the one this key started, or the one still in
/// progress (one attempt at a time). Refused outside the assignment's window or
/// when the attempt policy is used up.
pub async fn start_attempt(
    db: &DatabaseConnection,
    a: &scenario_assignment::Model,
    user_id: i64,
    client_key: &str,
) -> AppResult<scenario_attempt::Model> {
    // Read, decide, number and insert as one serializable unit: a class
    // pressing "Mulai" together, on any server, each gets one attempt.
    crate::write_txn!(db, |txn| {
        let same_key = scenario_attempt::Entity::find()
            .filter(scenario_attempt::Column::ClientKey.eq(client_key))
            .one(txn)
            .await?;
        if let Some(found) = same_key {
            return if found.user_id == user_id {
                Ok(found)
            } else {
                Err(AppError::Forbidden)
            };
        }
        let attempts = attempts_of(txn, a.id, user_id).await?;
        if let Some(open) = attempts.iter().find(|t| t.finished_at.is_none()) {
            return Ok(open.clone());
        }
        if let Some(key) = window_problem(a, Utc::now()) {
            return Err(AppError::Rule(said(key)));
        }
        if a.max_attempts > 0 && attempts.len() as i32 >= a.max_attempts {
            return Err(AppError::Rule(said(P::ErrNoAttemptsLeft)));
        }
        let version = store::latest_version(txn, a.scenario_id).await?;
        Ok(scenario_attempt::ActiveModel {
            assignment_id: Set(a.id),
            user_id: Set(user_id),
            version_id: Set(version.id),
            number: Set(attempts.len() as i32 + 1),
            started_at: Set(Utc::now()),
            finished_at: Set(None),
            ending: Set(None),
            scores: Set(None),
            client_key: Set(client_key.to_string()),
            ..Default::default()
        }
        .insert(txn)
        .await?)
    })
}

/// One decision or reflection, as the participant made it on the page that
/// showed step `seq` at `node`.
pub struct StepInput {
    pub attempt_id: i64,
    pub seq: i32,
    pub step: Step,
    pub client_key: String,
}

/// Saves a step and, at an ending, closes the attempt. A key seen before is
/// the same request again: nothing changes and it succeeds. Two sends of one
/// step at once (a retry racing the original) collide on the step's unique
/// index; `write` runs the loser again, which then finds its key.
pub async fn take_step(
    db: &DatabaseConnection,
    versions: &store::ParsedVersions,
    user_id: i64,
    input: StepInput,
) -> AppResult<PlayState> {
    crate::write_txn!(db, |txn| {
        let attempt = scenario_attempt::Entity::find_by_id(input.attempt_id)
            .one(txn)
            .await?
            .filter(|a| a.user_id == user_id)
            .ok_or(AppError::NotFound)?;
        let scenario = store::parsed(txn, versions, attempt.version_id).await?;
        let steps = steps_of(txn, attempt.id).await?;
        let state = state_of(&scenario, &steps)?;
        if steps.iter().any(|s| s.client_key == input.client_key) {
            return Ok(state);
        }
        if input.seq != steps.len() as i32 {
            return Err(AppError::Conflict(said(P::ErrStale)));
        }
        let next = engine::apply(&scenario, &state, &input.step).map_err(step_error)?;
        let (option_key, reflection) = match &input.step.answer {
            Answer::Choose(key) => (Some(key.clone()), None),
            Answer::Reflect(text) => (None, Some(text.clone())),
            Answer::Continue => (None, None),
        };
        scenario_step::ActiveModel {
            attempt_id: Set(attempt.id),
            seq: Set(input.seq),
            node: Set(input.step.node.clone()),
            option_key: Set(option_key),
            reflection: Set(reflection),
            client_key: Set(input.client_key.clone()),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let attempt = if next.finished {
            let finished = finish(txn, attempt, &next).await?;
            // With the attempt, in its transaction: the LMS grade is never lost
            // and never queued for an attempt that did not finish.
            super::lms::queue_attempt(txn, &finished).await?;
            finished
        } else {
            attempt
        };
        super::lms::step_taken(txn, &attempt, &scenario, &steps, &input.step).await?;
        Ok(next)
    })
}

async fn finish<C: ConnectionTrait>(
    db: &C,
    attempt: scenario_attempt::Model,
    state: &PlayState,
) -> AppResult<scenario_attempt::Model> {
    let mut active: scenario_attempt::ActiveModel = attempt.into();
    active.finished_at = Set(Some(Utc::now()));
    active.ending = Set(Some(state.at.clone()));
    active.scores = Set(Some(
        serde_json::to_string(&state.scores).map_err(AppError::internal)?,
    ));
    Ok(active.update(db).await?)
}

pub fn scores_of(attempt: &scenario_attempt::Model) -> Option<Scores> {
    attempt
        .scores
        .as_deref()
        .and_then(|s| serde_json::from_str(s).ok())
}

fn step_error(e: StepError) -> AppError {
    match e {
        StepError::Finished | StepError::NotHere => AppError::Conflict(said(P::ErrStale)),
        StepError::WrongAnswer | StepError::UnknownOption => {
            AppError::field("choice", Msg::new(K::CheckChooseOne))
        }
        StepError::EmptyReflection => AppError::field("reflection", said(P::ErrReflectionEmpty)),
        StepError::ReflectionTooLong => AppError::field(
            "reflection",
            Msg::with(K::ReflectionTooLong, [engine::MAX_REFLECTION_CHARS.to_string()]),
        ),
        StepError::Broken | StepError::TooManySteps => AppError::internal(format!("scenario step: {e:?}")),
    }
}
