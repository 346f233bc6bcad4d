//! Issue 19: login `next`, sessions after a password change, error statuses,
//! CSRF refusals, caching and HSTS, through the real router.
use crate::common::*;
use app::auth::model::Role;
use app::error::AppError;
use app::i18n::K;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};

/// A plain-form login (no JavaScript) with `next`, as the login page posts it.
async fn form_login(app: &TestApp, next: &str) -> Reply {
    let anon = app.anonymous();
    let fields = [
        ("csrf", anon.csrf.clone()),
        ("identifier", "lina.lestari@uji.test".to_string()),
        ("password", PASSWORD.to_string()),
        ("next", next.to_string()),
    ];
    app.post_raw(&anon, "/api/login", &fields, "text/html").await
}

both_backends!(login_next_never_leaves_the_site, async |app: &TestApp| {
    app.user("Lina Lestari", &[Role::Participant]).await;
    let local = form_login(app, "/classes?x=1").await;
    assert_eq!(local.status, StatusCode::FOUND, "{local:?}");
    assert_eq!(local.headers[header::LOCATION], "/classes?x=1");
    // Browsers strip tab and newline: `/\t/evil` is `//evil`. A newline used
    // to panic while the Location header was built.
    for hostile in [
        "/\t/evil.example",
        "/\n/evil.example",
        "/x\r\nSet-Cookie: a=b",
        "//evil.example",
        "/\\evil.example",
    ] {
        let r = form_login(app, hostile).await;
        assert_eq!(r.status, StatusCode::FOUND, "{hostile:?}: {r:?}");
        assert_eq!(r.headers[header::LOCATION], "/", "{hostile:?}");
    }
});

both_backends!(
    a_password_change_ends_the_other_sessions,
    async |app: &TestApp| {
        let id = app.user("Sari Dua", &[Role::Participant]).await;
        let (here, elsewhere) = (app.session(id).await, app.session(id).await);
        let page = app.get(&elsewhere, "/classes").await;
        assert!(
            page.body.contains("Sari Dua"),
            "signed in, and now in the session cache"
        );
        let fields = [
            ("current", PASSWORD.to_string()),
            ("new", "kata-sandi-baru-99".to_string()),
            ("confirm", "kata-sandi-baru-99".to_string()),
        ];
        let r = app.call(&here, "/api/change_password", &fields).await;
        assert!(r.is_ok(), "{r:?}");
        let gone = app.get_json(&elsewhere, "/api/my_classes").await;
        assert_eq!(
            gone.expect_err(StatusCode::UNAUTHORIZED),
            AppError::Unauthenticated
        );
        let page = app.get(&elsewhere, "/classes").await;
        assert!(!page.body.contains("Sari Dua"), "the other session is over");
        let kept = app.get_json(&here, "/api/session").await;
        assert!(kept.body.contains("Sari Dua"), "this session stays: {kept:?}");
        let text = K::PasswordChanged.text(app::i18n::Locale::Id);
        assert!(text.contains("perangkat lain"), "the page says so: {text}");
    }
);

both_backends!(errors_carry_their_http_status, async |app: &TestApp| {
    let admin = app.user("Admin Status", &[Role::Admin]).await;
    let part = app.user("Peserta Status", &[Role::Participant]).await;
    let (admin, part, anon) = (app.session(admin).await, app.session(part).await, app.anonymous());
    let fields = [("name", "".to_string()), ("description", "".to_string())];
    app.call(&anon, "/api/create_programme", &fields)
        .await
        .expect_err(StatusCode::UNAUTHORIZED);
    let e = app.call(&part, "/api/create_programme", &fields).await;
    assert_eq!(e.expect_err(StatusCode::FORBIDDEN), AppError::Forbidden);
    let e = app.call(&admin, "/api/create_programme", &fields).await;
    assert!(matches!(
        e.expect_err(StatusCode::UNPROCESSABLE_ENTITY),
        AppError::Invalid(_)
    ));
    let e = app.call(&admin, "/api/create_programme", &[]).await;
    assert_eq!(
        e.expect_err(StatusCode::BAD_REQUEST),
        AppError::rule(K::ErrBadRequest)
    );
    // Without JavaScript the same refusal sends the browser back to the form,
    // the error in the outcome cookie for that page (not in its address).
    let mut plain = vec![("csrf", admin.csrf.clone())];
    plain.extend(fields.iter().cloned());
    let r = app
        .post_raw(&admin, "/api/create_programme", &plain, "text/html")
        .await;
    assert_eq!(r.status, StatusCode::FOUND, "{r:?}");
    let to = r.headers[header::LOCATION].to_str().unwrap();
    assert_eq!(to, "http://127.0.0.1:3000/somewhere", "{r:?}");
    assert!(
        r.set_cookie("sinergi_outcome")
            .is_some_and(|c| c.contains("__err=") && c.contains("HttpOnly")),
        "{r:?}"
    );
    let q = "/api/class_detail?id=999999";
    assert_eq!(
        app.get_json(&admin, q).await.expect_err(StatusCode::NOT_FOUND),
        AppError::NotFound
    );
});

