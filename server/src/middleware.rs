//! Request middleware: who is calling (session), anti-forgery checks, security headers.
use app::auth::store::{self, ANON_CSRF_COOKIE, SESSION_COOKIE};
use app::error::AppError;
use app::i18n::{Locale, K, LOCALE_COOKIE};
use app::server_util::build_cookie;
use app::state::{AppState, ClientIp, RequestAuth};
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;

/// Bodies larger than this are refused before any parsing (uploads are 1 MB at
/// most), except team-task submissions, which may carry the configured upload
/// limit (and their text fields).
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;
const SUBMISSION_PATH: &str = "/api/submit_task";

fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn is_static(path: &str) -> bool {
    path.starts_with("/pkg/") || path == "/healthz" || path.starts_with("/favicon")
}

fn client_ip(req: &Request, trust_proxy: bool) -> String {
    let forwarded = trust_proxy
        .then(|| {
            req.headers()
                .get("x-forwarded-for")?
                .to_str()
                .ok()?
                .split(',')
                .next()
                .map(|s| s.trim().to_string())
        })
        .flatten();
    forwarded
        .or_else(|| {
            req.extensions()
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0.ip().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}

/// Resolves the session cookie into a `RequestAuth` for the handlers below.
pub async fn session(
    State((state, trust_proxy)): State<(AppState, bool)>,
    mut req: Request,
    next: Next,
) -> Response {
    if is_static(req.uri().path()) {
        return next.run(req).await;
    }
    let headers = req.headers();
    let locale = cookie(headers, LOCALE_COOKIE)
        .and_then(Locale::from_code)
        .unwrap_or_default();
    let resolved = match cookie(headers, SESSION_COOKIE) {
        Some(token) if !token.is_empty() => match store::resolve(&state, token).await {
            Ok(found) => found,
            Err(_) => return error_response(&AppError::Internal("session".into()), &req),
        },
        _ => None,
    };
    let anon = cookie(headers, ANON_CSRF_COOKIE)
        .filter(|t| t.len() == 64)
        .map(str::to_string);
    let new_anon = (resolved.is_none() && anon.is_none()).then(store::new_token);
    let (caller, csrf) = match resolved {
        Some((caller, csrf)) => (Some(caller), csrf),
        None => (None, anon.or_else(|| new_anon.clone()).unwrap_or_default()),
    };
    let ip = client_ip(&req, trust_proxy);
    req.extensions_mut().insert(ClientIp(ip));
    // The locale alone too: the texts (`i18n::said`) read it without
    // knowing about sessions.
    req.extensions_mut().insert(locale);
    req.extensions_mut().insert(RequestAuth { caller, csrf, locale });
    let mut res = next.run(req).await;
    if let Some(token) = new_anon {
        let c = build_cookie(ANON_CSRF_COOKIE, &token, None, state.secure_cookies);
        if let Ok(v) = HeaderValue::from_str(&c) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

/// The request's `Content-Type`, or empty.
pub(crate) fn content_type(headers: &HeaderMap) -> String {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

fn is_mutation(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// A request from another site: its `Sec-Fetch-Site` or `Origin` says so.
fn cross_site(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        if !matches!(site, "same-origin" | "none") {
            return true;
        }
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    match (headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()), host) {
        (Some("null"), _) => true,
        (Some(origin), Some(host)) => origin.split("://").nth(1) != Some(host),
        _ => false,
    }
}

fn token_from_body(content_type: &str, body: &Bytes) -> Option<String> {
    if content_type.starts_with("application/x-www-form-urlencoded") {
        return form_urlencoded_field(body, "csrf");
    }
    if content_type.starts_with("multipart/form-data") {
        return multipart_field(content_type, body, "csrf");
    }
    None
}

fn form_urlencoded_field(body: &[u8], name: &str) -> Option<String> {
    url_pairs(body).find(|(k, _)| k == name).map(|(_, v)| v)
}

fn url_pairs(body: &[u8]) -> impl Iterator<Item = (String, String)> + '_ {
    body.split(|b| *b == b'&').filter_map(|pair| {
        let text = std::str::from_utf8(pair).ok()?;
        let (k, v) = text.split_once('=').unwrap_or((text, ""));
        Some((decode(k)?, decode(v)?))
    })
}

fn decode(s: &str) -> Option<String> {
    percent_decode(&s.replace('+', " "))
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Finds a small text field in a buffered multipart body without parsing files.
fn multipart_field(content_type: &str, body: &[u8], name: &str) -> Option<String> {
    let boundary = multer::parse_boundary(content_type).ok()?;
    let marker = format!("name=\"{name}\"");
    let delimiter = format!("--{boundary}");
    let text = String::from_utf8_lossy(body);
    text.split(delimiter.as_str())
        .find(|part| part.lines().take(3).any(|l| l.contains(&marker)))
        .and_then(|part| {
            part.split_once("\r\n\r\n")
                .map(|(_, v)| v.trim_end_matches("\r\n").trim().to_string())
        })
}

fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Every mutation must come from our own pages and carry the session's token.
pub async fn csrf(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    if !is_mutation(req.method()) || crate::lti::is_platform_post(req.uri().path()) {
        return next.run(req).await;
    }
    crate::outcome::clean_referer(req.headers_mut());
    let expected = req
        .extensions()
        .get::<RequestAuth>()
        .map(|a| a.csrf.clone())
        .unwrap_or_default();
    if cross_site(req.headers()) || expected.is_empty() {
        return csrf_failure(&req);
    }
    let header_token = req
        .headers()
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let content_type = content_type(req.headers());
    let limit = if req.uri().path() == SUBMISSION_PATH {
        state.max_upload_bytes + 256 * 1024
    } else {
        MAX_BODY_BYTES
    };
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, limit).await else {
        return too_large(&Request::from_parts(parts, Body::empty()), limit);
    };
    let token = header_token.or_else(|| token_from_body(&content_type, &bytes));
    let posted = if content_type.starts_with("application/x-www-form-urlencoded") {
        crate::outcome::Posted::from_fields(&url_pairs(&bytes).collect::<Vec<_>>())
    } else if content_type.starts_with("multipart/form-data") {
        crate::outcome::Posted {
            slot: multipart_field(&content_type, &bytes, "__slot"),
            kept: Vec::new(),
        }
    } else {
        crate::outcome::Posted::default()
    };
    let secure = state.secure_cookies;
    let refused_text = if token.as_deref().is_some_and(|t| constant_time_eq(t, &expected)) {
        // The body is in hand: its text is checked here rather than read again.
        crate::text_guard::refusal(&content_type, &bytes).await
    } else {
        None
    };
    let req = Request::from_parts(parts, Body::from(bytes));
    if let Some(bad) = refused_text {
        return crate::outcome::mark(crate::text_guard::refused(bad, &req), posted, secure);
    }
    match token {
        Some(t) if constant_time_eq(&t, &expected) => {
            crate::outcome::mark(next.run(req).await, posted, secure)
        }
        _ => csrf_failure(&req),
    }
}

fn csrf_failure(req: &Request) -> Response {
    tracing::warn!(path = %req.uri().path(), "csrf check failed");
    error_response(&AppError::rule(K::ErrCsrf), req)
}

/// A body over the limit: 413, with the translated "too large" message beside
/// the form's file field (the request's own text was not read).
fn too_large(req: &Request, limit: usize) -> Response {
    let locale = req
        .extensions()
        .get::<RequestAuth>()
        .map(|a| a.locale)
        .unwrap_or_default();
    let mb = (limit / (1024 * 1024)).max(1).to_string();
    let text = app::i18n::fill(app::i18n::P::ErrUploadTooLarge.t(locale), &[mb]);
    let err = AppError::field("file", app::i18n::Msg::with(K::Verbatim, [text]));
    let mut res = error_response(&err, req);
    if !res.status().is_redirection() {
        *res.status_mut() = StatusCode::PAYLOAD_TOO_LARGE;
    }
    res
}

/// Answers like a failed server fn: a redirect carrying the error for plain
/// forms, or the encoded error under its status (`AppError::status`) for the
/// WASM client. Only a `Referer` on this site is followed: a forged request
/// from elsewhere is not sent back there.
pub(crate) fn error_response(err: &AppError, req: &Request) -> Response {
    let accepts_html = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    let host = req.headers().get(header::HOST).and_then(|v| v.to_str().ok());
    let referer = req
        .headers()
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .filter(|r| crate::hardening::same_site_url(r, host));
    if let (true, true, Some(referer)) = (accepts_html, is_mutation(req.method()), referer) {
        use base64_url::encode;
        let encoded = serde_json::to_string(err).unwrap_or_default();
        let sep = if referer.contains('?') { '&' } else { '?' };
        let location = format!(
            "{referer}{sep}__path={}&__err={}",
            req.uri().path(),
            encode(&encoded)
        );
        if let Ok(location) = HeaderValue::from_str(&location) {
            return (StatusCode::FOUND, [(header::LOCATION, location)]).into_response();
        }
    }
    crate::hardening::error_json(err)
}

mod base64_url {
    use base64::Engine;

    pub fn encode(text: &str) -> String {
        base64::engine::general_purpose::URL_SAFE.encode(text.as_bytes())
    }
}

/// `Server-Timing: app;dur=…` (milliseconds): the time the server spent on the
/// request, session and CSRF checks included, as browsers' developer tools and
/// `make bench` read it (client-side latency also counts queueing in wrk).
pub async fn server_timing(req: Request, next: Next) -> Response {
    let started = std::time::Instant::now();
    let mut res = next.run(req).await;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    if let Ok(value) = HeaderValue::from_str(&format!("app;dur={ms:.2}")) {
        res.headers_mut().insert("server-timing", value);
    }
    res
}

/// Headers every response carries; the page CSP (with its nonce) is set by the
/// shell. Framing is refused, except by the registered LMSs (`lti::framing`).
pub async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let lti_page = req.uri().path().starts_with("/lti/");
    let mut res = next.run(req).await;
    let origins = app::lti::framing::origins(&state).await;
    let h = res.headers_mut();
    h.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    h.insert("referrer-policy", HeaderValue::from_static("same-origin"));
    if origins.is_empty() {
        h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    }
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    // The LTI pages talk to the LMS window that opened them (dynamic
    // registration's close message), which `same-origin` would cut off.
    if !lti_page {
        h.insert(
            "cross-origin-opener-policy",
            HeaderValue::from_static("same-origin"),
        );
    }
    let policy = h
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("default-src 'self'; form-action 'self'; frame-ancestors 'none'; object-src 'none'")
        .to_string();
    if let Ok(v) = HeaderValue::from_str(&app::lti::framing::widen(&policy, &origins)) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    res
}

#[cfg(test)]
#[path = "middleware_tests.rs"]
mod tests;
