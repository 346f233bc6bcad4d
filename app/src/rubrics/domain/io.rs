//! Rubrics as CSV and JSON files, with errors that name the row.
//!
//! CSV columns (header row required, in any order, names as below):
//! `criterion`, `criterion_description`, `weight`, `level`,
//! `level_descriptor`, `min_points`, `max_points`. One row per level, best
//! level first; a row whose `criterion` is empty adds a level to the
//! criterion above it (its description and weight may be left empty too).
//! `max_points` may be empty for a fixed-point level. The rubric's title
//! comes from the form, not the file.
//!
//! JSON is the rubric itself: `{"title", "description", "criteria": [{"title",
//! "description", "weight", "levels": [{"label", "descriptor", "min", "max"}]}]}`.
use super::rubric::{check, Criterion, Level, Problem, Rubric};

pub const COLUMNS: [&str; 7] = [
    "criterion",
    "criterion_description",
    "weight",
    "level",
    "level_descriptor",
    "min_points",
    "max_points",
];

/// Where a file went wrong: the line (1 = the header) and, when known, the column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub column: Option<&'static str>,
    pub kind: FileProblem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    /// Not readable as CSV or JSON at all (the parser's position is in `line`).
    Unreadable,
    MissingColumn,
    NotANumber,
    /// A level row before any criterion.
    LevelWithoutCriterion,
    /// The rubric read but breaks a rule (weights, order of levels …).
    Rule(Problem),
}

/// Reads the criteria of a rubric from CSV; every problem is reported.
pub fn from_csv(title: &str, text: &str) -> Result<Rubric, Vec<RowError>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.to_lowercase()).collect(),
        Err(_) => return Err(vec![error(1, None, FileProblem::Unreadable)]),
    };
    let at = |name: &str| header.iter().position(|h| h == name);
    let missing: Vec<RowError> = ["criterion", "weight", "level", "min_points"]
        .iter()
        .filter(|c| at(c).is_none())
        .map(|c| error(1, column(c), FileProblem::MissingColumn))
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let mut rubric = Rubric {
        title: title.trim().to_string(),
        description: String::new(),
        criteria: Vec::new(),
    };
    // (criterion, level) → line, to put rule problems on the right row.
    let mut lines: Vec<(usize, usize, u64)> = Vec::new();
    let mut errors = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                errors.push(error(line, None, FileProblem::Unreadable));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let get = |name: &str| {
            let cell = at(name).and_then(|i| record.get(i)).unwrap_or("");
            crate::csv_out::restore(cell).to_string()
        };
        let mut number = |name: &'static str, required: bool| -> Option<u32> {
            let text = get(name);
            if text.is_empty() && !required {
                return None;
            }
            let parsed = text.trim_end_matches('%').trim().parse::<u32>().ok();
            if parsed.is_none() {
                errors.push(error(line, column(name), FileProblem::NotANumber));
            }
            parsed
        };
        let title = get("criterion");
        if !title.is_empty() {
            let weight = number("weight", true).unwrap_or(0);
            rubric.criteria.push(Criterion {
                title,
                description: get("criterion_description"),
                weight,
                levels: Vec::new(),
            });
        }
        let min = number("min_points", true).unwrap_or(0);
        let max = number("max_points", false).unwrap_or(min);
        let index = rubric.criteria.len().saturating_sub(1);
        let Some(criterion) = rubric.criteria.last_mut() else {
            errors.push(error(
                line,
                column("criterion"),
                FileProblem::LevelWithoutCriterion,
            ));
            continue;
        };
        criterion.levels.push(Level {
            label: get("level"),
            descriptor: get("level_descriptor"),
            min,
            max,
        });
        lines.push((index, criterion.levels.len() - 1, line));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let rules: Vec<RowError> = check(&rubric)
        .into_iter()
        .map(|p| rule_error(p, &lines))
        .collect();
    if rules.is_empty() {
        Ok(rubric)
    } else {
        Err(rules)
    }
}

/// The line a rule problem comes from: its level's row, its criterion's
/// first row, or the header for problems of the whole rubric.
fn rule_error(p: Problem, lines: &[(usize, usize, u64)]) -> RowError {
    let row = |c: usize, l: usize| {
        lines
            .iter()
            .find(|(ci, li, _)| *ci == c && *li == l)
            .map_or(1, |(_, _, line)| *line)
    };
    let (line, col) = match p {
        Problem::CriterionTitleMissing(c) => (row(c, 0), "criterion"),
        Problem::WeightOutOfRange(c) => (row(c, 0), "weight"),
        Problem::LevelCount(c) | Problem::NoPoints(c) => (row(c, 0), "level"),
        Problem::LevelLabelMissing(c, l) => (row(c, l), "level"),
        Problem::PointsInvalid(c, l) | Problem::LevelsNotOrdered(c, l) => (row(c, l), "min_points"),
        Problem::WeightsTotal(_) => (1, "weight"),
        Problem::TitleMissing | Problem::NoCriteria | Problem::TooManyCriteria => (1, "criterion"),
    };
    error(line, column(col), FileProblem::Rule(p))
}

fn column(name: &str) -> Option<&'static str> {
    COLUMNS.iter().find(|c| **c == name).copied()
}

fn error(line: u64, column: Option<&'static str>, kind: FileProblem) -> RowError {
    RowError { line, column, kind }
}

/// The rubric as CSV in the documented columns (the criterion's fields on its
/// first row only), its cells neutralised by `csv_out` (`from_csv` restores them).
pub fn to_csv(rubric: &Rubric) -> Result<String, csv::Error> {
    let mut out = crate::csv_out::CsvOut::new();
    out.row(COLUMNS)?;
    for c in &rubric.criteria {
        for (j, l) in c.levels.iter().enumerate() {
            let first = j == 0;
            let text = |s: &str| if first { s.to_string() } else { String::new() };
            out.row([
                text(&c.title),
                text(&c.description),
                if first {
                    c.weight.to_string()
                } else {
                    String::new()
                },
                l.label.clone(),
                l.descriptor.clone(),
                l.min.to_string(),
                l.max.to_string(),
            ])?;
        }
    }
    out.finish()
}

/// Reads a rubric from JSON; shape errors carry the parser's line, rule
/// problems come back as they are (the JSON has no rows to point at).
pub fn from_json(text: &str) -> Result<Rubric, Vec<RowError>> {
    let rubric: Rubric = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| vec![error(e.line() as u64, None, FileProblem::Unreadable)])?;
    let problems = check(&rubric);
    if problems.is_empty() {
        Ok(rubric)
    } else {
        Err(problems
            .into_iter()
            .map(|p| error(0, None, FileProblem::Rule(p)))
            .collect())
    }
}

pub fn to_json(rubric: &Rubric) -> String {
    serde_json::to_string_pretty(rubric).unwrap_or_default()
}

#[cfg(test)]
#[path = "io_tests.rs"]
mod tests;
