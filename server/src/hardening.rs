//! What no request may do to the server or its answers: panic it with a body
//! the decoders do not expect, get a 500 for its own mistake, send a browser
//! off-site, or leave signed-in data in a cache.
use app::error::AppError;
use app::state::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::server_fn::error::SERVER_FN_ERROR_HEADER;

/// Server-fn error answers are small JSON; anything bigger is not ours to read.
const ERROR_BODY_LIMIT: usize = 64 * 1024;

/// A multipart server fn called without a multipart body (or without its
/// boundary): server_fn's decoder would panic, so answer 400 before it runs.
pub async fn multipart_guard(req: Request, next: Next) -> Response {
    let multipart_fn =
        req.method() == Method::POST && app::app::multipart_paths().contains(&req.uri().path());
    if multipart_fn && !has_boundary(req.headers()) {
        tracing::info!(path = %req.uri().path(), "multipart fn called without a multipart body");
        return error_json(&AppError::rule(app::i18n::K::ErrBadRequest));
    }
    next.run(req).await
}

fn has_boundary(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .filter(|ct| {
            ct.trim_start()
                .to_ascii_lowercase()
                .starts_with("multipart/form-data")
        })
        .is_some_and(|ct| multer::parse_boundary(ct).is_ok())
}

/// An error as the WASM client reads it: the encoded `AppError` under its status.
pub fn error_json(err: &AppError) -> Response {
    let status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_string(err).unwrap_or_default();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// server_fn answers every error with 500; this gives it the status of the
/// `AppError` it carries (`AppError::status`). Plain-form answers are
/// redirects (302) and stay so. A `Location` that leaves the site (a forged
/// `Referer` echoed back) becomes `/`. (leptos_axum routes each server fn by
/// its own path, so this is a layer rather than a wrapper of one handler.)
pub async fn server_fn_status(req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let res = keep_on_site(next.run(req).await, host.as_deref());
    if res.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !res.headers().contains_key(SERVER_FN_ERROR_HEADER)
    {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, ERROR_BODY_LIMIT).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(err) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = StatusCode::from_u16(err.status()).unwrap_or(parts.status);
    }
    Response::from_parts(parts, Body::from(bytes))
}

fn keep_on_site(mut res: Response, host: Option<&str>) -> Response {
    let location = res.headers().get(header::LOCATION).and_then(|v| v.to_str().ok());
    if location.is_some_and(|l| !same_site_url(l, host)) {
        res.headers_mut()
            .insert(header::LOCATION, HeaderValue::from_static("/"));
    }
    res
}

/// A local path, or an absolute URL whose authority is this request's `Host`.
pub fn same_site_url(url: &str, host: Option<&str>) -> bool {
    if app::web::is_local_path(url) {
        return true;
    }
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match (rest, host) {
        (Some(rest), Some(host)) => {
            let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
            let path = &rest[authority.len()..];
            authority.eq_ignore_ascii_case(host) && (path.is_empty() || app::web::is_local_path(path))
        }
        _ => false,
    }
}

/// The last line of defence: a panic in a handler (a bug; the malformed-input
/// suite looks for them) is logged under a reference and answered as an
/// internal error, instead of dropping the connection without an answer.
pub fn on_panic(err: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let detail = err
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| err.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    error_json(&AppError::internal(format!("handler panicked: {detail}")))
}

/// Whether the request carries a session cookie (signed in, or was).
fn signed_in(headers: &HeaderMap) -> bool {
    let prefix = format!("{}=", app::auth::store::SESSION_COOKIE);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .any(|c| c.trim().starts_with(&prefix))
}

/// Caching and transport headers. A signed-in caller's pages and every
/// server-fn answer may carry rosters (NIPs, birth dates): never stored by a
/// browser or a proxy. Static `/pkg` assets keep their own caching. HSTS only
/// when the site is served over https (`SINERGI_SECURE_COOKIES=1`).
pub async fn cache_and_transport(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let private = path.starts_with("/api/") || (signed_in(req.headers()) && !path.starts_with("/pkg/"));
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    if private {
        h.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    }
    if state.secure_cookies {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_site_is_same_site() {
        let host = Some("sinergi.example:3000");
        assert!(same_site_url("/classes/1", host));
        assert!(same_site_url("http://sinergi.example:3000/x?y=1", host));
        assert!(same_site_url("https://sinergi.example:3000", host));
        for off in [
            "https://evil.example/x",
            "http://sinergi.example:3000@evil.example/",
            "//evil.example",
            "/\t/evil.example",
            "javascript:alert(1)",
            "http://sinergi.example:3000.evil.example/",
        ] {
            assert!(!same_site_url(off, host), "{off}");
        }
        assert!(!same_site_url("http://sinergi.example:3000/x", None));
    }

    #[test]
    fn a_boundary_is_required() {
        let mut h = HeaderMap::new();
        assert!(!has_boundary(&h));
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("multipart/form-data"),
        );
        assert!(!has_boundary(&h));
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/x-www-form-urlencoded"),
        );
        assert!(!has_boundary(&h));
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("multipart/form-data; boundary=x"),
        );
        assert!(has_boundary(&h));
    }
}
