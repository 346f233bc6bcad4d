//! An LTI 1.3 platform inside the test process: its own RSA keys, its key
//! set served on a local port (counting fetches), and id_tokens signed as a
//! platform signs them, plus the forgeries the tool must refuse.
#![allow(dead_code)]
use axum::routing::get;
use axum::{Json, Router};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

pub const CLIENT_ID: &str = "sinergi-tool";
pub const DEPLOYMENT: &str = "deploy-1";
pub const LEARNER: &str = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
pub const INSTRUCTOR: &str = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";

pub struct Key {
    pub kid: String,
    pem: String,
    jwk: Value,
}

impl Key {
    pub fn new() -> Key {
        let (kid, pem, jwk) = app::lms::keys::generate().expect("key");
        Key { kid, pem, jwk }
    }
}

pub const REGISTRATION_TOKEN: &str = "reg-token-1";
pub const DYNAMIC_CLIENT_ID: &str = "dyn-client-1";
pub const DYNAMIC_DEPLOYMENT: &str = "dyn-deploy-1";

/// What the tool sent to the registration endpoint: its bearer token and body.
pub type Registrations = Arc<Mutex<Vec<(Option<String>, Value)>>>;

/// The platform's grade book: line items, posted scores (line item, bearer,
/// body), token requests' assertions, and how many score posts to fail next.
#[derive(Default)]
pub struct GradeBook {
    pub items: Vec<Value>,
    pub scores: Vec<(String, String, Value)>,
    pub assertions: Vec<String>,
    /// The scope each token was asked for.
    pub scopes: Vec<String>,
    pub fail_scores: usize,
}

pub struct Platform {
    /// The course roster NRPS serves (None: no roster service, 404).
    pub roster: Arc<Mutex<Option<Vec<Value>>>>,
    pub grades: Arc<Mutex<GradeBook>>,
    pub base: String,
    pub registrations: Registrations,
    signing: Mutex<Arc<Key>>,
    published: Arc<Mutex<Vec<Value>>>,
    pub jwks_fetches: Arc<AtomicUsize>,
}

