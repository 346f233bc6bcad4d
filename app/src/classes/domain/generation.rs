//! Configurable generation schemes (Boomer, X, Y, Z, Alpha, …).
//!
//! Sources disagree on the year boundaries, so admins pick or edit a scheme
//! instead of us hard-coding one.

/// Code returned for birth years before the first range.
pub const PRE_BOOMER_CODE: &str = "pre";
/// Code returned for years not covered by any range (after a closed last
/// range, or inside a gap of an invalid scheme).
pub const UNKNOWN_CODE: &str = "unknown";
/// `SchemeError::index` value for errors about the scheme as a whole.
pub const SCHEME_LEVEL: usize = usize::MAX;
/// Accepted birth-year bounds; wider values are almost surely typos.
pub const MIN_YEAR: i32 = 1900;
pub const MAX_YEAR: i32 = 2100;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct GenerationRange {
    /// Stable key, e.g. "boomer", "x", "y", "z", "alpha".
    pub code: String,
    /// Display name, e.g. "Gen X".
    pub label: String,
    pub start_year: i32,
    /// Inclusive; `None` = open-ended, only allowed on the last range.
    pub end_year: Option<i32>,
}

impl GenerationRange {
    fn new(code: &str, label: &str, start_year: i32, end_year: Option<i32>) -> Self {
        Self {
            code: code.to_owned(),
            label: label.to_owned(),
            start_year,
            end_year,
        }
    }

