//! NIP (Nomor Induk Pegawai) parsing.
//!
//! A NIP is 18 ASCII digits. It is kept as a `String` everywhere because a
//! numeric type would drop information (and 18 digits overflow JS numbers).
//!
//! Layouts (1-based digit positions):
//! - PNS:  1–8 birth date `YYYYMMDD`, 9–14 first appointment `YYYYMM`,
//!   15 sex (1 male, 2 female), 16–18 serial.
//! - PPPK: 1–8 birth date `YYYYMMDD`, 9–12 appointment year `YYYY`,
//!   13–18 vary between issuing rounds, so they are not checked.

use chrono::{Datelike, NaiveDate};
use std::fmt;

/// Number of digits in every NIP.
pub const NIP_LEN: usize = 18;
/// Oldest birth year we accept; anyone older has long since retired.
const MIN_BIRTH_YEAR: i32 = 1940;
/// Minimum age for civil-service appointment.
const ADULT_AGE: i32 = 17;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Gender {
    Male,
    Female,
}

impl Gender {
    /// Stable key used in summaries and translations.
    pub fn key(&self) -> &'static str {
        match self {
            Gender::Male => "male",
            Gender::Female => "female",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NipKind {
    Pns,
    Pppk,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nip {
    value: String,
    pub kind: NipKind,
    pub birth_date: NaiveDate,
    /// Only PNS NIPs encode sex; PPPK gives `None`.
    pub gender: Option<Gender>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NipError {
    Empty,
    NotDigits,
    Length,
    BirthDate,
    FutureOrTooOld,
    AppointmentDate,
    AppointmentBeforeAdulthood,
    /// Kept for API stability; see [`classify`] for why the current
    /// heuristic never produces it.
    Sex,
}

impl NipError {
    /// Machine-readable code; the UI maps it to a translated message.
    pub fn code(&self) -> &'static str {
        match self {
            NipError::Empty => "nip_empty",
            NipError::NotDigits => "nip_not_digits",
            NipError::Length => "nip_length",
            NipError::BirthDate => "nip_birth_date",
            NipError::FutureOrTooOld => "nip_future_or_too_old",
            NipError::AppointmentDate => "nip_appointment_date",
            NipError::AppointmentBeforeAdulthood => "nip_appointment_before_adulthood",
            NipError::Sex => "nip_sex",
        }
    }
}

impl fmt::Display for NipError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl std::error::Error for NipError {}

impl Nip {
    /// Parses against the local calendar date.
    pub fn parse(raw: &str) -> Result<Nip, NipError> {
        Self::parse_at(raw, chrono::Local::now().date_naive())
    }

    /// Parses with an explicit "today" so results are deterministic in tests
    /// and consistent within one import.
    pub fn parse_at(raw: &str, today: NaiveDate) -> Result<Nip, NipError> {
        let value = normalize(raw)?;
        let birth_date = birth_date(&value, today)?;
        let (kind, gender) = classify(&value, birth_date.year(), today.year())?;
        Ok(Nip {
            value,
            kind,
            birth_date,
            gender,
        })
    }

    /// The 18 digits without spaces.
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

impl fmt::Display for Nip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.value)
    }
}

/// Trims, then drops internal spaces because people copy NIPs in the
/// grouped form printed on SK letters ("19650312 199003 1 002").
fn normalize(raw: &str) -> Result<String, NipError> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err(NipError::Empty);
    }
    let digits: String = trimmed.chars().filter(|c| *c != ' ').collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(NipError::NotDigits);
    }
    if digits.len() != NIP_LEN {
        return Err(NipError::Length);
    }
    Ok(digits)
}

/// Parses a run of ASCII digits already validated by `normalize`.
fn num(digits: &str, from: usize, to: usize) -> u32 {
    digits[from..to]
        .bytes()
        .fold(0, |acc, b| acc * 10 + u32::from(b - b'0'))
}

fn birth_date(digits: &str, today: NaiveDate) -> Result<NaiveDate, NipError> {
    let year = num(digits, 0, 4) as i32;
    let date =
        NaiveDate::from_ymd_opt(year, num(digits, 4, 6), num(digits, 6, 8)).ok_or(NipError::BirthDate)?;
    if year < MIN_BIRTH_YEAR || age_at(date, today) < ADULT_AGE {
        return Err(NipError::FutureOrTooOld);
    }
    Ok(date)
}

/// Whole years completed; negative for dates in the future.
fn age_at(birth: NaiveDate, today: NaiveDate) -> i32 {
    let had_birthday = (today.month(), today.day()) >= (birth.month(), birth.day());
    today.year() - birth.year() - i32::from(!had_birthday)
}

