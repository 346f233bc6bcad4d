//! Server fns for reverse mentoring in a class. The page is server-rendered
//! HTML; its forms post here (by fetch once hydrated, plain posts without).
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    super::store,
    crate::auth::class_guard::{class_access, participant},
    crate::auth::policy::ClassAccess,
    crate::i18n::said,
    crate::i18n::P,
    crate::web::client_key,
};

/// Members of the class and admins. Facilitators and evaluators see every
/// pair with sessions and goals (facilitators also propose and adjust);
/// participants see their own pair.
#[server(input = GetUrl, prefix = "/api", endpoint = "mentoring_page")]
pub async fn mentoring_page(class_id: i64) -> Result<String, AppError> {
    let (state, caller, class, access, is_participant) = class_access(class_id).await?;
    let data = super::page_data::load(
        &state,
        &caller,
        class,
        access == ClassAccess::Manage,
        is_participant,
    )
    .await?;
    crate::ui::render_html(move || super::views::mentoring_body(data))
}

/// Facilitators and admins. Proposes pairs for everyone not in a confirmed
/// pair (`same_unit` set: colleagues of one unit may pair), in this class or
/// (`scope` "programme") across the classes of its programme the caller manages.
#[server(prefix = "/api", endpoint = "propose_mentoring")]
pub async fn propose_mentoring(
    class_id: i64,
    same_unit: Option<String>,
    scope: Option<String>,
) -> Result<(), AppError> {
    let (state, classes) = managed_scope(class_id).await?;
    let classes = if scope.as_deref() == Some("programme") {
        &classes[..]
    } else {
        &classes[..1]
    };
    store::propose(&state, classes, same_unit.is_some()).await
}

/// Facilitators and admins. Sets the mentor of a mentee of this class by
/// hand; the mentor may come from any class of the programme the caller
/// manages. Errors: `Invalid(mentor|mentee)`.
#[server(prefix = "/api", endpoint = "adjust_mentoring")]
pub async fn adjust_mentoring(class_id: i64, mentee: i64, mentor: i64) -> Result<(), AppError> {
    let (state, classes) = managed_scope(class_id).await?;
    store::adjust(&state, &classes, mentee, mentor).await
}

/// The class (first) and the other classes of its programme the caller
/// manages, for a caller who manages the class.
#[cfg(feature = "ssr")]
async fn managed_scope(class_id: i64) -> Result<(crate::state::AppState, Vec<i64>), AppError> {
    let (state, caller, class, access, _) = class_access(class_id).await?;
    if access != ClassAccess::Manage {
        return Err(AppError::Forbidden);
    }
    let classes = super::scope::programme_classes(&state.db, &caller, &class).await?;
    Ok((state, classes.iter().map(|c| c.id).collect()))
}

/// The mentee of the pair. `answer` "confirm" or "decline".
#[server(prefix = "/api", endpoint = "respond_mentoring")]
pub async fn respond_mentoring(class_id: i64, pair: i64, answer: String) -> Result<(), AppError> {
    let (state, caller) = participant(class_id).await?;
    store::respond(&state, class_id, pair, caller.user_id, answer == "confirm").await
}

/// Either member of a confirmed pair. Errors: `Invalid(title)`.
#[server(prefix = "/api", endpoint = "add_mentoring_goal")]
pub async fn add_mentoring_goal(
    class_id: i64,
    pair: i64,
    key: String,
    title: String,
) -> Result<(), AppError> {
    let (state, caller) = participant(class_id).await?;
    store::add_goal(&state, class_id, pair, caller.user_id, &title, client_key(&key)?).await
}

/// Either member of a confirmed pair marks a goal met (`met` "true") or not.
#[server(prefix = "/api", endpoint = "set_mentoring_goal")]
pub async fn set_mentoring_goal(class_id: i64, goal: i64, met: String) -> Result<(), AppError> {
    let (state, caller) = participant(class_id).await?;
    store::set_goal_met(&state, class_id, goal, caller.user_id, met == "true").await
}

/// Either member of a confirmed pair logs a session: date, minutes (5–600),
/// topic, what was practised, what the mentor learned in return.
/// Errors: `Invalid(held_on|minutes|topic|practised|mentor_learned)`.
#[server(prefix = "/api", endpoint = "log_mentoring_session")]
#[allow(clippy::too_many_arguments)]
pub async fn log_mentoring_session(
    class_id: i64,
    pair: i64,
    key: String,
    held_on: String,
    minutes: String,
    topic: String,
    practised: String,
    mentor_learned: String,
) -> Result<(), AppError> {
    let (state, caller) = participant(class_id).await?;
    let entry = session_entry(&held_on, &minutes, &topic, &practised, &mentor_learned)?;
    store::log_session(&state, class_id, pair, caller.user_id, entry, client_key(&key)?).await
}

/// Every field checked, every problem reported at once.
#[cfg(feature = "ssr")]
fn session_entry(
    held_on: &str,
    minutes: &str,
    topic: &str,
    practised: &str,
    mentor_learned: &str,
) -> Result<store::SessionEntry, AppError> {
    let mut errors = std::collections::BTreeMap::new();
    let mut bad = |field: &str, key: P| errors.insert(field.to_string(), vec![said(key)]);
    let date = chrono::NaiveDate::parse_from_str(held_on.trim(), "%Y-%m-%d").ok();
    if date.is_none() {
        bad("held_on", P::ErrDateBad);
    }
    let minutes = minutes
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|m| (5..=600).contains(m));
    if minutes.is_none() {
        bad("minutes", P::ErrSessionMinutes);
    }
    let topic = topic.trim();
    if topic.is_empty() || topic.chars().count() > 200 {
        bad("topic", P::ErrGoalTitle);
    }
    for (field, text) in [("practised", practised), ("mentor_learned", mentor_learned)] {
        if text.trim().is_empty() || text.chars().count() > 5_000 {
            bad(field, P::ErrSessionText);
        }
    }
    match (date, minutes) {
        (Some(held_on), Some(minutes)) if errors.is_empty() => Ok(store::SessionEntry {
            held_on,
            minutes,
            topic: topic.to_string(),
            practised: practised.trim().replace("\r\n", "\n"),
            mentor_learned: mentor_learned.trim().replace("\r\n", "\n"),
        }),
        _ => Err(AppError::Invalid(errors)),
    }
}
