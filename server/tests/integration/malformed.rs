//! Malformed input to every registered server fn and every other route: wrong
//! content types, no multipart boundary, invalid UTF-8, oversized and deeply
//! nested bodies, ids that are negative, huge or not numbers. Every answer must
//! be a 4xx (or a plain success), never a 5xx, and no request may panic.
use crate::common::*;
use app::auth::model::Role;
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use std::collections::BTreeSet;
use tower::ServiceExt;

const HOST: &str = "127.0.0.1:3000";
const IDS: [&str; 6] = [
    "9223372036854775807",
    "9223372036854775808",
    "-1",
    "1e30",
    "abc",
    "%ff",
];

/// Every `#[server(…, endpoint = "…")]` in the app's sources: (path, multipart).
/// Every `#[server]` fn in the app's sources: (path, its attribute, its argument list).
fn server_fn_sources() -> Vec<(String, String, String)> {
    let mut found = Vec::new();
    let mut dirs = vec![std::path::PathBuf::from("../app/src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("app sources").flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("read");
                for item in text.split("#[server(").skip(1) {
                    let attr = &item[..item.find(")]").unwrap_or(item.len())];
                    let signature = item.split(") ->").next().unwrap_or_default();
                    let args = signature
                        .split_once("pub async fn")
                        .map(|(_, s)| s)
                        .unwrap_or_default();
                    let args = args.split_once('(').map(|(_, a)| a.trim()).unwrap_or_default();
                    if let Some(rest) = attr.split("endpoint = \"").nth(1) {
                        let name = &rest[..rest.find('"').expect("closing quote")];
                        found.push((format!("/api/{name}"), attr.to_string(), args.to_string()));
                    }
                }
            }
        }
    }
    found
}

fn declared() -> Vec<(String, bool)> {
    server_fn_sources()
        .into_iter()
        .map(|(path, attr, _)| (path, attr.contains("MultipartFormData")))
        .collect()
}

fn registry() -> Vec<(String, Method)> {
    leptos::server_fn::axum::server_fn_paths()
        .map(|(p, m)| (p.to_string(), m))
        .collect()
}

#[test]
fn the_registry_holds_every_declared_server_fn_and_the_multipart_list_is_complete() {
    let declared = declared();
    let registered: BTreeSet<String> = registry().into_iter().map(|(p, _)| p).collect();
    let sources: BTreeSet<String> = declared.iter().map(|(p, _)| p.clone()).collect();
    assert_eq!(registered, sources, "registry vs sources");
    let multipart: BTreeSet<String> = declared
        .iter()
        .filter(|(_, m)| *m)
        .map(|(p, _)| p.clone())
        .collect();
    let listed: BTreeSet<String> = app::app::multipart_paths()
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert_eq!(
        multipart, listed,
        "app::app::multipart_paths must name every multipart fn"
    );
}

/// The CSRF middleware owns the token: no server fn takes it as an argument
/// (it would only be discarded), and every fn that changes something refuses
/// a wrong one, whether its body is url-encoded or multipart.
#[test]
fn no_server_fn_takes_the_csrf_token_as_an_argument() {
    let offenders: Vec<String> = server_fn_sources()
        .into_iter()
        .filter(|(_, _, args)| args.contains("csrf"))
        .map(|(path, _, _)| path)
        .collect();
    assert!(offenders.is_empty(), "server fns taking `csrf`: {offenders:?}");
}

both_backends!(every_post_fn_refuses_a_wrong_token, async |app: &TestApp| {
    let admin = app.user("Admin Token", &[Role::Admin]).await;
    let session = app.session(admin).await;
    let forged = Client {
        cookie: session.cookie.clone(),
        csrf: "0".repeat(64),
    };
    let multipart: BTreeSet<&str> = app::app::multipart_paths().into_iter().collect();
    let posts: Vec<String> = registry()
        .into_iter()
        .filter(|(_, m)| *m == Method::POST)
        .map(|(p, _)| p)
        .collect();
    assert!(posts.len() > 50, "{} POST fns", posts.len());
    for path in posts {
        let reply = if multipart.contains(path.as_str()) {
            app.upload_file(&forged, &path, &[("class_id", "1".into())], "a.csv", b"x")
                .await
        } else {
            app.call(&forged, &path, &[("class_id", "1".into())]).await
        };
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{path} with a wrong token");
    }
});

