//! `/admin/lti` (admins): Sinergi's addresses to copy into an LMS, the
//! registered platforms, manual registration, registration links for
//! Dynamic Registration, and rotating the tool's signing key.
use super::{framing, registration, store};
use crate::auth::model::Role;
use crate::entities::lti_platform;
use crate::error::AppError;
use crate::i18n::said_with;
use crate::i18n::P;
use crate::lms::keys;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::BTreeMap;

/// What the page shows.
pub struct AdminData {
    pub base: String,
    /// Linked courses: (class id, class name, platform name).
    pub courses: Vec<(i64, String, String)>,
    pub platforms: Vec<(lti_platform::Model, Vec<String>)>,
    /// A registration link just made (its token is never stored in the clear).
    pub invite: Option<String>,
    /// The LRS's address and its statements (sent, waiting, given up), when
    /// one is configured.
    pub lrs: Option<(String, [u64; 3])>,
    pub locale: crate::i18n::Locale,
    /// The identity log, newest first.
    pub identities: Vec<super::identity_admin::IdentityRow>,
}

fn request_base() -> String {
    let secure = crate::auth::guard::state()
        .map(|s| s.secure_cookies)
        .unwrap_or(false);
    use_context::<http::request::Parts>()
        .map(|p| super::public_base(&p.headers, secure))
        .unwrap_or_else(|| super::public_base(&http::HeaderMap::new(), secure))
}

/// The page (through `page_html`); `invite` is the link made just now.
#[server(input = GetUrl, prefix = "/api", endpoint = "lti_admin_page")]
pub async fn lti_admin_page(invite: Option<String>) -> Result<String, AppError> {
    crate::auth::guard::require_any(&[Role::Admin])?;
    let state = crate::auth::guard::state()?;
    let rows = lti_platform::Entity::find()
        .order_by_asc(lti_platform::Column::Id)
        .all(&state.db)
        .await?;
    let mut platforms = Vec::with_capacity(rows.len());
    for p in rows {
        let deployments = store::deployments(&state.db, p.id).await?;
        platforms.push((p, deployments));
    }
    let mut courses = Vec::new();
    for c in crate::entities::lti_context::Entity::find()
        .all(&state.db)
        .await?
    {
        let class = crate::entities::class::Entity::find_by_id(c.class_id)
            .one(&state.db)
            .await?;
        let platform = platforms
            .iter()
            .find(|(p, _)| p.id == c.platform_id)
            .map(|(p, _)| p.name.clone());
        if let (Some(class), Some(platform)) = (class, platform) {
            courses.push((class.id, class.name, platform));
        }
    }
    let base = request_base();
    let invite = invite
        .filter(|t| t.len() == 64 && t.chars().all(|c| c.is_ascii_hexdigit()))
        .map(|t| format!("{base}/lti/register?invite={t}"));
    let lrs = match crate::lms::xapi::lrs() {
        Some(l) => Some((
            l.endpoint.clone(),
            crate::lms::outbox::counts(&state.db, crate::lms::outbox::XAPI).await?,
        )),
        None => None,
    };
    let identities = super::identity_admin::rows(&state.db).await?;
    let data = AdminData {
        identities,
        base,
        courses,
        platforms,
        invite,
        lrs,
        locale: crate::auth::guard::request_auth()?.locale,
    };
    crate::ui::render_html(move || super::admin_view::body(data))
}

