//! One fresh database per test (SQLite file or a new PostgreSQL database), real
//! migrations, and the real router driven with `oneshot`.
#![allow(dead_code)]
use app::auth::{model::Role, password, policy::Membership, store};
use app::classes::import::grant;
use app::entities::{class, programme, session, user};
use app::state::AppState;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use chrono::{NaiveDate, Utc};
use http_body_util::BodyExt;
use leptos::config::LeptosOptions;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, Database, DatabaseConnection, EntityTrait,
};
use std::sync::OnceLock;
use tower::ServiceExt;

pub mod exports;
#[allow(unused_imports)] // only the tests that read exports back use it
pub use exports::{csv_cells, download, neutralised, xlsx_part, HOSTILE_CELLS};
pub mod play;
mod scoring;
#[allow(unused_imports)] // only the tests that need a played scenario use it
pub use play::play_with_reflection;
#[allow(unused_imports)] // only the tests that score through the router use it
pub use scoring::{reflection_results, reflections_scored_by, scored_with};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub router: Router,
    pub db: DatabaseConnection,
    /// The same state the router uses (its session cache included).
    pub state: AppState,
    /// Every statement sent to the database so far (see `page_queries`).
    pub queries: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    cleanup: Option<(String, String)>,
}

pub const PASSWORD: &str = "kata-sandi-uji-1";

fn password_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| password::hash_blocking(PASSWORD).expect("hash"))
}

fn options() -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("sinergi")
        .site_root("target/site")
        .site_pkg_dir("pkg")
        .build()
}

/// `None` when PostgreSQL tests are explicitly skipped with SINERGI_SKIP_PG=1.
pub fn pg_admin_url() -> Option<String> {
    if std::env::var("SINERGI_SKIP_PG").as_deref() == Ok("1") {
        return None;
    }
    match std::env::var("SINERGI_TEST_PG_URL") {
        Ok(url) => Some(url),
        Err(_) => panic!(
            "PostgreSQL integration tests need SINERGI_TEST_PG_URL (make test sets it via scripts/pg.sh). \
             Install PostgreSQL or set SINERGI_SKIP_PG=1 to skip them explicitly."
        ),
    }
}

impl TestApp {
    pub async fn new(backend: Backend) -> Option<TestApp> {
        let name = format!("sinergi_t_{}", uuid::Uuid::new_v4().simple());
        let (url, cleanup) = match backend {
            Backend::Sqlite => {
                std::fs::create_dir_all("../target/test-dbs").expect("test db dir");
                (format!("sqlite://../target/test-dbs/{name}.db?mode=rwc"), None)
            }
            Backend::Postgres => {
                let admin = pg_admin_url()?;
                let conn = Database::connect(&admin).await.expect("connect to PostgreSQL");
                conn.execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .expect("create db");
                conn.close().await.ok();
                let base = admin
                    .rsplit_once('/')
                    .map(|(b, _)| b.to_string())
                    .expect("url has a database");
                (format!("{base}/{name}"), Some((admin, name)))
            }
        };
        let mut db = server::db::connect(&url).await.expect("connect");
        let queries = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counter = queries.clone();
        db.set_metric_callback(move |_| {
            counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        });
        server::db::migrate(&db).await.expect("migrate");
        let state = AppState::new(db.clone(), options(), false);
        Some(TestApp {
            router: server::router(state.clone(), false),
            db,
            state,
            queries,
            cleanup,
        })
    }

    /// Drops the PostgreSQL database (SQLite files live under target/ and are cheap).
    pub async fn finish(self) {
        self.db.close().await.ok();
        if let Some((admin, name)) = self.cleanup {
            let conn = Database::connect(&admin).await.expect("connect");
            conn.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .await
                .ok();
        }
    }

    pub async fn user(&self, name: &str, roles: &[Role]) -> i64 {
        let email = format!("{}@uji.test", name.to_lowercase().replace(' ', "."));
        let saved = user::ActiveModel {
            email: Set(Some(email)),
            full_name: Set(name.into()),
            password_hash: Set(Some(password_hash().into())),
            unit_kerja: Set(String::new()),
            jabatan: Set(String::new()),
            active: Set(true),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&self.db)
        .await
        .expect("insert user");
        for role in roles {
            app::seed::add_role(&self.db, saved.id, *role)
                .await
                .expect("role");
        }
        saved.id
    }

