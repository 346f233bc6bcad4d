//! Scenarios in the database (server only): drafts, publishing (a frozen copy
//! per version, so attempts in progress keep theirs), and the shipped set.
pub mod lms;
pub mod play;

use super::domain::format::{parse, Parsed};
use super::domain::rules::{self, Problem};
use super::model::Scenario;
use crate::entities::{scenario, scenario_version};
use crate::error::{AppError, AppResult};
use chrono::Utc;
use sea_orm::{prelude::*, ActiveValue::Set, QueryOrder};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

/// The scenarios shipped with Sinergi (content/scenarios), compiled in.
pub const SHIPPED: [&str; 6] = [
    include_str!("../../../../content/scenarios/aplikasi-laporan.toml"),
    include_str!("../../../../content/scenarios/pesan-singkat.toml"),
    include_str!("../../../../content/scenarios/mentoring-terbalik.toml"),
    include_str!("../../../../content/scenarios/serah-terima-pensiun.toml"),
    include_str!("../../../../content/scenarios/rapat-hibrida.toml"),
    include_str!("../../../../content/scenarios/umpan-balik-atasan.toml"),
];

pub fn shipped() -> AppResult<Vec<Parsed>> {
    SHIPPED
        .iter()
        .map(|text| {
            parse("shipped.toml", text).map_err(|e| AppError::internal(format!("shipped scenario: {e:?}")))
        })
        .collect()
}

/// Loads and publishes the shipped scenarios when there are none yet.
pub async fn load_shipped_if_empty<C: ConnectionTrait>(db: &C) -> AppResult<bool> {
    if scenario::Entity::find().count(db).await? > 0 {
        return Ok(false);
    }
    for parsed in shipped()? {
        let row = save_draft(db, &parsed.scenario).await?;
        publish(db, &row)
            .await?
            .map_err(|p| AppError::internal(format!("shipped scenario {}: {p:?}", row.key)))?;
    }
    Ok(true)
}

pub fn to_json(s: &Scenario) -> AppResult<String> {
    serde_json::to_string(s).map_err(AppError::internal)
}

pub fn from_json(text: &str) -> AppResult<Scenario> {
    serde_json::from_str(text).map_err(AppError::internal)
}

/// Creates or replaces the draft with this key.
pub async fn save_draft<C: ConnectionTrait>(db: &C, s: &Scenario) -> AppResult<scenario::Model> {
    let existing = scenario::Entity::find()
        .filter(scenario::Column::Key.eq(&s.key))
        .one(db)
        .await?;
    let draft = to_json(s)?;
    Ok(match existing {
        Some(row) => {
            let mut active: scenario::ActiveModel = row.into();
            active.draft = Set(draft);
            active.retired = Set(false);
            active.updated_at = Set(Utc::now());
            active.update(db).await?
        }
        None => {
            scenario::ActiveModel {
                key: Set(s.key.clone()),
                draft: Set(draft),
                published: Set(0),
                retired: Set(false),
                updated_at: Set(Utc::now()),
                ..Default::default()
            }
            .insert(db)
            .await?
        }
    })
}

/// Publishes the draft as the next version, unless it breaks a rule.
pub async fn publish<C: ConnectionTrait>(
    db: &C,
    row: &scenario::Model,
) -> AppResult<Result<i32, Vec<Problem>>> {
    let draft = from_json(&row.draft)?;
    let problems = rules::check(&draft);
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let number = row.published + 1;
    scenario_version::ActiveModel {
        scenario_id: Set(row.id),
        number: Set(number),
        document: Set(row.draft.clone()),
        published_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let mut active: scenario::ActiveModel = row.clone().into();
    active.published = Set(number);
    active.update(db).await?;
    Ok(Ok(number))
}

pub async fn by_key<C: ConnectionTrait>(db: &C, key: &str) -> AppResult<(scenario::Model, Scenario)> {
    let row = scenario::Entity::find()
        .filter(scenario::Column::Key.eq(key))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let draft = from_json(&row.draft)?;
    Ok((row, draft))
}

/// Every scenario, by key, with its draft.
pub async fn all<C: ConnectionTrait>(db: &C) -> AppResult<Vec<(scenario::Model, Scenario)>> {
    let rows = scenario::Entity::find()
        .order_by_asc(scenario::Column::Key)
        .all(db)
        .await?;
    rows.into_iter()
        .map(|row| {
            let draft = from_json(&row.draft)?;
            Ok((row, draft))
        })
        .collect()
}

/// The newest published version of a scenario.
pub async fn latest_version<C: ConnectionTrait>(
    db: &C,
    scenario_id: i64,
) -> AppResult<scenario_version::Model> {
    scenario_version::Entity::find()
        .filter(scenario_version::Column::ScenarioId.eq(scenario_id))
        .order_by_desc(scenario_version::Column::Number)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn version<C: ConnectionTrait>(db: &C, id: i64) -> AppResult<Scenario> {
    let row = scenario_version::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    from_json(&row.document)
}

/// Published versions, parsed, by id. A version is written once, when it is
/// published, and never changed or deleted (the next publication is a new
/// version), so one parse serves this server for good, whatever another
/// server does. Parsing the document on every step and every list showed in
/// the scenario benchmark.
#[derive(Default)]
pub struct ParsedVersions(RwLock<HashMap<i64, Arc<Scenario>>>);

/// A committed version (one an attempt or a list refers to), parsed once.
pub async fn parsed<C: ConnectionTrait>(db: &C, cache: &ParsedVersions, id: i64) -> AppResult<Arc<Scenario>> {
    if let Some(s) = cache.0.read().ok().and_then(|c| c.get(&id).cloned()) {
        return Ok(s);
    }
    let s = Arc::new(version(db, id).await?);
    if let Ok(mut c) = cache.0.write() {
        c.insert(id, s.clone());
    }
    Ok(s)
}

/// The newest published version of each of `scenario_ids`, parsed, in one
/// query (documents are read only for versions this server has not parsed).
pub async fn latest_parsed<C: ConnectionTrait>(
    db: &C,
    cache: &ParsedVersions,
    scenario_ids: &[i64],
) -> AppResult<HashMap<i64, (i64, Arc<Scenario>)>> {
    use sea_orm::QuerySelect;
    let rows: Vec<(i64, i64, i32)> = scenario_version::Entity::find()
        .select_only()
        .column(scenario_version::Column::Id)
        .column(scenario_version::Column::ScenarioId)
        .column(scenario_version::Column::Number)
        .filter(scenario_version::Column::ScenarioId.is_in(scenario_ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    let mut newest: HashMap<i64, (i32, i64)> = HashMap::new();
    for (id, scenario_id, number) in rows {
        let slot = newest.entry(scenario_id).or_insert((number, id));
        if number > slot.0 {
            *slot = (number, id);
        }
    }
    let mut out = HashMap::with_capacity(newest.len());
    for (scenario_id, (_, id)) in newest {
        out.insert(scenario_id, (id, parsed(db, cache, id).await?));
    }
    Ok(out)
}
