//! LTI 1.3 endpoints: the OIDC login initiation (GET and POST), the launch
//! the platform posts the id_token to, the tool's public key set, and the
//! one-time code that opens Sinergi in its own tab when the browser refuses
//! cookies inside the LMS frame. The platform posts from its own site, so
//! these posts carry no CSRF token: the one-time state (bound to this
//! browser by a cookie), the nonce and the signature protect them instead.
use app::auth::store::{create_session, hash_token, new_token, SESSION_COOKIE};
use app::entities::lti_launch_code;
use app::error::AppError;
use app::i18n::Locale;
use app::lti::launch::{self, LaunchError, LoginParams};
use app::lti::text;
use app::state::{AppState, RequestAuth};
use axum::extract::{Form, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Extension;
use chrono::{Duration, Utc};
use cookie::{Cookie, SameSite};
use sea_orm::{prelude::*, ActiveValue::Set};
use serde::Deserialize;

mod registration;
pub use registration::*;

pub const LOGIN_PATH: &str = "/lti/login";
pub const LAUNCH_PATH: &str = "/lti/launch";
const STATE_COOKIE_PREFIX: &str = "lti_state_";
/// A launch code opens one session within this time.
const CODE_VALID_FOR: Duration = Duration::minutes(2);

/// The platform posts these (and the browser follows the login redirect)
/// from the LMS's own site: exempt from the CSRF check, see the module note.
pub fn is_platform_post(path: &str) -> bool {
    path == LOGIN_PATH || path == LAUNCH_PATH
}

/// A cookie the browser sends back inside the LMS's frame: `SameSite=None`
/// needs `Secure`; `Partitioned` (CHIPS) keeps it working where third-party
/// cookies are otherwise blocked, keyed to the LMS's site.
fn frame_cookie(name: &str, value: &str, max_age: Duration, path: &str) -> String {
    let c = Cookie::build((name.to_string(), value.to_string()))
        .path(path.to_string())
        .http_only(true)
        .secure(true)
        .same_site(SameSite::None)
        .partitioned(true)
        .max_age(cookie::time::Duration::seconds(max_age.num_seconds()));
    c.build().to_string()
}

fn launch_url(headers: &HeaderMap, secure: bool) -> String {
    format!("{}{LAUNCH_PATH}", app::lti::public_base(headers, secure))
}

pub async fn login_get(
    State(state): State<AppState>,
    Extension(auth): Extension<RequestAuth>,
    headers: HeaderMap,
    Query(p): Query<LoginParams>,
) -> Response {
    login(&state, auth.locale, &headers, &p).await
}

pub async fn login_post(
    State(state): State<AppState>,
    Extension(auth): Extension<RequestAuth>,
    headers: HeaderMap,
    Form(p): Form<LoginParams>,
) -> Response {
    login(&state, auth.locale, &headers, &p).await
}

async fn login(state: &AppState, locale: Locale, headers: &HeaderMap, p: &LoginParams) -> Response {
    let redirect_uri = launch_url(headers, state.secure_cookies);
    match launch::login(state, p, &redirect_uri).await {
        Ok(to) => {
            let cookie = frame_cookie(
                &format!("{STATE_COOKIE_PREFIX}{}", to.state),
                "1",
                app::lti::store::LOGIN_VALID_FOR,
                "/lti",
            );
            // The cookie is set either way: where the browser keeps it, it
            // binds the state; the platform's storage is for where it does not.
            let mut res = match p.lti_storage_target.as_deref().filter(|t| !t.is_empty()) {
                Some(target) => crate::lti_storage::login_page(locale, &to.url, &to.state, target),
                None => Redirect::to(&to.url).into_response(),
            };
            if let Ok(v) = HeaderValue::from_str(&cookie) {
                res.headers_mut().append(header::SET_COOKIE, v);
            }
            res
        }
        Err(e) => refused(locale, &p.iss, e),
    }
}

#[derive(Deserialize)]
pub struct LaunchForm {
    #[serde(default)]
    id_token: String,
    #[serde(default)]
    state: String,
    /// The platform offers its storage (see `lti_storage`).
    #[serde(default)]
    lti_storage_target: String,
    /// Set by our storage check page on its second post.
    #[serde(default)]
    storage: String,
}

pub async fn launch_post(
    State(state): State<AppState>,
    Extension(auth): Extension<RequestAuth>,
    headers: HeaderMap,
    Form(form): Form<LaunchForm>,
) -> Response {
    let cookie_name = format!("{STATE_COOKIE_PREFIX}{}", form.state);
    let in_cookie = !form.state.is_empty() && has_cookie(&headers, &cookie_name);
    let own_origin = app::lti::public_base(&headers, state.secure_cookies);
    let in_storage = crate::lti_storage::checked_in_storage(&headers, &form.storage, &own_origin);
    // The check page once: a post that says it was checked but cannot show
    // it came from our page is refused below, never sent round again.
    if !in_cookie && form.storage.is_empty() && !form.lti_storage_target.is_empty() {
        if let Some(page) = storage_check(&state, auth.locale, &form).await {
            return page;
        }
    }
    let bound = in_cookie || in_storage;
    let launched = match launch::launch(&state, &form.id_token, &form.state, bound).await {
        Ok(l) => l,
        Err(e) => return refused(auth.locale, "-", e),
    };
    let who = launched.who;
    let target = launched.target.clone();
    let opened = async {
        let session = create_session(&state.db, who.user_id).await?;
        let code = launch_code(&state, who.user_id, &target).await?;
        Ok::<_, AppError>((session, code))
    };
    let (session, code) = match opened.await {
        Ok(v) => v,
        Err(e) => return refused(auth.locale, "-", LaunchError::Internal(e)),
    };
    app::lti::nrps::sync_in_background(state.clone(), launched.platform_id, who.class_id);
    tracing::info!(
        platform = launched.platform_id,
        user = who.user_id,
        class = who.class_id,
        deep_linking = launched.is_deep_linking(),
        "lti: launch accepted"
    );
    let separate = matches!(who.link, Some(app::lti::domain::identity::Link::Refused(_)));
    let mut res = opening_page(auth.locale, &target, &code, separate).into_response();
    let cookies = [
        frame_cookie(SESSION_COOKIE, &session, app::auth::store::IDLE_TIMEOUT, "/"),
        frame_cookie(&cookie_name, "", Duration::zero(), "/lti"),
    ];
    for c in cookies {
        if let Ok(v) = HeaderValue::from_str(&c) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

/// No state cookie, but the platform offers storage: the page that reads
/// the state back there. None when the state is not a pending login (the
/// launch then refuses it as usual).
async fn storage_check(state: &AppState, locale: Locale, form: &LaunchForm) -> Option<Response> {
    let platform = match app::lti::store::platform_of_login(&state.db, &form.state).await {
        Ok(p) => p?,
        Err(e) => return Some(refused(locale, "-", LaunchError::Internal(e))),
    };
    let origin = app::lti::platform_origin(&platform.auth_login_url)?;
    Some(crate::lti_storage::check_page(
        locale,
        &form.id_token,
        &form.state,
        &form.lti_storage_target,
        &origin,
    ))
}

fn has_cookie(headers: &HeaderMap, name: &str) -> bool {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .any(|(k, v)| k == name && !v.is_empty())
}

async fn launch_code(state: &AppState, user_id: i64, target: &str) -> Result<String, AppError> {
    let code = new_token();
    lti_launch_code::ActiveModel {
        code_hash: Set(hash_token(&code)),
        user_id: Set(user_id),
        target: Set(target.to_string()),
        created_at: Set(Utc::now()),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    Ok(code)
}

/// After a launch: a script (`/lti/launch.js`) asks whether the session
/// cookie came back; if it did, it goes on to the class, else it offers
/// the one-time link in a new tab. Without JavaScript both links show.
fn opening_page(locale: Locale, target: &str, code: &str, separate: bool) -> Html<String> {
    let enter = format!("/lti/enter?code={code}");
    // Said before the script goes on, so the person reads why their old
    // account is not the one that opened.
    let notice = if separate {
        format!(
            r#"<p class="notice" id="lti-separate" role="status">{}</p>"#,
            text::separate_account(locale)
        )
    } else {
        String::new()
    };
    Html(page(
        locale,
        text::opening(locale),
        &format!(
            r#"{notice}<div id="lti-opening" data-target="{target}" data-wait="{wait}">
<p id="lti-blocked" hidden>{blocked}</p>
<p id="lti-continue-row"><a class="button" id="lti-continue" href="{target}">{cont}</a></p>
<p><a id="lti-new-tab" href="{enter}" target="_blank" rel="noopener">{tab}</a></p>
</div>
<script src="/lti/launch.js" defer></script>"#,
            blocked = text::cookie_blocked(locale),
            wait = u8::from(separate),
            cont = text::continue_here(locale),
            tab = text::open_new_tab(locale),
        ),
    ))
}

pub async fn launch_js() -> Response {
    const JS: &str = r#"(function () {
  var box = document.getElementById('lti-opening');
  if (!box) return;
  fetch('/lti/check', { credentials: 'same-origin' })
    .then(function (r) { return r.text(); })
    .then(function (t) {
      // A notice to read first (data-wait): the person goes on by the link.
      if (t === '1') {
        if (box.getAttribute('data-wait') !== '1') location.replace(box.getAttribute('data-target'));
        return;
      }
      document.getElementById('lti-blocked').hidden = false;
      document.getElementById('lti-continue-row').hidden = true;
    });
})();
"#;
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], JS).into_response()
}

