//! Roster import: CSV bytes → validated rows, all-or-nothing.
//!
//! Every problem is reported (row + column) so the user can fix the whole
//! spreadsheet in one pass; the caller must store nothing if `issues` is
//! non-empty.

use super::nip::{Gender, Nip, NipError};
use chrono::NaiveDate;
use std::collections::HashMap;

pub const MAX_ROWS: usize = 2000;
pub const MAX_NAME_CHARS: usize = 120;
/// `RowIssue::row` for problems with the file as a whole.
pub const FILE_ROW: u32 = 0;
/// Raw values echoed back are clipped so one huge cell cannot bloat the UI.
const MAX_VALUE_CHARS: usize = 60;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RosterRow {
    /// 1-based line in the file, header = line 1: what Excel shows.
    pub row: u32,
    pub nip: String,
    pub full_name: String,
    pub email: Option<String>,
    pub gender: Gender,
    pub gender_from_nip: bool,
    pub birth_date: NaiveDate,
    pub unit_kerja: String,
    pub jabatan: String,
    pub golongan: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RowIssue {
    pub row: u32,
    /// Canonical column name, or "file".
    pub column: String,
    pub code: String,
    pub value: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedRoster {
    pub rows: Vec<RosterRow>,
    pub issues: Vec<RowIssue>,
}

/// Canonical column names, indexed by the `C_*` constants.
const CANONICAL: [&str; 7] = [
    "nip",
    "full_name",
    "email",
    "gender",
    "unit_kerja",
    "jabatan",
    "golongan",
];
const C_NIP: usize = 0;
const C_NAME: usize = 1;
/// Header aliases (already lower-cased, '_' read as space), same order.
const ALIASES: [&[&str]; 7] = [
    &["nip"],
    &["nama", "nama lengkap", "full name", "name"],
    &["email", "e-mail", "surel"],
    &["jenis kelamin", "gender", "jk", "sex"],
    &["unit kerja", "opd", "unit"],
    &["jabatan", "position"],
    &["golongan", "gol", "grade"],
];

type ColumnMap = [Option<usize>; 7];
type Record = (u32, csv::StringRecord);

fn issue(row: u32, column: &str, code: &str, value: &str) -> RowIssue {
    RowIssue {
        row,
        column: column.to_owned(),
        code: code.to_owned(),
        value: value.chars().take(MAX_VALUE_CHARS).collect(),
    }
}

fn failed(issue: RowIssue) -> ParsedRoster {
    ParsedRoster {
        rows: Vec::new(),
        issues: vec![issue],
    }
}

pub fn parse_roster(bytes: &[u8], today: NaiveDate) -> ParsedRoster {
    let (header, records) = match read_records(bytes) {
        Ok(parts) => parts,
        Err(e) => return failed(e),
    };
    match map_header(&header) {
        Ok(map) => validate_rows(&records, &map, today),
        Err(issues) => ParsedRoster {
            rows: Vec::new(),
            issues,
        },
    }
}

/// Strips a BOM, checks UTF-8 (reporting the first bad line) and normalises
/// line endings: csv counts lines on '\n' only and reports CRLF records one
/// line early.
fn decode(bytes: &[u8]) -> Result<String, RowIssue> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()].iter().filter(|b| **b == b'\n');
        issue(line.count() as u32 + 1, "file", "bad_encoding", "")
    })?;
    // A NUL is no text (PostgreSQL cannot even store it): the file is not a roster.
    if let Some(at) = text.find('\0') {
        let line = text[..at].matches('\n').count() as u32 + 1;
        return Err(issue(line, "file", "bad_encoding", ""));
    }
    Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// Splits into records and drops blank lines; returns header and data rows.
fn read_records(bytes: &[u8]) -> Result<(Record, Vec<Record>), RowIssue> {
    let text = decode(bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true) // Excel drops trailing empty cells on some rows
        .delimiter(detect_delimiter(&text))
        .from_reader(text.as_bytes());
    let mut header = None;
    let mut rows = Vec::new();
    for result in reader.records() {
        let rec = result.map_err(|e| {
            let line = e.position().map_or(FILE_ROW, |p| p.line() as u32);
            issue(line, "file", "csv_syntax", &e.to_string())
        })?;
        // Excel exports blank rows as ";;;;", which csv does not skip.
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let line = rec.position().map_or(FILE_ROW, |p| p.line() as u32);
        if header.is_none() {
            header = Some((line, rec));
        } else if rows.len() == MAX_ROWS {
            return Err(issue(line, "file", "too_many_rows", &format!("> {MAX_ROWS}")));
        } else {
            rows.push((line, rec));
        }
    }
    match header {
        Some(h) if !rows.is_empty() => Ok((h, rows)),
        _ => Err(issue(FILE_ROW, "file", "empty_file", "")),
    }
}

/// Indonesian-locale Excel writes ';' because ',' is the decimal separator.
fn detect_delimiter(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let count = |c| header.matches(c).count();
    if count(';') > count(',') {
        b';'
    } else {
        b','
    }
}

