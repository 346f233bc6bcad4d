//! Server fns for sessions: who am I, log in, log out, change password, language.
use super::model::SessionInfo;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    super::{guard, password, store, throttle},
    crate::entities::user,
    crate::i18n::{Msg, K},
    sea_orm::prelude::*,
};

/// Anyone. Returns the visitor's user (if logged in), CSRF token and language.
#[server(input = GetUrl, prefix = "/api", endpoint = "session")]
pub async fn get_session_info() -> Result<SessionInfo, AppError> {
    let auth = guard::request_auth()?;
    let user = auth.caller.map(|c| super::model::UserInfo {
        id: c.user_id,
        name: c.name,
        roles: c.roles,
    });
    Ok(SessionInfo {
        user,
        csrf: auth.csrf,
        locale: auth.locale,
    })
}

/// Anyone. Logs in by email or NIP. Errors: `Rule(LoginFailed | LoginRateLimited |
/// ErrTooManyAttempts | LoginInactive)`, `Invalid` for empty fields.
#[server(prefix = "/api", endpoint = "login")]
pub async fn login(identifier: String, password: String, next: Option<String>) -> Result<(), AppError> {
    let state = guard::state()?;
    let auth = guard::request_auth()?;
    let identifier = identifier.trim().to_lowercase().replace(' ', "");
    require_filled(&identifier, &password)?;
    // Throttling (see `throttle`): one address that guesses too much is locked;
    // one account is only slowed down, so the owner is never locked out.
    let ip_key = throttle::ip_key(&auth_ip());
    if let Some(minutes) = throttle::locked_for(&state.db, &ip_key, throttle::IP_MAX_FAILURES).await? {
        return Err(AppError::Rule(Msg::with(
            K::LoginRateLimited,
            [minutes.to_string()],
        )));
    }
    let found = find_by_identifier(&state.db, &identifier).await?;
    let account_key = throttle::account_key(found.as_ref().map(|u| u.id), &identifier);
    let turn = match throttle::take_turn(&state.db, &account_key).await? {
        Ok(turn) => turn,
        Err(seconds) => {
            return Err(AppError::Rule(Msg::with(
                K::ErrTooManyAttempts,
                [seconds.to_string()],
            )))
        }
    };
    let hash = found.as_ref().and_then(|u| u.password_hash.clone());
    if !password::verify(&state, password, hash).await? {
        throttle::record_failure(&state.db, &ip_key).await?;
        if turn == throttle::Turn::Free {
            throttle::record_failure(&state.db, &account_key).await?;
        }
        return Err(AppError::rule(K::LoginFailed));
    }
    let user = found.ok_or_else(|| AppError::rule(K::LoginFailed))?;
    if !user.active {
        return Err(AppError::rule(K::LoginInactive));
    }
    throttle::clear_failures(&state.db, &account_key).await?;
    if let Some(old) = auth.caller {
        store::delete_session(&state, &old.session_hash).await?;
    }
    let token = store::create_session(&state.db, user.id).await?;
    crate::server_util::set_cookie(
        store::SESSION_COOKIE,
        &token,
        Some(store::ABSOLUTE_TIMEOUT),
        &state,
    );
    crate::web::redirect(&safe_next(next.as_deref()));
    Ok(())
}

#[cfg(feature = "ssr")]
fn auth_ip() -> String {
    use_context::<http::request::Parts>()
        .and_then(|p| {
            p.extensions
                .get::<crate::state::ClientIp>()
                .map(|ip| ip.0.clone())
        })
        .unwrap_or_else(|| "unknown".into())
}

#[cfg(feature = "ssr")]
fn require_filled(identifier: &str, password: &str) -> Result<(), AppError> {
    let mut map = std::collections::BTreeMap::new();
    if identifier.is_empty() {
        map.insert("identifier".to_string(), vec![Msg::new(K::ErrRequired)]);
    }
    if password.is_empty() {
        map.insert("password".to_string(), vec![Msg::new(K::ErrRequired)]);
    }
    if map.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(map))
    }
}

#[cfg(feature = "ssr")]
async fn find_by_identifier(
    db: &DatabaseConnection,
    identifier: &str,
) -> Result<Option<user::Model>, AppError> {
    let column = if identifier.contains('@') {
        user::Column::Email
    } else {
        user::Column::Nip
    };
    Ok(user::Entity::find().filter(column.eq(identifier)).one(db).await?)
}

