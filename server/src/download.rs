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

/// A file to save, named `filename`.
pub fn attachment(content_type: &'static str, filename: &str, body: impl Into<axum::body::Body>) -> Response {
    let disposition = format!("attachment; filename=\"{filename}\"");
    let headers = [
        (header::CONTENT_TYPE, content_type.to_string()),
        (header::CONTENT_DISPOSITION, disposition),
    ];
    (headers, body.into()).into_response()
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
