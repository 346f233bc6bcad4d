//! Small server-only helpers shared by server fns.
use crate::state::AppState;
use cookie::{Cookie, SameSite};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

pub fn build_cookie(name: &str, value: &str, max_age: Option<chrono::Duration>, secure: bool) -> String {
    let mut c = Cookie::build((name.to_string(), value.to_string()))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure);
    if let Some(age) = max_age {
        c = c.max_age(cookie::time::Duration::seconds(age.num_seconds()));
    }
    c.build().to_string()
}

pub fn set_cookie(name: &str, value: &str, max_age: Option<chrono::Duration>, state: &AppState) {
    if let Some(res) = use_context::<ResponseOptions>() {
        let header = build_cookie(name, value, max_age, state.secure_cookies);
        if let Ok(v) = http::HeaderValue::from_str(&header) {
            res.append_header(http::header::SET_COOKIE, v);
        }
    }
}

pub fn clear_cookie(name: &str, state: &AppState) {
    set_cookie(name, "", Some(chrono::Duration::zero()), state);
}

/// The `file` field of a multipart form: its name and bytes, at most
/// `max_bytes`. Errors: `Invalid(file)` when it is missing, empty or too large.
pub async fn read_file_field(
    data: server_fn::codec::MultipartData,
    max_bytes: usize,
) -> crate::error::AppResult<(String, Vec<u8>)> {
    use crate::error::AppError;
    use crate::i18n::{Msg, K};
    let mut multipart = data
        .into_inner()
        .ok_or_else(|| AppError::rule(K::ErrBadRequest))?;
    while let Ok(Some(mut field)) = multipart.next_field().await {
        if field.name() != Some("file") {
            continue;
        }
        let name = field.file_name().unwrap_or_default().to_string();
        let mut bytes = Vec::new();
        while let Ok(Some(chunk)) = field.chunk().await {
            bytes.extend_from_slice(&chunk);
            if bytes.len() > max_bytes {
                return Err(AppError::field("file", Msg::new(K::ImportTooLarge)));
            }
        }
        if bytes.is_empty() {
            break;
        }
        return Ok((name, bytes));
    }
    Err(AppError::field("file", Msg::new(K::ImportNoFile)))
}