both_backends!(refusals_by_the_middleware, async |app: &TestApp| {
    let id = app.user("Budi Besar", &[Role::Participant]).await;
    let c = app.session(id).await;
    let big = "a".repeat(3 * 1024 * 1024);
    let r = app.call(&c, "/api/set_locale", &[("locale", big)]).await;
    r.expect_err(StatusCode::PAYLOAD_TOO_LARGE);
    // A forged plain-form post from another site: refused, and never sent back there.
    let req = Request::post("/api/set_locale")
        .header(header::COOKIE, &c.cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "https://evil.example")
        .header(header::REFERER, "https://evil.example/trap")
        .body(Body::from("locale=en"))
        .unwrap();
    let r = app.send(req).await;
    assert_eq!(r.expect_err(StatusCode::FORBIDDEN), AppError::rule(K::ErrCsrf));
    assert!(r.headers.get(header::LOCATION).is_none(), "{r:?}");
    // The same refusal for one of our own forms goes back to that form.
    let r = app
        .post_raw(&c, "/api/set_locale", &[("csrf", "salah".into())], "text/html")
        .await;
    assert_eq!(r.status, StatusCode::FOUND);
    let to = r.headers[header::LOCATION].to_str().unwrap();
    assert!(to.starts_with("http://127.0.0.1:3000/somewhere?__path="), "{to}");
});

both_backends!(signed_in_answers_are_not_cached, async |app: &TestApp| {
    let id = app.user("Cahya Privat", &[Role::Participant]).await;
    let c = app.session(id).await;
    for r in [
        app.get(&c, "/classes").await,
        app.get_json(&c, "/api/session").await,
        app.get_json(&app.anonymous(), "/api/session").await,
    ] {
        assert_eq!(r.headers[header::CACHE_CONTROL], "private, no-store", "{r:?}");
    }
    let health = app.get(&app.anonymous(), "/healthz").await;
    assert!(health.headers.get(header::CACHE_CONTROL).is_none());
    assert!(
        health.headers.get(header::STRICT_TRANSPORT_SECURITY).is_none(),
        "http: no HSTS"
    );
    let mut state = app.state.clone();
    state.secure_cookies = true;
    let secure = server::router(state, false);
    use tower::ServiceExt;
    let req = Request::get("/healthz").body(Body::empty()).unwrap();
    let res = secure.oneshot(req).await.unwrap();
    assert_eq!(
        res.headers()[header::STRICT_TRANSPORT_SECURITY],
        "max-age=31536000; includeSubDomains"
    );
});

/// Issue 21: a content-hashed build's assets are kept for a year and sent as
/// stored at build time (brotli, then gzip); without hashes they are
/// revalidated; a missing file is never kept.
#[tokio::test]
async fn assets_are_sent_precompressed_and_kept_only_when_hashed() {
    use tower::ServiceExt;
    let Some(app) = TestApp::new(Backend::Sqlite).await else {
        return;
    };
    let site = std::env::temp_dir().join(format!("sinergi-site-{}", uuid::Uuid::new_v4().simple()));
    let pkg = site.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join("sinergi.AbC.css"), "body{}").unwrap();
    std::fs::write(pkg.join("sinergi.AbC.css.br"), b"brotli bytes").unwrap();
    std::fs::write(pkg.join("sinergi.AbC.css.gz"), b"gzip bytes").unwrap();
    let get = |router: axum::Router, path: &str, encoding: &str| {
        let req = Request::get(path)
            .header(header::ACCEPT_ENCODING, encoding)
            .body(Body::empty())
            .unwrap();
        async move {
            let res = router.oneshot(req).await.unwrap();
            let (parts, body) = res.into_parts();
            use http_body_util::BodyExt;
            (parts, body.collect().await.unwrap().to_bytes())
        }
    };
    for hashed in [true, false] {
        let mut state = app.state.clone();
        state.leptos_options.site_root = site.to_string_lossy().into_owned().into();
        state.leptos_options.hash_files = hashed;
        let router = server::router(state, false);
        let kept = if hashed {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        let (br, body) = get(router.clone(), "/pkg/sinergi.AbC.css", "gzip, br").await;
        assert_eq!(br.status, StatusCode::OK);
        assert_eq!(br.headers[header::CONTENT_ENCODING], "br");
        assert_eq!(
            &body[..],
            b"brotli bytes",
            "the stored file, not compressed again"
        );
        assert_eq!(br.headers[header::CACHE_CONTROL], kept);
        assert_eq!(br.headers[header::VARY], "accept-encoding");
        let (gz, body) = get(router.clone(), "/pkg/sinergi.AbC.css", "gzip").await;
        assert_eq!(gz.headers[header::CONTENT_ENCODING], "gzip");
        assert_eq!(&body[..], b"gzip bytes");
        let (plain, body) = get(router.clone(), "/pkg/sinergi.AbC.css", "identity").await;
        assert!(plain.headers.get(header::CONTENT_ENCODING).is_none());
        assert_eq!(&body[..], b"body{}");
        assert_eq!(plain.headers[header::CACHE_CONTROL], kept);
        let (missing, _) = get(router, "/pkg/sinergi.Old.css", "br").await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert_eq!(
            missing.headers[header::CACHE_CONTROL],
            "no-cache",
            "a missing file is never kept"
        );
    }
    std::fs::remove_dir_all(&site).ok();
    app.finish().await;
}
