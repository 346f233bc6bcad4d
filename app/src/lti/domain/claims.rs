//! The id_token of a launch (LTI Core 1.3 §5, 1EdTech Security Framework
//! 1.0 §5.1.3), and the checks made on its claims once its signature has
//! been verified. Each failure names what failed, for the page and the log.
use serde::Deserialize;
use serde_json::{Map, Value};

pub const VERSION: &str = "1.3.0";
pub const RESOURCE_LINK_REQUEST: &str = "LtiResourceLinkRequest";
pub const DEEP_LINKING_REQUEST: &str = "LtiDeepLinkingRequest";
/// Seconds of clock difference tolerated on `exp` and `iat`.
pub const LEEWAY_SECS: i64 = 60;
/// An id_token issued longer ago than this is refused even if `exp` is later.
pub const MAX_AGE_SECS: i64 = 600;

const LTI: &str = "https://purl.imsglobal.org/spec/lti/claim/";

/// `aud` is one client id or several.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum Audience {
    One(String),
    Many(Vec<String>),
}

impl Audience {
    fn contains(&self, id: &str) -> bool {
        match self {
            Audience::One(a) => a == id,
            Audience::Many(all) => all.iter().any(|a| a == id),
        }
    }

    fn is_many(&self) -> bool {
        matches!(self, Audience::Many(all) if all.len() > 1)
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
pub struct Context {
    pub id: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub label: Option<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
pub struct ResourceLink {
    pub id: String,
    #[serde(default)]
    pub title: Option<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
pub struct DeepLinkingSettings {
    pub deep_link_return_url: String,
    #[serde(default)]
    pub accept_types: Vec<String>,
    #[serde(default)]
    pub data: Option<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
pub struct Endpoint {
    #[serde(default)]
    pub scope: Vec<String>,
    #[serde(default)]
    pub lineitems: Option<String>,
    #[serde(default)]
    pub lineitem: Option<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
pub struct NamesRoles {
    pub context_memberships_url: String,
}

/// The claims Sinergi reads. Unknown claims are ignored.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct IdToken {
    pub iss: String,
    pub aud: Audience,
    #[serde(default)]
    pub azp: Option<String>,
    #[serde(default)]
    pub sub: Option<String>,
    pub exp: i64,
    pub iat: i64,
    #[serde(default)]
    pub nonce: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(rename = "https://purl.imsglobal.org/spec/lti/claim/deployment_id", default)]
    pub deployment_id: Option<String>,
    #[serde(rename = "https://purl.imsglobal.org/spec/lti/claim/message_type", default)]
    pub message_type: Option<String>,
    #[serde(rename = "https://purl.imsglobal.org/spec/lti/claim/version", default)]
    pub version: Option<String>,
    #[serde(rename = "https://purl.imsglobal.org/spec/lti/claim/roles", default)]
    pub roles: Vec<String>,
    #[serde(rename = "https://purl.imsglobal.org/spec/lti/claim/context", default)]
    pub context: Option<Context>,
    #[serde(rename = "https://purl.imsglobal.org/spec/lti/claim/resource_link", default)]
    pub resource_link: Option<ResourceLink>,
    #[serde(rename = "https://purl.imsglobal.org/spec/lti/claim/target_link_uri", default)]
    pub target_link_uri: Option<String>,
    #[serde(rename = "https://purl.imsglobal.org/spec/lti/claim/custom", default)]
    pub custom: Option<Map<String, Value>>,
    #[serde(
        rename = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings",
        default
    )]
    pub deep_linking: Option<DeepLinkingSettings>,
    #[serde(rename = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint", default)]
    pub ags: Option<Endpoint>,
    #[serde(
        rename = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice",
        default
    )]
    pub nrps: Option<NamesRoles>,
}

impl IdToken {
    /// A custom parameter as text (platforms send strings; numbers are accepted).
    pub fn custom(&self, key: &str) -> Option<String> {
        match self.custom.as_ref()?.get(key)? {
            Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    }
}

/// What the launch must match, known before the token is read.
pub struct Expected<'a> {
    pub issuer: &'a str,
    pub client_id: &'a str,
    pub nonce: &'a str,
    pub deployments: &'a [String],
    /// Seconds since the epoch.
    pub now: i64,
}

