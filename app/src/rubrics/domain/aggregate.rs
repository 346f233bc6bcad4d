//! Several evaluators' scores of one submission: the aggregate per
//! criterion and in total (mean, median or role-weighted mean, chosen per
//! task), and the criteria where evaluators disagree enough that the
//! facilitator should moderate.
use super::rubric::{share, Pick, Rubric};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Method {
    #[default]
    Mean,
    Median,
    RoleWeighted,
}

impl Method {
    pub fn code(self) -> &'static str {
        match self {
            Method::Mean => "mean",
            Method::Median => "median",
            Method::RoleWeighted => "weighted",
        }
    }

    pub fn from_code(code: &str) -> Option<Method> {
        [Method::Mean, Method::Median, Method::RoleWeighted]
            .into_iter()
            .find(|m| m.code() == code)
    }
}

/// One evaluator's submitted score: a pick for every criterion, and the
/// weight of the evaluator's role (used by the role-weighted mean).
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub role_weight: f64,
    pub picks: Vec<Pick>,
}

/// The aggregate of `(weight, value)` pairs; `None` when there are none
/// (or every weight is zero for the weighted mean).
pub fn combine(values: &[(f64, f64)], method: Method) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    match method {
        Method::Mean => Some(values.iter().map(|(_, v)| v).sum::<f64>() / values.len() as f64),
        Method::Median => {
            let mut sorted: Vec<f64> = values.iter().map(|(_, v)| *v).collect();
            sorted.sort_by(f64::total_cmp);
            let mid = sorted.len() / 2;
            Some(if sorted.len().is_multiple_of(2) {
                (sorted[mid - 1] + sorted[mid]) / 2.0
            } else {
                sorted[mid]
            })
        }
        Method::RoleWeighted => {
            let weights: f64 = values.iter().map(|(w, _)| w.max(0.0)).sum();
            (weights > 0.0).then(|| values.iter().map(|(w, v)| w.max(0.0) * v).sum::<f64>() / weights)
        }
    }
}

/// The aggregate result: points per criterion and the weighted total 0–100.
#[derive(Debug, Clone, PartialEq)]
pub struct Result {
    pub criteria: Vec<f64>,
    pub total: f64,
}

/// Aggregates per criterion first, then weighs the criteria: the total is
/// what the aggregated points give, so the per-criterion figures a
/// participant sees add up to it.
pub fn aggregate(rubric: &Rubric, scores: &[Scored], method: Method) -> Option<Result> {
    let mut criteria = Vec::with_capacity(rubric.criteria.len());
    let mut total = 0.0;
    for (i, c) in rubric.criteria.iter().enumerate() {
        let values: Vec<(f64, f64)> = scores
            .iter()
            .filter_map(|s| s.picks.get(i).map(|p| (s.role_weight, f64::from(p.points))))
            .collect();
        let points = combine(&values, method)?;
        let max = f64::from(c.max_points().max(1));
        total += f64::from(c.weight) * (points / max).clamp(0.0, 1.0);
        criteria.push(points);
    }
    Some(Result { criteria, total })
}

/// When two evaluators' picks for a criterion are too far apart. Either
/// rule may be turned off; by default both apply.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Threshold {
    /// Flag when the levels differ by more than this many.
    pub levels: Option<usize>,
    /// Flag when the points differ by more than this share of the criterion's points.
    pub share: Option<f64>,
}

impl Default for Threshold {
    fn default() -> Self {
        Threshold {
            levels: Some(1),
            share: Some(0.15),
        }
    }
}

/// The criteria (positions) on which some pair of evaluators disagrees
/// beyond the threshold.
pub fn discrepancies(rubric: &Rubric, scores: &[Scored], threshold: Threshold) -> Vec<usize> {
    rubric
        .criteria
        .iter()
        .enumerate()
        .filter(|(i, c)| {
            let picks: Vec<Pick> = scores.iter().filter_map(|s| s.picks.get(*i).copied()).collect();
            let level_gap = spread(picks.iter().map(|p| p.level as f64));
            let share_gap = spread(picks.iter().map(|p| share(c, p.points)));
            threshold.levels.is_some_and(|t| level_gap > t as f64)
                || threshold.share.is_some_and(|t| share_gap > t + 1e-9)
        })
        .map(|(i, _)| i)
        .collect()
}

fn spread(values: impl Iterator<Item = f64>) -> f64 {
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if lo.is_finite() {
        hi - lo
    } else {
        0.0
    }
}

#[cfg(test)]
#[path = "aggregate_tests.rs"]
mod tests;