/// Sends one request on its own task, so that a panic is caught and named.
async fn answer(app: &TestApp, req: Request<Body>) -> StatusCode {
    let what = format!("{} {}", req.method(), req.uri());
    let router = app.router.clone();
    let res = tokio::spawn(async move { router.oneshot(req).await })
        .await
        .unwrap_or_else(|e| panic!("{what} panicked the server: {e}"))
        .expect("infallible");
    let status = res.status();
    assert!(!status.is_server_error(), "{what}: {status}");
    status
}

/// A request as a signed-in browser (or a script with its cookie) would send it.
fn request(c: &Client, method: Method, uri: &str, content_type: &str, body: Vec<u8>) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(uri)
        .header(header::COOKIE, &c.cookie)
        .header("x-csrf-token", &c.csrf)
        .header(header::CONTENT_TYPE, content_type)
        .header(header::ACCEPT, "application/json")
        .header(header::HOST, HOST)
        .header(header::ORIGIN, format!("http://{HOST}"))
        .body(Body::from(body))
        .expect("request")
}

/// Bodies no server fn can take: (content type, body, refused whatever the fn).
/// A broken urlencoded body may still decode as no fields at all, which is a
/// whole call for a fn that takes none, so there only "no 5xx" holds.
fn bad_bodies() -> Vec<(&'static str, Vec<u8>, bool)> {
    let nested_json = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let nested_form = format!("csrf=x&a{}=1", "[a]".repeat(20_000));
    vec![
        ("text/plain", b"hello".to_vec(), true),
        ("multipart/form-data", b"--x\r\n".to_vec(), true),
        (
            "multipart/form-data; boundary=zz",
            b"--zz\r\nContent-Disposition: form".to_vec(),
            true,
        ),
        (
            "application/x-www-form-urlencoded",
            vec![0xff, 0xfe, b'=', 0xc3, b'&', b'%', b'z'],
            false,
        ),
        ("application/json", nested_json.into_bytes(), true),
        (
            "application/x-www-form-urlencoded",
            nested_form.into_bytes(),
            false,
        ),
        ("application/octet-stream", vec![0u8; 3 * 1024 * 1024], true),
    ]
}

/// Every id-like field the server fns take, each set to `value` (a fn that
/// also needs a text field answers 400 before it reads them; the rest get
/// as far as their queries).
fn hostile_ids(value: &str) -> String {
    let names = [
        "id",
        "class_id",
        "task",
        "team",
        "rubric",
        "assignment",
        "pair",
        "goal",
        "subject",
        "user_id",
        "programme",
        "programme_id",
        "attempt",
        "seq",
        "first",
        "second",
        "person",
        "rule",
        "evaluator",
        "base",
        "platform",
        "platform_id",
        "entry_id",
        "max_attempts",
        "mentee",
        "mentor",
        "unit_id",
        "user",
        "max",
        "weight",
        "minutes",
        "n",
    ];
    names
        .iter()
        .map(|n| format!("{n}={value}"))
        .collect::<Vec<_>>()
        .join("&")
}

async fn callers(app: &TestApp) -> Vec<Client> {
    let admin = app.user("Admin Rusak", &[Role::Admin]).await;
    let facilitator = app.user("Fasil Rusak", &[Role::Facilitator]).await;
    let class = app.class("Kelas Rusak").await;
    app.enrol(facilitator, class, app::auth::policy::Membership::Facilitator)
        .await;
    vec![
        app.anonymous(),
        app.session(admin).await,
        app.session(facilitator).await,
    ]
}

