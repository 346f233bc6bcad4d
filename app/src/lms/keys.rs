//! The tool's own RSA keys: the newest unretired key signs (deep-linking
//! responses, service-token assertions); every key retired less than
//! `PUBLISHED_AFTER_RETIRING` ago stays in the published key set, so a
//! message signed just before a rotation still verifies at the platform.
use crate::entities::lti_key;
use crate::error::{AppError, AppResult};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{Duration, Utc};
use rsa::pkcs1::EncodeRsaPrivateKey;
use rsa::traits::PublicKeyParts;
use sea_orm::{prelude::*, ActiveValue::Set, QueryOrder};
use serde_json::{json, Value};

pub const PUBLISHED_AFTER_RETIRING: Duration = Duration::days(7);
const BITS: usize = 2048;

/// A new key pair: its kid, the private key (PKCS#1 PEM) and the public JWK.
pub fn generate() -> AppResult<(String, String, Value)> {
    let mut rng = rand::rngs::OsRng;
    let private = rsa::RsaPrivateKey::new(&mut rng, BITS).map_err(AppError::internal)?;
    let pem = private
        .to_pkcs1_pem(rsa::pkcs1::LineEnding::LF)
        .map_err(AppError::internal)?
        .to_string();
    let kid = uuid::Uuid::new_v4().simple().to_string();
    let jwk = public_jwk(&kid, private.n().to_bytes_be(), private.e().to_bytes_be());
    Ok((kid, pem, jwk))
}

/// A public RSA key as a JWK for RS256 signatures.
pub fn public_jwk(kid: &str, n: Vec<u8>, e: Vec<u8>) -> Value {
    json!({
        "kty": "RSA", "alg": "RS256", "use": "sig", "kid": kid,
        "n": URL_SAFE_NO_PAD.encode(n), "e": URL_SAFE_NO_PAD.encode(e),
    })
}

/// The key that signs now, made on first use.
pub async fn current(db: &DatabaseConnection) -> AppResult<lti_key::Model> {
    let newest = lti_key::Entity::find()
        .filter(lti_key::Column::RetiredAt.is_null())
        .order_by_desc(lti_key::Column::Id)
        .one(db)
        .await?;
    match newest {
        Some(k) => Ok(k),
        None => add(db).await,
    }
}

/// Makes a new signing key and retires the others (they stay published for
/// `PUBLISHED_AFTER_RETIRING`). Returns the new kid.
pub async fn rotate(db: &DatabaseConnection) -> AppResult<String> {
    let new = add(db).await?;
    lti_key::Entity::update_many()
        .col_expr(lti_key::Column::RetiredAt, Expr::value(Utc::now()))
        .filter(lti_key::Column::RetiredAt.is_null())
        .filter(lti_key::Column::Id.ne(new.id))
        .exec(db)
        .await?;
    Ok(new.kid)
}

async fn add(db: &DatabaseConnection) -> AppResult<lti_key::Model> {
    // Key generation takes a moment of CPU: off the async workers.
    let (kid, pem, jwk) = tokio::task::spawn_blocking(generate)
        .await
        .map_err(AppError::internal)??;
    Ok(lti_key::ActiveModel {
        kid: Set(kid),
        private_pem: Set(pem),
        public_jwk: Set(jwk.to_string()),
        created_at: Set(Utc::now()),
        retired_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// The published key set: `{"keys": [...]}`, newest first.
pub async fn jwks(db: &DatabaseConnection) -> AppResult<Value> {
    current(db).await?;
    let since = Utc::now() - PUBLISHED_AFTER_RETIRING;
    let rows = lti_key::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(lti_key::Column::RetiredAt.is_null())
                .add(lti_key::Column::RetiredAt.gt(since)),
        )
        .order_by_desc(lti_key::Column::Id)
        .all(db)
        .await?;
    let keys: Vec<Value> = rows
        .iter()
        .filter_map(|k| serde_json::from_str(&k.public_jwk).ok())
        .collect();
    Ok(json!({ "keys": keys }))
}

/// Signs `claims` as an RS256 JWT with the current key (its kid in the header).
pub async fn sign(db: &DatabaseConnection, claims: &Value) -> AppResult<String> {
    let key = current(db).await?;
    let encoding =
        jsonwebtoken::EncodingKey::from_rsa_pem(key.private_pem.as_bytes()).map_err(AppError::internal)?;
    let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256);
    header.kid = Some(key.kid);
    jsonwebtoken::encode(&header, claims, &encoding).map_err(AppError::internal)
}
