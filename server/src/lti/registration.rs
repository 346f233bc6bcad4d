//! Dynamic registration from the LMS (the page it opens, and its script), and the tool's public key set.
use super::*;
use app::lms::keys;
use app::lti::launch::LaunchError;
use app::lti::text;
use app::state::{AppState, RequestAuth};
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct RegisterQuery {
    #[serde(default)]
    invite: String,
    #[serde(default)]
    openid_configuration: String,
    #[serde(default)]
    registration_token: Option<String>,
}

/// Dynamic Registration: the URL an admin gives the LMS (`?invite=…`),
/// opened by the LMS with its configuration URL and registration token.
pub async fn register(
    State(state): State<AppState>,
    Extension(auth): Extension<RequestAuth>,
    headers: HeaderMap,
    Query(q): Query<RegisterQuery>,
) -> Response {
    use app::lti::registration::{self, RegError};
    let locale = auth.locale;
    let base = app::lti::public_base(&headers, state.secure_cookies);
    let request = registration::Request {
        invite: &q.invite,
        openid_configuration: &q.openid_configuration,
        registration_token: q.registration_token.as_deref(),
        tool_base: &base,
    };
    match registration::register(&state, &request).await {
        Ok((platform, name)) => {
            tracing::info!(platform, name, "lti: platform registered dynamically");
            let body = format!(
                r#"<p id="lti-registered">{done}</p><p><strong>{name}</strong></p>
<p><button type="button" id="lti-close">{close}</button></p>
<script src="/lti/register.js" defer></script>"#,
                done = text::registered_body(locale),
                name = escape(&name),
                close = text::close(locale),
            );
            Html(page(locale, text::registered_title(locale), &body)).into_response()
        }
        Err(RegError::Failed(f)) => {
            tracing::warn!(code = f.code(), detail = ?f, config = q.openid_configuration, "lti: registration failed");
            let body = format!(
                r#"<p class="error" role="alert" id="lti-failure" data-code="{code}">{what}</p>
<p>{label}: <code>{code}</code></p>"#,
                code = f.code(),
                what = text::registration_failure(&f, locale),
                label = text::code_label(locale),
            );
            (
                StatusCode::BAD_REQUEST,
                Html(page(locale, text::registration_failed_title(locale), &body)),
            )
                .into_response()
        }
        Err(RegError::Internal(e)) => refused(locale, "-", LaunchError::Internal(e)),
    }
}

/// Tells the LMS window that opened the registration that it is done
/// (Dynamic Registration §3.7), at once and again on "Tutup".
pub async fn register_js() -> Response {
    const JS: &str = r#"(function () {
  function done() {
    var to = window.opener || window.parent;
    if (to && to !== window) to.postMessage({ subject: 'org.imsglobal.lti.close' }, '*');
  }
  var b = document.getElementById('lti-close');
  if (b) b.addEventListener('click', done);
  done();
})();
"#;
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], JS).into_response()
}

pub(crate) fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub async fn jwks(State(state): State<AppState>) -> Response {
    match keys::jwks(&state.db).await {
        Ok(set) => ([(header::CACHE_CONTROL, "public, max-age=300")], Json(set)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "lti: jwks");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}
