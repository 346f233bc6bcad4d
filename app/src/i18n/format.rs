//! Indonesian conventions: "5 Februari 2026", decimal comma ("87,50").
use super::Locale;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};

const MONTHS_ID: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub fn fmt_date(date: NaiveDate, locale: Locale) -> String {
    let idx = date.month0() as usize;
    match locale {
        Locale::Id => format!("{} {} {}", date.day(), MONTHS_ID[idx], date.year()),
        Locale::En => format!("{} {} {}", date.day(), MONTHS_EN[idx], date.year()),
    }
}

/// Fixed-point text by integer arithmetic: `{:.N}` on a float would pull Rust's
/// float formatter (about 20 KB) into the browser build.
pub fn fmt_decimal(value: f64, decimals: usize, locale: Locale) -> String {
    let scale = 10i64.pow(decimals as u32);
    let scaled = (value * scale as f64).round() as i64;
    let sign = if scaled < 0 { "-" } else { "" };
    let (whole, frac) = (scaled.abs() / scale, scaled.abs() % scale);
    let point = match locale {
        Locale::Id => ',',
        Locale::En => '.',
    };
    if decimals == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}{point}{frac:0decimals$}")
    }
}

pub fn fmt_percent(value: f64, locale: Locale) -> String {
    format!("{} %", fmt_decimal(value, 1, locale))
}

/// A WIB (UTC+7, no daylight saving) date at `time`, in UTC: the dates
/// facilitators type (due dates, assignment windows) are Jakarta's.
pub fn at_wib(date: NaiveDate, time: NaiveTime) -> Option<DateTime<Utc>> {
    Some((date.and_time(time) - Duration::hours(7)).and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indonesian_date_and_decimal() {
        let d = NaiveDate::from_ymd_opt(2026, 2, 5).unwrap();
        assert_eq!(fmt_date(d, Locale::Id), "5 Februari 2026");
        assert_eq!(fmt_date(d, Locale::En), "5 February 2026");
        assert_eq!(fmt_decimal(87.5, 2, Locale::Id), "87,50");
        assert_eq!(fmt_percent(33.333, Locale::En), "33.3 %");
        assert_eq!(fmt_decimal(-0.05, 1, Locale::En), "-0.1");
        assert_eq!(fmt_decimal(2.004, 2, Locale::Id), "2,00");
        assert_eq!(fmt_decimal(99.96, 1, Locale::En), "100.0");
        assert_eq!(fmt_decimal(7.0, 0, Locale::Id), "7");
    }
}
