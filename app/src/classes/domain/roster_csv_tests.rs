//! Tests of `roster_csv.rs`.
use super::*;
use proptest::prelude::*;

const PNS_M: &str = "196503121990031002";
const PNS_F: &str = "198801012015032001";
const PPPK: &str = "198501012021211001";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 15).unwrap()
}

fn parse(text: &str) -> ParsedRoster {
    parse_roster(text.as_bytes(), today())
}

fn codes<'a>(p: &'a ParsedRoster) -> Vec<(u32, &'a str, &'a str)> {
    let f = |i: &'a RowIssue| (i.row, i.column.as_str(), i.code.as_str());
    p.issues.iter().map(f).collect()
}

#[test]
fn good_semicolon_file_with_bom() {
    let text = "\u{feff}NIP;Nama Lengkap;E-mail;JK;Unit_Kerja;Jabatan;Gol\r\n\
            19650312 199003 1 002;  Budi   Santoso ;budi@x.go.id;;BKPSDM;Analis;III/a\r\n\
            ;;;;;;\r\n\
            198501012021211001;Siti;;P;Dinas  Kesehatan;;\r\n";
    let p = parse_roster(text.as_bytes(), today());
    assert_eq!(p.issues, vec![]);
    assert_eq!(p.rows.len(), 2);
    let (a, b) = (&p.rows[0], &p.rows[1]);
    assert_eq!(
        (a.row, a.nip.as_str(), a.full_name.as_str()),
        (2, PNS_M, "Budi Santoso")
    );
    assert_eq!((a.gender, a.gender_from_nip), (Gender::Male, true));
    assert_eq!(a.email.as_deref(), Some("budi@x.go.id"));
    assert_eq!(a.golongan.as_deref(), Some("III/a"));
    assert_eq!((b.row, b.gender, b.gender_from_nip), (4, Gender::Female, false));
    assert_eq!(
        (b.unit_kerja.as_str(), b.golongan.clone()),
        ("Dinas Kesehatan", None)
    );
    assert_eq!(b.birth_date, NaiveDate::from_ymd_opt(1985, 1, 1).unwrap());
}

#[test]
fn exactly_two_bad_rows() {
    let text = format!("nama,nip\nA,{PNS_M}\nB,12345\nC,{PNS_F}\nD,{PNS_M}\n");
    let p = parse(&text);
    let want = vec![(3, "nip", "nip_length"), (5, "nip", "duplicate_nip_in_file")];
    assert_eq!(codes(&p), want);
    assert_eq!(p.issues[1].value, PNS_M);
    assert_eq!(p.rows.len(), 2);
}

#[test]
fn missing_required_column() {
    let p = parse("NIP,Email\n196503121990031002,a@b.co\n");
    assert_eq!(codes(&p), vec![(1, "full_name", "missing_column")]);
    let p = parse("foo;bar\n1;2\n");
    assert_eq!(p.issues.len(), 2);
}

#[test]
fn pppk_needs_gender_and_gender_must_match_nip() {
    let text = format!("nip,nama,gender\n{PPPK},A,\n{PNS_M},B,Perempuan\n{PNS_F},C,x\n");
    let want = vec![
        (2, "gender", "gender_required"),
        (3, "gender", "gender_conflicts_nip"),
        (4, "gender", "bad_gender"),
    ];
    assert_eq!(codes(&parse(&text)), want);
}

#[test]
fn one_row_many_issues_and_quoted_newline() {
    let long = "x".repeat(121);
    let text = format!("nip,nama,email\n\"{PNS_F}\",\"Multi\nLine\",\nabc,{long},a@b\n");
    let p = parse(&text);
    let want = vec![
        (4, "nip", "nip_not_digits"),
        (4, "full_name", "name_too_long"),
        (4, "email", "bad_email"),
    ];
    assert_eq!(codes(&p), want);
    assert_eq!(p.issues[1].value.chars().count(), MAX_VALUE_CHARS);
    assert_eq!(p.rows[0].full_name, "Multi Line");
}

#[test]
fn file_level_problems() {
    assert_eq!(codes(&parse("")), vec![(0, "file", "empty_file")]);
    assert_eq!(codes(&parse("nip,nama\n,\n")), vec![(0, "file", "empty_file")]);
    let bad = parse_roster(b"nip,nama\n\xff\n", today());
    assert_eq!(codes(&bad), vec![(2, "file", "bad_encoding")]);
    let nul = parse_roster(b"NIP;Nama\n1\0;x\n", today());
    assert_eq!(codes(&nul), vec![(2, "file", "bad_encoding")], "a NUL is no text");
    let mut big = String::from("nip,nama\n");
    for i in 0..=MAX_ROWS {
        big.push_str(&format!("1965031219900310{:02},N\n", i % 100));
    }
    let want = (MAX_ROWS as u32 + 2, "file", "too_many_rows");
    assert_eq!(codes(&parse(&big)), vec![want]);
}

#[test]
fn email_and_gender_rules() {
    assert!(is_plausible_email("a.b@dinas.go.id"));
    for bad in ["a@b", "@b.co", "a@@b.co", "a b@c.co", "a@.co", "a@b.", "ab.co"] {
        assert!(!is_plausible_email(bad), "{bad}");
    }
    assert_eq!(parse_gender("Laki-Laki"), Some(Gender::Male));
    assert_eq!(parse_gender("F"), Some(Gender::Female));
    assert_eq!(parse_gender("?"), None);
}

proptest! {
    #[test]
    fn valid_rows_all_import(
        people in prop::collection::vec(("[A-Za-z]{1,8}( [A-Za-z]{1,8}){0,2}", 1u32..=2), 1..30),
        semi in any::<bool>(),
        bom in any::<bool>(),
        crlf in any::<bool>(),
    ) {
        let (d, nl) = (if semi { ';' } else { ',' }, if crlf { "\r\n" } else { "\n" });
        let mut text = String::from(if bom { "\u{feff}" } else { "" });
        text.push_str(&format!("Nama{d}NIP{nl}"));
        for (i, (name, sex)) in people.iter().enumerate() {
            text.push_str(&format!("{name}{d}19800101 200501 {sex} {i:03}{nl}"));
        }
        let p = parse_roster(text.as_bytes(), today());
        prop_assert!(p.issues.is_empty(), "{:?}", p.issues);
        prop_assert_eq!(p.rows.len(), people.len());
        for (i, row) in p.rows.iter().enumerate() {
            prop_assert_eq!(row.row as usize, i + 2);
            prop_assert_eq!(row.gender == Gender::Male, people[i].1 == 1);
        }
    }

    #[test]
    fn never_panics_and_never_silently_empty(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let p = parse_roster(&bytes, today());
        prop_assert!(!p.rows.is_empty() || !p.issues.is_empty());
    }
}