/// "1" when this request carried a session (the frame's cookie works).
pub async fn check(Extension(auth): Extension<RequestAuth>) -> Response {
    let signed_in = if auth.caller.is_some() { "1" } else { "0" };
    ([(header::CACHE_CONTROL, "no-store")], signed_in).into_response()
}

#[derive(Deserialize)]
pub struct EnterQuery {
    #[serde(default)]
    code: String,
}

/// The one-time code, used once within `CODE_VALID_FOR`, for a session of
/// this (first-party) tab.
pub async fn enter(
    State(state): State<AppState>,
    Extension(auth): Extension<RequestAuth>,
    Query(q): Query<EnterQuery>,
) -> Response {
    let invalid = || {
        let body = page(
            auth.locale,
            text::failure_title(auth.locale),
            &format!("<p>{}</p>", text::code_invalid(auth.locale)),
        );
        (StatusCode::BAD_REQUEST, Html(body)).into_response()
    };
    let used = async {
        let Some(row) = lti_launch_code::Entity::find()
            .filter(lti_launch_code::Column::CodeHash.eq(hash_token(&q.code)))
            .one(&state.db)
            .await?
        else {
            return Ok(None);
        };
        if row.used_at.is_some() || row.created_at + CODE_VALID_FOR < Utc::now() {
            return Ok(None);
        }
        let done = lti_launch_code::Entity::update_many()
            .col_expr(lti_launch_code::Column::UsedAt, Expr::value(Utc::now()))
            .filter(lti_launch_code::Column::Id.eq(row.id))
            .filter(lti_launch_code::Column::UsedAt.is_null())
            .exec(&state.db)
            .await?;
        if done.rows_affected != 1 {
            return Ok(None);
        }
        let session = create_session(&state.db, row.user_id).await?;
        Ok::<_, AppError>(Some((session, row.target)))
    };
    match used.await {
        Ok(Some((session, target))) => {
            let cookie = app::server_util::build_cookie(
                SESSION_COOKIE,
                &session,
                Some(app::auth::store::IDLE_TIMEOUT),
                state.secure_cookies,
            );
            let mut res = Redirect::to(&target).into_response();
            if let Ok(v) = HeaderValue::from_str(&cookie) {
                res.headers_mut().append(header::SET_COOKIE, v);
            }
            res
        }
        Ok(None) => invalid(),
        Err(e) => {
            tracing::error!(error = %e, "lti: launch code");
            invalid()
        }
    }
}

