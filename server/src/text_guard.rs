//! Every text a server fn receives is checked here, in one place, before the
//! fn runs, and the same on both backends:
//! - no NUL character: PostgreSQL cannot store U+0000 in `text` (the insert
//!   failed and the user saw "something went wrong"), SQLite would store it;
//! - no longer than its field's limit (`app::text_limits`).
//!
//! Either is a field error beside the field that carried it (`ErrTextNul`,
//! `ErrTextTooLong`), answered like any validation error. Covers query strings
//! (GET fns), url-encoded forms and the text fields of multipart forms;
//! uploaded files are bytes (they may hold NULs) with limits of their own.
use app::error::AppError;
use app::i18n::{Msg, K};
use app::state::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::Response;

pub async fn check_text(State(state): State<AppState>, req: Request, next: Next) -> Response {
    // Pages read their query too (and call server fns with it directly).
    if let Some(bad) = req.uri().query().and_then(|q| bad_in_form(q.as_bytes())) {
        return refused(bad, &req);
    }
    if !req.uri().path().starts_with("/api/") || req.method() != Method::POST {
        return next.run(req).await;
    }
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let kind = content_type.to_ascii_lowercase();
    let (parts, body) = req.into_parts();
    // Mutations were read whole (and bounded) by the CSRF check already.
    let limit = state.max_upload_bytes + crate::middleware::MAX_BODY_BYTES;
    let Ok(bytes) = axum::body::to_bytes(body, limit).await else {
        let req = Request::from_parts(parts, Body::empty());
        return crate::middleware::error_response(&AppError::rule(K::ErrBadRequest), &req);
    };
    let field = if kind.starts_with("application/x-www-form-urlencoded") {
        bad_in_form(&bytes)
    } else if kind.starts_with("multipart/form-data") {
        bad_in_multipart(&content_type, bytes.clone()).await
    } else {
        None
    };
    let req = Request::from_parts(parts, Body::from(bytes));
    match field {
        Some(bad) => refused(bad, &req),
        None => next.run(req).await,
    }
}

fn refused((field, msg): (String, Msg), req: &Request) -> Response {
    crate::middleware::error_response(&AppError::field(&field, msg), req)
}

/// What is wrong with one field's text, if anything.
fn check(raw_field: &str, value: &str) -> Option<(String, Msg)> {
    let field = raw_field.replace('\0', "");
    // Sources are parsed as TOML, where `\u0000` becomes a NUL too.
    let source = app::text_limits::base_name(&field) == "source";
    if value.contains('\0')
        || raw_field.contains('\0')
        || (source && app::text_limits::source_holds_nul(value))
    {
        return Some((field, Msg::new(K::ErrTextNul)));
    }
    let max = app::text_limits::over_limit(&field, value)?;
    Some((field, Msg::with(K::ErrTextTooLong, [max.to_string()])))
}

/// The first field of a url-encoded form (or query) that is refused.
fn bad_in_form(bytes: &[u8]) -> Option<(String, Msg)> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(bytes).ok()?;
    pairs.iter().find_map(|(k, v)| check(k, v))
}

/// The first text (non-file) field of a multipart form that is refused.
async fn bad_in_multipart(content_type: &str, bytes: axum::body::Bytes) -> Option<(String, Msg)> {
    let boundary = multer::parse_boundary(content_type).ok()?;
    let mut form = multer::Multipart::new(Body::from(bytes).into_data_stream(), boundary);
    while let Ok(Some(field)) = form.next_field().await {
        if field.file_name().is_some() {
            continue;
        }
        let name = field.name().unwrap_or_default().to_string();
        if let Some(bad) = field.text().await.ok().and_then(|t| check(&name, &t)) {
            return Some(bad);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused_field(form: &str) -> Option<(String, K)> {
        bad_in_form(form.as_bytes()).map(|(f, m)| (f, m.key))
    }

    #[test]
    fn a_nul_or_an_overlong_text_names_its_field() {
        let nul = refused_field("name=Kelas&description=a%00b");
        assert_eq!(nul, Some(("description".into(), K::ErrTextNul)));
        let long = format!("name={}&description=ab", "a".repeat(201));
        assert_eq!(refused_field(&long), Some(("name".into(), K::ErrTextTooLong)));
        assert_eq!(refused_field("name=Kelas&description=ab"), None);
    }
}
