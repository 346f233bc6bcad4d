//! Files served outside the server fns (exports, CSV): the shared checks and
//! how an `AppError` becomes a plain, translated response.
use app::error::AppError;
use app::i18n::{Locale, K};
use app::state::{Caller, RequestAuth};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

/// The logged-in caller, if any (else answer with `error(…, Unauthenticated)`).
pub fn caller(auth: &RequestAuth) -> Option<&Caller> {
    auth.caller.as_ref()
}

/// The caller manages the class (its facilitators and admins).
pub async fn require_manager(
    db: &sea_orm::DatabaseConnection,
    caller: &Caller,
    class_id: i64,
) -> Result<(), AppError> {
    let memberships = app::auth::guard::memberships(db, caller.user_id, class_id).await?;
    app::auth::guard::check_access(caller, &memberships, app::auth::policy::ClassAccess::Manage)?;
    Ok(())
}

/// A file to save, named `filename`. Every download here is someone's data:
/// never kept by a shared cache.
pub fn attachment(content_type: &str, filename: &str, body: impl Into<axum::body::Body>) -> Response {
    let headers = [
        (header::CONTENT_TYPE, content_type.to_string()),
        (header::CONTENT_DISPOSITION, content_disposition(filename)),
        (header::CACHE_CONTROL, "private, no-store".to_string()),
    ];
    (headers, body.into()).into_response()
}

/// The one way a download is named (RFC 6266): `filename*=UTF-8''…` carries
/// the real name percent-encoded (RFC 8187), `filename="…"` an ASCII stand-in
/// for old clients. Whatever the name holds (quotes, CR/LF, "Ñ", "—"), the
/// header stays valid and says nothing but the name.
pub fn content_disposition(filename: &str) -> String {
    let fallback: String = filename
        .chars()
        .map(|c| match c {
            ' '..='~' if c != '"' && c != '\\' => c,
            _ => '_',
        })
        .collect();
    let mut encoded = String::new();
    for b in filename.bytes() {
        // RFC 8187 attr-char: sent as is; everything else as %XX.
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            encoded.push(char::from(b));
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

/// The error as a status and one translated sentence; internal failures were
/// logged under the reference they show.
pub fn error(locale: Locale, e: AppError) -> Response {
    let (status, text) = match e {
        AppError::Unauthenticated => (
            StatusCode::UNAUTHORIZED,
            K::ErrUnauthenticated.t(locale).to_string(),
        ),
        AppError::Forbidden => (StatusCode::FORBIDDEN, K::ErrForbidden.t(locale).to_string()),
        AppError::NotFound => (StatusCode::NOT_FOUND, K::ErrNotFound.t(locale).to_string()),
        AppError::Internal(reference) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            app::i18n::fill(K::ErrInternal.t(locale), &[reference]),
        ),
        other => (
            StatusCode::BAD_REQUEST,
            other
                .messages()
                .iter()
                .map(|m| m.render(locale))
                .collect::<Vec<_>>()
                .join(" "),
        ),
    };
    (status, text).into_response()
}

#[cfg(test)]
mod tests {
    use super::content_disposition;

    #[test]
    fn non_ascii_names_are_encoded_with_an_ascii_fallback() {
        assert_eq!(
            content_disposition("Kelas Ñ — 2026.csv"),
            "attachment; filename=\"Kelas _ _ 2026.csv\"; filename*=UTF-8''Kelas%20%C3%91%20%E2%80%94%202026.csv"
        );
        let hostile = content_disposition("a\"b\r\nX-Evil: 1\\.pdf");
        assert!(axum::http::HeaderValue::from_str(&hostile).is_ok(), "{hostile}");
        assert!(
            hostile.starts_with("attachment; filename=\"a_b__X-Evil: 1_.pdf\"; "),
            "{hostile}"
        );
    }
}
