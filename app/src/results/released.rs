//! A subject's released result as the people scored see it: loaded here,
//! turned into a `ResultCard` in their language, drawn by the kit
//! (`ui::rendered::result_card`) on the task and scenario pages.
use super::report::SubjectReport;
use super::sheet::{names, Sheet};
use super::target::Target;
use crate::entities::class;
use crate::error::AppResult;
use crate::i18n::{fill, fmt_decimal, P};
use crate::rubrics::domain::rubric::Rubric;
use crate::state::AppState;
use crate::ui::rendered::{locale, tr, CriterionResult, ResultCard, ResultLine};
use std::collections::HashMap;

/// A subject's released result, as a team's members see it on the task
/// page, or a participant on the scenario's page. `report` is `None` when
/// results are released but this subject has none (nobody scored it): the
/// page says "belum dinilai" rather than nothing.
pub struct Released {
    rubric: Rubric,
    report: Option<SubjectReport>,
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
    let report = sheet.report(subject).filter(|r| r.final_total.is_some());
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
    /// The result in the caller's language (call it while rendering): the
    /// final score, how it was reached (a moderation and its reason), and per
    /// criterion each evaluator's level with what that level means, and their
    /// comment; then their overall comments.
    pub fn card(&self) -> ResultCard {
        let Some(report) = &self.report else {
            return ResultCard {
                final_line: tr(P::ResultUnscored).to_string(),
                ..ResultCard::default()
            };
        };
        let who = |n: usize, evaluator: i64| {
            if self.show_names {
                self.names.get(&evaluator).cloned().unwrap_or_default()
            } else {
                fill(tr(P::EvaluatorNumber), &[(n + 1).to_string()])
            }
        };
        let criteria = self
            .rubric
            .criteria
            .iter()
            .enumerate()
            .map(|(i, c)| CriterionResult {
                title: format!("{} · {} %", c.title, c.weight),
                lines: report
                    .scored
                    .iter()
                    .enumerate()
                    .map(|(n, e)| {
                        let level = e.picks.get(i).and_then(|p| c.levels.get(p.level));
                        ResultLine {
                            level: level.map(|l| l.label.clone()).unwrap_or_default(),
                            meaning: level.map(|l| l.descriptor.clone()).unwrap_or_default(),
                            who: who(n, e.evaluator),
                            comment: e.comments.get(i).cloned().unwrap_or_default(),
                        }
                    })
                    .collect(),
            })
            .collect();
        let overall = report
            .scored
            .iter()
            .enumerate()
            .filter(|(_, e)| !e.overall.trim().is_empty())
            .map(|(n, e)| (who(n, e.evaluator), e.overall.clone()))
            .collect();
        let total = report.final_total.unwrap_or(0.0);
        let predicate = report.predicate.clone().unwrap_or_default();
        ResultCard {
            final_line: fill(tr(P::EvalFinal), &[fmt_decimal(total, 1, locale()), predicate]),
            moderation: report.decision.as_ref().and_then(moderation_note),
            criteria,
            overall,
        }
    }
}

/// How a moderation decision set the final score, in a sentence with its reason.
fn moderation_note(d: &crate::entities::moderation::Model) -> Option<String> {
    let reason = d.reason.trim().to_string();
    match d.decision.as_str() {
        "set" => Some(fill(tr(P::ResultModeratedSet), &[reason])),
        "accepted" => Some(fill(tr(P::ResultModeratedAccepted), &[reason])),
        _ => None,
    }
}
