//! A rubric: weighted criteria (weights in whole percent, totalling 100),
//! each with ordered levels from best to worst. A level has fixed points
//! (`min == max`) or a range the evaluator picks a point inside. Scoring
//! turns one pick per criterion into a weighted total from 0 to 100.
use serde::{Deserialize, Serialize};

pub const MAX_CRITERIA: usize = 20;
pub const MAX_LEVELS: usize = 8;
pub const MAX_POINTS: u32 = 1000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rubric {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub criteria: Vec<Criterion>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Whole percent of the total.
    pub weight: u32,
    /// Best first.
    pub levels: Vec<Level>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Level {
    pub label: String,
    #[serde(default)]
    pub descriptor: String,
    pub min: u32,
    pub max: u32,
}

impl Level {
    pub fn fixed(&self) -> bool {
        self.min == self.max
    }
}

impl Criterion {
    /// The most points this criterion gives (its best level's top).
    pub fn max_points(&self) -> u32 {
        self.levels.iter().map(|l| l.max).max().unwrap_or(0)
    }
}

/// What is wrong with a rubric, and where: criterion and level are
/// positions from 0, so a form or a CSV row can show it beside its cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    TitleMissing,
    NoCriteria,
    TooManyCriteria,
    /// The weights add up to this, not 100.
    WeightsTotal(u32),
    CriterionTitleMissing(usize),
    WeightOutOfRange(usize),
    /// Fewer than two levels, or more than `MAX_LEVELS`.
    LevelCount(usize),
    LevelLabelMissing(usize, usize),
    /// `min` above `max`, or above `MAX_POINTS`.
    PointsInvalid(usize, usize),
    /// Not strictly below the level before it (levels go best first, no overlap).
    LevelsNotOrdered(usize, usize),
    /// The best level gives no points, so the criterion cannot score.
    NoPoints(usize),
}

pub fn check(rubric: &Rubric) -> Vec<Problem> {
    let mut problems = Vec::new();
    if rubric.title.trim().is_empty() {
        problems.push(Problem::TitleMissing);
    }
    match rubric.criteria.len() {
        0 => problems.push(Problem::NoCriteria),
        n if n > MAX_CRITERIA => problems.push(Problem::TooManyCriteria),
        _ => {}
    }
    for (i, c) in rubric.criteria.iter().enumerate() {
        check_criterion(i, c, &mut problems);
    }
    let total: u32 = rubric.criteria.iter().map(|c| c.weight.min(100)).sum();
    if !rubric.criteria.is_empty() && total != 100 {
        problems.push(Problem::WeightsTotal(total));
    }
    problems
}

fn check_criterion(i: usize, c: &Criterion, problems: &mut Vec<Problem>) {
    if c.title.trim().is_empty() {
        problems.push(Problem::CriterionTitleMissing(i));
    }
    if !(1..=100).contains(&c.weight) {
        problems.push(Problem::WeightOutOfRange(i));
    }
    if !(2..=MAX_LEVELS).contains(&c.levels.len()) {
        problems.push(Problem::LevelCount(i));
    }
    for (j, level) in c.levels.iter().enumerate() {
        if level.label.trim().is_empty() {
            problems.push(Problem::LevelLabelMissing(i, j));
        }
        if level.min > level.max || level.max > MAX_POINTS {
            problems.push(Problem::PointsInvalid(i, j));
        } else if j > 0 && level.max >= c.levels[j - 1].min {
            problems.push(Problem::LevelsNotOrdered(i, j));
        }
    }
    if c.levels.first().is_some_and(|l| l.max == 0) {
        problems.push(Problem::NoPoints(i));
    }
}

/// One criterion's score: the level chosen (0 = best) and the points given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pick {
    pub level: usize,
    pub points: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickProblem {
    NoSuchLevel,
    /// Outside the level's range; carries the range.
    PointsOutside(u32, u32),
}

/// A pick checked against the criterion. A fixed level needs no points:
/// `points` of `None` takes the level's top.
pub fn pick(c: &Criterion, level: usize, points: Option<u32>) -> Result<Pick, PickProblem> {
    let l = c.levels.get(level).ok_or(PickProblem::NoSuchLevel)?;
    let points = points.unwrap_or(l.max);
    if points < l.min || points > l.max {
        return Err(PickProblem::PointsOutside(l.min, l.max));
    }
    Ok(Pick { level, points })
}

/// The weighted total 0–100 of the picks so far (a criterion not yet
/// picked counts nothing: the live total while scoring).
pub fn weighted_total(rubric: &Rubric, picks: &[Option<Pick>]) -> f64 {
    rubric
        .criteria
        .iter()
        .zip(picks)
        .filter_map(|(c, p)| p.map(|p| share(c, p.points) * f64::from(c.weight)))
        .sum()
}

/// Points as a share (0–1) of what the criterion can give.
pub fn share(c: &Criterion, points: u32) -> f64 {
    match c.max_points() {
        0 => 0.0,
        max => f64::from(points.min(max)) / f64::from(max),
    }
}

#[cfg(test)]
#[path = "rubric_tests.rs"]
pub(crate) mod tests;
