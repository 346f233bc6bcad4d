//! Server-side state shared by every request (server only).
use crate::auth::model::Role;
use crate::i18n::Locale;
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;
use std::sync::Arc;
use tokio::sync::Semaphore;

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub leptos_options: LeptosOptions,
    /// Argon2 needs ~19 MiB per hash: capping concurrent hashes keeps a login storm
    /// from exhausting memory; waiting callers queue instead.
    pub hash_permits: Arc<Semaphore>,
    /// Cookies get `Secure` when the site is served over https.
    pub secure_cookies: bool,
}

impl AppState {
    pub fn new(db: DatabaseConnection, leptos_options: LeptosOptions, secure_cookies: bool) -> Self {
        AppState {
            db,
            leptos_options,
            hash_permits: Arc::new(Semaphore::new(4)),
            secure_cookies,
        }
    }
}

/// The logged-in person behind a request, resolved once by the session middleware.
#[derive(Clone, Debug)]
pub struct Caller {
    pub user_id: i64,
    pub name: String,
    pub roles: Vec<Role>,
    pub session_hash: String,
}

impl Caller {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

/// What the middleware learned about the request; stored in request extensions.
#[derive(Clone, Debug)]
pub struct RequestAuth {
    pub caller: Option<Caller>,
    /// The token forms must echo back: per session, or per browser before login.
    pub csrf: String,
    pub locale: Locale,
}

/// The client's address as the server sees it (or as a trusted proxy reports it).
#[derive(Clone, Debug)]
pub struct ClientIp(pub String);

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
