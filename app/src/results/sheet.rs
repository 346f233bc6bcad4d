//! Everything stored about one target's scoring, read once: its settings,
//! rubric, evaluator assignments, scores and moderations, and the class's
//! predicate bands. From it one subject's report is worked out without
//! knowing who the other subjects are (that needs the tasks and scenarios
//! features, which sit above this module: `evaluation::gather`).
use super::report::{self, Inputs, SubjectReport};
use super::store;
use super::target::Target;
use crate::entities::{class, evaluation_setting, evaluator_assignment, moderation, programme_band, score};
use crate::error::AppResult;
use crate::rubrics::domain::bands::{self, Band};
use crate::rubrics::store::Loaded;
use crate::state::AppState;
use sea_orm::EntityTrait;

pub struct Sheet {
    pub settings: Option<evaluation_setting::Model>,
    pub rubric: Option<Loaded>,
    pub assignments: Vec<evaluator_assignment::Model>,
    pub scores: Vec<score::Model>,
    pub moderations: Vec<moderation::Model>,
    pub bands: Vec<Band>,
    /// Whether the programme shows participants their evaluators' names.
    pub show_names: bool,
}

impl Sheet {
    pub async fn load(state: &AppState, class: &class::Model, target: &Target) -> AppResult<Sheet> {
        let settings = store::settings(&state.db, target).await?;
        Self::load_with(state, class, target, settings).await
    }

    /// As `load`, with the settings row the caller already read.
    pub async fn load_with(
        state: &AppState,
        class: &class::Model,
        target: &Target,
        settings: Option<evaluation_setting::Model>,
    ) -> AppResult<Sheet> {
        let db = &state.db;
        let (bands, show_names) = programme_settings(state, class).await?;
        let rubric = match settings.as_ref().and_then(|s| s.rubric_id) {
            Some(id) => Some(crate::rubrics::store::load(db, class.id, id).await?),
            None => None,
        };
        Ok(Sheet {
            rubric,
            assignments: store::assignments(db, target).await?,
            scores: store::scores(db, target).await?,
            moderations: store::moderations(db, target).await?,
            bands,
            show_names,
            settings,
        })
    }

    /// The subject's report, or None without a rubric.
    pub fn report(&self, subject: i64) -> Option<SubjectReport> {
        let rubric = self.rubric.as_ref()?;
        let (method, threshold) = store::rules_of(self.settings.as_ref());
        let inputs = Inputs {
            rubric: &rubric.body,
            method,
            threshold,
            bands: &self.bands,
            assignments: &self.assignments,
            scores: &self.scores,
            moderations: &self.moderations,
        };
        Some(report::subject(&inputs, subject))
    }
}

/// The programme's predicate bands, or LAN's defaults.
pub async fn bands_for(state: &AppState, class: &class::Model) -> AppResult<Vec<Band>> {
    Ok(programme_settings(state, class).await?.0)
}

/// The programme's predicate bands (or LAN's defaults) and whether its
/// participants see their evaluators' names (hidden until an admin says so).
pub async fn programme_settings(state: &AppState, class: &class::Model) -> AppResult<(Vec<Band>, bool)> {
    let stored = programme_band::Entity::find_by_id(class.programme_id)
        .one(&state.db)
        .await?;
    Ok(read_settings(stored.as_ref()))
}

/// A stored programme row's bands and names setting, with the defaults for none.
pub fn read_settings(stored: Option<&programme_band::Model>) -> (Vec<Band>, bool) {
    let bands = stored
        .and_then(|b| serde_json::from_str(&b.bands).ok())
        .unwrap_or_else(bands::defaults);
    (bands, stored.is_some_and(|b| b.show_names))
}

/// Everyone in the class by id: their full name.
pub async fn names(state: &AppState, class_id: i64) -> AppResult<std::collections::HashMap<i64, String>> {
    Ok(crate::classes::store::member_list(&state.db, class_id, None)
        .await?
        .into_iter()
        .map(|m| (m.user_id, m.full_name))
        .collect())
}