impl Platform {
    pub async fn start() -> Platform {
        let key = Arc::new(Key::new());
        let published = Arc::new(Mutex::new(vec![key.jwk.clone()]));
        let fetches = Arc::new(AtomicUsize::new(0));
        let (p, f) = (published.clone(), fetches.clone());
        let registrations: Registrations = Arc::default();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let base = format!("http://{addr}");
        let config = json!({
            "issuer": base,
            "authorization_endpoint": format!("{base}/auth"),
            "token_endpoint": format!("{base}/token"),
            "jwks_uri": format!("{base}/jwks"),
            "registration_endpoint": format!("{base}/register"),
            "https://purl.imsglobal.org/spec/lti-platform-configuration": {
                "product_family_code": "moodle", "version": "4.3",
            },
        });
        let seen = registrations.clone();
        let grades: Arc<Mutex<GradeBook>> = Arc::default();
        let roster: Arc<Mutex<Option<Vec<Value>>>> = Arc::default();
        let router = grade_routes(Router::new(), grades.clone(), base.clone());
        let router = roster_routes(router, roster.clone(), base.clone())
            .route(
                "/.well-known/openid-configuration",
                get(move || {
                    let config = config.clone();
                    async move { Json(config) }
                }),
            )
            .route(
                "/register",
                axum::routing::post(move |headers: axum::http::HeaderMap, Json(body): Json<Value>| {
                    let seen = seen.clone();
                    async move {
                        let bearer = headers
                            .get("authorization")
                            .and_then(|v| v.to_str().ok())
                            .and_then(|v| v.strip_prefix("Bearer "))
                            .map(str::to_string);
                        let ok = bearer.as_deref() == Some(REGISTRATION_TOKEN);
                        seen.lock().expect("seen").push((bearer, body.clone()));
                        if !ok {
                            return (
                                axum::http::StatusCode::UNAUTHORIZED,
                                Json(json!({"error": "invalid_token"})),
                            );
                        }
                        let mut answer = body;
                        answer["client_id"] = json!(DYNAMIC_CLIENT_ID);
                        answer["https://purl.imsglobal.org/spec/lti-tool-configuration"]["deployment_id"] =
                            json!(DYNAMIC_DEPLOYMENT);
                        (axum::http::StatusCode::OK, Json(answer))
                    }
                }),
            )
            .route(
                "/jwks",
                get(move || {
                    let (p, f) = (p.clone(), f.clone());
                    async move {
                        f.fetch_add(1, Ordering::SeqCst);
                        let keys = p.lock().expect("keys").clone();
                        Json(json!({ "keys": keys }))
                    }
                }),
            );
        tokio::spawn(async move {
            axum::serve(listener, router).await.ok();
        });
        Platform {
            roster,
            grades,
            base,
            registrations,
            signing: Mutex::new(key),
            published,
            jwks_fetches: fetches,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn registration(&self) -> app::lti::store::NewPlatform {
        app::lti::store::NewPlatform {
            name: "Moodle simulasi".into(),
            issuer: self.base.clone(),
            client_id: CLIENT_ID.into(),
            auth_login_url: self.url("/auth"),
            token_url: self.url("/token"),
            jwks_url: self.url("/jwks"),
            deployments: vec![DEPLOYMENT.into()],
        }
    }

    /// A launch that also names the course's grade and roster services.
    pub fn claims_with_services(&self, nonce: &str, sub: &str, name: &str, roles: &[&str]) -> Value {
        let mut c = self.claims(nonce, sub, name, roles);
        c["https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"] = json!({
            "scope": ["https://purl.imsglobal.org/spec/lti-ags/scope/lineitem", "https://purl.imsglobal.org/spec/lti-ags/scope/score"],
            "lineitems": self.url("/lineitems"),
        });
        c["https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"] = json!({
            "context_memberships_url": self.url("/memberships"),
            "service_versions": ["2.0"],
        });
        c
    }

    /// A resource-link launch for `sub` with `roles`, carrying `nonce`.
    pub fn claims(&self, nonce: &str, sub: &str, name: &str, roles: &[&str]) -> Value {
        let now = chrono::Utc::now().timestamp();
        json!({
            "iss": self.base, "aud": CLIENT_ID, "sub": sub, "name": name,
            "exp": now + 300, "iat": now, "nonce": nonce,
            "https://purl.imsglobal.org/spec/lti/claim/deployment_id": DEPLOYMENT,
            "https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiResourceLinkRequest",
            "https://purl.imsglobal.org/spec/lti/claim/version": "1.3.0",
            "https://purl.imsglobal.org/spec/lti/claim/roles": roles,
            "https://purl.imsglobal.org/spec/lti/claim/context": {"id": "course-7", "title": "Latkepim II Angkatan 7"},
            "https://purl.imsglobal.org/spec/lti/claim/resource_link": {"id": "link-1", "title": "Sinergi"},
            "https://purl.imsglobal.org/spec/lti/claim/target_link_uri": "http://127.0.0.1:3000/lti/launch",
        })
    }

    /// Signed with the platform's current (published) key.
    pub fn sign(&self, claims: &Value) -> String {
        let key = self.signing.lock().expect("key").clone();
        sign_with(&key, &key.kid, claims)
    }

    /// Signed with another key under the published kid: a bad signature.
    pub fn forge(&self, claims: &Value) -> String {
        let kid = self.signing.lock().expect("key").kid.clone();
        sign_with(&Key::new(), &kid, claims)
    }

    /// Signed with a key the platform never publishes.
    pub fn sign_unpublished(&self, claims: &Value) -> String {
        let key = Key::new();
        sign_with(&key, &key.kid, claims)
    }

    /// The platform rotates: a new key signs and is published beside the old.
    pub fn rotate(&self) {
        let key = Arc::new(Key::new());
        self.published.lock().expect("keys").push(key.jwk.clone());
        *self.signing.lock().expect("key") = key;
    }
}

fn sign_with(key: &Key, kid: &str, claims: &Value) -> String {
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some(kid.to_string());
    let encoding = EncodingKey::from_rsa_pem(key.pem.as_bytes()).expect("pem");
    jsonwebtoken::encode(&header, claims, &encoding).expect("sign")
}

/// `alg: none`, no signature.
pub fn unsigned(claims: &Value) -> String {
    let head = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
    let body = URL_SAFE_NO_PAD.encode(claims.to_string());
    format!("{head}.{body}.")
}

/// HS256 with a shared secret (the "key confusion" forgery).
pub fn hs256(claims: &Value, kid: &str) -> String {
    let mut header = Header::new(Algorithm::HS256);
    header.kid = Some(kid.to_string());
    jsonwebtoken::encode(&header, claims, &EncodingKey::from_secret(b"not-a-platform-key")).expect("sign")
}

type Book = Arc<Mutex<GradeBook>>;

/// AGS as a platform serves it: a token endpoint, line items (find by
/// `resource_id`, create) and scores, all behind the bearer token.
fn grade_routes(router: Router, book: Book, base: String) -> Router {
    use axum::extract::{Path, Query};
    use axum::http::{HeaderMap, StatusCode};
    use axum::routing::post;
    let bearer_ok =
        |h: &HeaderMap| h.get("authorization").and_then(|v| v.to_str().ok()) == Some("Bearer at-1");
    let (b1, b2, b3, b4) = (book.clone(), book.clone(), book.clone(), book);
    router
        .route(
            "/token",
            post(move |body: String| {
                let book = b1.clone();
                async move {
                    let form: Vec<(String, String)> = serde_urlencoded::from_str(&body).unwrap_or_default();
                    let get = |k: &str| form.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()).unwrap_or_default();
                    if get("grant_type") != "client_credentials" {
                        return (StatusCode::BAD_REQUEST, Json(json!({"error": "unsupported_grant_type"})));
                    }
                    let mut b = book.lock().unwrap();
                    b.assertions.push(get("client_assertion"));
                    b.scopes.push(get("scope"));
                    drop(b);
                    (StatusCode::OK, Json(json!({"access_token": "at-1", "token_type": "Bearer", "expires_in": 3600, "scope": get("scope")})))
                }
            }),
        )
        .route(
            "/lineitems",
            get(move |headers: HeaderMap, Query(q): Query<Vec<(String, String)>>| {
                let book = b2.clone();
                async move {
                    if !bearer_ok(&headers) {
                        return (StatusCode::UNAUTHORIZED, Json(json!([])));
                    }
                    let wanted = q.iter().find(|(k, _)| k == "resource_id").map(|(_, v)| v.clone());
                    let items: Vec<Value> = book
                        .lock()
                        .unwrap()
                        .items
                        .iter()
                        .filter(|i| wanted.as_deref().is_none_or(|w| i["resourceId"] == w))
                        .cloned()
                        .collect();
                    (StatusCode::OK, Json(json!(items)))
                }
            })
            .post(move |headers: HeaderMap, body: String| {
                let (book, base) = (b3.clone(), base.clone());
                async move {
                    if !bearer_ok(&headers) {
                        return (StatusCode::UNAUTHORIZED, Json(json!({})));
                    }
                    let mut item: Value = serde_json::from_str(&body).unwrap_or_default();
                    let mut book = book.lock().unwrap();
                    item["id"] = json!(format!("{base}/lineitems/{}", book.items.len() + 1));
                    book.items.push(item.clone());
                    (StatusCode::CREATED, Json(item))
                }
            }),
        )
        .route(
            "/lineitems/{n}/scores",
            post(move |headers: HeaderMap, Path(n): Path<String>, body: String| {
                let book = b4.clone();
                async move {
                    let mut book = book.lock().unwrap();
                    if book.fail_scores > 0 {
                        book.fail_scores -= 1;
                        return StatusCode::SERVICE_UNAVAILABLE;
                    }
                    let content_type = headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("");
                    if !bearer_ok(&headers) || content_type != "application/vnd.ims.lis.v1.score+json" {
                        return StatusCode::BAD_REQUEST;
                    }
                    let bearer = headers.get("authorization").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
                    book.scores.push((n, bearer, serde_json::from_str(&body).unwrap_or_default()));
                    StatusCode::OK
                }
            }),
        )
}

/// NRPS: the roster two members a page, with `Link: <…>; rel="next"`.
fn roster_routes(router: Router, roster: Arc<Mutex<Option<Vec<Value>>>>, base: String) -> Router {
    use axum::extract::Query;
    use axum::http::{HeaderMap, HeaderValue, StatusCode};
    use axum::response::IntoResponse;
    router.route(
        "/memberships",
        get(
            move |headers: HeaderMap, Query(q): Query<Vec<(String, String)>>| {
                let (roster, base) = (roster.clone(), base.clone());
                async move {
                    if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some("Bearer at-1") {
                        return StatusCode::UNAUTHORIZED.into_response();
                    }
                    let Some(all) = roster.lock().unwrap().clone() else {
                        return StatusCode::NOT_FOUND.into_response();
                    };
                    let page: usize = q
                        .iter()
                        .find(|(k, _)| k == "page")
                        .and_then(|(_, v)| v.parse().ok())
                        .unwrap_or(1);
                    let members: Vec<Value> = all.iter().skip((page - 1) * 2).take(2).cloned().collect();
                    let mut res = Json(json!({"id": format!("{base}/memberships"), "members": members}))
                        .into_response();
                    if page * 2 < all.len() {
                        let link = format!("<{base}/memberships?page={}>; rel=\"next\"", page + 1);
                        res.headers_mut()
                            .insert("link", HeaderValue::from_str(&link).unwrap());
                    }
                    res
                }
            },
        ),
    )
}
