//! Each programme's evaluation settings, set by admins on `/admin/bands`:
//! its predicate bands (thresholds from the top band down, checked so there
//! is no gap or overlap and the last band reaches 0; LAN's defaults until
//! set) and whether participants see their evaluators' names.
use crate::auth::model::Role;
use crate::entities::{programme, programme_band};
use crate::error::AppError;
use crate::i18n::said_with;
use crate::i18n::P;
use crate::rubrics::domain::bands::{self, Band, BandProblem};
use chrono::Utc;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use sea_orm::{sea_query::OnConflict, ActiveValue::Set, EntityTrait, QueryOrder};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Every programme with its bands (admins).
#[server(input = GetUrl, prefix = "/api", endpoint = "bands_page")]
pub async fn bands_page() -> Result<String, AppError> {
    crate::auth::guard::require_any(&[Role::Admin])?;
    let state = crate::auth::guard::state()?;
    let programmes = programme::Entity::find()
        .order_by_asc(programme::Column::Id)
        .all(&state.db)
        .await?;
    let stored: Vec<programme_band::Model> = programme_band::Entity::find().all(&state.db).await?;
    let list: Vec<(programme::Model, (Vec<Band>, bool))> = programmes
        .into_iter()
        .map(|p| {
            let settings =
                crate::results::sheet::read_settings(stored.iter().find(|s| s.programme_id == p.id));
            (p, settings)
        })
        .collect();
    crate::ui::render_html(move || super::bands_view::bands_body(list))
}

/// One band as the form posts it: `band[0][name]`, `band[0][min]`, `band[0][from]` ("above" or "at").
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct BandForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub min: String,
    #[serde(default)]
    pub from: String,
}

/// Admins. Rows with an empty name are left out; `show_names` set: the
/// programme's participants see who scored them. Errors: `Invalid(bands:{row})`.
#[server(prefix = "/api", endpoint = "save_bands")]
pub async fn save_bands(
    programme: i64,
    #[server(default)] band: Vec<BandForm>,
    #[server(default)] show_names: Option<String>,
) -> Result<(), AppError> {
    crate::auth::guard::require_any(&[Role::Admin])?;
    let state = crate::auth::guard::state()?;
    programme::Entity::find_by_id(programme)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let list = parse(&band)?;
    programme_band::Entity::insert(programme_band::ActiveModel {
        programme_id: Set(programme),
        bands: Set(serde_json::to_string(&list).unwrap_or_default()),
        show_names: Set(show_names.is_some()),
        updated_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::column(programme_band::Column::ProgrammeId)
            .update_columns([
                programme_band::Column::Bands,
                programme_band::Column::ShowNames,
                programme_band::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec(&state.db)
    .await?;
    Ok(())
}

/// The bands the form describes, checked; every problem names its row (from 1).
fn parse(rows: &[BandForm]) -> Result<Vec<Band>, AppError> {
    let mut errors: BTreeMap<String, Vec<crate::i18n::Msg>> = BTreeMap::new();
    let mut list = Vec::new();
    for row in rows.iter().filter(|r| !r.name.trim().is_empty()) {
        let n = list.len() + 1;
        let min = row
            .min
            .trim()
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|m| m.is_finite());
        if min.is_none() {
            errors
                .entry(format!("bands:{n}"))
                .or_default()
                .push(said_with(P::BandNumber, &[n.to_string()]));
        }
        list.push(Band {
            name: row.name.trim().to_string(),
            min: min.unwrap_or(0.0),
            inclusive: row.from != "above",
        });
    }
    for problem in bands::check(&list) {
        let (row, key) = match problem {
            BandProblem::TooFew => (0, P::BandTooFew),
            BandProblem::Name(i) => (i + 1, P::BandName),
            BandProblem::Threshold(i) => (i + 1, P::BandThreshold),
            BandProblem::Bottom => (list.len(), P::BandBottom),
        };
        errors
            .entry(format!("bands:{row}"))
            .or_default()
            .push(said_with(key, &[row.to_string()]));
    }
    if errors.is_empty() {
        Ok(list)
    } else {
        Err(AppError::Invalid(errors))
    }
}
