//! A target's evaluation as tables for CSV and XLSX: every evaluator's pick
//! per criterion, each team's aggregate, final result and predicate, and the
//! agreement between evaluators. Column names are in the reader's language.
use crate::i18n::{Locale, P};
use crate::results::report::{Agreement, SubjectReport};
use crate::rubrics::domain::rubric::Rubric;
use std::collections::HashMap;

/// A sheet: its name, a header row and the rows.
pub struct Table {
    pub name: &'static str,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

pub struct Source<'a> {
    pub rubric: &'a Rubric,
    pub version: i32,
    pub subjects: &'a [super::subjects::Subject],
    pub reports: &'a [SubjectReport],
    pub agreement: &'a (Agreement, Vec<Agreement>),
    pub names: &'a HashMap<i64, String>,
    pub locale: Locale,
}

fn num(v: f64) -> String {
    format!("{v:.2}")
}

fn opt(v: Option<f64>) -> String {
    v.map_or_else(String::new, |v| format!("{v:.3}"))
}

pub fn tables(s: &Source) -> Vec<Table> {
    let t = |key: P| key.t(s.locale).to_string();
    let label_of = |id: i64| {
        s.subjects
            .iter()
            .find(|t| t.id == id)
            .map_or_else(String::new, |t| t.label(s.locale))
    };
    let mut scores = Vec::new();
    let mut results = Vec::new();
    for r in s.reports {
        for e in &r.scored {
            let who = s.names.get(&e.evaluator).cloned().unwrap_or_default();
            for (i, c) in s.rubric.criteria.iter().enumerate() {
                let Some(p) = e.picks.get(i) else { continue };
                let level = c.levels.get(p.level).map(|l| l.label.clone()).unwrap_or_default();
                scores.push(vec![
                    label_of(r.subject),
                    who.clone(),
                    e.role.clone(),
                    num(e.weight),
                    c.title.clone(),
                    c.weight.to_string(),
                    level,
                    p.points.to_string(),
                    e.comments.get(i).cloned().unwrap_or_default(),
                    num(e.total),
                ]);
            }
        }
        let flagged: Vec<String> = r
            .flagged
            .iter()
            .filter_map(|i| s.rubric.criteria.get(*i).map(|c| c.title.clone()))
            .collect();
        results.push(vec![
            label_of(r.subject),
            r.scored.len().to_string(),
            r.aggregate.as_ref().map_or_else(String::new, |a| num(a.total)),
            r.decision
                .as_ref()
                .map_or_else(String::new, |d| d.decision.clone()),
            r.decision.as_ref().map_or_else(String::new, |d| d.reason.clone()),
            r.final_total.map_or_else(String::new, num),
            r.predicate.clone().unwrap_or_default(),
            flagged.join("; "),
            s.version.to_string(),
        ]);
    }
    let (overall, criteria) = s.agreement;
    let agreement_row = |title: String, a: &Agreement| {
        vec![
            title,
            opt(a.alpha_interval),
            opt(a.alpha_ordinal),
            opt(a.icc.map(|i| i.single)),
            opt(a.icc.map(|i| i.average)),
            a.percent
                .map_or_else(String::new, |(e, _)| format!("{:.1}", e * 100.0)),
            a.percent
                .map_or_else(String::new, |(_, n)| format!("{:.1}", n * 100.0)),
        ]
    };
    let mut agreement = vec![agreement_row(t(P::AgreementTotal), overall)];
    agreement.extend(
        s.rubric
            .criteria
            .iter()
            .zip(criteria)
            .map(|(c, a)| agreement_row(c.title.clone(), a)),
    );
    vec![
        Table {
            name: "scores",
            header: [
                P::ExportSubject,
                P::EvalEvaluator,
                P::EvalRole,
                P::EvalWeight,
                P::ExportCriterion,
                P::CriterionWeight,
                P::LevelLabel,
                P::ExportPoints,
                P::ScoreComment,
                P::ExportEvaluatorTotal,
            ]
            .into_iter()
            .map(t)
            .collect(),
            rows: scores,
        },
        Table {
            name: "results",
            header: [
                P::ExportSubject,
                P::ExportEvaluatorCount,
                P::ExportAggregate,
                P::EvalDecision,
                P::EvalReason,
                P::ExportFinal,
                P::ExportPredicate,
                P::ExportFlagged,
                P::ExportRubricVersion,
            ]
            .into_iter()
            .map(t)
            .collect(),
            rows: results,
        },
        Table {
            name: "agreement",
            header: vec![
                t(P::ExportMeasure),
                t(P::AlphaInterval),
                t(P::AlphaOrdinal),
                "ICC(2,1)".into(),
                "ICC(2,k)".into(),
                t(P::ExportExact),
                t(P::ExportAdjacent),
            ],
            rows: agreement,
        },
    ]
}

/// One table as CSV: its header on the first line, then one record per row,
/// every record as wide as the header (a CSV file holds one table; see
/// `csv_file`). Cells are neutralised by `csv_out`; a row of another width is
/// an error, never a corrupt file.
pub fn to_csv(table: &Table) -> Result<String, csv::Error> {
    let mut out = crate::csv_out::CsvOut::new();
    out.row(&table.header)?;
    for row in &table.rows {
        out.row(row)?;
    }
    out.finish()
}

/// The table a CSV download names: `scores.csv`, `results.csv` or
/// `agreement.csv` (the XLSX holds all three as sheets). Each is its own file
/// because a spreadsheet opens a CSV as one sheet whose first row is the
/// header: stacked tables of different widths cannot be sorted, filtered or
/// pivoted, and padding them to one width would make a column mean one thing
/// at the top and another further down.
pub fn csv_file<'a>(tables: &'a [Table], file: &str) -> Option<&'a Table> {
    let name = file.strip_suffix(".csv")?;
    tables.iter().find(|t| t.name == name)
}

/// The tables of a target's evaluation, for the class's managers (checked by the caller).
pub async fn target_tables(
    state: &crate::state::AppState,
    class: &crate::entities::class::Model,
    target: crate::results::target::Target,
    locale: Locale,
) -> crate::error::AppResult<Vec<Table>> {
    use super::gather::gather;
    super::subjects::target(state, class.id, target.kind, target.id).await?;
    let g = gather(state, class, &target).await?;
    let rubric = g.rubric.ok_or(crate::error::AppError::NotFound)?;
    let agreement = crate::results::report::agreement(&rubric.body, &g.reports);
    let names = crate::results::sheet::names(state, class.id).await?;
    Ok(tables(&Source {
        rubric: &rubric.body,
        version: rubric.version.number,
        subjects: &g.subjects,
        reports: &g.reports,
        agreement: &agreement,
        names: &names,
        locale,
    }))
}
