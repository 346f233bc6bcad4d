//! Letting the registered LMSs frame Sinergi. Pages say `frame-ancestors
//! 'none'` and `form-action 'self'`; once platforms are registered, their
//! origins are added to both (the LMS frames the pages; a deep-linking
//! answer is a form posted back to the LMS). The origins are read from the
//! database at most every `TTL` per server; registering one forgets them here.
use crate::entities::lti_platform;
use crate::state::AppState;
use sea_orm::EntityTrait;
use std::time::{Duration, Instant};

pub const TTL: Duration = Duration::from_secs(30);

/// The origins with the moment they were read.
#[derive(Default)]
pub struct Cached(std::sync::RwLock<Option<(Instant, Vec<String>)>>);

/// `scheme://host[:port]` of an http(s) URL; None for anything else.
pub fn origin_of(url: &str) -> Option<String> {
    let u = reqwest::Url::parse(url).ok()?;
    if !matches!(u.scheme(), "http" | "https") {
        return None;
    }
    let host = u.host_str()?;
    // Only characters a CSP source expression can carry unquoted.
    if !host
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '[' | ']' | ':'))
    {
        return None;
    }
    Some(match u.port() {
        Some(p) => format!("{}://{host}:{p}", u.scheme()),
        None => format!("{}://{host}", u.scheme()),
    })
}

/// The policy with the platforms' origins allowed to frame and receive forms.
pub fn widen(policy: &str, origins: &[String]) -> String {
    if origins.is_empty() {
        return policy.to_string();
    }
    let list = origins.join(" ");
    policy
        .split(';')
        .map(|d| {
            let d = d.trim();
            if d.starts_with("frame-ancestors") {
                format!("frame-ancestors 'self' {list}")
            } else if d.starts_with("form-action") {
                format!("form-action 'self' {list}")
            } else {
                d.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The registered platforms' origins (issuer and login URL), sorted, cached.
pub async fn origins(state: &AppState) -> Vec<String> {
    if let Some(found) = state.cache::<Cached>().0.read().ok().and_then(|c| {
        c.as_ref()
            .filter(|(at, _)| at.elapsed() < TTL)
            .map(|(_, o)| o.clone())
    }) {
        return found;
    }
    let rows = match lti_platform::Entity::find().all(&state.db).await {
        Ok(rows) => rows,
        Err(e) => {
            tracing::warn!(error = %e, "lti: platform origins not read");
            return Vec::new();
        }
    };
    let mut all: Vec<String> = rows
        .iter()
        .flat_map(|p| [origin_of(&p.issuer), origin_of(&p.auth_login_url)])
        .flatten()
        .collect();
    all.sort();
    all.dedup();
    if let Ok(mut c) = state.cache::<Cached>().0.write() {
        *c = Some((Instant::now(), all.clone()));
    }
    all
}

/// After a platform is registered or removed.
pub fn forget(state: &AppState) {
    if let Ok(mut c) = state.cache::<Cached>().0.write() {
        *c = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_scheme_host_and_port() {
        assert_eq!(
            origin_of("https://lms.example.id/mod/lti/auth.php").as_deref(),
            Some("https://lms.example.id")
        );
        assert_eq!(
            origin_of("http://127.0.0.1:8080/x").as_deref(),
            Some("http://127.0.0.1:8080")
        );
        assert_eq!(origin_of("javascript:alert(1)"), None);
        assert_eq!(origin_of("not a url"), None);
    }

    #[test]
    fn the_policy_gains_the_origins_only_where_it_should() {
        let p = "default-src 'self'; form-action 'self'; frame-ancestors 'none'";
        assert_eq!(widen(p, &[]), p);
        assert_eq!(
            widen(p, &["https://a.id".into(), "https://b.id".into()]),
            "default-src 'self'; form-action 'self' https://a.id https://b.id; frame-ancestors 'self' https://a.id https://b.id"
        );
    }
}
