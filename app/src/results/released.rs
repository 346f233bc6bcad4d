//! A subject's released result as the people scored see it: loaded here,
//! turned into a `ResultCard` in their language, drawn by the kit
//! (`ui::rendered::result_card`) on the task and scenario pages.
use super::report::SubjectReport;
use super::sheet::{names, Sheet};
use super::target::Target;
use crate::entities::class;
use crate::error::AppResult;
use crate::i18n::{fill, P};
use crate::rubrics::domain::rubric::Rubric;
use crate::state::AppState;
use crate::ui::rendered::{tr, CriterionResult, ResultCard};
use std::collections::HashMap;

/// A subject's released result, as a team's members see it on the task
/// page, or a participant on the scenario's page.
pub struct Released {
    rubric: Rubric,
    report: SubjectReport,
    show_names: bool,
    names: HashMap<i64, String>,
}

pub async fn released(
    state: &AppState,
    class: &class::Model,
    target: &Target,
    subject: i64,
) -> AppResult<Option<Released>> {
    // Most pages a participant opens come before any release: one query
    // answers that, before any score is read.
    let settings = super::store::settings(&state.db, target).await?;
    if !settings
        .as_ref()
        .is_some_and(|s| s.released_at.is_some() && s.rubric_id.is_some())
    {
        return Ok(None);
    }
    let sheet = Sheet::load_with(state, class, target, settings).await?;
    let Some(report) = sheet.report(subject).filter(|r| r.final_total.is_some()) else {
        return Ok(None);
    };
    let Some(rubric) = sheet.rubric else {
        return Ok(None);
    };
    Ok(Some(Released {
        names: names(state, class.id).await?,
        show_names: sheet.show_names,
        rubric: rubric.body,
        report,
    }))
}

impl Released {
    /// The result in the caller's language (call it while rendering).
    pub fn card(&self) -> ResultCard {
        let r = self;
        let total = r.report.final_total.unwrap_or(0.0);
        let predicate = r.report.predicate.clone().unwrap_or_default();
        let criteria = r
            .rubric
            .criteria
            .iter()
            .enumerate()
            .map(|(i, c)| CriterionResult {
                title: format!("{} · {} %", c.title, c.weight),
                lines: r
                    .report
                    .scored
                    .iter()
                    .enumerate()
                    .map(|(n, e)| {
                        let who = if r.show_names {
                            r.names.get(&e.evaluator).cloned().unwrap_or_default()
                        } else {
                            fill(tr(P::EvaluatorNumber), &[(n + 1).to_string()])
                        };
                        let level = e
                            .picks
                            .get(i)
                            .and_then(|p| c.levels.get(p.level))
                            .map(|l| l.label.clone());
                        let comment = e.comments.get(i).cloned().unwrap_or_default();
                        (level.unwrap_or_default(), who, comment)
                    })
                    .collect(),
            })
            .collect();
        ResultCard {
            final_line: fill(tr(P::EvalFinal), &[format!("{total:.1}"), predicate]),
            criteria,
        }
    }
}
