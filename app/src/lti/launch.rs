//! The OIDC third-party-initiated login and the launch (LTI Core 1.3 §4,
//! Security Framework §5.1.1): the login stores a one-time state and nonce
//! and sends the browser to the platform; the launch checks the id_token
//! the platform posts back, then provisions the class and account and opens
//! a session.
use super::domain::claims::{self, Expected, Failure, IdToken};
use super::domain::roles;
use super::provision::{provision, Provisioned};
use super::{jwks, store};
use crate::auth::policy::Membership;
use crate::error::AppError;
use crate::lms::domain::items::{Item, TARGET_PARAM};
use crate::state::AppState;
use serde::Deserialize;

/// A launch refused (shown and logged with what failed), or a server fault.
#[derive(Debug)]
pub enum LaunchError {
    Refused(Failure),
    Internal(AppError),
}

impl From<Failure> for LaunchError {
    fn from(f: Failure) -> Self {
        LaunchError::Refused(f)
    }
}

impl From<AppError> for LaunchError {
    fn from(e: AppError) -> Self {
        LaunchError::Internal(e)
    }
}

/// The platform's login initiation (GET query or POST form).
#[derive(Debug, Deserialize)]
pub struct LoginParams {
    pub iss: String,
    pub login_hint: String,
    #[serde(default)]
    pub target_link_uri: String,
    #[serde(default)]
    pub lti_message_hint: Option<String>,
    #[serde(default)]
    pub client_id: Option<String>,
    #[serde(default)]
    pub lti_deployment_id: Option<String>,
    /// The platform offers its storage (LTI Platform Storage): the window
    /// to post `lti.put_data` to, `_parent` or a frame's name.
    #[serde(default)]
    pub lti_storage_target: Option<String>,
}

/// Where to send the browser, and the state its cookie must hold.
pub struct LoginRedirect {
    pub url: String,
    pub state: String,
}

/// `redirect_uri` is the tool's launch URL as registered at the platform.
pub async fn login(
    state: &AppState,
    p: &LoginParams,
    redirect_uri: &str,
) -> Result<LoginRedirect, LaunchError> {
    let platform = store::platform(&state.db, &p.iss, p.client_id.as_deref())
        .await?
        .ok_or(Failure::UnknownPlatform)?;
    let (login_state, nonce) = (crate::auth::store::new_token(), crate::auth::store::new_token());
    store::start_login(&state.db, platform.id, &login_state, &nonce).await?;
    let mut params = vec![
        ("scope", "openid"),
        ("response_type", "id_token"),
        ("response_mode", "form_post"),
        ("prompt", "none"),
        ("client_id", platform.client_id.as_str()),
        ("redirect_uri", redirect_uri),
        ("login_hint", p.login_hint.as_str()),
        ("state", login_state.as_str()),
        ("nonce", nonce.as_str()),
    ];
    if let Some(hint) = p.lti_message_hint.as_deref() {
        params.push(("lti_message_hint", hint));
    }
    let url = reqwest::Url::parse_with_params(&platform.auth_login_url, &params)
        .map_err(|_| AppError::internal("the platform's login URL is not a URL"))?;
    Ok(LoginRedirect {
        url: url.to_string(),
        state: login_state,
    })
}

/// A launch that passed every check, and the page it opens.
pub struct Launched {
    pub who: Provisioned,
    pub platform_id: i64,
    pub token: IdToken,
    pub target: String,
}

impl Launched {
    pub fn is_deep_linking(&self) -> bool {
        self.token.message_type.as_deref() == Some(claims::DEEP_LINKING_REQUEST)
    }
}

/// Checks the posted id_token. `state_in_cookie` says whether this browser
/// holds the state it started the login with.
pub async fn launch(
    state: &AppState,
    id_token: &str,
    login_state: &str,
    state_in_cookie: bool,
) -> Result<Launched, LaunchError> {
    if login_state.is_empty() || !state_in_cookie {
        return Err(Failure::State.into());
    }
    let login = match store::use_login(&state.db, login_state).await? {
        store::Login::Fresh(l) => l,
        store::Login::Used => return Err(Failure::StateUsed.into()),
        store::Login::Unknown => return Err(Failure::State.into()),
    };
    let platform = store::platform_by_id(&state.db, login.platform_id)
        .await?
        .ok_or(Failure::UnknownPlatform)?;
    let raw = jwks::verify(&state.db, &state.http, &platform, id_token).await?;
    let token: IdToken = serde_json::from_value(raw).map_err(|_| Failure::Malformed)?;
    let deployments = store::deployments(&state.db, platform.id).await?;
    claims::check(
        &token,
        &Expected {
            issuer: &platform.issuer,
            client_id: &platform.client_id,
            nonce: &login.nonce,
            deployments: &deployments,
            now: chrono::Utc::now().timestamp(),
        },
    )?;
    let who = provision(&state.db, platform.id, &token, state.today()).await?;
    let target = if token.message_type.as_deref() == Some(claims::DEEP_LINKING_REQUEST) {
        if !roles::memberships(&token.roles).contains(&Membership::Facilitator) {
            return Err(Failure::Role.into());
        }
        let id =
            super::deep_linking::remember(&state.db, platform.id, who.class_id, who.user_id, &token).await?;
        format!("/lti/deep-link/{id}")
    } else {
        linked_page(state, who.class_id, &token).await?
    };
    Ok(Launched {
        who,
        platform_id: platform.id,
        token,
        target,
    })
}

/// The page a resource link opens: its `sinergi_target` when that is an
/// activity of this class, else the class's page.
async fn linked_page(state: &AppState, class_id: i64, token: &IdToken) -> Result<String, AppError> {
    let class_page = format!("/classes/{class_id}");
    let Some(item) = token.custom(TARGET_PARAM).and_then(|c| Item::parse(&c)) else {
        return Ok(class_page);
    };
    let ours = match &item {
        Item::Scenario(id) | Item::Reflection(id) => {
            crate::scenarios::store::play::assignment_row(&state.db, class_id, *id)
                .await
                .is_ok()
        }
        Item::Task(id) => crate::tasks::store::task(&state.db, class_id, *id).await.is_ok(),
        Item::Unit(_) => true,
    };
    Ok(if ours { item.path(class_id) } else { class_page })
}
