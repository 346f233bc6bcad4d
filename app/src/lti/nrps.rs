//! Names and Role Provisioning Services 2.0: the course's roster, read page
//! by page (`Link: <…>; rel="next"`), becomes the class's members. Active
//! members get accounts and memberships; members the platform marks
//! Inactive, or no longer lists, lose their memberships in the class (only
//! people who came from this platform: the class's own members stay).
use super::domain::roles;
use super::provision::{account_alone, Person};
use crate::entities::{class_member, lti_account, lti_context, lti_platform};
use crate::lms::ags::{access_token, CallError};
use crate::state::AppState;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::Deserialize;
use std::collections::HashSet;

pub const SCOPE: &str = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";
const CONTAINER: &str = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";
/// A roster never takes more pages than this (a loop in `next` links stops here).
const MAX_PAGES: usize = 200;

#[derive(Debug, Deserialize)]
struct Container {
    #[serde(default)]
    members: Vec<Member>,
}

#[derive(Debug, Deserialize)]
struct Member {
    user_id: String,
    #[serde(default)]
    roles: Vec<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    status: Option<String>,
}

/// What a sync changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Synced {
    pub active: usize,
    pub removed: usize,
}

/// The URL in a `Link` header's `rel="next"` part.
pub fn next_link(header: &str) -> Option<String> {
    header.split(',').find_map(|part| {
        let (url, params) = part.split_once(';')?;
        params
            .split(';')
            .any(|p| p.trim().replace('"', "") == "rel=next")
            .then(|| {
                url.trim()
                    .trim_start_matches('<')
                    .trim_end_matches('>')
                    .to_string()
            })
    })
}

pub async fn sync(state: &AppState, context: &lti_context::Model) -> Result<Synced, CallError> {
    if context.memberships_url.is_empty() {
        return Err("no roster service for this course".into());
    }
    let platform = lti_platform::Entity::find_by_id(context.platform_id)
        .one(&state.db)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("platform removed")?;
    let token = access_token(&state.db, &state.http, &platform, &[SCOPE]).await?;
    let mut members = Vec::new();
    let mut next = Some(context.memberships_url.clone());
    for _ in 0..MAX_PAGES {
        let Some(url) = next.take() else { break };
        let res = state
            .http
            .get(&url)
            .bearer_auth(&token)
            .header(reqwest::header::ACCEPT, CONTAINER)
            .send()
            .await
            .map_err(|e| format!("roster: {e}"))?;
        if !res.status().is_success() {
            return Err(format!("roster: HTTP {}", res.status().as_u16()));
        }
        next = res
            .headers()
            .get(reqwest::header::LINK)
            .and_then(|v| v.to_str().ok())
            .and_then(next_link);
        let page: Container = res.json().await.map_err(|e| format!("roster: {e}"))?;
        members.extend(page.members);
    }
    apply(state, context, members).await.map_err(|e| e.to_string())
}

async fn apply(
    state: &AppState,
    context: &lti_context::Model,
    members: Vec<Member>,
) -> crate::error::AppResult<Synced> {
    let db = &state.db;
    let mut synced = Synced::default();
    let mut active_users = HashSet::new();
    for m in members
        .iter()
        .filter(|m| m.status.as_deref().unwrap_or("Active") == "Active")
    {
        let person = Person {
            sub: m.user_id.clone(),
            name: m.name.clone(),
            email: m.email.clone(),
            nip: None,
        };
        // A launch (and its own roster read) may be linking the same people now.
        let user = account_alone(db, context.platform_id, &person).await?;
        for membership in roles::memberships(&m.roles) {
            crate::classes::import::grant(db, user, context.class_id, membership).await?;
        }
        active_users.insert(user);
        synced.active += 1;
    }
    // An empty roster is far likelier a platform fault than a course everyone
    // left: nobody is removed on its word.
    if active_users.is_empty() {
        return Ok(synced);
    }
    // Everyone this platform brought into the class but no longer lists as active.
    let from_platform: Vec<i64> = lti_account::Entity::find()
        .filter(lti_account::Column::PlatformId.eq(context.platform_id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.user_id)
        .filter(|u| !active_users.contains(u))
        .collect();
    if !from_platform.is_empty() {
        let gone = class_member::Entity::delete_many()
            .filter(class_member::Column::ClassId.eq(context.class_id))
            .filter(class_member::Column::UserId.is_in(from_platform))
            .exec(db)
            .await?;
        synced.removed = gone.rows_affected as usize;
    }
    Ok(synced)
}

/// A course's roster is read at launch at most this often per server: a
/// class opening a session launches forty times within minutes.
pub const AT_LAUNCH_EVERY: std::time::Duration = std::time::Duration::from_secs(600);

/// Whether the roster of `class_id` may be read at launch now (and marks it read).
fn due_at_launch(state: &AppState, class_id: i64) -> bool {
    let Ok(mut last) = state.lti_roster_read.lock() else {
        return false;
    };
    let now = std::time::Instant::now();
    match last.get(&class_id) {
        Some(at) if now.duration_since(*at) < AT_LAUNCH_EVERY => false,
        _ => {
            last.insert(class_id, now);
            true
        }
    }
}

/// Syncs the course's roster after a launch without holding the launch up.
pub fn sync_in_background(state: AppState, platform: i64, class_id: i64) {
    if !due_at_launch(&state, class_id) {
        return;
    }
    tokio::spawn(async move {
        let found = lti_context::Entity::find()
            .filter(lti_context::Column::PlatformId.eq(platform))
            .filter(lti_context::Column::ClassId.eq(class_id))
            .filter(lti_context::Column::MembershipsUrl.ne(""))
            .all(&state.db)
            .await;
        for context in found.unwrap_or_default() {
            match sync(&state, &context).await {
                Ok(s) => tracing::info!(
                    class = class_id,
                    active = s.active,
                    removed = s.removed,
                    "lti: roster synced"
                ),
                Err(e) => tracing::warn!(class = class_id, error = %e, "lti: roster not synced"),
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::next_link;

    #[test]
    fn the_next_page_is_read_from_the_link_header() {
        let h = r#"<https://lms.id/m?page=2>; rel="next", <https://lms.id/m?page=9>; rel="last""#;
        assert_eq!(next_link(h).as_deref(), Some("https://lms.id/m?page=2"));
        assert_eq!(next_link(r#"<https://lms.id/m?page=9>; rel="last""#), None);
        assert_eq!(next_link(""), None);
    }
}