both_backends!(every_server_fn_refuses_malformed_input, async |app: &TestApp| {
    let callers = callers(app).await;
    let fns = registry();
    assert!(fns.len() > 100, "the registry is linked in: {}", fns.len());
    // A fn that takes no argument has nothing in a body to refuse.
    let takes_none: BTreeSet<String> = server_fn_sources()
        .into_iter()
        .filter(|(_, _, args)| args.is_empty())
        .map(|(path, _, _)| path)
        .collect();
    for (path, method) in &fns {
        for c in &callers {
            if *method == Method::GET {
                for q in [
                    "%ff%fe=%c3",
                    &hostile_ids("-1"),
                    &format!("a{}=1", "[a]".repeat(20_000)),
                ] {
                    answer(
                        app,
                        request(c, Method::GET, &format!("{path}?{q}"), "text/plain", vec![]),
                    )
                    .await;
                }
            } else {
                for (ct, body, refused) in bad_bodies() {
                    let s = answer(app, request(c, method.clone(), path, ct, body)).await;
                    let refused = refused && !takes_none.contains(path);
                    assert!(s.is_client_error() || !refused, "{path} {ct}: {s}");
                }
            }
            for value in IDS {
                let q = format!("{}&csrf={}", hostile_ids(value), c.csrf);
                let req = if *method == Method::GET {
                    request(c, Method::GET, &format!("{path}?{q}"), "text/plain", vec![])
                } else {
                    request(
                        c,
                        method.clone(),
                        path,
                        "application/x-www-form-urlencoded",
                        q.into_bytes(),
                    )
                };
                answer(app, req).await;
            }
        }
    }
    let health = app.get(&app.anonymous(), "/healthz").await;
    assert_eq!(health.status, StatusCode::OK, "the server still answers");
});

/// The app's other routes and pages, with each path parameter hostile.
fn routes() -> Vec<String> {
    let mut paths: Vec<String> = leptos_axum::generate_route_list(app::app::App)
        .iter()
        .map(|r| r.path().to_string())
        .collect();
    paths.extend(
        [
            "/login",
            "/logout",
            "/lti/login",
            "/lti/launch",
            "/lti/check",
            "/lti/enter",
            "/lti/jwks",
            "/lti/register",
            "/lti/deep-link/{id}",
            "/curriculum/export.zip",
            "/scenarios/{key}/export.toml",
            "/classes/{id}/scenarios/{assignment}/decisions.csv",
            "/classes/{id}/files/{file}",
            "/classes/{id}/rubrics/{rubric}/{file}",
            "/classes/{id}/tasks/{task}/export/{file}",
            "/classes/{id}/scenarios/{assignment}/export/{file}",
            "/no/such/page",
        ]
        .map(str::to_string),
    );
    let mut out = Vec::new();
    for path in paths {
        for value in IDS {
            let filled: Vec<String> = path
                .split('/')
                .map(|seg| {
                    if seg.starts_with('{') || seg.starts_with(':') {
                        value.to_string()
                    } else {
                        seg.to_string()
                    }
                })
                .collect();
            out.push(filled.join("/"));
        }
    }
    out.sort();
    out.dedup();
    out
}

both_backends!(every_route_refuses_malformed_input, async |app: &TestApp| {
    let callers = callers(app).await;
    for path in routes() {
        for c in &callers {
            answer(
                app,
                request(
                    c,
                    Method::GET,
                    &format!("{path}?next=%0a&id=-1&%ff"),
                    "text/plain",
                    vec![],
                ),
            )
            .await;
            for (ct, body, _) in bad_bodies() {
                answer(app, request(c, Method::POST, &path, ct, body)).await;
            }
        }
    }
    let health = app.get(&app.anonymous(), "/healthz").await;
    assert_eq!(health.status, StatusCode::OK, "the server still answers");
});

both_backends!(hostile_headers_do_not_break_a_request, async |app: &TestApp| {
    use axum::http::HeaderValue;
    let odd = |bytes: &[u8]| HeaderValue::from_bytes(bytes).expect("a header value");
    let long_token = format!("{}={}", app::auth::store::SESSION_COOKIE, "f".repeat(100_000));
    let headers = [
        (
            header::COOKIE,
            odd(b"sinergi_session=\xff\xfe; sinergi_csrf=\x80"),
        ),
        (header::COOKIE, odd(long_token.as_bytes())),
        (header::ORIGIN, odd(b"http://\xff")),
        (header::REFERER, odd(b"\xff\xfe")),
        (header::HOST, odd(b"\xff")),
        (header::ACCEPT, odd(b"text/html\xff")),
        (header::CONTENT_TYPE, odd(b"multipart/form-data; boundary=\xff")),
    ];
    for path in [
        "/",
        "/login",
        "/api/session",
        "/api/login",
        "/api/upload_roster",
        "/lti/login",
    ] {
        for method in [Method::GET, Method::POST] {
            for (name, value) in &headers {
                let req = Request::builder()
                    .method(method.clone())
                    .uri(path)
                    .header(name, value)
                    .body(Body::from("csrf=x"))
                    .expect("request");
                answer(app, req).await;
            }
        }
    }
});
