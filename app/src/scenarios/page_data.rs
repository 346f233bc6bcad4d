//! What the scenario pages show, gathered on the server (never sent as JSON:
//! the pages go out as HTML).
use crate::entities::{class, scenario, scenario_assignment};
use crate::error::AppResult;
use crate::i18n::P;
use crate::scenarios::domain::engine::{self, PlayState, Step};
use crate::scenarios::model::{Bilingual, Scenario, Scores};
use crate::scenarios::store::{self, play};
use crate::state::{AppState, Caller};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

pub struct ListData {
    pub class_id: i64,
    pub class_name: String,
    pub can_manage: bool,
    /// Facilitators, evaluators and admins: links to score the reflections.
    pub evaluates: bool,
    pub items: Vec<ListItem>,
    /// Published scenarios not yet assigned (for the assignment form).
    pub assignable: Vec<(String, Bilingual)>,
}

pub struct ListItem {
    pub assignment_id: i64,
    pub title: Bilingual,
    pub summary: Bilingual,
    pub minutes: u32,
    pub opens_at: DateTime<Utc>,
    pub closes_at: Option<DateTime<Utc>>,
    pub max_attempts: i32,
    /// The caller's own attempts, when they are a participant.
    pub mine: Option<Mine>,
}

pub struct Mine {
    pub in_progress: Option<u32>,
    pub finished: usize,
}

pub async fn list_data(
    state: &AppState,
    caller: &Caller,
    class: class::Model,
    can_manage: bool,
    is_participant: bool,
) -> AppResult<ListData> {
    // A fixed number of queries, whatever the number of assignments.
    let assigned = play::assignments_in_class(&state.db, class.id).await?;
    let scenario_ids: Vec<i64> = assigned.iter().map(|a| a.scenario_id).collect();
    let latest = store::latest_parsed(&state.db, &state.cache(), &scenario_ids).await?;
    let mut mine = if is_participant {
        let ids: Vec<i64> = assigned.iter().map(|a| a.id).collect();
        Some(mine_of(state, &ids, caller.user_id).await?)
    } else {
        None
    };
    let mut items = Vec::with_capacity(assigned.len());
    for a in &assigned {
        let Some((_, scenario)) = latest.get(&a.scenario_id) else {
            // Assigning needs a published version, so this is a fault.
            tracing::warn!(
                scenario = a.scenario_id,
                "assigned scenario without a published version"
            );
            continue;
        };
        let mine = mine.as_mut().map(|m| {
            m.remove(&a.id).unwrap_or(Mine {
                in_progress: None,
                finished: 0,
            })
        });
        items.push(ListItem {
            assignment_id: a.id,
            title: scenario.title.clone(),
            summary: scenario.summary.clone(),
            minutes: scenario.minutes,
            opens_at: a.opens_at,
            closes_at: a.closes_at,
            max_attempts: a.max_attempts,
            mine,
        });
    }
    let assignable = if can_manage {
        store::all(&state.db)
            .await?
            .into_iter()
            .filter(|(row, _)| {
                row.published > 0 && !row.retired && !assigned.iter().any(|a| a.scenario_id == row.id)
            })
            .map(|(row, draft)| (row.key, draft.title))
            .collect()
    } else {
        Vec::new()
    };
    Ok(ListData {
        class_id: class.id,
        class_name: class.name,
        can_manage,
        evaluates: !is_participant,
        items,
        assignable,
    })
}

/// The caller's attempts at each assignment: two queries for them all.
async fn mine_of(state: &AppState, assignment_ids: &[i64], user_id: i64) -> AppResult<HashMap<i64, Mine>> {
    let attempts = play::attempts_at(&state.db, assignment_ids, user_id).await?;
    let open: Vec<i64> = attempts
        .values()
        .filter_map(|ts| ts.iter().find(|t| t.finished_at.is_none()))
        .map(|t| t.id)
        .collect();
    let mut steps = play::steps_of_all(&state.db, &open).await?;
    let mut out = HashMap::with_capacity(attempts.len());
    for (assignment, ts) in attempts {
        let in_progress = match ts.iter().find(|t| t.finished_at.is_none()) {
            Some(t) => {
                let s = store::parsed(&state.db, &state.cache(), t.version_id).await?;
                let taken = steps.remove(&t.id).unwrap_or_default();
                Some(engine::progress_percent(&s, &play::state_of(&s, &taken)?))
            }
            None => None,
        };
        let finished = ts.iter().filter(|t| t.finished_at.is_some()).count();
        out.insert(
            assignment,
            Mine {
                in_progress,
                finished,
            },
        );
    }
    Ok(out)
}

