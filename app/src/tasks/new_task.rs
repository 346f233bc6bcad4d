//! A task as the facilitator typed it, checked field by field.
use super::store::NewTask;
use crate::calendar::Zone;
use crate::error::{AppError, AppResult};
use crate::i18n::said;
use crate::i18n::P;
use crate::teams::domain::submissions::LatePolicy;
use chrono::{NaiveDate, NaiveTime};

pub fn parse_task(
    zone: Zone,
    title: &str,
    brief: &str,
    due_on: &str,
    due_time: &str,
    late_policy: &str,
    late_until_on: &str,
) -> AppResult<NewTask> {
    let mut errors = std::collections::BTreeMap::new();
    let mut bad = |field: &str, key: P| errors.insert(field.to_string(), vec![said(key)]);
    let title = title.trim();
    if title.is_empty() || title.chars().count() > 200 {
        bad("title", P::ErrTaskTitle);
    }
    if brief.chars().count() > 20_000 {
        bad("brief", P::ErrSubmissionTooLong);
    }
    let date = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
    let time = match due_time.trim() {
        "" => NaiveTime::from_hms_opt(23, 59, 0),
        t => NaiveTime::parse_from_str(t, "%H:%M").ok(),
    };
    if time.is_none() {
        bad("due_time", P::ErrTimeBad);
    }
    let due = date(due_on).zip(time).map(|(d, t)| zone.at(d, t));
    if due.is_none() {
        bad("due_on", P::ErrDateBad);
    }
    let end_of_day = NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN);
    let policy = match late_policy {
        "accepted" => Some(LatePolicy::Accepted),
        "refused" => Some(LatePolicy::Refused),
        "until" => match (date(late_until_on).map(|d| zone.at(d, end_of_day)), due) {
            (Some(end), Some(due)) if end > due => Some(LatePolicy::AcceptedUntil(end)),
            _ => {
                bad("late_until_on", P::ErrLateUntil);
                None
            }
        },
        _ => {
            bad("late_policy", P::ErrSurveyValue);
            None
        }
    };
    match (due, policy) {
        (Some(due_at), Some(policy)) if errors.is_empty() => Ok(NewTask {
            title: title.to_string(),
            brief: brief.replace("\r\n", "\n"),
            due_at,
            policy,
            rubric_id: None,
        }),
        _ => Err(AppError::Invalid(errors)),
    }
}