/// Decides PNS vs PPPK. Heuristic (the NIP itself carries no type flag):
/// 1. digits 9–14 are a valid `YYYYMM` whose year is between birth year + 17
///    and this year, and digit 15 is 1 or 2 → PNS with that sex;
/// 2. otherwise, if digits 9–12 alone are such a year → PPPK (sex unknown);
/// 3. otherwise the year is the problem: `AppointmentDate` when it is not a
///    plausible calendar year, `AppointmentBeforeAdulthood` when it predates
///    the holder's 17th birthday year.
///
/// Both layouts share digits 9–12, so a bad sex digit always falls through to
/// PPPK in step 2 and `NipError::Sex` is never returned.
fn classify(digits: &str, birth_year: i32, this_year: i32) -> Result<(NipKind, Option<Gender>), NipError> {
    let year = num(digits, 8, 12) as i32;
    let month = num(digits, 12, 14);
    let year_ok = year >= birth_year + ADULT_AGE && year <= this_year;
    let sex = match num(digits, 14, 15) {
        1 => Some(Gender::Male),
        2 => Some(Gender::Female),
        _ => None,
    };
    match (year_ok, (1..=12).contains(&month), sex) {
        (true, true, Some(g)) => Ok((NipKind::Pns, Some(g))),
        (true, _, _) => Ok((NipKind::Pppk, None)),
        _ if year < MIN_BIRTH_YEAR || year > this_year => Err(NipError::AppointmentDate),
        _ => Err(NipError::AppointmentBeforeAdulthood),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn today() -> NaiveDate {
        day(2025, 6, 15)
    }

    #[test]
    fn parses_pns_with_spaces() {
        let nip = Nip::parse_at("  19650312 199003 1 002 ", today()).unwrap();
        assert_eq!(nip.as_str(), "196503121990031002");
        assert_eq!(nip.kind, NipKind::Pns);
        assert_eq!(nip.birth_date, day(1965, 3, 12));
        assert_eq!(nip.gender, Some(Gender::Male));
    }

    #[test]
    fn parses_pns_female() {
        let nip = Nip::parse_at("198801012015032001", today()).unwrap();
        assert_eq!(nip.gender, Some(Gender::Female));
    }

    #[test]
    fn parses_pppk() {
        let nip = Nip::parse_at("198501012021211001", today()).unwrap();
        assert_eq!(nip.kind, NipKind::Pppk);
        assert_eq!(nip.gender, None);
        // Valid month but sex digit 0: not PNS, falls back to PPPK.
        let nip = Nip::parse_at("198501012021030001", today()).unwrap();
        assert_eq!(nip.kind, NipKind::Pppk);
    }

    #[test]
    fn error_cases() {
        let t = today();
        let cases = [
            ("   ", NipError::Empty),
            ("19650312199003100x", NipError::NotDigits),
            ("1965-0312199003102", NipError::NotDigits),
            ("19650312\t199003 1 002", NipError::NotDigits),
            ("１９６５", NipError::NotDigits),
            ("1965031219900310", NipError::Length),
            ("196502301990031002", NipError::BirthDate),
            ("193912311990031002", NipError::FutureOrTooOld),
            ("200806161990031002", NipError::FutureOrTooOld),
            ("196503122030031002", NipError::AppointmentDate),
            ("196503120000001002", NipError::AppointmentDate),
            ("196503121980031002", NipError::AppointmentBeforeAdulthood),
        ];
        for (raw, want) in cases {
            assert_eq!(Nip::parse_at(raw, t), Err(want), "{raw}");
        }
    }

    #[test]
    fn seventeenth_birthday_boundary() {
        // Born 2008-06-15 is exactly 17 on 2025-06-15, one day later is not.
        assert!(Nip::parse_at("200806152025061001", today()).is_ok());
        assert_eq!(
            Nip::parse_at("200806162025061001", today()),
            Err(NipError::FutureOrTooOld)
        );
    }

    #[test]
    fn codes_are_prefixed() {
        assert_eq!(NipError::Length.code(), "nip_length");
        assert_eq!(NipError::Sex.to_string(), "nip_sex");
    }

    fn valid_pns() -> impl Strategy<Value = (NaiveDate, i32, u32, u32, u32)> {
        (1940i32..=2007, 1u32..=12, 1u32..=28).prop_flat_map(|(y, m, d)| {
            (
                Just(day(y, m, d)),
                (y + ADULT_AGE)..=2025,
                1u32..=12,
                1u32..=2,
                0u32..=999,
            )
        })
    }

    proptest! {
        #[test]
        fn valid_pns_roundtrips((birth, ay, am, sex, serial) in valid_pns()) {
            let raw = format!("{}{ay:04}{am:02}{sex}{serial:03}", birth.format("%Y%m%d"));
            let nip = Nip::parse_at(&raw, today()).unwrap();
            prop_assert_eq!(nip.as_str(), raw.as_str());
            prop_assert_eq!(nip.kind, NipKind::Pns);
            prop_assert_eq!(nip.birth_date, birth);
            let want = if sex == 1 { Gender::Male } else { Gender::Female };
            prop_assert_eq!(nip.gender, Some(want));
        }

        #[test]
        fn spaces_do_not_matter(raw in "[0-9]{18}", cuts in prop::collection::vec(0usize..18, 0..4)) {
            let mut spaced = raw.clone();
            for c in cuts {
                spaced.insert(c.min(spaced.len()), ' ');
            }
            prop_assert_eq!(Nip::parse_at(&spaced, today()), Nip::parse_at(&raw, today()));
        }

        #[test]
        fn wrong_length_is_length(raw in "[0-9]{1,40}") {
            prop_assume!(raw.len() != NIP_LEN);
            prop_assert_eq!(Nip::parse_at(&raw, today()), Err(NipError::Length));
        }

        #[test]
        fn never_panics_and_ok_means_18_digits(raw in "\\PC{0,30}") {
            if let Ok(nip) = Nip::parse_at(&raw, today()) {
                prop_assert_eq!(nip.as_str().len(), NIP_LEN);
                prop_assert!(nip.as_str().bytes().all(|b| b.is_ascii_digit()));
            }
        }
    }
}