pub struct PlayData {
    pub class_id: i64,
    pub assignment_id: i64,
    /// The attempt's version, shared with the server's parsed versions.
    pub scenario: std::sync::Arc<Scenario>,
    pub mode: Mode,
    /// A fresh idempotency key for this page's one form.
    pub form_key: String,
    /// The participant's reflections' released result.
    pub result: Option<crate::results::released::Released>,
}

pub enum Mode {
    /// Not a participant: the scenario's introduction only.
    Preview {
        can_manage: bool,
    },
    /// No attempt in progress: introduction and, if allowed, a start button.
    Intro {
        refusal: Option<P>,
        finished: usize,
    },
    Playing(Playing),
    Summary(Summary),
}

pub struct Playing {
    pub attempt_id: i64,
    /// The steps taken so far, in order.
    pub steps: Vec<Step>,
    pub state: PlayState,
    pub percent: u32,
}

pub struct Summary {
    /// Which attempt of the participant's this was (1, 2, …).
    pub number: i32,
    /// The ending node reached.
    pub ending: Option<String>,
    pub steps: Vec<Step>,
    pub scores: Scores,
    /// The decision grade out of 100 (the one an LMS receives); None when
    /// the attempt had no choice between options of different worth.
    pub grade: Option<f64>,
    /// Why another attempt cannot start, if it cannot.
    pub refusal: Option<P>,
}

pub async fn play_data(
    state: &AppState,
    caller: &Caller,
    class: &class::Model,
    a: scenario_assignment::Model,
    row: scenario::Model,
    is_participant: bool,
    can_manage: bool,
) -> AppResult<PlayData> {
    let attempts = if is_participant {
        play::attempts_of(&state.db, a.id, caller.user_id).await?
    } else {
        Vec::new()
    };
    let latest = attempts.last().cloned();
    let version_id = match &latest {
        Some(t) => t.version_id,
        None => store::latest_version(&state.db, row.id).await?.id,
    };
    let scenario = store::parsed(&state.db, &state.cache(), version_id).await?;
    let refusal = refusal(&a, attempts.len());
    let mode = match latest {
        _ if !is_participant => Mode::Preview { can_manage },
        None => Mode::Intro { refusal, finished: 0 },
        Some(attempt) => {
            let rows = play::steps_of(&state.db, attempt.id).await?;
            let play = play::state_of(&scenario, &rows)?;
            let steps: Vec<Step> = rows.iter().map(play::as_step).collect();
            if attempt.finished_at.is_none() {
                let percent = engine::progress_percent(&scenario, &play);
                Mode::Playing(Playing {
                    attempt_id: attempt.id,
                    steps,
                    state: play,
                    percent,
                })
            } else {
                Mode::Summary(Summary {
                    grade: crate::scenarios::domain::grade::decision_percent(&scenario, &steps),
                    number: attempt.number,
                    ending: attempt.ending,
                    steps,
                    scores: play.scores,
                    refusal,
                })
            }
        }
    };
    let result = if is_participant {
        let target = crate::results::target::Target::reflection(class.id, a.id);
        crate::results::released::released(state, class, &target, caller.user_id).await?
    } else {
        None
    };
    Ok(PlayData {
        result,
        class_id: a.class_id,
        assignment_id: a.id,
        scenario,
        mode,
        form_key: uuid::Uuid::new_v4().to_string(),
    })
}

/// Why a new attempt cannot start now, if it cannot.
fn refusal(a: &scenario_assignment::Model, used: usize) -> Option<P> {
    play::window_problem(a, Utc::now())
        .or_else(|| (a.max_attempts > 0 && used as i32 >= a.max_attempts).then_some(P::ErrNoAttemptsLeft))
}
