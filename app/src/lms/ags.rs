//! Calls to a platform's Assignment and Grade Services: an access token by
//! the client-credentials grant with a signed assertion (Security Framework
//! §4.1), the line item found by `resource_id` or created, and the score.
use super::keys;
use crate::entities::lti_platform;
use chrono::Utc;
use sea_orm::DatabaseConnection;
use serde_json::{json, Value};

pub const SCOPE_LINEITEM: &str = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem";
pub const SCOPE_SCORE: &str = "https://purl.imsglobal.org/spec/lti-ags/scope/score";
const LINEITEM: &str = "application/vnd.ims.lis.v2.lineitem+json";
const LINEITEMS: &str = "application/vnd.ims.lis.v2.lineitemcontainer+json";
const SCORE: &str = "application/vnd.ims.lis.v1.score+json";

/// What went wrong, for the outbox's `last_error` (never shown to participants).
pub type CallError = String;

fn failed(what: &str, e: impl std::fmt::Display) -> CallError {
    format!("{what}: {e}")
}

async fn checked(
    res: Result<reqwest::Response, reqwest::Error>,
    what: &str,
) -> Result<reqwest::Response, CallError> {
    let res = res.map_err(|e| failed(what, e))?;
    let status = res.status();
    if status.is_success() {
        Ok(res)
    } else {
        Err(format!("{what}: HTTP {}", status.as_u16()))
    }
}

pub async fn access_token(
    db: &DatabaseConnection,
    http: &reqwest::Client,
    platform: &lti_platform::Model,
    scopes: &[&str],
) -> Result<String, CallError> {
    let now = Utc::now().timestamp();
    let assertion = keys::sign(
        db,
        &json!({
            "iss": platform.client_id, "sub": platform.client_id, "aud": platform.token_url,
            "iat": now, "exp": now + 300, "jti": crate::auth::store::new_token(),
        }),
    )
    .await
    .map_err(|e| failed("assertion", e))?;
    let scope = scopes.join(" ");
    let form = serde_urlencoded::to_string([
        ("grant_type", "client_credentials"),
        (
            "client_assertion_type",
            "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        ),
        ("client_assertion", assertion.as_str()),
        ("scope", scope.as_str()),
    ])
    .map_err(|e| failed("token form", e))?;
    let res = http
        .post(&platform.token_url)
        .header(reqwest::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(form)
        .send()
        .await;
    let body: Value = checked(res, "token")
        .await?
        .json()
        .await
        .map_err(|e| failed("token", e))?;
    body.get("access_token")
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| "token: no access_token".to_string())
}

/// `url` with `name=value` added to its query.
fn with_query(url: &str, name: &str, value: &str) -> Result<String, CallError> {
    let mut u = reqwest::Url::parse(url).map_err(|e| failed("url", e))?;
    u.query_pairs_mut().append_pair(name, value);
    Ok(u.to_string())
}

/// The line item for `resource_id`, created (out of 100) when missing.
pub async fn line_item(
    http: &reqwest::Client,
    token: &str,
    lineitems_url: &str,
    resource_id: &str,
    label: &str,
) -> Result<String, CallError> {
    let res = http
        .get(with_query(lineitems_url, "resource_id", resource_id)?)
        .bearer_auth(token)
        .header(reqwest::header::ACCEPT, LINEITEMS)
        .send()
        .await;
    let found: Value = checked(res, "line items")
        .await?
        .json()
        .await
        .map_err(|e| failed("line items", e))?;
    let existing = found
        .as_array()
        .into_iter()
        .flatten()
        .find(|i| i.get("resourceId").and_then(Value::as_str) == Some(resource_id))
        .and_then(|i| i.get("id").and_then(Value::as_str));
    if let Some(id) = existing {
        return Ok(id.to_string());
    }
    let item = json!({
        "scoreMaximum": super::domain::items::SCORE_MAXIMUM, "label": label,
        "resourceId": resource_id, "tag": "sinergi",
    });
    let res = http
        .post(lineitems_url)
        .bearer_auth(token)
        .header(reqwest::header::CONTENT_TYPE, LINEITEM)
        .body(item.to_string())
        .send()
        .await;
    let made: Value = checked(res, "new line item")
        .await?
        .json()
        .await
        .map_err(|e| failed("new line item", e))?;
    made.get("id")
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| "new line item: no id".to_string())
}

/// Posts `score` to the line item's scores endpoint (its path + `/scores`).
pub async fn post_score(
    http: &reqwest::Client,
    token: &str,
    line_item: &str,
    score: &Value,
) -> Result<(), CallError> {
    let mut u = reqwest::Url::parse(line_item).map_err(|e| failed("line item url", e))?;
    let path = format!("{}/scores", u.path().trim_end_matches('/'));
    u.set_path(&path);
    let res = http
        .post(u)
        .bearer_auth(token)
        .header(reqwest::header::CONTENT_TYPE, SCORE)
        .body(score.to_string())
        .send()
        .await;
    checked(res, "score").await.map(|_| ())
}
