//! LTI Dynamic Registration 1.0. An admin makes a registration URL (a
//! one-time invite) and gives it to the LMS; the LMS opens it with its
//! `openid_configuration` URL and a `registration_token`; the tool reads the
//! configuration, registers itself as a client at the platform's
//! registration endpoint, and stores the platform with its deployment.
//! The invite keeps strangers from registering a platform of their own
//! (which could then claim any NIP at launch).
use super::{framing, store};
use crate::auth::store::{hash_token, new_token};
use crate::entities::lti_invite;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use chrono::{Duration, Utc};
use sea_orm::{prelude::*, ActiveValue::Set};
use serde::Deserialize;
use serde_json::{json, Value};

pub const INVITE_VALID_FOR: Duration = Duration::days(7);

/// Why a registration did not complete. `code` names it on the page and in the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegFailure {
    /// The invite is unknown, used or expired.
    Invite,
    /// The platform's configuration could not be fetched or read.
    Configuration,
    /// The configuration's issuer is not on the configuration URL's origin.
    Issuer,
    /// The platform refused the client registration (its HTTP status).
    Refused(u16),
    /// The platform's answer lacks the client id.
    Answer,
}

impl RegFailure {
    pub fn code(&self) -> &'static str {
        match self {
            RegFailure::Invite => "invite",
            RegFailure::Configuration => "openid_configuration",
            RegFailure::Issuer => "issuer",
            RegFailure::Refused(_) => "registration_refused",
            RegFailure::Answer => "registration_answer",
        }
    }
}

#[derive(Debug)]
pub enum RegError {
    Failed(RegFailure),
    Internal(AppError),
}

impl From<RegFailure> for RegError {
    fn from(f: RegFailure) -> Self {
        RegError::Failed(f)
    }
}

impl From<AppError> for RegError {
    fn from(e: AppError) -> Self {
        RegError::Internal(e)
    }
}

impl From<DbErr> for RegError {
    fn from(e: DbErr) -> Self {
        RegError::Internal(e.into())
    }
}

/// A new registration URL's token (shown once to the admin).
pub async fn invite(db: &DatabaseConnection, admin: i64) -> AppResult<String> {
    let token = new_token();
    let now = Utc::now();
    lti_invite::ActiveModel {
        token_hash: Set(hash_token(&token)),
        created_by: Set(admin),
        created_at: Set(now),
        expires_at: Set(now + INVITE_VALID_FOR),
        used_at: Set(None),
        platform_id: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

#[derive(Debug, Deserialize)]
struct OpenIdConfiguration {
    issuer: String,
    authorization_endpoint: String,
    token_endpoint: String,
    jwks_uri: String,
    registration_endpoint: String,
    #[serde(
        rename = "https://purl.imsglobal.org/spec/lti-platform-configuration",
        default
    )]
    platform: Option<PlatformConfiguration>,
}

#[derive(Debug, Deserialize)]
struct PlatformConfiguration {
    #[serde(default)]
    product_family_code: String,
}

/// What the LMS sent with the registration URL.
pub struct Request<'a> {
    pub invite: &'a str,
    pub openid_configuration: &'a str,
    pub registration_token: Option<&'a str>,
    /// The tool's public base URL (`https://sinergi.example.id`).
    pub tool_base: &'a str,
}

