//! Indonesian conventions: "5 Februari 2026", decimal comma ("87,50").
use super::Locale;
use chrono::{Datelike, NaiveDate};

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

pub fn fmt_decimal(value: f64, decimals: usize, locale: Locale) -> String {
    let s = format!("{value:.decimals$}");
    match locale {
        Locale::Id => s.replace('.', ","),
        Locale::En => s,
    }
}

pub fn fmt_percent(value: f64, locale: Locale) -> String {
    format!("{} %", fmt_decimal(value, 1, locale))
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
    }
}
