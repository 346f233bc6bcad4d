//! Everything a target's evaluation is computed from, read once: settings,
//! rubric, evaluators, scores, decisions, the subjects (published teams or
//! participants who reflected), and each subject's report. The evaluation
//! page, the LMS grades and the exports all start here (a single
//! subject's released result needs only `results::sheet`).
use super::subjects::{subjects, Subject};
use crate::entities::{class, evaluation_setting, evaluator_assignment, score};
use crate::error::AppResult;
use crate::results::report::SubjectReport;
use crate::results::sheet::Sheet;
use crate::results::target::Target;
use crate::rubrics::store::Loaded;
use crate::state::AppState;

pub struct Gathered {
    pub settings: Option<evaluation_setting::Model>,
    pub rubric: Option<Loaded>,
    pub assignments: Vec<evaluator_assignment::Model>,
    pub scores: Vec<score::Model>,
    pub subjects: Vec<Subject>,
    /// One per subject, in subject order (empty without a rubric).
    pub reports: Vec<SubjectReport>,
}

pub async fn gather(state: &AppState, class: &class::Model, target: &Target) -> AppResult<Gathered> {
    let sheet = Sheet::load(state, class, target).await?;
    let subjects = subjects(state, target).await?;
    let reports = match sheet.rubric {
        Some(_) => subjects.iter().filter_map(|s| sheet.report(s.id)).collect(),
        None => Vec::new(),
    };
    Ok(Gathered {
        settings: sheet.settings,
        rubric: sheet.rubric,
        assignments: sheet.assignments,
        scores: sheet.scores,
        subjects,
        reports,
    })
}
