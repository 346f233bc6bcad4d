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
use axum::body::Body;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;

/// Queries: pages read theirs too (and call server fns with it directly).
/// Bodies are checked by the CSRF middleware, which holds them already
/// (`refusal`); reading a body twice halved the scoring saves per second.
pub async fn check_text(req: Request, next: Next) -> Response {
    if let Some(bad) = req.uri().query().and_then(|q| bad_in_form(q.as_bytes())) {
        return refused(bad, &req);
    }
    next.run(req).await
}

/// What is wrong with a server fn's body, if anything (mutations only).
pub async fn refusal(content_type: &str, bytes: &axum::body::Bytes) -> Option<(String, Msg)> {
    let kind = content_type.to_ascii_lowercase();
    if kind.starts_with("application/x-www-form-urlencoded") {
        bad_in_form(bytes)
    } else if kind.starts_with("multipart/form-data") {
        bad_in_multipart(content_type, bytes.clone()).await
    } else {
        None
    }
}

pub(crate) fn refused((field, msg): (String, Msg), req: &Request) -> Response {
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
