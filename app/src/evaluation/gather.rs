//! Everything a target's evaluation is computed from, read once: settings,
//! rubric, evaluators, scores, decisions, the subjects (published teams or
//! participants who reflected), and each subject's report. The evaluation
//! page, the released result and the exports all start here.
use super::report::{self, Inputs, SubjectReport};
use super::store;
use super::subjects::{subjects, Subject};
use super::target::Target;
use crate::entities::{class, evaluation_setting, evaluator_assignment, programme_band, score, team};
use crate::error::AppResult;
use crate::rubrics::domain::bands::{self, Band};
use crate::rubrics::store::Loaded;
use crate::state::AppState;
use sea_orm::EntityTrait;

pub struct Gathered {
    pub settings: Option<evaluation_setting::Model>,
    pub rubric: Option<Loaded>,
    pub assignments: Vec<evaluator_assignment::Model>,
    pub scores: Vec<score::Model>,
    pub subjects: Vec<Subject>,
    /// One per subject, in subject order (empty without a rubric).
    pub reports: Vec<SubjectReport>,
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
    Ok(crate::classes::store::members(&state.db, class_id)
        .await?
        .into_iter()
        .map(|(_, u)| (u.id, u.full_name))
        .collect())
}

/// The class's published teams, in number order.
pub async fn teams_of(state: &AppState, class_id: i64) -> AppResult<Vec<team::Model>> {
    Ok(crate::teams::store::newest(&state.db, class_id, true)
        .await?
        .map(|s| s.teams.into_iter().map(|(t, _)| t).collect())
        .unwrap_or_default())
}

pub async fn gather(state: &AppState, class: &class::Model, target: &Target) -> AppResult<Gathered> {
    let db = &state.db;
    let settings = store::settings(db, target).await?;
    let rubric = match settings.as_ref().and_then(|s| s.rubric_id) {
        Some(id) => Some(crate::rubrics::store::load(db, class.id, id).await?),
        None => None,
    };
    let assignments = store::assignments(db, target).await?;
    let scores = store::scores(db, target).await?;
    let moderations = store::moderations(db, target).await?;
    let subjects = subjects(state, target).await?;
    let bands = bands_for(state, class).await?;
    let (method, threshold) = store::rules_of(settings.as_ref());
    let reports = match &rubric {
        Some(r) => {
            let inputs = Inputs {
                rubric: &r.body,
                method,
                threshold,
                bands: &bands,
                assignments: &assignments,
                scores: &scores,
                moderations: &moderations,
            };
            subjects.iter().map(|s| report::subject(&inputs, s.id)).collect()
        }
        None => Vec::new(),
    };
    Ok(Gathered {
        settings,
        rubric,
        assignments,
        scores,
        subjects,
        reports,
    })
}
