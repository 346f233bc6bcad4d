//! The admin's side of LMS identities on /admin/lti: whether a platform's
//! NIP claims are trusted, the log of every link made or refused, and linking
//! a refused identity to the account its NIP named, which only an admin may do.
use super::provision::{log_link, LogEntry};
use crate::auth::model::Role;
use crate::entities::{class_member, lti_account, lti_identity_log, lti_platform, user};
use crate::error::AppError;
use leptos::prelude::*;
use sea_orm::{prelude::*, ActiveValue::Set, QueryOrder, QuerySelect};

/// One log line as the page shows it.
#[derive(Debug, Clone)]
pub struct IdentityRow {
    pub id: i64,
    pub platform: String,
    pub sub: String,
    /// The account the identity opens: (id, name).
    pub account: (i64, String),
    /// The account the LMS's NIP named, when any.
    pub proposed: Option<(i64, String)>,
    pub nip: String,
    pub outcome: String,
    pub at: chrono::DateTime<chrono::Utc>,
    /// A refused proposal the admin may still link.
    pub linkable: bool,
}

/// The newest links first (at most 100).
pub async fn rows(db: &DatabaseConnection) -> Result<Vec<IdentityRow>, AppError> {
    let log = lti_identity_log::Entity::find()
        .order_by_desc(lti_identity_log::Column::Id)
        .limit(100)
        .all(db)
        .await?;
    let mut ids: Vec<i64> = log.iter().map(|l| l.user_id).collect();
    ids.extend(log.iter().filter_map(|l| l.proposed_user_id));
    let names: std::collections::HashMap<i64, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.full_name))
        .collect();
    let platforms: std::collections::HashMap<i64, String> = lti_platform::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let current = lti_account::Entity::find().all(db).await?;
    let name = |id: i64| (id, names.get(&id).cloned().unwrap_or_default());
    Ok(log
        .into_iter()
        .map(|l| {
            let still_separate = current
                .iter()
                .any(|a| a.platform_id == l.platform_id && a.sub == l.sub && a.user_id == l.user_id);
            IdentityRow {
                id: l.id,
                platform: platforms.get(&l.platform_id).cloned().unwrap_or_default(),
                sub: l.sub,
                account: name(l.user_id),
                proposed: l.proposed_user_id.map(name),
                nip: l.nip,
                linkable: l.outcome.starts_with("refused") && l.proposed_user_id.is_some() && still_separate,
                outcome: l.outcome,
                at: l.created_at,
            }
        })
        .collect())
}

/// Admins: trust (or stop trusting) a platform's `nip` claims. Trust links
/// only unlinked accounts without staff rights; see `domain::identity`.
/// Errors: `NotFound`.
#[server(prefix = "/api", endpoint = "set_lti_trust")]
pub async fn set_lti_trust(platform_id: i64, trusted: bool) -> Result<(), AppError> {
    let caller = crate::auth::guard::require_any(&[Role::Admin])?;
    let state = crate::auth::guard::state()?;
    let found = lti_platform::Entity::find_by_id(platform_id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut row: lti_platform::ActiveModel = found.into();
    row.trust_identity = Set(trusted);
    row.update(&state.db).await?;
    tracing::info!(
        platform = platform_id,
        trusted,
        admin = caller.user_id,
        "lti: identity trust set"
    );
    Ok(())
}

/// Admins: the LMS identity of a refused proposal now opens the account its
/// NIP named. The account made at that launch keeps its history but is
/// deactivated, and its class memberships move along. Errors: `NotFound`,
/// `Conflict` (already linked since).
#[server(prefix = "/api", endpoint = "link_lti_identity")]
pub async fn link_lti_identity(entry_id: i64) -> Result<(), AppError> {
    let caller = crate::auth::guard::require_any(&[Role::Admin])?;
    let state = crate::auth::guard::state()?;
    let txn = crate::server_util::begin_write(&state.db).await?;
    let entry = lti_identity_log::Entity::find_by_id(entry_id)
        .one(&*txn)
        .await?
        .filter(|e| e.outcome.starts_with("refused"))
        .ok_or(AppError::NotFound)?;
    let target = entry.proposed_user_id.ok_or(AppError::NotFound)?;
    // Conditional on the identity still opening the separate account, so a
    // second click (or a second admin) changes nothing.
    let moved = lti_account::Entity::update_many()
        .col_expr(lti_account::Column::UserId, Expr::value(target))
        .filter(lti_account::Column::PlatformId.eq(entry.platform_id))
        .filter(lti_account::Column::Sub.eq(&entry.sub))
        .filter(lti_account::Column::UserId.eq(entry.user_id))
        .exec(&*txn)
        .await?;
    if moved.rows_affected == 0 {
        return Err(AppError::Conflict(crate::i18n::said(crate::i18n::P::LtiLinkDone)));
    }
    let memberships = class_member::Entity::find()
        .filter(class_member::Column::UserId.eq(entry.user_id))
        .all(&*txn)
        .await?;
    for m in memberships {
        if let Some(member) = crate::auth::policy::Membership::from_code(&m.role) {
            crate::classes::import::grant(&*txn, target, m.class_id, member).await?;
        }
    }
    user::Entity::update_many()
        .col_expr(user::Column::Active, Expr::value(false))
        .filter(user::Column::Id.eq(entry.user_id))
        .exec(&*txn)
        .await?;
    log_link(
        &*txn,
        LogEntry {
            platform: entry.platform_id,
            sub: &entry.sub,
            user_id: target,
            proposed: Some(target),
            nip: &entry.nip,
            outcome: "admin",
            by_admin: Some(caller.user_id),
        },
    )
    .await?;
    txn.commit().await?;
    crate::auth::store::delete_sessions_of(&state, entry.user_id).await?;
    Ok(())
}