/// Only same-site paths: an open redirect would let a phishing link borrow our
/// login page. One allow-list rule (`web::is_local_path`), and a bound on length.
pub fn safe_next(next: Option<&str>) -> String {
    const MAX_LEN: usize = 2000;
    match next {
        Some(p) if p.len() <= MAX_LEN && crate::web::is_local_path(p) => p.to_string(),
        _ => "/".to_string(),
    }
}

/// Logged-in users. Ends the session everywhere this cookie was used.
#[server(prefix = "/api", endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    let state = guard::state()?;
    if let Ok(caller) = guard::caller() {
        store::delete_session(&state, &caller.session_hash).await?;
    }
    crate::server_util::clear_cookie(store::SESSION_COOKIE, &state);
    crate::web::redirect("/login");
    Ok(())
}

/// Logged-in users, for their own account; ends the account's other sessions.
/// Errors: `Invalid` (current, new, confirm).
#[server(prefix = "/api", endpoint = "change_password")]
pub async fn change_password(current: String, new: String, confirm: String) -> Result<(), AppError> {
    let state = guard::state()?;
    let caller = guard::caller()?;
    if new.chars().count() < super::model::MIN_PASSWORD_LEN {
        return Err(AppError::field("new", Msg::new(K::ErrPasswordShort)));
    }
    if new != confirm {
        return Err(AppError::field("confirm", Msg::new(K::PasswordMismatch)));
    }
    let user = user::Entity::find_by_id(caller.user_id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    if !password::verify(&state, current, user.password_hash.clone()).await? {
        return Err(AppError::field("current", Msg::new(K::PasswordWrongCurrent)));
    }
    let hash = password::hash(&state, new).await?;
    // Only over the password that was just checked: two changes sent at once
    // (two tabs, or someone else who knew the old password) cannot both win.
    let changed = user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(Some(hash)))
        .filter(user::Column::Id.eq(user.id))
        .filter(user::Column::PasswordHash.eq(user.password_hash.clone()))
        .exec(&state.db)
        .await?;
    if changed.rows_affected == 0 {
        return Err(AppError::field("current", Msg::new(K::PasswordWrongCurrent)));
    }
    end_other_sessions(&state, caller.user_id, &caller.session_hash).await
}

/// A password change ends every other session of the account (one opened by
/// whoever knew the old password included); this one stays. Other servers'
/// caches forget theirs within `session_cache::TTL`.
#[cfg(feature = "ssr")]
async fn end_other_sessions(
    state: &crate::state::AppState,
    user_id: i64,
    keep: &str,
) -> Result<(), AppError> {
    use crate::entities::session;
    state
        .cache::<crate::auth::session_cache::SessionCache>()
        .forget_user_except(user_id, keep);
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::IdHash.ne(keep))
        .exec(&state.db)
        .await?;
    Ok(())
}

/// Anyone. Remembers the language in a cookie for a year.
#[server(prefix = "/api", endpoint = "set_locale")]
pub async fn set_locale(locale: String) -> Result<(), AppError> {
    let state = guard::state()?;
    let locale = crate::i18n::Locale::from_code(&locale).ok_or_else(|| AppError::rule(K::ErrBadRequest))?;
    crate::server_util::set_cookie(
        crate::i18n::LOCALE_COOKIE,
        locale.code(),
        Some(chrono::Duration::days(365)),
        &state,
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_accepts_only_local_paths() {
        assert_eq!(safe_next(Some("/classes/3")), "/classes/3");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil")), "/");
        assert_eq!(safe_next(None), "/");
        assert_eq!(safe_next(Some("/tasks?x=1&y=%20#top")), "/tasks?x=1&y=%20#top");
        // Browsers drop tab and newline from URLs: `/\t/evil` is `//evil`.
        assert_eq!(safe_next(Some("/\t/evil.example")), "/");
        assert_eq!(safe_next(Some("/\n/evil.example")), "/");
        assert_eq!(safe_next(Some("/x\r\nSet-Cookie: a=b")), "/");
        assert_eq!(safe_next(Some("/ /evil.example")), "/");
        assert_eq!(safe_next(Some("/\u{3000}/evil")), "/");
        assert_eq!(safe_next(Some(&format!("/{}", "a".repeat(3000)))), "/");
    }
}