    /// Changes a stored account (a NIP, a unit) the way only the database can.
    pub async fn edit_user(&self, id: i64, edit: impl FnOnce(&mut user::ActiveModel)) {
        use sea_orm::EntityTrait;
        let mut row: user::ActiveModel = user::Entity::find_by_id(id)
            .one(&self.db)
            .await
            .expect("read user")
            .expect("user")
            .into();
        edit(&mut row);
        row.update(&self.db).await.expect("update user");
    }

    pub async fn class(&self, name: &str) -> i64 {
        let programme = programme::ActiveModel {
            name: Set(format!("Program {name}")),
            description: Set(String::new()),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&self.db)
        .await
        .expect("programme");
        class::ActiveModel {
            programme_id: Set(programme.id),
            name: Set(name.into()),
            description: Set(String::new()),
            starts_on: Set(NaiveDate::from_ymd_opt(2026, 11, 2).expect("date")),
            ends_on: Set(NaiveDate::from_ymd_opt(2026, 12, 18).expect("date")),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&self.db)
        .await
        .expect("class")
        .id
    }

    /// The shipped curriculum and scenarios (published), as `make run` loads them.
    pub async fn load_shipped(&self) {
        app::curriculum::store::load_shipped_if_empty(&self.db)
            .await
            .expect("curriculum");
        app::scenarios::store::load_shipped_if_empty(&self.db)
            .await
            .expect("scenarios");
    }

    pub async fn enrol(&self, user_id: i64, class_id: i64, m: Membership) {
        grant(&self.db, user_id, class_id, m).await.expect("grant");
    }

    /// A logged-in browser for this user: (cookie header, csrf token).
    pub async fn session(&self, user_id: i64) -> Client {
        let token = store::create_session(&self.db, user_id).await.expect("session");
        let row = session::Entity::find_by_id(store::hash_token(&token))
            .one(&self.db)
            .await
            .expect("q")
            .expect("row");
        Client {
            cookie: format!("{}={token}", store::SESSION_COOKIE),
            csrf: row.csrf_token,
        }
    }

    /// A browser that is not logged in, with its pre-login token.
    pub fn anonymous(&self) -> Client {
        let token = store::new_token();
        Client {
            cookie: format!("{}={token}", store::ANON_CSRF_COOKIE),
            csrf: token,
        }
    }