/// Why a launch was refused. `code` names it in the log and the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The `state` form field is missing, or the browser's cookie does not hold it.
    State,
    /// The state was already used by an earlier launch.
    StateUsed,
    /// No platform is registered for this issuer (and client id).
    UnknownPlatform,
    /// The token is not a JWT that can be read.
    Malformed,
    /// `alg` is not RS256 (`none`, HS256 and every other are refused).
    Algorithm(String),
    /// The header names no `kid`, or one the platform's key set lacks even
    /// after fetching it again.
    UnknownKey,
    /// The platform's key set could not be fetched or read.
    KeySet,
    Signature,
    Issuer,
    Audience,
    AuthorizedParty,
    Expired,
    IssuedInFuture,
    Nonce,
    Deployment,
    MessageType,
    Version,
    /// A claim the message needs is missing (its short name).
    Missing(&'static str),
    /// Only the course's instructors may pick activities (deep linking).
    Role,
}

impl Failure {
    pub fn code(&self) -> &'static str {
        match self {
            Failure::State => "state",
            Failure::StateUsed => "state_used",
            Failure::UnknownPlatform => "unknown_platform",
            Failure::Malformed => "malformed",
            Failure::Algorithm(_) => "alg",
            Failure::UnknownKey => "kid",
            Failure::KeySet => "jwks",
            Failure::Signature => "signature",
            Failure::Issuer => "iss",
            Failure::Audience => "aud",
            Failure::AuthorizedParty => "azp",
            Failure::Expired => "exp",
            Failure::IssuedInFuture => "iat",
            Failure::Nonce => "nonce",
            Failure::Deployment => "deployment_id",
            Failure::MessageType => "message_type",
            Failure::Version => "version",
            Failure::Missing(_) => "missing_claim",
            Failure::Role => "role",
        }
    }
}

/// Only RS256 is accepted (Security Framework §5.1.3 step 6 and LTI Core's
/// required algorithm); the header's `alg` is checked before any key is chosen.
pub fn check_algorithm(alg: &str) -> Result<(), Failure> {
    if alg == "RS256" {
        Ok(())
    } else {
        Err(Failure::Algorithm(alg.to_string()))
    }
}

/// The checks on a verified token's claims, in the order the Security
/// Framework lists them, then the LTI message's own required claims.
pub fn check(t: &IdToken, e: &Expected) -> Result<(), Failure> {
    if t.iss != e.issuer {
        return Err(Failure::Issuer);
    }
    if !t.aud.contains(e.client_id) {
        return Err(Failure::Audience);
    }
    match &t.azp {
        Some(azp) if azp != e.client_id => return Err(Failure::AuthorizedParty),
        None if t.aud.is_many() => return Err(Failure::AuthorizedParty),
        _ => {}
    }
    if t.exp + LEEWAY_SECS < e.now {
        return Err(Failure::Expired);
    }
    if t.iat - LEEWAY_SECS > e.now {
        return Err(Failure::IssuedInFuture);
    }
    if t.iat + MAX_AGE_SECS < e.now {
        return Err(Failure::Expired);
    }
    if t.nonce.as_deref() != Some(e.nonce) {
        return Err(Failure::Nonce);
    }
    let deployment = t
        .deployment_id
        .as_deref()
        .ok_or(Failure::Missing("deployment_id"))?;
    if !e.deployments.iter().any(|d| d == deployment) {
        return Err(Failure::Deployment);
    }
    if t.version.as_deref() != Some(VERSION) {
        return Err(Failure::Version);
    }
    match t.message_type.as_deref() {
        Some(RESOURCE_LINK_REQUEST) => {
            if t.resource_link.as_ref().is_none_or(|r| r.id.is_empty()) {
                return Err(Failure::Missing("resource_link"));
            }
        }
        Some(DEEP_LINKING_REQUEST) => {
            if t.deep_linking.is_none() {
                return Err(Failure::Missing("deep_linking_settings"));
            }
        }
        _ => return Err(Failure::MessageType),
    }
    if t.sub.as_deref().is_none_or(str::is_empty) {
        return Err(Failure::Missing("sub"));
    }
    Ok(())
}

/// `claim` of the LTI namespace, for building messages (tests, deep linking).
pub fn lti_claim(name: &str) -> String {
    format!("{LTI}{name}")
}

#[cfg(test)]
#[path = "claims_tests.rs"]
mod tests;
