//! Assigning a scenario to a class (server only): an open window in WIB dates
//! and an attempt policy.
use crate::calendar::Zone;
use crate::entities::scenario_assignment;
use crate::error::{AppError, AppResult};
use crate::i18n::said;
use crate::i18n::P;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use sea_orm::{prelude::*, ActiveValue::Set};

pub const MAX_ATTEMPTS: i32 = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub opens_at: DateTime<Utc>,
    pub closes_at: Option<DateTime<Utc>>,
    pub max_attempts: i32,
}

impl Window {
    /// Opens at the start of `opens_on` and closes at the end of `closes_on`
    /// (empty: never), both days in the organisation's `zone`. Every bad
    /// field is reported at once.
    pub fn parse(zone: Zone, opens_on: &str, closes_on: &str, max_attempts: i32) -> AppResult<Window> {
        let mut errors = std::collections::BTreeMap::new();
        let mut bad = |field: &str, key: P| errors.insert(field.to_string(), vec![said(key)]);
        let date = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
        let opens = date(opens_on).map(|d| zone.at(d, NaiveTime::MIN));
        if opens.is_none() {
            bad("opens_on", P::ErrDateBad);
        }
        let closes = match closes_on.trim() {
            "" => None,
            text => {
                let end = NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN);
                let parsed = date(text).map(|d| zone.at(d, end));
                if parsed.is_none() {
                    bad("closes_on", P::ErrDateBad);
                }
                parsed
            }
        };
        if let (Some(o), Some(c)) = (opens, closes) {
            if c <= o {
                bad("closes_on", P::ErrDatesInvalid);
            }
        }
        if !(0..=MAX_ATTEMPTS).contains(&max_attempts) {
            bad("max_attempts", P::ErrAttemptsInvalid);
        }
        match opens {
            Some(opens_at) if errors.is_empty() => Ok(Window {
                opens_at,
                closes_at: closes,
                max_attempts,
            }),
            _ => Err(AppError::Invalid(errors)),
        }
    }
}

/// Assigns the published scenario `key` to the class.
pub async fn assign(db: &DatabaseConnection, class_id: i64, key: &str, window: Window) -> AppResult<i64> {
    let (row, _) = super::store::by_key(db, key).await?;
    if row.published == 0 || row.retired {
        return Err(AppError::field("scenario", said(P::ErrNotPublishable)));
    }
    let existing = scenario_assignment::Entity::find()
        .filter(scenario_assignment::Column::ClassId.eq(class_id))
        .filter(scenario_assignment::Column::ScenarioId.eq(row.id))
        .one(db)
        .await?;
    if existing.is_some() {
        return Err(AppError::Conflict(said(P::ErrAlreadyAssigned)));
    }
    Ok(scenario_assignment::ActiveModel {
        class_id: Set(class_id),
        scenario_id: Set(row.id),
        opens_at: Set(window.opens_at),
        closes_at: Set(window.closes_at),
        max_attempts: Set(window.max_attempts),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?
    .id)
}

/// Changes the window and policy of one of the class's assignments.
pub async fn update(db: &DatabaseConnection, class_id: i64, id: i64, window: Window) -> AppResult<()> {
    let row = scenario_assignment::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|a| a.class_id == class_id)
        .ok_or(AppError::NotFound)?;
    let mut active: scenario_assignment::ActiveModel = row.into();
    active.opens_at = Set(window.opens_at);
    active.closes_at = Set(window.closes_at);
    active.max_attempts = Set(window.max_attempts);
    active.update(db).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_is_whole_wib_days() {
        let w = Window::parse(Zone::Wib, "2026-12-01", "2026-12-03", 2).unwrap();
        assert_eq!(w.opens_at.to_rfc3339(), "2026-11-30T17:00:00+00:00");
        assert_eq!(w.closes_at.unwrap().to_rfc3339(), "2026-12-03T16:59:59+00:00");
        assert_eq!(
            Window::parse(Zone::Wib, "2026-12-01", " ", 0).unwrap().closes_at,
            None
        );
    }

    #[test]
    fn every_bad_field_is_named() {
        let err = Window::parse(Zone::Wib, "1 Des", "2026-11-01", 21).unwrap_err();
        let AppError::Invalid(fields) = err else {
            panic!("{err:?}")
        };
        assert_eq!(fields.keys().collect::<Vec<_>>(), ["max_attempts", "opens_on"]);
        let err = Window::parse(Zone::Wib, "2026-12-02", "2026-12-01", 1).unwrap_err();
        assert_eq!(err.field_messages("closes_on"), vec![said(P::ErrDatesInvalid)]);
    }
}
