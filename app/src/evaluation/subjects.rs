//! What each target's subjects are and what they handed in: the published
//! teams of a task and their counting version, or the participants who wrote
//! reflections in a scenario assignment and those reflections.
use crate::entities::{scenario_attempt, scenario_step, team};
use crate::error::{AppError, AppResult};
use crate::i18n::{fill, Locale, P};
use crate::results::target::{Target, REFLECTION};
use crate::scenarios::model::{Bilingual, NodeKind};
use crate::state::AppState;
use sea_orm::{prelude::*, QueryOrder};
use std::collections::{hash_map::Entry, BTreeMap, HashMap};

/// A team or a participant.
#[derive(Debug, Clone)]
pub struct Subject {
    pub id: i64,
    /// The team's number; `None` for a participant.
    pub team: Option<i32>,
    /// The participant's name (empty for a team).
    pub name: String,
}

impl Subject {
    /// "Tim 3", or the participant's name.
    pub fn label(&self, locale: Locale) -> String {
        match self.team {
            Some(n) => fill(P::TeamNumber.t(locale), &[n.to_string()]),
            None => self.name.clone(),
        }
    }
}

/// A target checked to belong to its class, with its title (a task's is
/// the same in both languages).
pub struct Resolved {
    pub target: Target,
    pub title: Bilingual,
}

/// The target named by `kind` and `id`, if it belongs to the class (one
/// query: what every save checks, without reading the scenario itself).
pub async fn target(state: &AppState, class_id: i64, kind: &str, id: i64) -> AppResult<Target> {
    let target = Target::of(kind, class_id, id);
    if target.kind == REFLECTION {
        crate::scenarios::store::play::assignment_row(&state.db, class_id, id).await?;
    } else {
        crate::tasks::store::task(&state.db, class_id, id).await?;
    }
    Ok(target)
}

/// As `target`, with the target's title for its pages.
pub async fn resolve(state: &AppState, class_id: i64, kind: &str, id: i64) -> AppResult<Resolved> {
    let target = Target::of(kind, class_id, id);
    let title = if target.kind == REFLECTION {
        let (_, row) = crate::scenarios::store::play::assignment(&state.db, class_id, id).await?;
        let latest = crate::scenarios::store::latest_version(&state.db, row.id).await?;
        crate::scenarios::store::from_json(&latest.document)?.title
    } else {
        let title = crate::tasks::store::task(&state.db, class_id, id).await?.title;
        Bilingual::new(title.clone(), title)
    };
    Ok(Resolved { target, title })
}

/// The subjects in order: published teams by number, or the participants
/// with at least one reflection in the assignment, by name.
pub async fn subjects(state: &AppState, t: &Target) -> AppResult<Vec<Subject>> {
    if t.kind != REFLECTION {
        return Ok(teams_of(state, t.class_id)
            .await?
            .into_iter()
            .map(|team| Subject {
                id: team.id,
                team: Some(team.number),
                name: String::new(),
            })
            .collect());
    }
    let writers = reflections(&state.db, t.id, None).await?;
    let mut people: Vec<Subject> = crate::classes::store::members(&state.db, t.class_id)
        .await?
        .into_iter()
        .filter(|(m, u)| m.role == "participant" && writers.contains_key(&u.id))
        .map(|(_, u)| Subject {
            id: u.id,
            team: None,
            name: u.full_name,
        })
        .collect();
    people.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    people.dedup_by_key(|s| s.id);
    Ok(people)
}

/// `subject` is one of the target's subjects (checked on every save, so
/// with the fewest queries rather than by listing them all).
pub async fn is_subject(state: &AppState, t: &Target, subject: i64) -> AppResult<bool> {
    if t.kind != REFLECTION {
        return crate::results::store::is_published_team(&state.db, t.class_id, subject).await;
    }
    let participant = crate::auth::guard::memberships(&state.db, subject, t.class_id)
        .await?
        .contains(&crate::auth::policy::Membership::Participant);
    Ok(participant && !reflections(&state.db, t.id, Some(subject)).await?.is_empty())
}

