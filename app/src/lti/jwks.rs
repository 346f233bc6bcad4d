//! Verifying a platform's id_token: the header read by hand (so that `none`
//! and HS256 are named, not just unreadable), the key found by kid in the
//! platform's key set (cached in its row; fetched again when the kid is
//! unknown, as platforms rotate keys), and the RS256 signature checked.
use super::domain::claims::{check_algorithm, Failure};
use crate::entities::lti_platform;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::Utc;
use jsonwebtoken::jwk::JwkSet;
use sea_orm::{prelude::*, ActiveValue::Set, IntoActiveModel};
use serde_json::Value;

/// The header's `alg` and `kid`.
pub fn header(token: &str) -> Result<(String, Option<String>), Failure> {
    let first = token.split('.').next().ok_or(Failure::Malformed)?;
    let bytes = URL_SAFE_NO_PAD
        .decode(first.trim_end_matches('='))
        .map_err(|_| Failure::Malformed)?;
    let v: Value = serde_json::from_slice(&bytes).map_err(|_| Failure::Malformed)?;
    let alg = v.get("alg").and_then(Value::as_str).ok_or(Failure::Malformed)?;
    let kid = v.get("kid").and_then(Value::as_str).map(str::to_string);
    Ok((alg.to_string(), kid))
}

/// The token's claims, once its signature is verified with the platform's key.
pub async fn verify(
    db: &DatabaseConnection,
    http: &reqwest::Client,
    platform: &lti_platform::Model,
    token: &str,
) -> Result<Value, Failure> {
    let (alg, kid) = header(token)?;
    check_algorithm(&alg)?;
    let kid = kid.ok_or(Failure::UnknownKey)?;
    let cached: Option<JwkSet> = serde_json::from_str(&platform.jwks_cache).ok();
    let set = match cached.filter(|s| s.find(&kid).is_some()) {
        Some(set) => set,
        None => refresh(db, http, platform).await?,
    };
    let jwk = set.find(&kid).ok_or(Failure::UnknownKey)?;
    let key = jsonwebtoken::DecodingKey::from_jwk(jwk).map_err(|_| Failure::KeySet)?;
    let mut rules = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::RS256);
    // The claims are checked by `domain::claims::check`, with the LTI rules.
    rules.validate_exp = false;
    rules.validate_aud = false;
    rules.required_spec_claims.clear();
    match jsonwebtoken::decode::<Value>(token, &key, &rules) {
        Ok(data) => Ok(data.claims),
        Err(e) => match e.kind() {
            jsonwebtoken::errors::ErrorKind::InvalidSignature => Err(Failure::Signature),
            jsonwebtoken::errors::ErrorKind::InvalidAlgorithm => Err(Failure::Algorithm(alg)),
            _ => Err(Failure::Malformed),
        },
    }
}

/// Fetches the platform's key set and keeps it in the platform's row.
async fn refresh(
    db: &DatabaseConnection,
    http: &reqwest::Client,
    platform: &lti_platform::Model,
) -> Result<JwkSet, Failure> {
    let fetched = http
        .get(&platform.jwks_url)
        .send()
        .await
        .and_then(reqwest::Response::error_for_status);
    let body = match fetched {
        Ok(r) => r.text().await.map_err(|_| Failure::KeySet)?,
        Err(e) => {
            tracing::warn!(platform = platform.id, error = %e, "lti: jwks fetch failed");
            return Err(Failure::KeySet);
        }
    };
    let set: JwkSet = serde_json::from_str(&body).map_err(|_| Failure::KeySet)?;
    let mut row = platform.clone().into_active_model();
    row.jwks_cache = Set(body);
    row.jwks_fetched_at = Set(Some(Utc::now()));
    if let Err(e) = row.update(db).await {
        tracing::warn!(platform = platform.id, error = %e, "lti: jwks cache not stored");
    }
    Ok(set)
}
