//! The one way the app writes CSV. Every export (scores, rubrics, scenario
//! decisions) goes through `CsvOut`, so no export can forget to neutralise a
//! cell: a text cell that a spreadsheet would read as a formula (it starts
//! with `=`, `+`, `-`, `@`, tab or CR) is written with a leading `'`, which
//! Excel and LibreOffice show as text and never evaluate (CSV injection).
//! Names come from LMS rosters and comments from anyone, so every cell counts.
//!
//! No framework imports: the rubric domain uses it too, and `restore` lets
//! the app's own CSV imports read back what this wrote.
use std::borrow::Cow;

const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A plain decimal number (`-5`, `12.50`): written as it is, so it still sums
/// in a spreadsheet. A leading `+` is not plain (Excel evaluates `+1`), nor are
/// exponents, `inf` or `NaN`.
pub fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, "0"));
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole) && all_digits(frac)
}

/// The cell as a spreadsheet should show it: formula-like text gets a `'`.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(TRIGGERS) && !is_plain_number(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The reverse of `neutralise`, for the app's own imports: a `'` that precedes
/// a trigger character is dropped (anything else is left as typed).
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(TRIGGERS) => rest,
        _ => cell,
    }
}

/// A CSV writer whose every cell is neutralised. One rectangular table: the
/// first row (the header) sets the width, and a row of another width is
/// refused with an error before anything of it is written, so an export is
/// either a table a spreadsheet reads as one or no download at all (a 500),
/// never records glued onto one line. Every write error is returned.
pub struct CsvOut {
    inner: csv::Writer<Vec<u8>>,
    width: Option<usize>,
}

impl Default for CsvOut {
    fn default() -> Self {
        Self::new()
    }
}

impl CsvOut {
    pub fn new() -> Self {
        CsvOut {
            inner: csv::WriterBuilder::new().flexible(false).from_writer(Vec::new()),
            width: None,
        }
    }

    pub fn row<I, S>(&mut self, cells: I) -> Result<(), csv::Error>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let cells: Vec<String> = cells
            .into_iter()
            .map(|c| neutralise(c.as_ref()).into_owned())
            .collect();
        let width = *self.width.get_or_insert(cells.len());
        if cells.len() != width {
            return Err(csv::Error::from(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("a CSV row of {} cells in a table of {width}", cells.len()),
            )));
        }
        self.inner.write_record(&cells)
    }

    /// The text written (it is UTF-8: every cell was a `&str`).
    pub fn finish(self) -> Result<String, csv::Error> {
        let bytes = self
            .inner
            .into_inner()
            .map_err(|e| csv::Error::from(e.into_error()))?;
        String::from_utf8(bytes)
            .map_err(|e| csv::Error::from(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: [&str; 6] = ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"];

    #[test]
    fn formula_like_cells_become_text_and_numbers_stay_numbers() {
        for h in HOSTILE {
            assert_eq!(neutralise(h), format!("'{h}"), "{h:?}");
            assert_eq!(restore(&neutralise(h)), h);
        }
        for n in ["-5", "12.50", "0", "-0.25"] {
            assert_eq!(neutralise(n), n);
        }
        for t in ["Saya belajar.", "'kutip", "", "1e5", "- daftar"] {
            assert_eq!(restore(&neutralise(t)), t, "{t:?}");
        }
        assert_eq!(neutralise("- daftar"), "'- daftar");
        assert_eq!(restore("'kutip"), "'kutip");
    }

    #[test]
    fn rows_parse_back_cell_for_cell_as_one_table() {
        let mut out = CsvOut::new();
        out.row(["a", "b", "c", "d", "e", "f"]).unwrap();
        out.row(HOSTILE).unwrap();
        out.row(["-5", "a,b", "baris\nbaru", "\"kutip\"", "ñ — 日本", ""])
            .unwrap();
        let text = out.finish().unwrap();
        let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(false)
            .from_reader(text.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        let hostile: Vec<String> = HOSTILE.iter().map(|h| format!("'{h}")).collect();
        assert_eq!(rows[0], ["a", "b", "c", "d", "e", "f"]);
        assert_eq!(rows[1], hostile);
        assert_eq!(rows[2], ["-5", "a,b", "baris\nbaru", "\"kutip\"", "ñ — 日本", ""]);
    }

    #[test]
    fn a_row_of_another_width_is_an_error_and_nothing_of_it_is_written() {
        let mut out = CsvOut::new();
        out.row(["a", "b"]).unwrap();
        assert!(out.row(["# judul"]).is_err());
        assert!(out.row(["x", "y", "z"]).is_err());
        out.row(["1", "2"]).unwrap();
        assert_eq!(out.finish().unwrap(), "a,b\n1,2\n");
    }
}
