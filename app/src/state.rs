//! Server-side state shared by every request (server only).
use crate::i18n::Locale;
use crate::session::Role;
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;
use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};
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
    /// The largest team-task submission (all its files together), in bytes.
    pub max_upload_bytes: usize,
    /// What each feature keeps per server (sessions, parsed versions, the
    /// generation scheme, the LMSs' origins): see `AppState::cache`.
    caches: Caches,
    /// When each class's LMS roster was last read at a launch (see `lti::nrps`).
    pub lti_roster_read: Arc<std::sync::Mutex<std::collections::HashMap<i64, Instant>>>,
    /// Calls to LMS platforms (key sets, tokens, grades, rosters).
    pub http: reqwest::Client,
    /// What time it is (the system's clock; a test's, held at an edge).
    pub clock: crate::calendar::Clock,
    /// The organisation's zone: its "today", and what a typed date means.
    pub zone: crate::calendar::Zone,
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
            max_upload_bytes: DEFAULT_MAX_UPLOAD_BYTES,
            caches: Caches::default(),
            lti_roster_read: Arc::default(),
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(10))
                .user_agent("Sinergi-LTI/1.0")
                .build()
                .unwrap_or_default(),
            clock: crate::calendar::Clock::default(),
            zone: crate::calendar::Zone::default(),
        }
    }

    /// The organisation's date now.
    pub fn today(&self) -> chrono::NaiveDate {
        self.clock.today(self.zone)
    }

    /// This server's one `T` (made empty on first use). A feature keeps its
    /// cache here without the kit knowing its type, so the state imports no feature.
    pub fn cache<T: Default + Send + Sync + 'static>(&self) -> Arc<T> {
        self.caches.get()
    }
}

/// One value per type, shared by every request of a server.
#[derive(Clone, Default)]
struct Caches(Arc<RwLock<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>>);

impl Caches {
    fn get<T: Default + Send + Sync + 'static>(&self) -> Arc<T> {
        let found = self
            .0
            .read()
            .ok()
            .and_then(|m| m.get(&TypeId::of::<T>()).cloned());
        let entry = match found {
            Some(entry) => entry,
            None => {
                let mut map = self.0.write().unwrap_or_else(|poisoned| poisoned.into_inner());
                map.entry(TypeId::of::<T>())
                    .or_insert_with(|| Arc::new(T::default()))
                    .clone()
            }
        };
        // Stored under T's own TypeId, so the downcast always succeeds.
        entry.downcast::<T>().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::Caches;
    use std::sync::Mutex;

    #[test]
    fn one_value_per_type_shared_by_clones() {
        let caches = Caches::default();
        let twin = caches.clone();
        caches.get::<Mutex<Vec<u8>>>().lock().unwrap().push(7);
        assert_eq!(*twin.get::<Mutex<Vec<u8>>>().lock().unwrap(), vec![7]);
        assert_eq!(*twin.get::<Mutex<Vec<u16>>>().lock().unwrap(), Vec::<u16>::new());
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

/// What the session middleware learned about the current request.
pub fn request_auth() -> crate::error::AppResult<RequestAuth> {
    let parts = leptos::prelude::use_context::<http::request::Parts>()
        .ok_or_else(|| crate::error::AppError::internal("request parts missing from context"))?;
    parts
        .extensions
        .get::<RequestAuth>()
        .cloned()
        .ok_or_else(|| crate::error::AppError::internal("session middleware did not run"))
}

/// The client's address as the server sees it (or as a trusted proxy reports it).
#[derive(Clone, Debug)]
pub struct ClientIp(pub String);

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
