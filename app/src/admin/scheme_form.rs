//! Turns the scheme form's text rows into a validated scheme, with each error
//! attached to the input that caused it (`rows[i][start]`…).
use super::model::SchemeRowInput;
use crate::classes::domain::generation::{GenerationRange, GenerationScheme, SchemeErrorKind, SCHEME_LEVEL};
use crate::error::AppError;
use crate::i18n::{Msg, K};
use std::collections::BTreeMap;

pub fn field_name(row: usize, field: &str) -> String {
    format!("rows[{row}][{field}]")
}

fn kind_key(kind: SchemeErrorKind) -> K {
    match kind {
        SchemeErrorKind::Empty => K::ErrSchemeEmpty,
        SchemeErrorKind::DuplicateCode => K::ErrSchemeDuplicateCode,
        SchemeErrorKind::EndBeforeStart => K::ErrSchemeEndBeforeStart,
        SchemeErrorKind::Gap => K::ErrSchemeGap,
        SchemeErrorKind::Overlap => K::ErrSchemeOverlap,
        SchemeErrorKind::OpenEndNotLast => K::ErrSchemeOpenEndNotLast,
        SchemeErrorKind::NoRanges => K::ErrSchemeNoRanges,
        SchemeErrorKind::YearOutOfRange => K::ErrSchemeYear,
    }
}

fn form_field(domain_field: &str) -> &str {
    match domain_field {
        "start_year" => "start",
        "end_year" => "end",
        other => other,
    }
}

fn push(errors: &mut BTreeMap<String, Vec<Msg>>, field: String, key: K) {
    errors.entry(field).or_default().push(Msg::new(key));
}

pub fn parse(name: &str, rows: &[SchemeRowInput]) -> Result<GenerationScheme, AppError> {
    let mut errors: BTreeMap<String, Vec<Msg>> = BTreeMap::new();
    let mut ranges = Vec::new();
    // Which form row each kept range came from: blank rows are dropped.
    let mut origin = Vec::new();
    for (i, row) in rows.iter().enumerate().filter(|(_, r)| !r.is_blank()) {
        let start = row.start.trim().parse::<i32>();
        let end = match row.end.trim() {
            "" => Ok(None),
            text => text.parse::<i32>().map(Some),
        };
        if start.is_err() {
            push(&mut errors, field_name(i, "start"), K::ErrYear);
        }
        if end.is_err() {
            push(&mut errors, field_name(i, "end"), K::ErrYear);
        }
        if let (Ok(start_year), Ok(end_year)) = (start, end) {
            ranges.push(GenerationRange {
                code: row.code.trim().to_string(),
                label: row.label.trim().to_string(),
                start_year,
                end_year,
            });
            origin.push(i);
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let scheme = GenerationScheme {
        name: name.trim().to_string(),
        ranges,
    };
    if let Err(found) = scheme.validate() {
        for e in found {
            let field = match e.index {
                SCHEME_LEVEL if e.field == "name" => "name".to_string(),
                SCHEME_LEVEL => "rows".to_string(),
                idx => field_name(origin.get(idx).copied().unwrap_or(idx), form_field(e.field)),
            };
            push(&mut errors, field, kind_key(e.kind));
        }
        return Err(AppError::Invalid(errors));
    }
    Ok(scheme)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(code: &str, start: &str, end: &str) -> SchemeRowInput {
        SchemeRowInput {
            code: code.into(),
            label: code.to_uppercase(),
            start: start.into(),
            end: end.into(),
        }
    }

    #[test]
    fn gap_is_reported_on_the_form_row_that_has_it() {
        let rows = vec![
            row("x", "1965", "1979"),
            SchemeRowInput::default(),
            row("y", "1981", "1994"),
        ];
        let err = parse("Skema", &rows).unwrap_err();
        assert_eq!(err.field_messages("rows[2][start]")[0].key, K::ErrSchemeGap);
    }

    #[test]
    fn non_numeric_year_is_a_field_error() {
        let err = parse("Skema", &[row("x", "abc", "")]).unwrap_err();
        assert_eq!(err.field_messages("rows[0][start]")[0].key, K::ErrYear);
    }

    #[test]
    fn contiguous_rows_make_a_scheme() {
        let s = parse("Skema", &[row("x", "1965", "1979"), row("y", "1980", "")]).unwrap();
        assert_eq!(s.classify(1990), "y");
    }
}