/// The caller's own subject: their published team, or themselves once they
/// have written a reflection.
pub async fn subject_of(state: &AppState, t: &Target, user: i64) -> AppResult<Option<i64>> {
    if t.kind == REFLECTION {
        let mine = reflections(&state.db, t.id, Some(user)).await?;
        return Ok(mine.contains_key(&user).then_some(user));
    }
    Ok(
        crate::teams::store::published_team_of(&state.db, t.class_id, user)
            .await?
            .map(|(team, _)| team.id),
    )
}

/// One attempt's reflections: (prompt, what the participant wrote).
pub struct Written {
    pub attempt: i32,
    pub finished: bool,
    pub items: Vec<(String, String)>,
}

/// Every reflection a participant wrote in the assignment, attempt by attempt.
pub async fn written(state: &AppState, t: &Target, user: i64, locale: Locale) -> AppResult<Vec<Written>> {
    let by_user = reflections(&state.db, t.id, Some(user)).await?;
    let Some(attempts) = by_user.get(&user) else {
        return Err(AppError::NotFound);
    };
    let mut versions = HashMap::new();
    let mut out = Vec::new();
    for (attempt, steps) in attempts.values() {
        let scenario = match versions.entry(attempt.version_id) {
            Entry::Occupied(known) => known.into_mut(),
            Entry::Vacant(new) => new.insert(
                crate::scenarios::store::parsed(&state.db, &state.cache(), attempt.version_id).await?,
            ),
        };
        let prompt_of = |node: &str| {
            scenario
                .nodes
                .iter()
                .find(|n| n.id == node)
                .and_then(|n| match &n.kind {
                    NodeKind::Reflection { prompt, .. } => Some(prompt.get(locale).to_string()),
                    _ => None,
                })
                .unwrap_or_else(|| node.to_string())
        };
        out.push(Written {
            attempt: attempt.number,
            finished: attempt.finished_at.is_some(),
            items: steps
                .iter()
                .map(|s| (prompt_of(&s.node), s.reflection.clone().unwrap_or_default()))
                .collect(),
        });
    }
    Ok(out)
}

type ByAttempt = BTreeMap<i32, (scenario_attempt::Model, Vec<scenario_step::Model>)>;

/// The assignment's reflection steps by participant, then attempt number
/// (only attempts with at least one reflection); one participant's with `only`.
async fn reflections<C: ConnectionTrait>(
    db: &C,
    assignment: i64,
    only: Option<i64>,
) -> AppResult<HashMap<i64, ByAttempt>> {
    let mut query =
        scenario_attempt::Entity::find().filter(scenario_attempt::Column::AssignmentId.eq(assignment));
    if let Some(user) = only {
        query = query.filter(scenario_attempt::Column::UserId.eq(user));
    }
    let attempts: HashMap<i64, scenario_attempt::Model> =
        query.all(db).await?.into_iter().map(|a| (a.id, a)).collect();
    let steps = scenario_step::Entity::find()
        .filter(scenario_step::Column::AttemptId.is_in(attempts.keys().copied().collect::<Vec<_>>()))
        .filter(scenario_step::Column::Reflection.is_not_null())
        .order_by_asc(scenario_step::Column::AttemptId)
        .order_by_asc(scenario_step::Column::Seq)
        .all(db)
        .await?;
    let mut out: HashMap<i64, ByAttempt> = HashMap::new();
    for step in steps {
        let Some(attempt) = attempts.get(&step.attempt_id) else {
            continue;
        };
        out.entry(attempt.user_id)
            .or_default()
            .entry(attempt.number)
            .or_insert_with(|| (attempt.clone(), Vec::new()))
            .1
            .push(step);
    }
    Ok(out)
}

/// The class's published teams, in number order.
pub async fn teams_of(state: &AppState, class_id: i64) -> AppResult<Vec<team::Model>> {
    Ok(crate::teams::store::newest(&state.db, class_id, true)
        .await?
        .map(|s| s.teams.into_iter().map(|(t, _)| t).collect())
        .unwrap_or_default())
}
