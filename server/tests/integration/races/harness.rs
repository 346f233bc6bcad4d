//! Two real server processes on one database, users logged in through the
//! real endpoints, requests fired at once, and the findings of each case.
use crate::common::{Backend, TestApp, PASSWORD};
use app::auth::store::{ANON_CSRF_COOKIE, SESSION_COOKIE};
use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A form's fields as sent.
pub type Form = Vec<(String, String)>;

/// Two `server` processes serving the same database; killed on drop.
pub struct Servers {
    children: Vec<Child>,
    pub bases: Vec<String>,
    pub http: reqwest::Client,
}

impl Drop for Servers {
    fn drop(&mut self) {
        for c in &mut self.children {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind port 0")
        .local_addr()
        .expect("addr")
        .port()
}

fn workspace() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace")
        .to_path_buf()
}

/// The URL the test database is reached at, with an absolute SQLite path.
pub async fn database_url(app: &TestApp, backend: Backend) -> String {
    match backend {
        Backend::Sqlite => {
            let row = app
                .db
                .query_one_raw(Statement::from_string(
                    DatabaseBackend::Sqlite,
                    "SELECT file FROM pragma_database_list WHERE name = 'main'",
                ))
                .await
                .expect("pragma")
                .expect("row");
            let file: String = row.try_get("", "file").expect("file");
            format!("sqlite://{file}?mode=rwc")
        }
        Backend::Postgres => {
            let row = app
                .db
                .query_one_raw(Statement::from_string(
                    DatabaseBackend::Postgres,
                    "SELECT current_database() AS name",
                ))
                .await
                .expect("current_database")
                .expect("row");
            let name: String = row.try_get("", "name").expect("name");
            let admin = crate::common::pg_admin_url().expect("pg url");
            let (base, _) = admin.rsplit_once('/').expect("url has a database");
            format!("{base}/{name}")
        }
    }
}

impl Servers {
    pub async fn start(url: &str, tag: &str) -> Servers {
        let root = workspace();
        let logs = root.join("target/races");
        std::fs::create_dir_all(&logs).expect("log dir");
        // A copy of the binary: other builds sharing target/ may relink it mid-run.
        let exe = logs.join(format!("server-{tag}"));
        std::fs::copy(env!("CARGO_BIN_EXE_server"), &exe).expect("copy the server binary");
        let mut children = Vec::new();
        let mut bases = Vec::new();
        for i in 0..2 {
            let port = free_port();
            let out = std::fs::File::create(logs.join(format!("{tag}-server{i}.out"))).expect("log");
            let err = std::fs::File::create(logs.join(format!("{tag}-server{i}.err"))).expect("log");
            let child = Command::new(&exe)
                .current_dir(&root)
                .env("DATABASE_URL", url)
                .env("SINERGI_ADDR", format!("127.0.0.1:{port}"))
                .env("SINERGI_SEED_DEMO", "0")
                .env("SINERGI_LOG", "warn")
                .env("LEPTOS_OUTPUT_NAME", "sinergi")
                .env("LEPTOS_SITE_ROOT", "target/site")
                .env("LEPTOS_SITE_PKG_DIR", "pkg")
                .env_remove("SINERGI_PUBLIC_URL")
                .env_remove("SINERGI_LRS_URL")
                .stdin(Stdio::null())
                .stdout(out)
                .stderr(err)
                .spawn()
                .expect("spawn server");
            children.push(child);
            bases.push(format!("http://127.0.0.1:{port}"));
        }
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .pool_max_idle_per_host(64)
            .timeout(Duration::from_secs(60))
            .build()
            .expect("client");
        let mut servers = Servers {
            children,
            bases,
            http,
        };
        let deadline = Instant::now() + Duration::from_secs(90);
        for i in 0..2 {
            loop {
                if let Ok(r) = servers
                    .http
                    .get(format!("{}/healthz", servers.bases[i]))
                    .send()
                    .await
                {
                    if r.status().is_success() {
                        break;
                    }
                }
                if let Ok(Some(status)) = servers.children[i].try_wait() {
                    panic!("server {i} exited ({status}); see target/races/{tag}-server{i}.err");
                }
                assert!(Instant::now() < deadline, "server {i} did not become healthy");
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
        // Keep them alive through the checks below.
        let _ = &mut servers;
        servers
    }

    /// Logs `email` in through GET /login, POST /api/login and GET /api/session.
    pub async fn login(&self, server: usize, email: &str) -> Browser {
        let base = &self.bases[server];
        let r = self
            .http
            .get(format!("{base}/login"))
            .send()
            .await
            .expect("GET /login");
        let anon = cookie_of(r.headers(), ANON_CSRF_COOKIE).expect("sinergi_csrf cookie");
        let form = [
            ("csrf", anon.as_str()),
            ("identifier", email),
            ("password", PASSWORD),
        ];
        let r = self
            .http
            .post(format!("{base}/api/login"))
            .header("Accept", "application/json")
            .header("Origin", base.as_str())
            .header("Cookie", format!("{ANON_CSRF_COOKIE}={anon}"))
            .form(&form)
            .send()
            .await
            .expect("POST /api/login");
        let status = r.status();
        let session = cookie_of(r.headers(), SESSION_COOKIE);
        let Some(session) = session else {
            panic!(
                "login of {email} failed: {status} {}",
                r.text().await.unwrap_or_default()
            )
        };
        let cookie = format!("{SESSION_COOKIE}={session}");
        let r = self
            .http
            .get(format!("{base}/api/session"))
            .header("Accept", "application/json")
            .header("Cookie", &cookie)
            .send()
            .await
            .expect("GET /api/session");
        let v: serde_json::Value = r.json().await.expect("session json");
        let csrf = v["csrf"].as_str().expect("csrf in session").to_string();
        Browser { cookie, csrf }
    }

    /// Logs everyone in, a few at a time (each login is an argon2 check).
    pub async fn login_all(self: &Arc<Self>, emails: &[String]) -> Vec<Browser> {
        let mut out = Vec::new();
        for chunk in emails.chunks(8) {
            let mut handles = Vec::new();
            for (i, e) in chunk.iter().enumerate() {
                let s = self.clone();
                let e = e.clone();
                handles.push(tokio::spawn(async move { s.login(i % 2, &e).await }));
            }
            for h in handles {
                out.push(h.await.expect("login task"));
            }
        }
        out
    }

    /// A server-fn call as the WASM client makes it.
    pub async fn call(&self, b: &Browser, server: usize, path: &str, fields: &[(String, String)]) -> Ans {
        let base = &self.bases[server];
        let mut all = vec![("csrf".to_string(), b.csrf.clone())];
        all.extend(fields.iter().cloned());
        let body = serde_urlencoded::to_string(&all).expect("encode");
        let req = self
            .http
            .post(format!("{base}{path}"))
            .header("Accept", "application/json")
            .header("Origin", base.as_str())
            .header("Cookie", &b.cookie)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body);
        Ans::of(req.send().await, server, path).await
    }

    /// A multipart post (csrf, fields, then `file`), as the hand-in form sends it.
    pub async fn upload(
        &self,
        b: &Browser,
        server: usize,
        path: &str,
        fields: &[(String, String)],
        file_name: &str,
        bytes: &[u8],
    ) -> Ans {
        let base = &self.bases[server];
        let boundary = "sinergiRaceBoundary";
        let mut body = Vec::new();
        let csrf = ("csrf".to_string(), b.csrf.clone());
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
        let req = self
            .http
            .post(format!("{base}{path}"))
            .header("Accept", "application/json")
            .header("Origin", base.as_str())
            .header("Cookie", &b.cookie)
            .header(
                "Content-Type",
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(body);
        Ans::of(req.send().await, server, path).await
    }
}

pub fn cookie_of(headers: &reqwest::header::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix(&format!("{name}=")))
        .map(|v| v.split(';').next().unwrap_or("").to_string())
        .filter(|v| !v.is_empty())
}

#[derive(Clone, Debug)]
pub struct Browser {
    pub cookie: String,
    pub csrf: String,
}

/// One answer: its status (0 when the connection failed), body and server.
#[derive(Clone, Debug)]
pub struct Ans {
    pub status: u16,
    pub body: String,
    /// A plain form's error redirect: its error in the address, or in the
    /// outcome cookie the server sets for the page it returns to.
    pub error_redirect: bool,
    pub server: usize,
    pub path: String,
}

impl Ans {
    pub async fn of(r: reqwest::Result<reqwest::Response>, server: usize, path: &str) -> Ans {
        match r {
            Ok(r) => {
                let status = r.status().as_u16();
                let error_redirect = r
                    .headers()
                    .get("location")
                    .and_then(|v| v.to_str().ok())
                    .is_some_and(|l| l.contains("__err="))
                    || r.headers()
                        .get_all("set-cookie")
                        .iter()
                        .filter_map(|v| v.to_str().ok())
                        .any(|c| c.starts_with("sinergi_outcome=") && c.contains("__err="));
                let body = r.text().await.unwrap_or_else(|e| format!("<body lost: {e}>"));
                Ans {
                    status,
                    body,
                    error_redirect,
                    server,
                    path: path.into(),
                }
            }
            Err(e) => Ans {
                status: 0,
                body: format!("<no answer: {e}>"),
                error_redirect: false,
                server,
                path: path.into(),
            },
        }
    }