    fn contains(&self, year: i32) -> bool {
        year >= self.start_year && self.end_year.is_none_or(|end| year <= end)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct GenerationScheme {
    pub name: String,
    pub ranges: Vec<GenerationRange>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemeError {
    /// Range index, or [`SCHEME_LEVEL`] for scheme-level errors.
    pub index: usize,
    /// "name", "code", "label", "start_year", "end_year" or "ranges".
    pub field: &'static str,
    pub kind: SchemeErrorKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemeErrorKind {
    Empty,
    DuplicateCode,
    EndBeforeStart,
    Gap,
    Overlap,
    OpenEndNotLast,
    NoRanges,
    YearOutOfRange,
}

impl SchemeErrorKind {
    /// Machine-readable code; the UI maps it to a translated message.
    pub fn code(&self) -> &'static str {
        match self {
            SchemeErrorKind::Empty => "scheme_empty",
            SchemeErrorKind::DuplicateCode => "scheme_duplicate_code",
            SchemeErrorKind::EndBeforeStart => "scheme_end_before_start",
            SchemeErrorKind::Gap => "scheme_gap",
            SchemeErrorKind::Overlap => "scheme_overlap",
            SchemeErrorKind::OpenEndNotLast => "scheme_open_end_not_last",
            SchemeErrorKind::NoRanges => "scheme_no_ranges",
            SchemeErrorKind::YearOutOfRange => "scheme_year_out_of_range",
        }
    }
}

impl GenerationScheme {
    /// Boundaries used in the Babel 2025 article the client referenced.
    pub fn article_default() -> Self {
        Self::standard("Babel 2025 (artikel)", [1964, 1979, 1994, 2012])
    }

    /// Boundaries used in BKN publications.
    pub fn bkn() -> Self {
        Self::standard("BKN", [1964, 1976, 1994, 2010])
    }

    /// Both presets share codes/labels and start at 1946; only the end years
    /// of Boomer, X, Y and Z differ.
    fn standard(name: &str, ends: [i32; 4]) -> Self {
        let names = [
            ("boomer", "Baby Boomers"),
            ("x", "Gen X"),
            ("y", "Gen Y"),
            ("z", "Gen Z"),
        ];
        let mut start = 1946;
        let mut ranges = Vec::with_capacity(5);
        for ((code, label), end) in names.into_iter().zip(ends) {
            ranges.push(GenerationRange::new(code, label, start, Some(end)));
            start = end + 1;
        }
        ranges.push(GenerationRange::new("alpha", "Gen Alpha", start, None));
        Self {
            name: name.to_owned(),
            ranges,
        }
    }

    /// Code of the range containing `birth_year`; [`PRE_BOOMER_CODE`] before
    /// the earliest start, [`UNKNOWN_CODE`] when no range covers it.
    pub fn classify(&self, birth_year: i32) -> &str {
        if let Some(r) = self.ranges.iter().find(|r| r.contains(birth_year)) {
            return &r.code;
        }
        match self.ranges.iter().map(|r| r.start_year).min() {
            Some(first) if birth_year < first => PRE_BOOMER_CODE,
            _ => UNKNOWN_CODE,
        }
    }

    /// Label for a range code, if the scheme has it.
    pub fn label_of(&self, code: &str) -> Option<&str> {
        self.ranges
            .iter()
            .find(|r| r.code == code)
            .map(|r| r.label.as_str())
    }

    /// Collects every problem so the admin form can mark all fields at once.
    pub fn validate(&self) -> Result<(), Vec<SchemeError>> {
        let mut errors = Vec::new();
        let mut push = |index, field, kind| errors.push(SchemeError { index, field, kind });
        if self.name.trim().is_empty() {
            push(SCHEME_LEVEL, "name", SchemeErrorKind::Empty);
        }
        if self.ranges.is_empty() {
            push(SCHEME_LEVEL, "ranges", SchemeErrorKind::NoRanges);
        }
        let last = self.ranges.len().saturating_sub(1);
        for (i, range) in self.ranges.iter().enumerate() {
            let earlier = &self.ranges[..i];
            for (field, kind) in range_errors(range, i == last, earlier) {
                push(i, field, kind);
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// Problems of one range, given whether it is last and the ranges before it.
fn range_errors(
    range: &GenerationRange,
    is_last: bool,
    earlier: &[GenerationRange],
) -> Vec<(&'static str, SchemeErrorKind)> {
    use SchemeErrorKind as K;
    let mut out = Vec::new();
    let code = range.code.trim();
    if code.is_empty() {
        out.push(("code", K::Empty));
    } else if earlier.iter().any(|r| r.code.trim() == code) {
        out.push(("code", K::DuplicateCode));
    }
    if range.label.trim().is_empty() {
        out.push(("label", K::Empty));
    }
    let in_bounds = |y: i32| (MIN_YEAR..=MAX_YEAR).contains(&y);
    if !in_bounds(range.start_year) {
        out.push(("start_year", K::YearOutOfRange));
    }
    // An open end on the predecessor is already reported there; checking
    // adjacency against it would only duplicate that error.
    if let Some(prev_end) = earlier.last().and_then(|p| p.end_year) {
        match range.start_year.cmp(&(prev_end + 1)) {
            std::cmp::Ordering::Greater => out.push(("start_year", K::Gap)),
            std::cmp::Ordering::Less => out.push(("start_year", K::Overlap)),
            std::cmp::Ordering::Equal => {}
        }
    }
    match range.end_year {
        Some(end) if !in_bounds(end) => out.push(("end_year", K::YearOutOfRange)),
        Some(end) if end < range.start_year => out.push(("end_year", K::EndBeforeStart)),
        None if !is_last => out.push(("end_year", K::OpenEndNotLast)),
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn kinds(scheme: &GenerationScheme) -> Vec<(usize, &'static str, SchemeErrorKind)> {
        match scheme.validate() {
            Ok(()) => vec![],
            Err(errs) => errs.iter().map(|e| (e.index, e.field, e.kind)).collect(),
        }
    }

    #[test]
    fn presets_are_valid_and_classify() {
        let article = GenerationScheme::article_default();
        let bkn = GenerationScheme::bkn();
        assert_eq!(article.validate(), Ok(()));
        assert_eq!(bkn.validate(), Ok(()));
        assert_eq!(article.classify(1945), PRE_BOOMER_CODE);
        assert_eq!(article.classify(1946), "boomer");
        assert_eq!(article.classify(1978), "x");
        assert_eq!(bkn.classify(1978), "y");
        assert_eq!(article.classify(2011), "z");
        assert_eq!(bkn.classify(2011), "alpha");
        assert_eq!(bkn.classify(2099), "alpha");
        assert_eq!(bkn.label_of("x"), Some("Gen X"));
    }

    #[test]
    fn closed_last_range_gives_unknown() {
        let mut s = GenerationScheme::bkn();
        s.ranges.last_mut().unwrap().end_year = Some(2020);
        assert_eq!(s.validate(), Ok(()));
        assert_eq!(s.classify(2021), UNKNOWN_CODE);
        let empty = GenerationScheme {
            name: "e".into(),
            ranges: vec![],
        };
        assert_eq!(empty.classify(1990), UNKNOWN_CODE);
    }

    #[test]
    fn collects_all_errors() {
        use SchemeErrorKind as K;
        let r = |c: &str, l: &str, s, e| GenerationRange::new(c, l, s, e);
        let scheme = GenerationScheme {
            name: " ".into(),
            ranges: vec![
                r("a", "A", 1890, Some(1900)),
                r("a", " ", 1905, None),
                r("", "C", 1950, Some(1940)),
                r("d", "D", 1930, Some(2200)),
            ],
        };
        let want = vec![
            (SCHEME_LEVEL, "name", K::Empty),
            (0, "start_year", K::YearOutOfRange),
            (1, "code", K::DuplicateCode),
            (1, "label", K::Empty),
            (1, "start_year", K::Gap),
            (1, "end_year", K::OpenEndNotLast),
            (2, "code", K::Empty),
            (2, "end_year", K::EndBeforeStart),
            (3, "start_year", K::Overlap),
            (3, "end_year", K::YearOutOfRange),
        ];
        assert_eq!(kinds(&scheme), want);
    }

    #[test]
    fn no_ranges_and_codes() {
        let s = GenerationScheme {
            name: "x".into(),
            ranges: vec![],
        };
        let want = (SCHEME_LEVEL, "ranges", SchemeErrorKind::NoRanges);
        assert_eq!(kinds(&s), vec![want]);
        assert_eq!(SchemeErrorKind::Gap.code(), "scheme_gap");
    }

    /// Contiguous scheme from a start year and range widths (each ≥ 2 so a
    /// boundary can move inward without inverting a range).
    fn contiguous() -> impl Strategy<Value = GenerationScheme> {
        (
            1900i32..1950,
            prop::collection::vec(2i32..=20, 1..=6),
            any::<bool>(),
        )
            .prop_map(|(start, widths, open)| {
                let mut s = start;
                let n = widths.len();
                let ranges = widths
                    .iter()
                    .enumerate()
                    .map(|(i, w)| {
                        let end = (i + 1 < n || !open).then_some(s + w - 1);
                        let r = GenerationRange::new(&format!("g{i}"), &format!("G{i}"), s, end);
                        s += w;
                        r
                    })
                    .collect();
                GenerationScheme {
                    name: "gen".into(),
                    ranges,
                }
            })
    }

    proptest! {
        #[test]
        fn contiguous_validates_and_classifies(scheme in contiguous()) {
            prop_assert_eq!(scheme.validate(), Ok(()));
            let first = scheme.ranges[0].start_year;
            prop_assert_eq!(scheme.classify(first - 1), PRE_BOOMER_CODE);
            for r in &scheme.ranges {
                for y in r.start_year..=r.end_year.unwrap_or(r.start_year + 30) {
                    prop_assert_eq!(scheme.classify(y), r.code.as_str());
                }
            }
        }

        #[test]
        fn moved_boundary_is_one_gap_or_overlap(
            scheme in contiguous().prop_filter("needs 2 ranges", |s| s.ranges.len() >= 2),
            pick in any::<prop::sample::Index>(),
            k in 1i32..=30,
            widen in any::<bool>(),
        ) {
            let mut scheme = scheme;
            let i = pick.index(scheme.ranges.len() - 1);
            let r = &mut scheme.ranges[i];
            let end = r.end_year.unwrap();
            // Shrinking must keep end ≥ start so only adjacency breaks.
            let k = if widen { k } else { 1 + (k - 1) % (end - r.start_year) };
            r.end_year = Some(if widen { end + k } else { end - k });
            let want = if widen { SchemeErrorKind::Overlap } else { SchemeErrorKind::Gap };
            prop_assert_eq!(kinds(&scheme), vec![(i + 1, "start_year", want)]);
        }
    }
}
