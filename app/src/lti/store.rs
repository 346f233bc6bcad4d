//! Registered platforms and their deployments, and one-time login states.
use crate::entities::{lti_deployment, lti_login, lti_platform};
use crate::error::AppResult;
use chrono::{Duration, Utc};
use sea_orm::{prelude::*, ActiveValue::Set, QueryOrder, QuerySelect};

/// How long a login may take between the platform's redirect and the launch.
pub const LOGIN_VALID_FOR: Duration = Duration::minutes(10);

/// What an admin enters to register a platform (or what dynamic
/// registration learns).
#[derive(Debug, Clone)]
pub struct NewPlatform {
    pub name: String,
    pub issuer: String,
    pub client_id: String,
    pub auth_login_url: String,
    pub token_url: String,
    pub jwks_url: String,
    pub deployments: Vec<String>,
}

pub async fn register(db: &DatabaseConnection, p: NewPlatform) -> AppResult<i64> {
    let row = lti_platform::ActiveModel {
        name: Set(p.name),
        issuer: Set(p.issuer),
        client_id: Set(p.client_id),
        auth_login_url: Set(p.auth_login_url),
        token_url: Set(p.token_url),
        jwks_url: Set(p.jwks_url),
        jwks_cache: Set(String::new()),
        jwks_fetched_at: Set(None),
        trust_identity: Set(false),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    for d in p.deployments {
        add_deployment(db, row.id, &d).await?;
    }
    Ok(row.id)
}

/// Removes a platform and its deployments (one that nothing launched from yet).
pub async fn remove(db: &DatabaseConnection, platform: i64) -> AppResult<()> {
    lti_deployment::Entity::delete_many()
        .filter(lti_deployment::Column::PlatformId.eq(platform))
        .exec(db)
        .await?;
    lti_platform::Entity::delete_by_id(platform).exec(db).await?;
    Ok(())
}

pub async fn add_deployment(db: &DatabaseConnection, platform: i64, deployment: &str) -> AppResult<()> {
    let exists = lti_deployment::Entity::find()
        .filter(lti_deployment::Column::PlatformId.eq(platform))
        .filter(lti_deployment::Column::DeploymentId.eq(deployment))
        .one(db)
        .await?;
    if exists.is_none() {
        lti_deployment::ActiveModel {
            platform_id: Set(platform),
            deployment_id: Set(deployment.to_string()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

pub async fn deployments(db: &DatabaseConnection, platform: i64) -> AppResult<Vec<String>> {
    Ok(lti_deployment::Entity::find()
        .filter(lti_deployment::Column::PlatformId.eq(platform))
        .order_by_asc(lti_deployment::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|d| d.deployment_id)
        .collect())
}

/// The platform for an issuer: the one with `client_id` when the platform
/// names it, else the issuer's only registration.
pub async fn platform(
    db: &DatabaseConnection,
    issuer: &str,
    client_id: Option<&str>,
) -> AppResult<Option<lti_platform::Model>> {
    let mut q = lti_platform::Entity::find().filter(lti_platform::Column::Issuer.eq(issuer));
    if let Some(c) = client_id.filter(|c| !c.is_empty()) {
        q = q.filter(lti_platform::Column::ClientId.eq(c));
    }
    let mut found = q.limit(2).all(db).await?;
    Ok(if found.len() == 1 { found.pop() } else { None })
}

pub async fn platform_by_id(db: &DatabaseConnection, id: i64) -> AppResult<Option<lti_platform::Model>> {
    Ok(lti_platform::Entity::find_by_id(id).one(db).await?)
}

/// Starts a login: stores the state (hashed) and nonce.
pub async fn start_login(db: &DatabaseConnection, platform: i64, state: &str, nonce: &str) -> AppResult<()> {
    lti_login::ActiveModel {
        state_hash: Set(crate::auth::store::hash_token(state)),
        nonce: Set(nonce.to_string()),
        platform_id: Set(platform),
        created_at: Set(Utc::now()),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// What using a login state found.
pub enum Login {
    Fresh(lti_login::Model),
    Used,
    Unknown,
}

/// Marks the login used, at most once (a conditional update, so two
/// launches racing with the same state cannot both pass).
pub async fn use_login(db: &DatabaseConnection, state: &str) -> AppResult<Login> {
    let hash = crate::auth::store::hash_token(state);
    let Some(row) = lti_login::Entity::find()
        .filter(lti_login::Column::StateHash.eq(&hash))
        .one(db)
        .await?
    else {
        return Ok(Login::Unknown);
    };
    if row.used_at.is_some() {
        return Ok(Login::Used);
    }
    if row.created_at + LOGIN_VALID_FOR < Utc::now() {
        return Ok(Login::Unknown);
    }
    let done = lti_login::Entity::update_many()
        .col_expr(lti_login::Column::UsedAt, Expr::value(Utc::now()))
        .filter(lti_login::Column::Id.eq(row.id))
        .filter(lti_login::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(if done.rows_affected == 1 {
        Login::Fresh(row)
    } else {
        Login::Used
    })
}

/// The platform a login state belongs to, while it is unused and fresh
/// (nothing is marked: the launch uses it).
pub async fn platform_of_login(
    db: &DatabaseConnection,
    state: &str,
) -> AppResult<Option<lti_platform::Model>> {
    let hash = crate::auth::store::hash_token(state);
    let Some(row) = lti_login::Entity::find()
        .filter(lti_login::Column::StateHash.eq(&hash))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if row.used_at.is_some() || row.created_at + LOGIN_VALID_FOR < Utc::now() {
        return Ok(None);
    }
    platform_by_id(db, row.platform_id).await
}