    /// Acknowledged: 2xx, or a redirect that is not a form's error redirect.
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status) || ((300..400).contains(&self.status) && !self.error_redirect)
    }

    pub fn short(&self) -> String {
        let body: String = self.body.chars().take(300).collect();
        format!("{} {} (server {}): {body}", self.status, self.path, self.server)
    }
}

/// What a case found wrong; the case fails when it is not empty.
#[derive(Default)]
pub struct Findings {
    pub wrong: Vec<String>,
    pub notes: Vec<String>,
}

impl Findings {
    pub fn check(&mut self, ok: bool, what: impl FnOnce() -> String) {
        if !ok {
            self.wrong.push(what());
        }
    }

    pub fn note(&mut self, s: impl Into<String>) {
        self.notes.push(s.into());
    }

    /// No 5xx, no dropped connection; every refusal a 409 or 422 that says why.
    pub fn answers(&mut self, label: &str, answers: &[Ans]) {
        let mut counts = std::collections::BTreeMap::<u16, usize>::new();
        for a in answers {
            *counts.entry(a.status).or_default() += 1;
        }
        self.note(format!("{label}: statuses {counts:?}"));
        let mut example = std::collections::BTreeSet::new();
        for a in answers.iter().filter(|a| !a.ok()) {
            if example.insert(a.status) {
                self.note(format!("  e.g. {}", a.short()));
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        for a in answers {
            if a.ok() {
                continue;
            }
            let bad = a.status == 0
                || a.status >= 500
                || !matches!(a.status, 409 | 422)
                || a.body.trim().is_empty();
            // One example per status is enough to read.
            if bad && seen.insert(a.status) {
                self.wrong.push(format!(
                    "{label}: not a 2xx/409/422 with a message: {}",
                    a.short()
                ));
            }
        }
    }

    pub fn finish(self, name: &str) -> Result<String, String> {
        let notes = self.notes.join("\n    ");
        if self.wrong.is_empty() {
            Ok(notes)
        } else {
            Err(format!("{}\n    notes: {notes}", self.wrong.join("\n    ")))
        }
        .map_err(|e| format!("{name}: {e}"))
    }
}

/// Runs `n` requests at once: each future is started together behind a barrier.
pub async fn at_once<F, Fut>(n: usize, make: F) -> Vec<Ans>
where
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = Ans> + Send + 'static,
{
    let barrier = Arc::new(tokio::sync::Barrier::new(n));
    let mut handles = Vec::new();
    for i in 0..n {
        let fut = make(i);
        let b = barrier.clone();
        handles.push(tokio::spawn(async move {
            b.wait().await;
            fut.await
        }));
    }
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.expect("request task"));
    }
    out
}

/// Strings for form fields.
pub fn f(pairs: &[(&str, String)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
}

pub fn email_of(name: &str) -> String {
    format!("{}@uji.test", name.to_lowercase().replace(' ', "."))
}
