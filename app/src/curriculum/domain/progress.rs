//! Release plans and progress: which units a participant may open today, how far
//! they are, and where "continue" takes them. Pure, so it is tested in isolation.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Release {
    Open,
    /// Opens on this date (inclusive), in the server's calendar.
    OnDate(NaiveDate),
    Hidden,
}

impl Release {
    /// A class without a plan for a unit has it open: content is there to be read
    /// until the facilitator decides otherwise.
    pub fn from_db(mode: Option<&str>, opens_on: Option<NaiveDate>) -> Release {
        match (mode, opens_on) {
            (Some("hidden"), _) => Release::Hidden,
            (Some("date"), Some(day)) => Release::OnDate(day),
            _ => Release::Open,
        }
    }

    /// From the release form: a mode and, for "date", the day it opens.
    pub fn parse(mode: &str, opens_on: Option<&str>) -> Result<Release, crate::i18n::K> {
        use crate::i18n::K;
        match mode {
            "open" => Ok(Release::Open),
            "hidden" => Ok(Release::Hidden),
            "date" => {
                let text = opens_on
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .ok_or(K::ErrRequired)?;
                NaiveDate::parse_from_str(text, "%Y-%m-%d")
                    .map(Release::OnDate)
                    .map_err(|_| K::ErrDate)
            }
            _ => Err(K::ErrBadRequest),
        }
    }

    pub fn opens_on(self) -> Option<NaiveDate> {
        match self {
            Release::OnDate(day) => Some(day),
            _ => None,
        }
    }

    pub fn mode_code(self) -> &'static str {
        match self {
            Release::Open => "open",
            Release::OnDate(_) => "date",
            Release::Hidden => "hidden",
        }
    }

    pub fn is_open(self, today: NaiveDate) -> bool {
        match self {
            Release::Open => true,
            Release::OnDate(day) => today >= day,
            Release::Hidden => false,
        }
    }
}

/// Whole percent, rounded down, so 100 % means truly everything.
pub fn percent(done: usize, total: usize) -> u8 {
    (done.min(total) * 100).checked_div(total).map_or(0, |p| p as u8)
}

/// The first lesson not yet completed, in course order, among open units; or none
/// when everything open is done. `lessons` is `(lesson key, open?, completed?)`.
pub fn continue_at<'a>(lessons: impl IntoIterator<Item = (&'a str, bool, bool)>) -> Option<&'a str> {
    lessons
        .into_iter()
        .find(|(_, open, completed)| *open && !completed)
        .map(|(key, _, _)| key)
}

/// Whether a quick-check answer is right: exactly the correct options, no more.
pub fn answer_is_correct(correct: &[&str], chosen: &[&str]) -> bool {
    let mut a: Vec<&str> = correct.to_vec();
    let mut b: Vec<&str> = chosen.to_vec();
    a.sort_unstable();
    a.dedup();
    b.sort_unstable();
    b.dedup();
    !b.is_empty() && a == b
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    #[test]
    fn release_plans() {
        assert!(Release::from_db(None, None).is_open(day(1)));
        assert!(!Release::from_db(Some("hidden"), None).is_open(day(1)));
        let dated = Release::from_db(Some("date"), Some(day(10)));
        assert!(!dated.is_open(day(9)));
        assert!(dated.is_open(day(10)));
        assert_eq!(dated.mode_code(), "date");
    }

    #[test]
    fn release_form_values() {
        use crate::i18n::K;
        assert_eq!(Release::parse("open", None), Ok(Release::Open));
        assert_eq!(
            Release::parse("date", Some("2026-12-10")),
            Ok(Release::OnDate(day(10)))
        );
        assert_eq!(Release::parse("date", Some(" ")), Err(K::ErrRequired));
        assert_eq!(Release::parse("date", Some("10/12/2026")), Err(K::ErrDate));
        assert_eq!(Release::parse("soon", None), Err(K::ErrBadRequest));
    }

    #[test]
    fn continue_skips_done_and_closed_lessons() {
        let lessons = [
            ("a", true, true),
            ("b", false, false),
            ("c", true, false),
            ("d", true, false),
        ];
        assert_eq!(continue_at(lessons), Some("c"));
        assert_eq!(continue_at([("a", true, true)]), None);
    }

    #[test]
    fn answers_must_match_exactly() {
        assert!(answer_is_correct(&["a"], &["a"]));
        assert!(answer_is_correct(&["a", "c"], &["c", "a"]));
        assert!(!answer_is_correct(&["a", "c"], &["a"]));
        assert!(!answer_is_correct(&["a"], &["a", "b"]));
        assert!(!answer_is_correct(&["a"], &[]));
    }

    proptest! {
        #[test]
        fn percent_is_bounded_and_monotonic(done in 0usize..500, total in 0usize..500) {
            let p = percent(done, total);
            prop_assert!(p <= 100);
            if total > 0 && done < total { prop_assert!(p < 100); }
            if total > 0 && done >= total { prop_assert_eq!(p, 100); }
            if done > 0 && total > 0 { prop_assert!(percent(done - 1, total) <= p); }
        }
    }
}
