//! Server-side state shared by every request (server only).
use crate::auth::model::Role;
use crate::classes::domain::generation::GenerationScheme;
use crate::i18n::Locale;
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

/// How long one server trusts its copy of the generation scheme. The scheme changes
/// a few times a year; on a multi-server deployment another server's edit shows
/// here within this time (this server's own edits show at once).
pub const SCHEME_CACHE_TTL: Duration = Duration::from_secs(10);

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub leptos_options: LeptosOptions,
    /// Argon2 needs ~19 MiB per hash: capping concurrent hashes keeps a login storm
    /// from exhausting memory; waiting callers queue instead.
    pub hash_permits: Arc<Semaphore>,
    /// Cookies get `Secure` when the site is served over https.
    pub secure_cookies: bool,
    /// The active generation scheme with the time it was read (see `SCHEME_CACHE_TTL`).
    pub scheme_cache: Arc<RwLock<Option<(Instant, GenerationScheme)>>>,
    pub sessions: Arc<crate::auth::session_cache::SessionCache>,
    /// The largest team-task submission (all its files together), in bytes.
    pub max_upload_bytes: usize,
    pub frozen_versions: Arc<crate::rubrics::store::FrozenVersions>,
    /// Published scenario versions, parsed once (they never change).
    pub scenario_versions: Arc<crate::scenarios::store::ParsedVersions>,
    /// The registered LMSs' origins, allowed to frame the pages (see `lti::framing`).
    pub lti_origins: Arc<crate::lti::framing::Cached>,
    /// When each class's LMS roster was last read at a launch (see `lti::nrps`).
    pub lti_roster_read: Arc<std::sync::Mutex<std::collections::HashMap<i64, Instant>>>,
    /// Calls to LMS platforms (key sets, tokens, grades, rosters).
    pub http: reqwest::Client,
}

/// 10 MB, unless the server is configured otherwise (`SINERGI_MAX_UPLOAD_MB`).
pub const DEFAULT_MAX_UPLOAD_BYTES: usize = 10 * 1024 * 1024;

impl AppState {
    pub fn new(db: DatabaseConnection, leptos_options: LeptosOptions, secure_cookies: bool) -> Self {
        AppState {
            db,
            leptos_options,
            hash_permits: Arc::new(Semaphore::new(4)),
            secure_cookies,
            scheme_cache: Arc::default(),
            sessions: Arc::default(),
            max_upload_bytes: DEFAULT_MAX_UPLOAD_BYTES,
            frozen_versions: Arc::default(),
            scenario_versions: Arc::default(),
            lti_origins: Arc::default(),
            lti_roster_read: Arc::default(),
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(10))
                .user_agent("Sinergi-LTI/1.0")
                .build()
                .unwrap_or_default(),
        }
    }

    pub fn cached_scheme(&self) -> Option<GenerationScheme> {
        let guard = self.scheme_cache.read().ok()?;
        let (read_at, scheme) = guard.as_ref()?;
        (read_at.elapsed() < SCHEME_CACHE_TTL).then(|| scheme.clone())
    }

    pub fn remember_scheme(&self, scheme: Option<GenerationScheme>) {
        if let Ok(mut guard) = self.scheme_cache.write() {
            *guard = scheme.map(|s| (Instant::now(), s));
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
