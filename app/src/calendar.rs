//! The organisation's calendar: which day it is, and what a typed date means.
//!
//! Indonesia has three zones without daylight saving: WIB (UTC+7), WITA
//! (UTC+8) and WIT (UTC+9). A server serves one organisation, in one zone
//! (`SINERGI_TIME_ZONE`, WIB unless set). Every "today" (a unit that opens
//! on a date, a form's default date) and every date a facilitator types (a
//! due date, a scenario window) is that zone's, never UTC's: a unit set to
//! open on 1 January opens at midnight in Pangkalpinang, not at 07:00.
//!
//! The moment itself comes from a `Clock`, which tests set to the edges that
//! matter (a minute before midnight, month end, a leap day).
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Zone {
    #[default]
    Wib,
    Wita,
    Wit,
}

impl Zone {
    pub const ALL: [Zone; 3] = [Zone::Wib, Zone::Wita, Zone::Wit];

    /// Hours ahead of UTC, all year.
    pub fn offset_hours(self) -> i64 {
        match self {
            Zone::Wib => 7,
            Zone::Wita => 8,
            Zone::Wit => 9,
        }
    }

    /// As Indonesians write it after a time ("09.30 WITA").
    pub fn label(self) -> &'static str {
        match self {
            Zone::Wib => "WIB",
            Zone::Wita => "WITA",
            Zone::Wit => "WIT",
        }
    }

    /// `WIB`, `WITA` or `WIT`, in any case.
    pub fn from_label(text: &str) -> Option<Zone> {
        Self::ALL
            .into_iter()
            .find(|z| z.label().eq_ignore_ascii_case(text.trim()))
    }

    /// The wall-clock time in this zone at `t`.
    pub fn local(self, t: DateTime<Utc>) -> NaiveDateTime {
        t.naive_utc() + Duration::hours(self.offset_hours())
    }

    /// The date in this zone at `t`.
    pub fn date_of(self, t: DateTime<Utc>) -> NaiveDate {
        self.local(t).date()
    }

    /// The moment `date` at `time` on this zone's clocks.
    pub fn at(self, date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
        (date.and_time(time) - Duration::hours(self.offset_hours())).and_utc()
    }
}

/// What time it is: the system's clock, until a test holds it at a moment
/// (clones share it, so the test's hold reaches the server's state).
#[derive(Debug, Clone)]
pub struct Clock(Arc<AtomicI64>);

/// No moment held: the system's time.
const SYSTEM: i64 = i64::MIN;

impl Default for Clock {
    fn default() -> Self {
        Clock(Arc::new(AtomicI64::new(SYSTEM)))
    }
}

impl Clock {
    /// A clock held at `t`, until `set` moves it.
    pub fn fixed(t: DateTime<Utc>) -> Clock {
        let clock = Clock::default();
        clock.set(t);
        clock
    }

    pub fn now(&self) -> DateTime<Utc> {
        match self.0.load(Ordering::Relaxed) {
            SYSTEM => Utc::now(),
            micros => DateTime::from_timestamp_micros(micros).unwrap_or_else(Utc::now),
        }
    }

    /// Holds the clock at `t` (to the microsecond).
    pub fn set(&self, t: DateTime<Utc>) {
        self.0.store(t.timestamp_micros(), Ordering::Relaxed);
    }

    /// The day it is now in `zone`.
    pub fn today(&self, zone: Zone) -> NaiveDate {
        zone.date_of(self.now())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_day_turns_at_local_midnight_not_at_utc_midnight() {
        // 16:59 UTC is 23:59 WIB; 17:00 UTC is midnight WIB, 7 hours before UTC's.
        assert_eq!(Zone::Wib.date_of(utc(2026, 12, 4, 16, 59)), date(2026, 12, 4));
        assert_eq!(Zone::Wib.date_of(utc(2026, 12, 4, 17, 0)), date(2026, 12, 5));
        assert_eq!(Zone::Wita.date_of(utc(2026, 12, 4, 16, 0)), date(2026, 12, 5));
        assert_eq!(Zone::Wit.date_of(utc(2026, 12, 4, 14, 59)), date(2026, 12, 4));
        assert_eq!(Zone::Wit.date_of(utc(2026, 12, 4, 15, 0)), date(2026, 12, 5));
    }

    #[test]
    fn month_and_year_ends_and_a_leap_day() {
        assert_eq!(Zone::Wib.date_of(utc(2026, 12, 31, 17, 0)), date(2027, 1, 1));
        assert_eq!(Zone::Wib.date_of(utc(2027, 4, 30, 17, 30)), date(2027, 5, 1));
        assert_eq!(Zone::Wib.date_of(utc(2028, 2, 28, 17, 0)), date(2028, 2, 29));
        assert_eq!(Zone::Wib.date_of(utc(2028, 2, 29, 17, 0)), date(2028, 3, 1));
        assert_eq!(Zone::Wib.date_of(utc(2027, 2, 28, 17, 0)), date(2027, 3, 1));
    }

    #[test]
    fn a_typed_date_is_the_zones_midnight() {
        let midnight = NaiveTime::MIN;
        assert_eq!(Zone::Wib.at(date(2027, 1, 1), midnight), utc(2026, 12, 31, 17, 0));
        assert_eq!(Zone::Wit.at(date(2027, 1, 1), midnight), utc(2026, 12, 31, 15, 0));
    }

    #[test]
    fn zones_are_read_from_their_labels() {
        assert_eq!(Zone::from_label(" wita "), Some(Zone::Wita));
        assert_eq!(Zone::from_label("WIT"), Some(Zone::Wit));
        assert_eq!(Zone::from_label("UTC"), None);
    }

    #[test]
    fn a_held_clock_moves_only_when_set_and_clones_share_it() {
        let clock = Clock::default();
        let twin = clock.clone();
        assert!(
            (Utc::now() - clock.now()).num_seconds().abs() < 5,
            "the system's time"
        );
        clock.set(utc(2026, 12, 4, 16, 59));
        assert_eq!(twin.today(Zone::Wib), date(2026, 12, 4));
        twin.set(utc(2026, 12, 4, 17, 0));
        assert_eq!(clock.today(Zone::Wib), date(2026, 12, 5));
        assert_eq!(Clock::fixed(utc(2028, 2, 29, 0, 0)).now(), utc(2028, 2, 29, 0, 0));
    }

    proptest! {
        #[test]
        fn a_local_date_and_time_round_trips(secs in 0i64..4_000_000_000, zone in 0usize..3) {
            let zone = Zone::ALL[zone];
            let t = DateTime::<Utc>::from_timestamp(secs, 0).unwrap();
            let local = zone.local(t);
            prop_assert_eq!(zone.at(local.date(), local.time()), t);
            prop_assert_eq!(zone.date_of(t), local.date());
        }
    }
}