/// Admins. Errors name the field: `Invalid(name|issuer|client_id|auth_login_url|token_url|jwks_url)`.
#[server(prefix = "/api", endpoint = "register_lti_platform")]
pub async fn register_lti_platform(
    name: String,
    issuer: String,
    client_id: String,
    auth_login_url: String,
    token_url: String,
    jwks_url: String,
    #[server(default)] deployments: String,
) -> Result<(), AppError> {
    crate::auth::guard::require_any(&[Role::Admin])?;
    let state = crate::auth::guard::state()?;
    let mut errors: BTreeMap<String, Vec<crate::i18n::Msg>> = BTreeMap::new();
    let mut required = |field: &str, value: &str, label: P| {
        if value.trim().is_empty() {
            errors
                .entry(field.into())
                .or_default()
                .push(said_with(P::LtiErrRequired, &[label_text(label)]));
        }
    };
    required("name", &name, P::LtiName);
    required("client_id", &client_id, P::LtiClientId);
    let urls = [
        ("issuer", &issuer, P::LtiIssuer),
        ("auth_login_url", &auth_login_url, P::LtiAuthUrl),
        ("token_url", &token_url, P::LtiTokenUrl),
        ("jwks_url", &jwks_url, P::LtiPlatformJwks),
    ];
    for (field, value, label) in urls {
        if framing::origin_of(value.trim()).is_none() {
            errors
                .entry(field.into())
                .or_default()
                .push(said_with(P::LtiErrUrl, &[label_text(label)]));
        }
    }
    let taken = lti_platform::Entity::find()
        .filter(lti_platform::Column::Issuer.eq(issuer.trim()))
        .filter(lti_platform::Column::ClientId.eq(client_id.trim()))
        .one(&state.db)
        .await?
        .is_some();
    if taken {
        errors
            .entry("client_id".into())
            .or_default()
            .push(crate::i18n::said(P::LtiErrTaken));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let deployments = deployments
        .lines()
        .flat_map(|l| l.split(','))
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| d.chars().take(300).collect())
        .collect();
    store::register(
        &state.db,
        store::NewPlatform {
            name: name.trim().chars().take(200).collect(),
            issuer: issuer.trim().to_string(),
            client_id: client_id.trim().to_string(),
            auth_login_url: auth_login_url.trim().to_string(),
            token_url: token_url.trim().to_string(),
            jwks_url: jwks_url.trim().to_string(),
            deployments,
        },
    )
    .await?;
    framing::forget(&state);
    Ok(())
}

/// The label in the caller's language, for messages that name a field.
fn label_text(label: P) -> String {
    let locale = crate::auth::guard::request_auth()
        .map(|a| a.locale)
        .unwrap_or_default();
    label.t(locale).to_string()
}

/// Admins: a new registration link; the page shows it once.
#[server(prefix = "/api", endpoint = "make_lti_invite")]
pub async fn make_lti_invite() -> Result<(), AppError> {
    let caller = crate::auth::guard::require_any(&[Role::Admin])?;
    let state = crate::auth::guard::state()?;
    let token = registration::invite(&state.db, caller.user_id).await?;
    crate::web::redirect(&format!("/admin/lti?invite={token}"));
    Ok(())
}

/// Admins: a new signing key; the old one stays published for a while.
#[server(prefix = "/api", endpoint = "rotate_lti_key")]
pub async fn rotate_lti_key() -> Result<(), AppError> {
    crate::auth::guard::require_any(&[Role::Admin])?;
    let state = crate::auth::guard::state()?;
    keys::rotate(&state.db).await?;
    Ok(())
}

/// The class's facilitators and admins: reads the linked LMS courses'
/// rosters now. Errors: `Rule` with the LMS's answer when it fails.
#[server(prefix = "/api", endpoint = "sync_lti_roster")]
pub async fn sync_lti_roster(class_id: i64) -> Result<(), AppError> {
    let state = crate::auth::guard::state()?;
    let caller = crate::auth::guard::caller()?;
    crate::auth::guard::require_class(
        &state.db,
        &caller,
        class_id,
        crate::auth::policy::ClassAccess::Manage,
    )
    .await?;
    let contexts = crate::entities::lti_context::Entity::find()
        .filter(crate::entities::lti_context::Column::ClassId.eq(class_id))
        .all(&state.db)
        .await?;
    for context in contexts {
        if let Err(e) = super::nrps::sync(&state, &context).await {
            tracing::warn!(class = class_id, error = %e, "lti: roster sync failed");
            return Err(AppError::Rule(crate::i18n::said(P::LtiSyncFailed)));
        }
    }
    Ok(())
}
