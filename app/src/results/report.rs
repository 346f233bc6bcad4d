//! The evaluation of a target as numbers: per subject the submitted scores,
//! their aggregate, the criteria flagged for disagreement, the
//! facilitator's decision and the final result with its predicate; and the
//! agreement between evaluators over the whole target. Pure: it takes rows
//! already read.
use super::store::{LIVE, RESCORE, SUBMITTED};
use crate::entities::{evaluator_assignment, moderation, score};
use crate::rubrics::domain::aggregate::{
    aggregate, discrepancies, Method, Result as Aggregate, Scored, Threshold,
};
use crate::rubrics::domain::agreement::{
    icc2, krippendorff_alpha, percent_agreement, read_alpha, read_icc, Icc, Metric, Reading,
};
use crate::rubrics::domain::bands::{predicate, Band};
use crate::rubrics::domain::rubric::{Pick, Rubric};

pub struct SubjectReport {
    pub subject: i64,
    /// Submitted live scores: (evaluator, role, role weight, picks, total).
    pub scored: Vec<Entry>,
    pub aggregate: Option<Aggregate>,
    /// Criteria (positions) where evaluators disagree beyond the threshold.
    pub flagged: Vec<usize>,
    pub decision: Option<moderation::Model>,
    /// The aggregate's total, or the facilitator's moderated total.
    pub final_total: Option<f64>,
    pub predicate: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub evaluator: i64,
    pub role: String,
    pub weight: f64,
    pub picks: Vec<Pick>,
    pub comments: Vec<String>,
    pub overall: String,
    pub total: f64,
}

impl SubjectReport {
    /// Flagged and not yet settled by a decision made after the last score.
    pub fn needs_moderation(&self) -> bool {
        !self.flagged.is_empty() && self.decision.as_ref().is_none_or(|d| d.decision == "rescore")
    }
}

/// A submitted live score read back (None for drafts, other purposes, or
/// scores against another rubric version than `version`'s shape).
pub fn entry(
    s: &score::Model,
    assignments: &[evaluator_assignment::Model],
    rubric: &Rubric,
) -> Option<Entry> {
    // A score asked to be redone still counts as submitted until it is changed.
    if s.purpose != LIVE || !(s.status == SUBMITTED || s.status == RESCORE) {
        return None;
    }
    let picks: Vec<Option<Pick>> = serde_json::from_str(&s.picks).ok()?;
    let picks: Vec<Pick> = picks.into_iter().collect::<Option<Vec<_>>>()?;
    if picks.len() != rubric.criteria.len() {
        return None;
    }
    let assignment = super::store::assignment_for(assignments, s.subject_id, s.evaluator_id);
    Some(Entry {
        evaluator: s.evaluator_id,
        role: assignment.map_or_else(String::new, |a| a.role.clone()),
        weight: assignment.map_or(1.0, |a| a.role_weight),
        comments: serde_json::from_str(&s.comments).unwrap_or_default(),
        overall: s.overall.clone(),
        total: s.total.unwrap_or(0.0),
        picks,
    })
}

pub struct Inputs<'a> {
    pub rubric: &'a Rubric,
    pub method: Method,
    pub threshold: Threshold,
    pub bands: &'a [Band],
    pub assignments: &'a [evaluator_assignment::Model],
    pub scores: &'a [score::Model],
    pub moderations: &'a [moderation::Model],
}

pub fn subject(inputs: &Inputs, subject: i64) -> SubjectReport {
    let scored: Vec<Entry> = inputs
        .scores
        .iter()
        .filter(|s| s.subject_id == subject)
        .filter_map(|s| entry(s, inputs.assignments, inputs.rubric))
        .collect();
    let as_scored: Vec<Scored> = scored
        .iter()
        .map(|e| Scored {
            role_weight: e.weight,
            picks: e.picks.clone(),
        })
        .collect();
    let aggregate = aggregate(inputs.rubric, &as_scored, inputs.method);
    let flagged = discrepancies(inputs.rubric, &as_scored, inputs.threshold);
    let decision = inputs
        .moderations
        .iter()
        .filter(|m| m.subject_id == subject)
        .max_by_key(|m| m.id)
        .cloned();
    let final_total = match &decision {
        Some(d) if d.decision == "set" => d.total,
        _ => aggregate.as_ref().map(|a| a.total),
    };
    let predicate = final_total.and_then(|t| predicate(inputs.bands, t).map(str::to_string));
    SubjectReport {
        subject,
        scored,
        aggregate,
        flagged,
        decision,
        final_total,
        predicate,
    }
}

