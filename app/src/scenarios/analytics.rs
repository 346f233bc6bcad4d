//! Gathers an assignment's attempts with each participant's generation (server
//! only), for the analytics page and the decisions CSV.
use super::domain::analytics::{summarise, AttemptRecord, Summary};
use super::model::{NodeKind, Scenario};
use super::store::{self, play};
use crate::classes::domain::generation::{GenerationScheme, UNKNOWN_CODE};
use crate::entities::{scenario_attempt, scenario_step, user};
use crate::error::AppResult;
use crate::state::AppState;
use chrono::Datelike;
use sea_orm::{prelude::*, QueryOrder};
use std::collections::HashMap;

pub struct AnalyticsData {
    pub class_id: i64,
    pub assignment_id: i64,
    pub scenario: Scenario,
    pub scheme: GenerationScheme,
    /// Generation codes present, in the scheme's order.
    pub generations: Vec<String>,
    pub summary: Summary,
    /// (participant, generation code, reflection prompt node, text)
    pub reflections: Vec<(String, String, String, String)>,
    /// Each LMS learner's grade status for this assignment (name, status).
    pub lms: Vec<(String, String)>,
}

struct Loaded {
    scenario: Scenario,
    scheme: GenerationScheme,
    people: HashMap<i64, (user::Model, String)>,
    attempts: Vec<scenario_attempt::Model>,
    steps: HashMap<i64, Vec<scenario_step::Model>>,
}

async fn gather(state: &AppState, class_id: i64, assignment_id: i64) -> AppResult<Loaded> {
    let (a, row) = play::assignment(&state.db, class_id, assignment_id).await?;
    let scenario = store::from_json(&store::latest_version(&state.db, row.id).await?.document)?;
    let scheme = crate::classes::store::active_scheme_cached(state).await?;
    let people = crate::classes::store::members(&state.db, class_id)
        .await?
        .into_iter()
        .map(|(_, u)| {
            let code = u.birth_date.map_or(UNKNOWN_CODE.to_string(), |d| {
                scheme.classify(d.year()).to_string()
            });
            (u.id, (u, code))
        })
        .collect();
    let attempts = scenario_attempt::Entity::find()
        .filter(scenario_attempt::Column::AssignmentId.eq(a.id))
        .order_by_asc(scenario_attempt::Column::Id)
        .all(&state.db)
        .await?;
    let ids: Vec<i64> = attempts.iter().map(|t| t.id).collect();
    let mut steps: HashMap<i64, Vec<scenario_step::Model>> = HashMap::new();
    for step in scenario_step::Entity::find()
        .filter(scenario_step::Column::AttemptId.is_in(ids))
        .order_by_asc(scenario_step::Column::AttemptId)
        .order_by_asc(scenario_step::Column::Seq)
        .all(&state.db)
        .await?
    {
        steps.entry(step.attempt_id).or_default().push(step);
    }
    Ok(Loaded {
        scenario,
        scheme,
        people,
        attempts,
        steps,
    })
}

impl Loaded {
    fn generation_of(&self, user_id: i64) -> String {
        self.people
            .get(&user_id)
            .map_or(UNKNOWN_CODE.to_string(), |(_, g)| g.clone())
    }
}

pub async fn load(state: &AppState, class_id: i64, assignment_id: i64) -> AppResult<AnalyticsData> {
    let data = gather(state, class_id, assignment_id).await?;
    let mut records = Vec::with_capacity(data.attempts.len());
    let mut reflections = Vec::new();
    for t in &data.attempts {
        let generation = data.generation_of(t.user_id);
        let steps = data.steps.get(&t.id).map(Vec::as_slice).unwrap_or_default();
        let name = data
            .people
            .get(&t.user_id)
            .map(|(u, _)| u.full_name.clone())
            .unwrap_or_default();
        for s in steps.iter().filter(|s| s.reflection.is_some()) {
            reflections.push((
                name.clone(),
                generation.clone(),
                s.node.clone(),
                s.reflection.clone().unwrap_or_default(),
            ));
        }
        records.push(AttemptRecord {
            generation,
            choices: steps
                .iter()
                .filter_map(|s| Some((s.node.clone(), s.option_key.clone()?)))
                .collect(),
            outcome: t.ending.clone().zip(play::scores_of(t)),
        });
    }
    let summary = summarise(&records);
    let mut generations: Vec<String> = data.scheme.ranges.iter().map(|r| r.code.clone()).collect();
    generations.insert(0, crate::classes::domain::generation::PRE_BOOMER_CODE.to_string());
    generations.push(UNKNOWN_CODE.to_string());
    generations.retain(|g| records.iter().any(|r| &r.generation == g));
    Ok(AnalyticsData {
        class_id,
        assignment_id,
        scenario: data.scenario,
        scheme: data.scheme,
        generations,
        summary,
        reflections,
        lms: Vec::new(),
    })
}

/// Every saved step of the assignment, one row each, for spreadsheets.
pub async fn decisions_csv(state: &AppState, class_id: i64, assignment_id: i64) -> AppResult<String> {
    let data = gather(state, class_id, assignment_id).await?;
    // Every cell is neutralised by `csv_out` (names come from LMS rosters).
    let mut out = crate::csv_out::CsvOut::new();
    let header = [
        "attempt_id",
        "participant",
        "nip",
        "generation",
        "attempt",
        "step",
        "node",
        "node_type",
        "option",
        "reflection",
        "saved_at_utc",
        "ending",
    ];
    out.row(header).map_err(crate::error::AppError::internal)?;
    for t in &data.attempts {
        let (name, nip) = data
            .people
            .get(&t.user_id)
            .map(|(u, _)| (u.full_name.clone(), u.nip.clone().unwrap_or_default()))
            .unwrap_or_default();
        for s in data.steps.get(&t.id).map(Vec::as_slice).unwrap_or_default() {
            let node_type = data.scenario.node(&s.node).map_or("", |n| n.kind.type_name());
            out.row([
                t.id.to_string(),
                name.clone(),
                nip.clone(),
                data.generation_of(t.user_id),
                t.number.to_string(),
                (s.seq + 1).to_string(),
                s.node.clone(),
                node_type.to_string(),
                s.option_key.clone().unwrap_or_default(),
                s.reflection.clone().unwrap_or_default(),
                s.created_at.format("%Y-%m-%d %H:%M:%S").to_string(),
                t.ending.clone().unwrap_or_default(),
            ])
            .map_err(crate::error::AppError::internal)?;
        }
    }
    out.finish().map_err(crate::error::AppError::internal)
}

/// The text of a choice option or of a node, for labels (the key when it is gone).
pub fn option_label(s: &Scenario, node: &str, option: &str, locale: crate::i18n::Locale) -> String {
    match s.node(node).map(|n| &n.kind) {
        Some(NodeKind::Choice { options, .. }) => options
            .iter()
            .find(|o| o.key == option)
            .map_or(option.to_string(), |o| o.text.get(locale).to_string()),
        _ => option.to_string(),
    }
}
