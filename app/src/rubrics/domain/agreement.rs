//! Inter-rater reliability, written out here because no maintained Rust
//! crate computes Krippendorff's alpha or the Shrout–Fleiss ICCs:
//! Krippendorff's alpha (interval and ordinal metrics, missing ratings
//! allowed), ICC(2,1) and ICC(2,k) (two-way random effects, absolute
//! agreement; targets with a missing rating are left out), and exact /
//! adjacent percent agreement. `ratings[unit][rater]` is `None` when that
//! rater did not score that unit.

/// Ratings of units (rows) by raters (columns).
pub type Table = [Vec<Option<f64>>];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    Interval,
    Ordinal,
}

/// Krippendorff's alpha, or `None` when fewer than two pairable values
/// exist or every value is the same (no variation to agree on).
pub fn krippendorff_alpha(ratings: &Table, metric: Metric) -> Option<f64> {
    let units: Vec<Vec<f64>> = ratings
        .iter()
        .map(|row| row.iter().flatten().copied().collect::<Vec<f64>>())
        .filter(|values| values.len() >= 2)
        .collect();
    let mut values: Vec<f64> = units.iter().flatten().copied().collect();
    values.sort_by(f64::total_cmp);
    values.dedup();
    if values.len() < 2 {
        return None;
    }
    let index = |v: f64| values.iter().position(|x| *x == v).unwrap_or(0);
    // The coincidence matrix: each ordered pair of values within a unit
    // counts 1 / (m_u - 1).
    let size = values.len();
    let mut coincidences = vec![vec![0.0; size]; size];
    for unit in &units {
        let weight = 1.0 / (unit.len() as f64 - 1.0);
        for (i, a) in unit.iter().enumerate() {
            for (j, b) in unit.iter().enumerate() {
                if i != j {
                    coincidences[index(*a)][index(*b)] += weight;
                }
            }
        }
    }
    let marginals: Vec<f64> = coincidences.iter().map(|row| row.iter().sum()).collect();
    let total: f64 = marginals.iter().sum();
    let distance = |c: usize, k: usize| match metric {
        Metric::Interval => (values[c] - values[k]).powi(2),
        Metric::Ordinal => {
            let (lo, hi) = (c.min(k), c.max(k));
            let between: f64 = marginals[lo..=hi].iter().sum();
            (between - (marginals[lo] + marginals[hi]) / 2.0).powi(2)
        }
    };
    let (mut observed, mut expected) = (0.0, 0.0);
    for c in 0..size {
        for k in 0..size {
            let d = distance(c, k);
            observed += coincidences[c][k] * d;
            expected += marginals[c] * marginals[k] * d;
        }
    }
    (expected > 1e-12).then(|| 1.0 - (total - 1.0) * observed / expected)
}

/// Shrout and Fleiss's ICC(2,1) and ICC(2,k): two-way random effects,
/// absolute agreement, for one rater and for the mean of k raters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Icc {
    pub single: f64,
    pub average: f64,
    /// Targets used (those every rater scored).
    pub targets: usize,
}

pub fn icc2(ratings: &Table) -> Option<Icc> {
    let complete: Vec<Vec<f64>> = ratings
        .iter()
        .filter_map(|row| row.iter().copied().collect::<Option<Vec<f64>>>())
        .filter(|row| !row.is_empty())
        .collect();
    let n = complete.len();
    let k = complete.first()?.len();
    if n < 2 || k < 2 || complete.iter().any(|row| row.len() != k) {
        return None;
    }
    let (nf, kf) = (n as f64, k as f64);
    let grand = complete.iter().flatten().sum::<f64>() / (nf * kf);
    let row_means: Vec<f64> = complete.iter().map(|r| r.iter().sum::<f64>() / kf).collect();
    let col_means: Vec<f64> = (0..k)
        .map(|j| complete.iter().map(|r| r[j]).sum::<f64>() / nf)
        .collect();
    let ss_rows = kf * row_means.iter().map(|m| (m - grand).powi(2)).sum::<f64>();
    let ss_cols = nf * col_means.iter().map(|m| (m - grand).powi(2)).sum::<f64>();
    let ss_total: f64 = complete.iter().flatten().map(|x| (x - grand).powi(2)).sum();
    let ss_error = ss_total - ss_rows - ss_cols;
    let ms_rows = ss_rows / (nf - 1.0);
    let ms_cols = ss_cols / (kf - 1.0);
    let ms_error = ss_error / ((nf - 1.0) * (kf - 1.0));
    let single_den = ms_rows + (kf - 1.0) * ms_error + kf * (ms_cols - ms_error) / nf;
    let average_den = ms_rows + (ms_cols - ms_error) / nf;
    // Mean squares of rating scales: anything this small is a zero that
    // rounding moved.
    if single_den <= 1e-9 || average_den <= 1e-9 {
        return None;
    }
    Some(Icc {
        single: (ms_rows - ms_error) / single_den,
        average: (ms_rows - ms_error) / average_den,
        targets: n,
    })
}

/// Share of rater pairs (within a unit) who gave the same value, and who
/// were at most `adjacent` apart. `None` when no unit has two ratings.
pub fn percent_agreement(ratings: &Table, adjacent: f64) -> Option<(f64, f64)> {
    let (mut pairs, mut exact, mut near) = (0u64, 0u64, 0u64);
    for row in ratings {
        let values: Vec<f64> = row.iter().flatten().copied().collect();
        for (i, a) in values.iter().enumerate() {
            for b in &values[i + 1..] {
                pairs += 1;
                let gap = (a - b).abs();
                exact += u64::from(gap < 1e-9);
                near += u64::from(gap <= adjacent + 1e-9);
            }
        }
    }
    (pairs > 0).then(|| (exact as f64 / pairs as f64, near as f64 / pairs as f64))
}

/// A plain-language reading of a reliability coefficient.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    Good,
    Acceptable,
    Low,
}

/// Krippendorff's own guide: rely on α ≥ .800, draw tentative conclusions
/// from α ≥ .667, not below.
pub fn read_alpha(alpha: f64) -> Reading {
    if alpha >= 0.8 {
        Reading::Good
    } else if alpha >= 0.667 {
        Reading::Acceptable
    } else {
        Reading::Low
    }
}

/// Koo and Li (2016): ICC ≥ .75 good, .50–.75 moderate, below .50 poor.
pub fn read_icc(icc: f64) -> Reading {
    if icc >= 0.75 {
        Reading::Good
    } else if icc >= 0.5 {
        Reading::Acceptable
    } else {
        Reading::Low
    }
}

#[cfg(test)]
#[path = "agreement_tests.rs"]
mod tests;
