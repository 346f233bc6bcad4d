//! Indonesian conventions: "5 Februari 2026", decimal comma ("87,50").
use super::Locale;
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

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

/// A wall-clock moment with its zone's label: Indonesian writes the time
/// with a period ("23.04 WIB"), English with a colon ("23:04 WIB").
pub fn fmt_moment(local: NaiveDateTime, zone: &str, locale: Locale) -> String {
    let (h, m) = (local.hour(), local.minute());
    let date = fmt_date(local.date(), locale);
    match locale {
        Locale::Id => format!("{date}, {h:02}.{m:02} {zone}"),
        Locale::En => format!("{date}, {h:02}:{m:02} {zone}"),
    }
}

/// A whole number with its thousands grouped: "6.319" in Indonesian,
/// "6,319" in English.
pub fn fmt_count(n: i64, locale: Locale) -> String {
    let sep = match locale {
        Locale::Id => '.',
        Locale::En => ',',
    };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `{value:.N}` format argument in `line`.
    fn fixed_point(line: &str) -> bool {
        let b = line.as_bytes();
        (0..b.len().saturating_sub(3)).any(|i| {
            let spec = b[i] == b':' && b[i + 1] == b'.' && b[i + 2].is_ascii_digit() && b[i + 3] == b'}';
            let open = b[..i]
                .iter()
                .rev()
                .find(|c| !(c.is_ascii_alphanumeric() || b"_.()".contains(c)));
            spec && open == Some(&b'{')
        })
    }

    #[test]
    fn the_fixed_point_check_finds_what_it_should() {
        assert!(fixed_point(r#"format!("{v:.1}")"#));
        assert!(fixed_point(r#"format!("{:.0}%", x)"#));
        assert!(fixed_point(r#"format!("{a.b:.3} x")"#));
        assert!(!fixed_point(r#"format!("{v}")"#));
        assert!(!fixed_point("let a = b::c.d;"));
    }

    /// What people read shows numbers and times through these functions:
    /// Rust's `{:.N}` prints a decimal point in Indonesian pages too, and a
    /// `%Y-%m-%d` date is a machine's. Fails on either in any view.
    #[test]
    fn views_format_numbers_and_dates_the_readers_way() {
        let (mut found, mut read) = (Vec::new(), 0);
        for (rel, text) in crate::source_tree::rust_files() {
            let shown = rel.contains("/views/") || rel.ends_with("_view.rs") || rel.ends_with("/released.rs");
            if !shown {
                continue;
            }
            read += 1;
            for (n, line) in text.lines().enumerate() {
                if fixed_point(line) || line.contains("%Y-%m-%d %H") {
                    found.push(format!("{rel}:{}: {}", n + 1, line.trim()));
                }
            }
        }
        assert!(read > 30, "the views were found ({read})");
        assert!(
            found.is_empty(),
            "use fmt_decimal / ui::rendered::moment:\n{}",
            found.join("\n")
        );
    }

    #[test]
    fn moments_and_counts_the_indonesian_way() {
        let t = NaiveDate::from_ymd_opt(2026, 12, 5)
            .unwrap()
            .and_hms_opt(23, 4, 0)
            .unwrap();
        assert_eq!(fmt_moment(t, "WIB", Locale::Id), "5 Desember 2026, 23.04 WIB");
        assert_eq!(fmt_moment(t, "WITA", Locale::En), "5 December 2026, 23:04 WITA");
        assert_eq!(fmt_count(6319, Locale::Id), "6.319");
        assert_eq!(fmt_count(6319, Locale::En), "6,319");
        assert_eq!(fmt_count(-1_234_567, Locale::Id), "-1.234.567");
        assert_eq!(fmt_count(999, Locale::Id), "999");
        assert_eq!(fmt_count(0, Locale::En), "0");
    }

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
