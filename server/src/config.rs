//! Configuration from the environment (and `.env`, when present).
use std::net::SocketAddr;

#[derive(Clone, Debug)]
pub struct Config {
    pub addr: SocketAddr,
    pub database_url: String,
    /// Set when the site is served over https (directly or behind a proxy).
    pub secure_cookies: bool,
    /// Read the client address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_proxy: bool,
    pub seed_demo: bool,
    pub demo_password: String,
    /// The largest team-task submission, in bytes (`SINERGI_MAX_UPLOAD_MB`, 10 by default).
    pub max_upload_bytes: usize,
    /// How often grades waiting for an LMS are sent (`SINERGI_LMS_SYNC_SECS`, 15 by default).
    pub lms_sync_every: std::time::Duration,
    /// The Learning Record Store for xAPI statements (`SINERGI_LRS_URL`,
    /// `SINERGI_LRS_KEY`, `SINERGI_LRS_SECRET`); none unless configured.
    pub lrs: Option<app::lms::domain::xapi::Lrs>,
    /// The organisation's time zone (`SINERGI_TIME_ZONE`: WIB, WITA or WIT;
    /// WIB by default): its "today" and the dates people type.
    pub zone: app::calendar::Zone,
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/sinergi.db?mode=rwc";
pub const DEFAULT_DEMO_PASSWORD: &str = "sinergi-demo-2026";

fn flag(name: &str, default: bool) -> bool {
    match std::env::var(name) {
        Ok(v) => matches!(v.trim(), "1" | "true" | "yes" | "on"),
        Err(_) => default,
    }
}

impl Config {
    pub fn from_env() -> Result<Self, String> {
        let addr = std::env::var("SINERGI_ADDR").unwrap_or_else(|_| "127.0.0.1:3000".into());
        let addr = addr
            .parse()
            .map_err(|_| format!("SINERGI_ADDR is not an address: {addr}"))?;
        Ok(Config {
            addr,
            database_url: std::env::var("DATABASE_URL").unwrap_or_else(|_| DEFAULT_DATABASE_URL.into()),
            secure_cookies: flag("SINERGI_SECURE_COOKIES", false),
            trust_proxy: flag("SINERGI_TRUST_PROXY", false),
            seed_demo: flag("SINERGI_SEED_DEMO", true),
            demo_password: std::env::var("SINERGI_DEMO_PASSWORD")
                .unwrap_or_else(|_| DEFAULT_DEMO_PASSWORD.into()),
            max_upload_bytes: upload_limit()?,
            lms_sync_every: lms_sync_every()?,
            lrs: lrs()?,
            zone: zone()?,
        })
    }
}

/// `SINERGI_TIME_ZONE`: WIB, WITA or WIT.
fn zone() -> Result<app::calendar::Zone, String> {
    match std::env::var("SINERGI_TIME_ZONE") {
        Err(_) => Ok(app::calendar::Zone::default()),
        Ok(v) => app::calendar::Zone::from_label(&v)
            .ok_or_else(|| format!("SINERGI_TIME_ZONE must be WIB, WITA or WIT, not {v}")),
    }
}

/// `SINERGI_MAX_UPLOAD_MB`: whole megabytes, 1 to 100.
fn upload_limit() -> Result<usize, String> {
    match std::env::var("SINERGI_MAX_UPLOAD_MB") {
        Err(_) => Ok(app::state::DEFAULT_MAX_UPLOAD_BYTES),
        Ok(v) => match v.trim().parse::<usize>() {
            Ok(mb) if (1..=100).contains(&mb) => Ok(mb * 1024 * 1024),
            _ => Err(format!(
                "SINERGI_MAX_UPLOAD_MB must be 1 to 100 (megabytes), not {v}"
            )),
        },
    }
}

/// `SINERGI_LMS_SYNC_SECS`: whole seconds, 1 to 3600.
fn lms_sync_every() -> Result<std::time::Duration, String> {
    match std::env::var("SINERGI_LMS_SYNC_SECS") {
        Err(_) => Ok(std::time::Duration::from_secs(15)),
        Ok(v) => match v.trim().parse::<u64>() {
            Ok(s) if (1..=3600).contains(&s) => Ok(std::time::Duration::from_secs(s)),
            _ => Err(format!(
                "SINERGI_LMS_SYNC_SECS must be 1 to 3600 (seconds), not {v}"
            )),
        },
    }
}

/// `SINERGI_LRS_URL` with its key and secret, and `SINERGI_PUBLIC_URL` (the
/// activity ids); unset or empty means no LRS.
fn lrs() -> Result<Option<app::lms::domain::xapi::Lrs>, String> {
    let var = |name: &str| std::env::var(name).unwrap_or_default().trim().to_string();
    let endpoint = var("SINERGI_LRS_URL");
    if endpoint.is_empty() {
        return Ok(None);
    }
    app::lms::domain::xapi::lrs(
        &endpoint,
        &var("SINERGI_LRS_KEY"),
        &var("SINERGI_LRS_SECRET"),
        &var("SINERGI_PUBLIC_URL"),
    )
    .map(Some)
}
