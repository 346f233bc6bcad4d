//! Which version of a team's deliverable counts. Every submission is kept as a
//! version; the latest one made by the due time counts; a later one is marked
//! late and counts only when nothing came in time and the task accepts late
//! work (until its late deadline, if it has one).
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LatePolicy {
    /// Late versions are kept and marked, but never count.
    Refused,
    /// A late version counts when nothing came in time.
    Accepted,
    /// As `Accepted`, up to this moment.
    AcceptedUntil(DateTime<Utc>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Version {
    pub number: u32,
    pub submitted_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    OnTime,
    /// After the due time, within what the policy accepts.
    Late,
    /// After the due time and not accepted by the policy.
    TooLate,
}

pub fn standing(v: &Version, due: DateTime<Utc>, policy: LatePolicy) -> Standing {
    if v.submitted_at <= due {
        return Standing::OnTime;
    }
    match policy {
        LatePolicy::Refused => Standing::TooLate,
        LatePolicy::Accepted => Standing::Late,
        LatePolicy::AcceptedUntil(end) if v.submitted_at <= end => Standing::Late,
        LatePolicy::AcceptedUntil(_) => Standing::TooLate,
    }
}

/// The version that counts, if any.
pub fn counting(versions: &[Version], due: DateTime<Utc>, policy: LatePolicy) -> Option<Version> {
    let latest = |wanted: Standing| {
        versions
            .iter()
            .filter(|v| standing(v, due, policy) == wanted)
            .max_by_key(|v| (v.submitted_at, v.number))
            .copied()
    };
    latest(Standing::OnTime).or_else(|| latest(Standing::Late))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};
    use proptest::prelude::*;

    fn at(minutes: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 10, 0, 0).single().unwrap() + Duration::minutes(minutes)
    }

    fn v(number: u32, minutes: i64) -> Version {
        Version {
            number,
            submitted_at: at(minutes),
        }
    }

    #[test]
    fn the_latest_on_time_version_counts_and_late_ones_only_without_it() {
        let due = at(0);
        let versions = [v(1, -60), v(2, -5), v(3, 30)];
        assert_eq!(counting(&versions, due, LatePolicy::Accepted), Some(v(2, -5)));
        assert_eq!(standing(&versions[2], due, LatePolicy::Accepted), Standing::Late);
        let only_late = [v(1, 30), v(2, 90)];
        assert_eq!(counting(&only_late, due, LatePolicy::Accepted), Some(v(2, 90)));
        assert_eq!(
            counting(&only_late, due, LatePolicy::AcceptedUntil(at(60))),
            Some(v(1, 30))
        );
        assert_eq!(counting(&only_late, due, LatePolicy::Refused), None);
        assert_eq!(
            standing(&only_late[1], due, LatePolicy::AcceptedUntil(at(60))),
            Standing::TooLate
        );
    }

    proptest! {
        /// Whatever arrives, an on-time version wins over every late one, and
        /// the one counting is never too late.
        #[test]
        fn on_time_beats_late(times in prop::collection::vec(-500i64..500, 0..8), until in 0i64..400) {
            let versions: Vec<Version> = times.iter().enumerate().map(|(i, t)| v(i as u32 + 1, *t)).collect();
            for policy in [LatePolicy::Refused, LatePolicy::Accepted, LatePolicy::AcceptedUntil(at(until))] {
                let chosen = counting(&versions, at(0), policy);
                let any_on_time = versions.iter().any(|x| x.submitted_at <= at(0));
                if let Some(c) = chosen {
                    prop_assert_ne!(standing(&c, at(0), policy), Standing::TooLate);
                    prop_assert_eq!(any_on_time, c.submitted_at <= at(0));
                } else {
                    prop_assert!(!any_on_time);
                }
            }
        }
    }
}