/// Agreement between evaluators on one measure (the total, or one criterion).
#[derive(Debug, Clone, PartialEq)]
pub struct Agreement {
    pub alpha_interval: Option<f64>,
    pub alpha_ordinal: Option<f64>,
    pub icc: Option<Icc>,
    /// Exact and adjacent (within one level) agreement; for criteria only.
    pub percent: Option<(f64, f64)>,
}

impl Agreement {
    /// What a facilitator reads first, in words: the single-evaluator ICC
    /// where there is one (how far one evaluator's score can be trusted),
    /// otherwise alpha (interval, then ordinal). None before it can be known.
    pub fn reading(&self) -> Option<Reading> {
        self.icc
            .map(|i| read_icc(i.single))
            .or(self.alpha_interval.map(read_alpha))
            .or(self.alpha_ordinal.map(read_alpha))
    }
}

/// Agreement on the totals (interval) and on each criterion (its levels,
/// ordinal; its points, interval), over every subject of the target.
pub fn agreement(rubric: &Rubric, reports: &[SubjectReport]) -> (Agreement, Vec<Agreement>) {
    let mut evaluators: Vec<i64> = reports
        .iter()
        .flat_map(|r| r.scored.iter().map(|e| e.evaluator))
        .collect();
    evaluators.sort_unstable();
    evaluators.dedup();
    let table = |value: &dyn Fn(&Entry) -> f64| -> Vec<Vec<Option<f64>>> {
        reports
            .iter()
            .map(|r| {
                evaluators
                    .iter()
                    .map(|ev| r.scored.iter().find(|e| e.evaluator == *ev).map(value))
                    .collect()
            })
            .collect()
    };
    // Agreement needs variation between subjects: with fewer than two
    // subjects scored by two evaluators every coefficient is meaningless.
    let enough = reports.iter().filter(|r| r.scored.len() >= 2).count() >= 2;
    if !enough {
        let none = Agreement {
            alpha_interval: None,
            alpha_ordinal: None,
            icc: None,
            percent: None,
        };
        return (none.clone(), vec![none; rubric.criteria.len()]);
    }
    let totals = table(&|e| e.total);
    let overall = Agreement {
        alpha_interval: krippendorff_alpha(&totals, Metric::Interval),
        alpha_ordinal: None,
        icc: icc2(&totals),
        percent: None,
    };
    let criteria = (0..rubric.criteria.len())
        .map(|i| {
            let levels = table(&|e| e.picks[i].level as f64);
            let points = table(&|e| f64::from(e.picks[i].points));
            Agreement {
                alpha_interval: krippendorff_alpha(&points, Metric::Interval),
                alpha_ordinal: krippendorff_alpha(&levels, Metric::Ordinal),
                icc: icc2(&points),
                percent: percent_agreement(&levels, 1.0),
            }
        })
        .collect();
    (overall, criteria)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agreement(icc: Option<f64>, interval: Option<f64>, ordinal: Option<f64>) -> Agreement {
        Agreement {
            alpha_interval: interval,
            alpha_ordinal: ordinal,
            icc: icc.map(|single| Icc {
                single,
                average: single,
                targets: 3,
            }),
            percent: None,
        }
    }

    #[test]
    fn the_reading_in_words_comes_from_the_first_statistic_there_is() {
        assert_eq!(
            agreement(Some(0.8), Some(0.1), None).reading(),
            Some(Reading::Good)
        );
        assert_eq!(
            agreement(Some(0.6), None, None).reading(),
            Some(Reading::Acceptable)
        );
        assert_eq!(
            agreement(None, Some(0.5), Some(0.9)).reading(),
            Some(Reading::Low)
        );
        assert_eq!(
            agreement(None, None, Some(0.7)).reading(),
            Some(Reading::Acceptable)
        );
        assert_eq!(agreement(None, None, None).reading(), None);
    }
}
