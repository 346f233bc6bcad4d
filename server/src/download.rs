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
pub fn attachment(content_type: &'static str, filename: &str, body: impl Into<axum::body::Body>) -> Response {
    let disposition = format!("attachment; filename=\"{filename}\"");
    let headers = [
        (header::CONTENT_TYPE, content_type.to_string()),
        (header::CONTENT_DISPOSITION, disposition),
        (header::CACHE_CONTROL, "private, no-store".to_string()),
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
