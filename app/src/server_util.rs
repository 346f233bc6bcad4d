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
