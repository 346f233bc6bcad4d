//! Tests of `middleware.rs`.
use super::*;

#[test]
fn reads_csrf_from_urlencoded_and_multipart_bodies() {
    let body = Bytes::from_static(b"identifier=a%40b.id&csrf=abc123&password=x+y");
    assert_eq!(
        token_from_body("application/x-www-form-urlencoded", &body).as_deref(),
        Some("abc123")
    );
    let mp = "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntok\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nnip\r\n--XyZ--\r\n";
    assert_eq!(
        token_from_body("multipart/form-data; boundary=XyZ", &Bytes::from(mp)).as_deref(),
        Some("tok")
    );
}

#[test]
fn cross_site_requests_are_recognised() {
    let mut h = HeaderMap::new();
    h.insert(header::HOST, HeaderValue::from_static("127.0.0.1:3000"));
    h.insert(header::ORIGIN, HeaderValue::from_static("http://127.0.0.1:3000"));
    assert!(!cross_site(&h));
    h.insert(header::ORIGIN, HeaderValue::from_static("http://evil.example"));
    assert!(cross_site(&h));
    h.remove(header::ORIGIN);
    h.insert("sec-fetch-site", HeaderValue::from_static("cross-site"));
    assert!(cross_site(&h));
}

#[test]
fn token_comparison_is_exact() {
    assert!(constant_time_eq("abc", "abc"));
    assert!(!constant_time_eq("abc", "abd"));
    assert!(!constant_time_eq("abc", "abcd"));
}
