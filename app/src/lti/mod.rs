//! Sinergi as an LTI 1.3 tool: the platforms it is registered in, the OIDC
//! login and launch, deep linking and the course roster. What Sinergi sends
//! back (grades, xAPI statements, its signing keys) is `lms`, below every
//! feature. The rules live in `domain`
//! (no framework); the rest reads and writes the database and calls the LMS.
pub mod admin;
mod admin_view;
pub mod deep_linking;
pub mod domain;
pub mod framing;
pub mod identity_admin;
mod identity_view;
pub mod jwks;
pub mod launch;
pub mod nrps;
pub mod provision;
pub mod registration;
pub mod store;
pub mod text;

/// The tool's address as the LMS knows it: `SINERGI_PUBLIC_URL` when set
/// (behind a proxy), else the request's host.
pub fn public_base(headers: &http::HeaderMap, secure: bool) -> String {
    let base = std::env::var("SINERGI_PUBLIC_URL")
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| {
            let host = headers
                .get(http::header::HOST)
                .and_then(|h| h.to_str().ok())
                .unwrap_or("127.0.0.1:3000");
            format!("{}://{host}", if secure { "https" } else { "http" })
        });
    base.trim_end_matches('/').to_string()
}

/// The origin of a platform's page (for postMessage): its login URL's.
pub fn platform_origin(url: &str) -> Option<String> {
    let origin = reqwest::Url::parse(url).ok()?.origin();
    origin.is_tuple().then(|| origin.ascii_serialization())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_platform_origin_is_its_login_page_origin() {
        assert_eq!(
            super::platform_origin("https://lms.example.ac.id:8443/mod/lti/auth.php?x=1").as_deref(),
            Some("https://lms.example.ac.id:8443")
        );
        assert_eq!(super::platform_origin("not a url"), None);
    }
}
