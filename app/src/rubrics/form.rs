//! The rubric editor's form, as posted (`criteria[0][levels][1][label]`…,
//! read by serde_qs), turned into a rubric; and every rule problem turned
//! into a message in the reader's language that names its criterion and level.
use super::domain::io::{FileProblem, RowError};
use super::domain::rubric::{Criterion, Level, Problem, Rubric};
use crate::error::AppError;
use crate::i18n::said_with;
use crate::i18n::P;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CriterionForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub weight: String,
    #[serde(default)]
    pub remove: Option<String>,
    #[serde(default)]
    pub levels: Vec<LevelForm>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct LevelForm {
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub descriptor: String,
    #[serde(default)]
    pub min: String,
    #[serde(default)]
    pub max: String,
    #[serde(default)]
    pub remove: Option<String>,
}

impl LevelForm {
    fn blank(&self) -> bool {
        [&self.label, &self.descriptor, &self.min, &self.max]
            .iter()
            .all(|s| s.trim().is_empty())
    }
}

impl CriterionForm {
    fn blank(&self) -> bool {
        [&self.title, &self.description, &self.weight]
            .iter()
            .all(|s| s.trim().is_empty())
            && self.levels.iter().all(LevelForm::blank)
    }
}

/// The rubric the form describes. Blank rows (the empty ones the editor
/// offers for adding) and rows ticked for removal are left out; a number
/// that does not read is an error on its row.
pub fn rubric_from(title: &str, description: &str, criteria: &[CriterionForm]) -> Result<Rubric, AppError> {
    let mut errors: BTreeMap<String, Vec<crate::i18n::Msg>> = BTreeMap::new();
    let mut out = Vec::new();
    for c in criteria.iter().filter(|c| !c.blank() && c.remove.is_none()) {
        let at = out.len() + 1;
        let mut number = |text: &str, field: String, key: P, args: Vec<String>| -> u32 {
            let text = text.trim().trim_end_matches('%').trim();
            text.parse::<u32>().unwrap_or_else(|_| {
                errors.entry(field).or_default().push(said_with(key, &args));
                0
            })
        };
        let weight = number(
            &c.weight,
            format!("c{at}"),
            P::RubricWeightNumber,
            vec![at.to_string()],
        );
        let mut levels = Vec::new();
        for l in c.levels.iter().filter(|l| !l.blank() && l.remove.is_none()) {
            let j = levels.len() + 1;
            let args = vec![at.to_string(), j.to_string()];
            let field = format!("c{at}_l{j}");
            let min = number(&l.min, field.clone(), P::RubricPointsNumber, args.clone());
            let max = if l.max.trim().is_empty() {
                min
            } else {
                number(&l.max, field, P::RubricPointsNumber, args)
            };
            levels.push(Level {
                label: l.label.trim().to_string(),
                descriptor: l.descriptor.trim().replace("\r\n", "\n"),
                min,
                max,
            });
        }
        out.push(Criterion {
            title: c.title.trim().to_string(),
            description: c.description.trim().replace("\r\n", "\n"),
            weight,
            levels,
        });
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    Ok(Rubric {
        title: title.trim().to_string(),
        description: description.trim().replace("\r\n", "\n"),
        criteria: out,
    })
}

/// Rule problems as field errors (`title`, `weights`, `c2`, `c2_l3`; positions from 1).
pub fn problems_error(problems: &[Problem]) -> AppError {
    let mut errors: BTreeMap<String, Vec<crate::i18n::Msg>> = BTreeMap::new();
    for p in problems {
        let (field, msg) = problem_message(*p);
        errors.entry(field).or_default().push(msg);
    }
    AppError::Invalid(errors)
}

fn problem_message(p: Problem) -> (String, crate::i18n::Msg) {
    let c = |i: usize| (i + 1).to_string();
    let (field, key, args) = match p {
        Problem::TitleMissing => ("title".into(), P::RubricTitleMissing, vec![]),
        Problem::NoCriteria => ("criteria".into(), P::RubricNoCriteria, vec![]),
        Problem::TooManyCriteria => ("criteria".into(), P::RubricTooManyCriteria, vec![]),
        Problem::WeightsTotal(total) => ("weights".into(), P::RubricWeightsTotal, vec![total.to_string()]),
        Problem::CriterionTitleMissing(i) => (format!("c{}", c(i)), P::RubricCriterionTitle, vec![c(i)]),
        Problem::WeightOutOfRange(i) => (format!("c{}", c(i)), P::RubricWeightRange, vec![c(i)]),
        Problem::LevelCount(i) => (format!("c{}", c(i)), P::RubricLevelCount, vec![c(i)]),
        Problem::NoPoints(i) => (format!("c{}", c(i)), P::RubricNoPoints, vec![c(i)]),
        Problem::LevelLabelMissing(i, j) => (
            format!("c{}_l{}", c(i), c(j)),
            P::RubricLevelLabel,
            vec![c(i), c(j)],
        ),
        Problem::PointsInvalid(i, j) => (
            format!("c{}_l{}", c(i), c(j)),
            P::RubricPointsInvalid,
            vec![c(i), c(j)],
        ),
        Problem::LevelsNotOrdered(i, j) => (
            format!("c{}_l{}", c(i), c(j)),
            P::RubricLevelsOrder,
            vec![c(i), c(j)],
        ),
    };
    (field, said_with(key, &args))
}

/// A file's problems as errors of the `file` field, each with its line
/// (`file:3`), so the page says "Line 3: …".
pub fn file_error(errors: &[RowError]) -> AppError {
    let mut map: BTreeMap<String, Vec<crate::i18n::Msg>> = BTreeMap::new();
    for e in errors {
        let column = e.column.unwrap_or("").to_string();
        let msg = match e.kind {
            FileProblem::Unreadable => said_with(P::RubricFileUnreadable, &[]),
            FileProblem::MissingColumn => said_with(P::RubricFileMissingColumn, &[column]),
            FileProblem::NotANumber => said_with(P::RubricFileNotANumber, &[column]),
            FileProblem::LevelWithoutCriterion => said_with(P::RubricFileOrphanLevel, &[]),
            FileProblem::Rule(p) => problem_message(p).1,
        };
        map.entry(format!("file:{}", e.line)).or_default().push(msg);
    }
    AppError::Invalid(map)
}