/// The page for a refused launch: what failed, in words, and its code.
/// Logged with the issuer and the code; server faults show no detail.
fn refused(locale: Locale, issuer: &str, e: LaunchError) -> Response {
    let (status, what, code) = match &e {
        LaunchError::Refused(f) => (StatusCode::BAD_REQUEST, text::failure(f, locale), f.code()),
        LaunchError::Internal(err) => {
            tracing::error!(error = %err, "lti: launch failed inside the server");
            let what = app::i18n::Msg::with(app::i18n::K::ErrInternal, ["lti".to_string()]).render(locale);
            (StatusCode::INTERNAL_SERVER_ERROR, what, "internal")
        }
    };
    if let LaunchError::Refused(f) = &e {
        tracing::warn!(issuer, code, detail = ?f, "lti: launch refused");
    }
    let body = format!(
        r#"<p class="error" role="alert" id="lti-failure" data-code="{code}">{what}</p>
<p>{hint}</p>
<p>{label}: <code>{code}</code></p>"#,
        hint = text::failure_hint(locale),
        label = text::code_label(locale),
    );
    (status, Html(page(locale, text::failure_title(locale), &body))).into_response()
}

pub(crate) fn page(locale: Locale, title: &str, body: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · Sinergi</title><link rel="stylesheet" href="{css}"></head>
<body><main class="content"><h1>{title}</h1>
{body}
</main></body></html>"#,
        lang = locale.code(),
        css = app::assets::stylesheet(),
    )
}