    pub async fn send(&self, req: Request<Body>) -> Reply {
        let res = self.router.clone().oneshot(req).await.expect("response");
        let status = res.status();
        let headers = res.headers().clone();
        let body = res.into_body().collect().await.expect("body").to_bytes();
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&body).into_owned(),
        }
    }

    pub async fn get(&self, client: &Client, path: &str) -> Reply {
        let req = Request::get(path)
            .header(header::COOKIE, &client.cookie)
            .header(header::ACCEPT, "text/html")
            .body(Body::empty())
            .expect("request");
        self.send(req).await
    }

    /// A server-fn call as the WASM client makes it (urlencoded body, JSON answer).
    pub async fn call(&self, client: &Client, path: &str, fields: &[(&str, String)]) -> Reply {
        let mut all: Vec<(&str, String)> = vec![("csrf", client.csrf.clone())];
        all.extend(fields.iter().cloned());
        self.post_raw(client, path, &all, "application/json").await
    }

    /// A GET server-fn call as the WASM client makes it (JSON answer).
    pub async fn get_json(&self, client: &Client, path_and_query: &str) -> Reply {
        let req = Request::get(path_and_query)
            .header(header::COOKIE, &client.cookie)
            .header(header::ACCEPT, "application/json")
            .body(Body::empty())
            .expect("request");
        self.send(req).await
    }

    /// The roster upload as the browser sends it: multipart with csrf, class_id and file.
    pub async fn upload(&self, client: &Client, class_id: i64, csv: &[u8]) -> Reply {
        let fields = [("class_id", class_id.to_string())];
        self.upload_file(client, "/api/upload_roster", &fields, "r.csv", csv)
            .await
    }

    /// A multipart form post as the browser sends it: csrf, the fields, then the file.
    pub async fn upload_file(
        &self,
        client: &Client,
        path: &str,
        fields: &[(&str, String)],
        file_name: &str,
        bytes: &[u8],
    ) -> Reply {
        let boundary = "sinergiBoundary";
        let mut body = Vec::new();
        let csrf = ("csrf", client.csrf.clone());
        for (name, value) in std::iter::once(&csrf).chain(fields) {
            body.extend(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                    .as_bytes(),
            );
        }
        body.extend(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
                 Content-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend(bytes);
        body.extend(format!("\r\n--{boundary}--\r\n").as_bytes());
        let req = Request::post(path)
            .header(header::COOKIE, &client.cookie)
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .header(header::ACCEPT, "application/json")
            .header(header::HOST, "127.0.0.1:3000")
            .body(Body::from(body))
            .expect("request");
        self.send(req).await
    }

    pub async fn post_raw(
        &self,
        client: &Client,
        path: &str,
        fields: &[(&str, String)],
        accept: &str,
    ) -> Reply {
        let body = serde_urlencoded::to_string(fields).expect("encode");
        let req = Request::post(path)
            .header(header::COOKIE, &client.cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, accept)
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ORIGIN, "http://127.0.0.1:3000")
            .header(header::REFERER, "http://127.0.0.1:3000/somewhere")
            .body(Body::from(body))
            .expect("request");
        self.send(req).await
    }
}

#[derive(Clone, Debug)]
pub struct Client {
    pub cookie: String,
    pub csrf: String,
}

#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Reply {
    /// The error this answer carries, if any; it must come with its own HTTP
    /// status (`AppError::status`, or 413 for a body over the limit), so no
    /// expected refusal passes as a 500 or a 200.
    #[track_caller]
    pub fn error(&self) -> Option<app::error::AppError> {
        if self.status.is_success() {
            return None;
        }
        let err: app::error::AppError = serde_json::from_str(&self.body).ok()?;
        let too_large =
            self.status == StatusCode::PAYLOAD_TOO_LARGE && matches!(err, app::error::AppError::Invalid(_));
        assert!(
            self.status.as_u16() == err.status() || too_large,
            "{err:?} answered with {}, not {}: {self:?}",
            self.status,
            err.status()
        );
        Some(err)
    }

    /// The error this answer carries, after asserting its HTTP status: an
    /// expected refusal must not pass as a 500 (or as a redirect).
    #[track_caller]
    pub fn expect_err(&self, status: StatusCode) -> app::error::AppError {
        assert_eq!(self.status, status, "unexpected status: {self:?}");
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not an AppError ({e}): {self:?}"))
    }

    /// A success: 2xx, or a 3xx that is not a plain form's error redirect.
    pub fn is_ok(&self) -> bool {
        let location = self.headers.get(header::LOCATION).and_then(|v| v.to_str().ok());
        let in_cookie = self
            .set_cookie("sinergi_outcome")
            .is_some_and(|c| c.contains("__err="));
        self.status.is_success()
            || (self.status.is_redirection() && !location.is_some_and(|l| l.contains("__err=")) && !in_cookie)
    }

    pub fn set_cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with(&format!("{name}=")))
            .map(str::to_string)
    }
}

/// Runs a test body once per backend, each on its own fresh database.
#[macro_export]
macro_rules! both_backends {
    ($name:ident, $body:expr) => {
        mod $name {
            use super::*;
            #[tokio::test]
            async fn sqlite() {
                let app = TestApp::new(Backend::Sqlite).await.expect("sqlite");
                ($body)(&app).await;
                app.finish().await;
            }
            #[tokio::test]
            async fn postgres() {
                let Some(app) = TestApp::new(Backend::Postgres).await else {
                    eprintln!("SINERGI_SKIP_PG=1: skipped");
                    return;
                };
                ($body)(&app).await;
                app.finish().await;
            }
        }
    };
}