fn map_header((line, header): &Record) -> Result<ColumnMap, Vec<RowIssue>> {
    let mut map: ColumnMap = [None; 7];
    for (i, cell) in header.iter().enumerate() {
        let norm = cell.trim().to_lowercase().replace('_', " ");
        let norm = collapse(&norm);
        let col = ALIASES.iter().position(|a| a.contains(&norm.as_str()));
        // First matching column wins; later duplicates are ignored.
        if let Some(c) = col.filter(|c| map[*c].is_none()) {
            map[c] = Some(i);
        }
    }
    let missing: Vec<RowIssue> = [C_NIP, C_NAME]
        .into_iter()
        .filter(|c| map[*c].is_none())
        .map(|c| issue(*line, CANONICAL[c], "missing_column", CANONICAL[c]))
        .collect();
    if missing.is_empty() {
        Ok(map)
    } else {
        Err(missing)
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn validate_rows(records: &[Record], map: &ColumnMap, today: NaiveDate) -> ParsedRoster {
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut out = ParsedRoster::default();
    for (line, rec) in records {
        let cells: [&str; 7] = std::array::from_fn(|c| map[c].and_then(|i| rec.get(i)).unwrap_or("").trim());
        let mut ctx = RowCtx {
            line: *line,
            issues: Vec::new(),
        };
        match ctx.check(&cells, today, &mut seen) {
            Some(row) if ctx.issues.is_empty() => out.rows.push(row),
            _ => out.issues.append(&mut ctx.issues),
        }
    }
    out
}

/// Accumulates the issues of one row; each checker returns `None` on failure.
struct RowCtx {
    line: u32,
    issues: Vec<RowIssue>,
}

impl RowCtx {
    fn flag(&mut self, column: usize, code: &str, value: &str) {
        self.issues.push(issue(self.line, CANONICAL[column], code, value));
    }

    fn check(
        &mut self,
        cells: &[&str; 7],
        today: NaiveDate,
        seen: &mut HashMap<String, u32>,
    ) -> Option<RosterRow> {
        // Run every checker before combining so each problem gets reported.
        let nip = self.nip(cells[C_NIP], today, seen);
        let full_name = self.full_name(cells[C_NAME]);
        let email = self.email(cells[2]);
        let gender = self.gender(cells[3], nip.as_ref());
        let (nip, (gender, gender_from_nip)) = (nip?, gender?);
        Some(RosterRow {
            row: self.line,
            nip: nip.as_str().to_owned(),
            full_name: full_name?,
            email: email?,
            gender,
            gender_from_nip,
            birth_date: nip.birth_date,
            unit_kerja: collapse(cells[4]),
            jabatan: collapse(cells[5]),
            golongan: Some(cells[6].to_owned()).filter(|g| !g.is_empty()),
        })
    }

    /// Returns the NIP even when duplicated so gender can still be checked.
    fn nip(&mut self, raw: &str, today: NaiveDate, seen: &mut HashMap<String, u32>) -> Option<Nip> {
        let nip = Nip::parse_at(raw, today)
            .map_err(|e: NipError| self.flag(C_NIP, e.code(), raw))
            .ok()?;
        if seen.contains_key(nip.as_str()) {
            self.flag(C_NIP, "duplicate_nip_in_file", nip.as_str());
        } else {
            seen.insert(nip.as_str().to_owned(), self.line);
        }
        Some(nip)
    }

    fn full_name(&mut self, raw: &str) -> Option<String> {
        let name = collapse(raw);
        if name.is_empty() {
            self.flag(C_NAME, "missing_name", raw);
            return None;
        }
        if name.chars().count() > MAX_NAME_CHARS {
            self.flag(C_NAME, "name_too_long", raw);
            return None;
        }
        Some(name)
    }

    /// `Some(None)` = no email given, which is allowed.
    fn email(&mut self, raw: &str) -> Option<Option<String>> {
        if raw.is_empty() {
            return Some(None);
        }
        if !is_plausible_email(raw) {
            self.flag(2, "bad_email", raw);
            return None;
        }
        Some(Some(raw.to_owned()))
    }

    /// Column value wins; PNS NIPs fill in or cross-check it. PPPK NIPs carry
    /// no sex digit, so those rows need the column.
    fn gender(&mut self, raw: &str, nip: Option<&Nip>) -> Option<(Gender, bool)> {
        let from_col = match raw {
            "" => None,
            _ => Some(parse_gender(raw).or_else(|| {
                self.flag(3, "bad_gender", raw);
                None
            })?),
        };
        match (from_col, nip.and_then(|n| n.gender)) {
            (Some(g), Some(n)) if g != n => {
                self.flag(3, "gender_conflicts_nip", raw);
                None
            }
            (Some(g), _) => Some((g, false)),
            (None, Some(n)) => Some((n, true)),
            (None, None) => {
                // An invalid NIP is already reported; don't pile on.
                if nip.is_some() {
                    self.flag(3, "gender_required", raw);
                }
                None
            }
        }
    }
}

/// Deliberately loose: real validation happens when mail is sent.
fn is_plausible_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(char::is_whitespace)
}

fn parse_gender(raw: &str) -> Option<Gender> {
    match raw.to_lowercase().as_str() {
        "l" | "laki-laki" | "pria" | "laki laki" | "lakilaki" | "m" | "male" | "1" => Some(Gender::Male),
        "p" | "perempuan" | "wanita" | "f" | "female" | "2" => Some(Gender::Female),
        _ => None,
    }
}

#[cfg(test)]
#[path = "roster_csv_tests.rs"]
mod tests;