/// The platform registered: its id and name.
pub async fn register(state: &AppState, r: &Request<'_>) -> Result<(i64, String), RegError> {
    let invite = usable_invite(&state.db, r.invite)
        .await?
        .ok_or(RegFailure::Invite)?;
    let config = fetch_configuration(state, r.openid_configuration).await?;
    if framing::origin_of(&config.issuer).is_none()
        || framing::origin_of(&config.issuer) != framing::origin_of(r.openid_configuration)
    {
        return Err(RegFailure::Issuer.into());
    }
    let answer = register_client(state, &config, r).await?;
    let client_id = answer
        .get("client_id")
        .and_then(Value::as_str)
        .filter(|c| !c.is_empty())
        .ok_or(RegFailure::Answer)?
        .to_string();
    let deployment = answer
        .get("https://purl.imsglobal.org/spec/lti-tool-configuration")
        .and_then(|c| c.get("deployment_id"))
        .and_then(Value::as_str)
        .map(str::to_string);
    let name = config
        .platform
        .as_ref()
        .map(|p| p.product_family_code.clone())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| config.issuer.clone());
    let platform = store::register(
        &state.db,
        store::NewPlatform {
            name: name.clone(),
            issuer: config.issuer,
            client_id,
            auth_login_url: config.authorization_endpoint,
            token_url: config.token_endpoint,
            jwks_url: config.jwks_uri,
            deployments: deployment.into_iter().collect(),
        },
    )
    .await?;
    let taken = lti_invite::Entity::update_many()
        .col_expr(lti_invite::Column::UsedAt, Expr::value(Utc::now()))
        .col_expr(lti_invite::Column::PlatformId, Expr::value(platform))
        .filter(lti_invite::Column::Id.eq(invite.id))
        .filter(lti_invite::Column::UsedAt.is_null())
        .exec(&state.db)
        .await?;
    if taken.rows_affected != 1 {
        // Another registration used the invite meanwhile: undo this one.
        store::remove(&state.db, platform).await?;
        return Err(RegFailure::Invite.into());
    }
    framing::forget(state);
    Ok((platform, name))
}

async fn usable_invite(db: &DatabaseConnection, token: &str) -> AppResult<Option<lti_invite::Model>> {
    Ok(lti_invite::Entity::find()
        .filter(lti_invite::Column::TokenHash.eq(hash_token(token)))
        .one(db)
        .await?
        .filter(|i| i.used_at.is_none() && i.expires_at > Utc::now()))
}

async fn fetch_configuration(state: &AppState, url: &str) -> Result<OpenIdConfiguration, RegFailure> {
    let got = state
        .http
        .get(url)
        .send()
        .await
        .and_then(reqwest::Response::error_for_status);
    match got {
        Ok(r) => r.json().await.map_err(|_| RegFailure::Configuration),
        Err(e) => {
            tracing::warn!(url, error = %e, "lti: openid configuration not fetched");
            Err(RegFailure::Configuration)
        }
    }
}

/// The services the tool asks for: grades (AGS) and the roster (NRPS).
pub const SCOPES: [&str; 4] = [
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
    "https://purl.imsglobal.org/spec/lti-ags/scope/score",
    "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
    "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
];

/// The tool's client registration (Dynamic Registration §3.6).
pub fn client_metadata(tool_base: &str) -> Value {
    let base = tool_base.trim_end_matches('/');
    let domain = framing::origin_of(base)
        .and_then(|o| o.split("://").nth(1).map(str::to_string))
        .unwrap_or_default();
    json!({
        "application_type": "web",
        "response_types": ["id_token"],
        "grant_types": ["implicit", "client_credentials"],
        "initiate_login_uri": format!("{base}/lti/login"),
        "redirect_uris": [format!("{base}/lti/launch")],
        "client_name": "Sinergi",
        "jwks_uri": format!("{base}/lti/jwks"),
        "token_endpoint_auth_method": "private_key_jwt",
        "scope": SCOPES.join(" "),
        "https://purl.imsglobal.org/spec/lti-tool-configuration": {
            "domain": domain,
            "target_link_uri": format!("{base}/lti/launch"),
            "claims": ["iss", "sub", "name", "email"],
            "messages": [
                {"type": "LtiResourceLinkRequest"},
                {"type": "LtiDeepLinkingRequest", "target_link_uri": format!("{base}/lti/launch")},
            ],
        },
    })
}

async fn register_client(
    state: &AppState,
    config: &OpenIdConfiguration,
    r: &Request<'_>,
) -> Result<Value, RegFailure> {
    let mut req = state
        .http
        .post(&config.registration_endpoint)
        .json(&client_metadata(r.tool_base));
    if let Some(token) = r.registration_token.filter(|t| !t.is_empty()) {
        req = req.bearer_auth(token);
    }
    let res = req.send().await.map_err(|e| {
        tracing::warn!(error = %e, "lti: registration endpoint unreachable");
        RegFailure::Refused(0)
    })?;
    let status = res.status();
    if !status.is_success() {
        return Err(RegFailure::Refused(status.as_u16()));
    }
    res.json().await.map_err(|_| RegFailure::Answer)
}
