use super::*;
use crate::rubrics::domain::rubric::tests::sample;
use proptest::prelude::*;

const GOOD: &str = "\
criterion,criterion_description,weight,level,level_descriptor,min_points,max_points
Pembagian peran,Setiap anggota punya peran jelas,60,Sangat baik,Semua peran jelas,86,100
,,,Baik,,71,85
,,,Cukup,,56,70
,,,Kurang,,0,55
Komunikasi,,40%,Sangat baik,,4,
,,,Baik,,3,
,,,Cukup,,2,2
,,,Kurang,,1,1
";

#[test]
fn a_documented_csv_reads_into_the_rubric() {
    let r = from_csv("Kolaborasi tim lintas generasi", GOOD).unwrap();
    let mut expected = sample();
    expected.criteria[0].description = "Setiap anggota punya peran jelas".into();
    expected.criteria[0].levels[0].descriptor = "Semua peran jelas".into();
    assert_eq!(r, expected);
}

#[test]
fn csv_and_json_round_trip() {
    let r = sample();
    assert_eq!(from_csv(&r.title, &to_csv(&r).unwrap()), Ok(r.clone()));
    assert_eq!(from_json(&to_json(&r)), Ok(r));
}

/// Formula-like titles leave as text (a `'` in front) and come back as typed.
#[test]
fn hostile_text_is_neutralised_and_still_round_trips() {
    let mut r = sample();
    r.criteria[0].title = "=HYPERLINK(\"http://x\")".into();
    r.criteria[0].description = "@SUM(A1)".into();
    r.criteria[0].levels[0].label = "+1".into();
    r.criteria[0].levels[1].descriptor = "-2+3".into();
    let text = to_csv(&r).unwrap();
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect();
    assert_eq!(&rows[0][0], "'=HYPERLINK(\"http://x\")");
    assert_eq!(&rows[0][1], "'@SUM(A1)");
    assert_eq!(&rows[0][3], "'+1");
    assert_eq!(&rows[1][4], "'-2+3");
    assert_eq!(from_csv(&r.title, &text), Ok(r));
}

#[test]
fn errors_name_the_line_and_column() {
    let bad = GOOD
        .replace(",,,Baik,,71,85", ",,,Baik,,tujuh puluh,85")
        .replace("40%", "35");
    let errors = from_csv("Rubrik", &bad).unwrap_err();
    assert_eq!(
        errors,
        vec![RowError {
            line: 3,
            column: Some("min_points"),
            kind: FileProblem::NotANumber
        }]
    );
    // Once it reads, rule problems point at their rows: the total at the header.
    let errors = from_csv("Rubrik", &GOOD.replace("40%", "35")).unwrap_err();
    assert_eq!(
        errors,
        vec![RowError {
            line: 1,
            column: Some("weight"),
            kind: FileProblem::Rule(Problem::WeightsTotal(95))
        }]
    );
    let overlap = GOOD.replace(",,,Cukup,,56,70", ",,,Cukup,,56,80");
    let errors = from_csv("Rubrik", &overlap).unwrap_err();
    assert_eq!(
        errors,
        vec![RowError {
            line: 4,
            column: Some("min_points"),
            kind: FileProblem::Rule(Problem::LevelsNotOrdered(0, 2))
        }]
    );
}

#[test]
fn missing_columns_and_orphan_levels_are_reported() {
    let errors = from_csv("Rubrik", "criterion,level\nA,B\n").unwrap_err();
    let missing: Vec<_> = errors.iter().map(|e| e.column).collect();
    assert_eq!(missing, vec![Some("weight"), Some("min_points")]);
    let orphan = "criterion,weight,level,min_points\n,,Baik,3\n";
    assert_eq!(
        from_csv("Rubrik", orphan).unwrap_err(),
        vec![RowError {
            line: 2,
            column: Some("criterion"),
            kind: FileProblem::LevelWithoutCriterion
        }]
    );
}

#[test]
fn broken_json_names_its_line() {
    let errors = from_json("{\n\"title\": \"x\",\n\"criteria\": [\n}").unwrap_err();
    assert_eq!(errors[0].kind, FileProblem::Unreadable);
    assert_eq!(errors[0].line, 4);
}

proptest! {
    #[test]
    fn any_text_is_read_or_refused_without_panicking(text in "[a-z0-9,%\\n\" ]{0,200}") {
        let _ = from_csv("Rubrik", &text);
        let _ = from_json(&text);
    }
}
