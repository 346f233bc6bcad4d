//! What the facilitator reads about grades sent to the LMS: per participant
//! of one activity, the newest grade's state (sent, waiting with its
//! attempt, given up), and the list that shows it on the activity's page.
use super::domain::items::Item;
use super::outbox::{status_of, FAILED, SENT};
use crate::entities::user;
use crate::error::AppResult;
use crate::i18n::said_with;
use crate::i18n::{Locale, P};
use leptos::prelude::*;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

/// (participant's name, status), by name; empty when nothing went to an LMS.
pub async fn grade_status(
    db: &DatabaseConnection,
    class_id: i64,
    item: &Item,
    locale: Locale,
) -> AppResult<Vec<(String, String)>> {
    let rows = status_of(db, class_id, &item.code()).await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let names: std::collections::HashMap<i64, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(rows.iter().map(|r| r.user_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.full_name))
        .collect();
    let mut out: Vec<(String, String)> = rows
        .into_iter()
        .map(|r| {
            let status = match r.status.as_str() {
                SENT => P::LtiGradeSent.t(locale).to_string(),
                FAILED => said_with(P::LtiGradeFailed, &[r.attempts.to_string()]).render(locale),
                _ => said_with(P::LtiGradePending, &[(r.attempts + 1).to_string()]).render(locale),
            };
            (names.get(&r.user_id).cloned().unwrap_or_default(), status)
        })
        .collect();
    out.sort();
    Ok(out)
}

/// "Nilai di LMS" and one line per participant; nothing when the list is empty.
pub fn grade_status_list(lines: &[(String, String)], locale: Locale) -> Option<impl IntoView> {
    (!lines.is_empty()).then(|| {
        view! {
            <h3>{P::LtiGradesTitle.t(locale)}</h3>
            <ul class="plain-list" id="lms-grades">
                {lines.iter().map(|(name, status)| view! { <li>{format!("{name}: {status}")}</li> }).collect_view()}
            </ul>
        }
    })
}
