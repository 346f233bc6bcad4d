//! Server-side sessions and login throttling, stored in the database so that
//! several app servers share them.
use crate::auth::model::Role;
use crate::entities::{login_attempt, session, user, user_role};
use crate::error::AppResult;
use crate::state::Caller;
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sea_orm::{prelude::*, ActiveValue::Set, QueryOrder};
use sha2::{Digest, Sha256};

pub const SESSION_COOKIE: &str = "sinergi_session";
pub const ANON_CSRF_COOKIE: &str = "sinergi_csrf";
pub const IDLE_TIMEOUT: Duration = Duration::hours(8);
pub const ABSOLUTE_TIMEOUT: Duration = Duration::days(7);
/// Avoids a write on every request: last-seen only moves in steps of this size.
const TOUCH_EVERY: Duration = Duration::minutes(5);

pub const ACCOUNT_MAX_FAILURES: i32 = 5;
pub const IP_MAX_FAILURES: i32 = 30;
pub const THROTTLE_WINDOW: Duration = Duration::minutes(15);

/// 256 random bits, hex-encoded.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Creates a fresh session (a new id at every login, so a planted id is useless).
pub async fn create_session<C: ConnectionTrait>(db: &C, user_id: i64) -> AppResult<String> {
    let token = new_token();
    let now = Utc::now();
    session::ActiveModel {
        id_hash: Set(hash_token(&token)),
        user_id: Set(user_id),
        csrf_token: Set(new_token()),
        created_at: Set(now),
        last_seen_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(token)
}

pub fn is_expired(s: &session::Model, now: DateTime<Utc>) -> bool {
    now - s.last_seen_at > IDLE_TIMEOUT || now - s.created_at > ABSOLUTE_TIMEOUT
}

/// Looks a cookie value up; returns the caller and their CSRF token when the
/// session is live and the account active.
pub async fn resolve(db: &DatabaseConnection, token: &str) -> AppResult<Option<(Caller, String)>> {
    let id_hash = hash_token(token);
    let Some(s) = session::Entity::find_by_id(id_hash.clone()).one(db).await? else {
        return Ok(None);
    };
    let now = Utc::now();
    if is_expired(&s, now) {
        session::Entity::delete_by_id(id_hash).exec(db).await?;
        return Ok(None);
    }
    let Some(u) = user::Entity::find_by_id(s.user_id).one(db).await? else {
        return Ok(None);
    };
    if !u.active {
        return Ok(None);
    }
    if now - s.last_seen_at > TOUCH_EVERY {
        let mut active: session::ActiveModel = s.clone().into();
        active.last_seen_at = Set(now);
        active.update(db).await?;
    }
    let roles = roles_of(db, u.id).await?;
    let caller = Caller {
        user_id: u.id,
        name: u.full_name,
        roles,
        session_hash: s.id_hash,
    };
    Ok(Some((caller, s.csrf_token)))
}

pub async fn roles_of<C: ConnectionTrait>(db: &C, user_id: i64) -> AppResult<Vec<Role>> {
    let rows = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user_id))
        .order_by_asc(user_role::Column::Role)
        .all(db)
        .await?;
    let mut roles: Vec<Role> = rows.iter().filter_map(|r| Role::from_code(&r.role)).collect();
    roles.sort();
    Ok(roles)
}

pub async fn delete_session(db: &DatabaseConnection, id_hash: &str) -> AppResult<()> {
    session::Entity::delete_by_id(id_hash.to_string())
        .exec(db)
        .await?;
    Ok(())
}

/// Minutes until the key may try again, if it is locked out.
pub async fn locked_for(db: &DatabaseConnection, key: &str, max: i32) -> AppResult<Option<i64>> {
    let Some(row) = login_attempt::Entity::find_by_id(key.to_string()).one(db).await? else {
        return Ok(None);
    };
    let until = row.window_start + THROTTLE_WINDOW;
    let now = Utc::now();
    if row.failures >= max && until > now {
        Ok(Some(((until - now).num_seconds() + 59) / 60))
    } else {
        Ok(None)
    }
}

pub async fn record_failure(db: &DatabaseConnection, key: &str) -> AppResult<()> {
    let now = Utc::now();
    let existing = login_attempt::Entity::find_by_id(key.to_string()).one(db).await?;
    match existing {
        Some(row) if now - row.window_start <= THROTTLE_WINDOW => {
            let failures = row.failures + 1;
            let mut active: login_attempt::ActiveModel = row.into();
            active.failures = Set(failures);
            active.update(db).await?;
        }
        Some(row) => {
            let mut active: login_attempt::ActiveModel = row.into();
            active.failures = Set(1);
            active.window_start = Set(now);
            active.update(db).await?;
        }
        None => {
            login_attempt::ActiveModel {
                key: Set(key.to_string()),
                window_start: Set(now),
                failures: Set(1),
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

pub async fn clear_failures(db: &DatabaseConnection, key: &str) -> AppResult<()> {
    login_attempt::Entity::delete_by_id(key.to_string())
        .exec(db)
        .await?;
    Ok(())
}
