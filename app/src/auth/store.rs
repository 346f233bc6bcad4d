//! Server-side sessions, stored in the database so that several app servers
//! share them (login throttling: `throttle`).
use crate::auth::model::Role;
use crate::entities::{session, user, user_role};
use crate::error::AppResult;
use crate::state::{AppState, Caller};
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sea_orm::{prelude::*, ActiveValue::Set, FromQueryResult, JoinType, QuerySelect};
use sha2::{Digest, Sha256};

pub const SESSION_COOKIE: &str = "sinergi_session";
pub const ANON_CSRF_COOKIE: &str = "sinergi_csrf";
pub const IDLE_TIMEOUT: Duration = Duration::hours(8);
pub const ABSOLUTE_TIMEOUT: Duration = Duration::days(7);
/// Avoids a write on every request: last-seen only moves in steps of this size.
const TOUCH_EVERY: Duration = Duration::minutes(5);

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

pub fn is_expired(created_at: DateTime<Utc>, last_seen_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now - last_seen_at > IDLE_TIMEOUT || now - created_at > ABSOLUTE_TIMEOUT
}

/// One row of the session lookup: the session, its account, and one of its roles.
#[derive(Debug, FromQueryResult)]
struct SessionRow {
    user_id: i64,
    csrf_token: String,
    created_at: DateTimeUtc,
    last_seen_at: DateTimeUtc,
    full_name: String,
    active: bool,
    role: Option<String>,
}

/// Session, account and roles in one query: this runs on every request, so a
/// round trip saved here is saved everywhere.
async fn session_rows(db: &DatabaseConnection, id_hash: &str) -> AppResult<Vec<SessionRow>> {
    let to_user: RelationDef = session::Entity::belongs_to(user::Entity)
        .from(session::Column::UserId)
        .to(user::Column::Id)
        .into();
    let to_roles: RelationDef = user_role::Entity::belongs_to(user::Entity)
        .from(user_role::Column::UserId)
        .to(user::Column::Id)
        .into();
    Ok(session::Entity::find_by_id(id_hash.to_string())
        .select_only()
        .columns([
            session::Column::UserId,
            session::Column::CsrfToken,
            session::Column::CreatedAt,
            session::Column::LastSeenAt,
        ])
        .column(user::Column::FullName)
        .column(user::Column::Active)
        .column(user_role::Column::Role)
        .join(JoinType::InnerJoin, to_user)
        .join_rev(JoinType::LeftJoin, to_roles)
        .into_model::<SessionRow>()
        .all(db)
        .await?)
}

/// Looks a cookie value up; returns the caller and their CSRF token when the
/// session is live and the account active.
pub async fn resolve(state: &AppState, token: &str) -> AppResult<Option<(Caller, String)>> {
    let id_hash = hash_token(token);
    if let Some(found) = state
        .cache::<crate::auth::session_cache::SessionCache>()
        .get(&id_hash)
    {
        return Ok(Some(found));
    }
    let found = resolve_in_db(&state.db, id_hash.clone()).await?;
    if let Some((caller, csrf)) = &found {
        state
            .cache::<crate::auth::session_cache::SessionCache>()
            .put(id_hash, caller.clone(), csrf.clone());
    }
    Ok(found)
}

async fn resolve_in_db(db: &DatabaseConnection, id_hash: String) -> AppResult<Option<(Caller, String)>> {
    let rows = session_rows(db, &id_hash).await?;
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let now = Utc::now();
    if is_expired(first.created_at, first.last_seen_at, now) {
        session::Entity::delete_by_id(id_hash).exec(db).await?;
        return Ok(None);
    }
    if !first.active {
        return Ok(None);
    }
    if now - first.last_seen_at > TOUCH_EVERY {
        session::Entity::update_many()
            .col_expr(session::Column::LastSeenAt, Expr::value(now))
            .filter(session::Column::IdHash.eq(id_hash.clone()))
            .exec(db)
            .await?;
    }
    let mut roles: Vec<Role> = rows
        .iter()
        .filter_map(|r| r.role.as_deref().and_then(Role::from_code))
        .collect();
    roles.sort();
    roles.dedup();
    let (user_id, name, csrf) = (first.user_id, first.full_name.clone(), first.csrf_token.clone());
    let caller = Caller {
        user_id,
        name,
        roles,
        session_hash: id_hash,
    };
    Ok(Some((caller, csrf)))
}

pub async fn delete_session(state: &AppState, id_hash: &str) -> AppResult<()> {
    state
        .cache::<crate::auth::session_cache::SessionCache>()
        .forget(id_hash);
    session::Entity::delete_by_id(id_hash.to_string())
        .exec(&state.db)
        .await?;
    Ok(())
}

/// Ends every session of an account (deactivation).
pub async fn delete_sessions_of(state: &AppState, user_id: i64) -> AppResult<()> {
    state
        .cache::<crate::auth::session_cache::SessionCache>()
        .forget_user(user_id);
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .exec(&state.db)
        .await?;
    Ok(())
}
