//! Login, logout, sessions, throttling, password change and CSRF through the real router.
use crate::common::*;
use app::auth::model::Role;
use app::auth::{store, throttle};
use app::error::AppError;
use app::i18n::K;
use axum::http::StatusCode;

fn login_fields(id: &str, pw: &str) -> Vec<(&'static str, String)> {
    vec![("identifier", id.to_string()), ("password", pw.to_string())]
}

both_backends!(
    login_sets_a_fresh_session_and_logout_ends_it,
    async |app: &TestApp| {
        let id = app.user("Dewi Lestari", &[Role::Facilitator]).await;
        let anon = app.anonymous();
        let res = app
            .call(
                &anon,
                "/api/login",
                &login_fields("dewi.lestari@uji.test", PASSWORD),
            )
            .await;
        assert!(res.status.is_success(), "{res:?}");
        let cookie = res.set_cookie(store::SESSION_COOKIE).expect("session cookie");
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
            "{cookie}"
        );
        let token = cookie
            .split(';')
            .next()
            .unwrap()
            .split_once('=')
            .unwrap()
            .1
            .to_string();
        assert!(token.len() >= 32, "at least 128 bits");
        let (caller, csrf) = store::resolve(&app.state, &token)
            .await
            .unwrap()
            .expect("live session");
        assert_eq!(caller.user_id, id);
        let client = Client {
            cookie: format!("{}={token}", store::SESSION_COOKIE),
            csrf,
        };
        let res = app.call(&client, "/api/logout", &[]).await;
        assert!(res.status.is_success(), "{res:?}");
        assert!(store::resolve(&app.state, &token).await.unwrap().is_none());
    }
);

both_backends!(login_by_nip_and_wrong_password, async |app: &TestApp| {
    let id = app.user("Andi Saputra", &[Role::Participant]).await;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
    let u = app::entities::user::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut am: app::entities::user::ActiveModel = u.into();
    am.nip = Set(Some("199001012015031001".into()));
    am.update(&app.db).await.unwrap();
    let anon = app.anonymous();
    let ok = app
        .call(
            &anon,
            "/api/login",
            &login_fields("1990 0101 2015 0310 01", PASSWORD),
        )
        .await;
    assert!(ok.status.is_success(), "{ok:?}");
    let bad = app
        .call(
            &anon,
            "/api/login",
            &login_fields("199001012015031001", "salah-sekali"),
        )
        .await;
    assert_eq!(bad.error(), Some(AppError::rule(K::LoginFailed)));
});

/// A sign-in from `ip`, as the browser posts it (the router reads the peer address).
async fn login_from(app: &TestApp, ip: [u8; 4], id: &str, pw: &str) -> Reply {
    use axum::http::{header, Request};
    let anon = app.anonymous();
    let mut fields = vec![("csrf", anon.csrf.clone())];
    fields.extend(login_fields(id, pw));
    let mut req = Request::post("/api/login")
        .header(header::COOKIE, &anon.cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .body(axum::body::Body::from(
            serde_urlencoded::to_string(&fields).unwrap(),
        ))
        .unwrap();
    let peer = std::net::SocketAddr::from((ip, 40_000));
    req.extensions_mut().insert(axum::extract::ConnectInfo(peer));
    app.send(req).await
}

fn wait_seconds(r: &Reply) -> i64 {
    match r.error() {
        Some(AppError::Rule(m)) if m.key == K::ErrTooManyAttempts => m.args[0].parse().unwrap(),
        other => panic!("expected a pause, got {other:?} ({r:?})"),
    }
}

both_backends!(
    someone_elses_guesses_slow_the_account_but_never_lock_the_owner_out,
    async |app: &TestApp| {
        use sea_orm::ActiveValue::Set;
        let id = app.user("Rina Wati", &[Role::Participant]).await;
        app.edit_user(id, |u| u.nip = Set(Some("198505052010012002".into())))
            .await;
        let (email, nip) = ("rina.wati@uji.test", "198505052010012002");
        let (guesser, owner) = ([10, 0, 0, 66], [10, 0, 0, 7]);
        // Guesses by e-mail and by NIP count against the one account.
        for i in 0..throttle::ACCOUNT_FREE_FAILURES {
            let typed = if i % 2 == 0 { email } else { nip };
            let r = login_from(app, guesser, typed, "bukan-sandinya").await;
            assert_eq!(r.error(), Some(AppError::rule(K::LoginFailed)), "guess {i}");
        }
        let r = login_from(app, guesser, nip, "bukan-sandinya").await;
        assert!(r.status.is_client_error(), "{r:?}");
        let pause = wait_seconds(&r);
        assert!((1..=throttle::MAX_PAUSE_SECS).contains(&pause), "{pause}");
        // The owner, elsewhere, is told to wait a moment, not locked out ...
        let r = login_from(app, owner, email, PASSWORD).await;
        assert!(wait_seconds(&r) <= pause);
        // ... and gets in with the right password once the pause is over.
        tokio::time::sleep(std::time::Duration::from_millis(pause as u64 * 1000 + 100)).await;
        let r = login_from(app, owner, email, PASSWORD).await;
        assert!(r.status.is_success(), "{r:?}");
        assert!(r.set_cookie(store::SESSION_COOKIE).is_some());
        // Signing in cleared the account's count: a typo afterwards is just a typo.
        let r = login_from(app, owner, nip, "salah-ketik").await;
        assert_eq!(r.error(), Some(AppError::rule(K::LoginFailed)));
    }
);

// Once an account is paused, parallel guesses cannot share one turn: exactly
// one of two at once checks its password, the other is told to wait.
both_backends!(parallel_guesses_take_one_turn, async |app: &TestApp| {
    app.user("Tono Paralel", &[Role::Participant]).await;
    let email = "tono.paralel@uji.test";
    for _ in 0..throttle::ACCOUNT_FREE_FAILURES {
        login_from(app, [10, 0, 0, 9], email, "bukan-sandinya").await;
    }
    let pause = throttle::pause_after(throttle::ACCOUNT_FREE_FAILURES);
    tokio::time::sleep(pause.to_std().unwrap() + std::time::Duration::from_millis(100)).await;
    let (a, b) = tokio::join!(
        login_from(app, [10, 0, 0, 1], email, "tebakan-satu"),
        login_from(app, [10, 0, 0, 2], email, "tebakan-dua"),
    );
    let keys: Vec<Option<K>> = [&a, &b]
        .iter()
        .map(|r| match r.error() {
            Some(AppError::Rule(m)) => Some(m.key),
            _ => None,
        })
        .collect();
    let checked = keys.iter().filter(|k| **k == Some(K::LoginFailed)).count();
    let waited = keys.iter().filter(|k| **k == Some(K::ErrTooManyAttempts)).count();
    assert_eq!((checked, waited), (1, 1), "{a:?} {b:?}");
});

both_backends!(deactivated_accounts_cannot_log_in, async |app: &TestApp| {
    let admin = app.user("Admin Satu", &[Role::Admin]).await;
    let target = app.user("Budi Nonaktif", &[Role::Participant]).await;
    let a = app.session(admin).await;
    let existing = app.session(target).await;
    let r = app.get_json(&existing, "/api/session").await;
    let info: app::auth::model::SessionInfo = serde_json::from_str(&r.body).expect("session info");
    assert_eq!(info.user.map(|u| u.id), Some(target), "a live session first");
    let r = app
        .call(
            &a,
            "/api/set_user_active",
            &[("user_id", target.to_string()), ("active", "false".into())],
        )
        .await;
    assert!(r.status.is_success(), "{r:?}");
    // The session info names its user while the session lives, and nobody after.
    let r = app.get_json(&existing, "/api/session").await;
    let info: app::auth::model::SessionInfo = serde_json::from_str(&r.body).expect("session info");
    assert_eq!(info.user, None, "old session must be gone");
    let anon = app.anonymous();
    let r = app
        .call(
            &anon,
            "/api/login",
            &login_fields("budi.nonaktif@uji.test", PASSWORD),
        )
        .await;
    assert_eq!(r.error(), Some(AppError::rule(K::LoginInactive)));
});

both_backends!(
    password_change_checks_current_and_confirmation,
    async |app: &TestApp| {
        let id = app.user("Sari Ganti", &[Role::Participant]).await;
        let c = app.session(id).await;
        let mismatch = app
            .call(
                &c,
                "/api/change_password",
                &[
                    ("current", PASSWORD.into()),
                    ("new", "sandi-baru-123".into()),
                    ("confirm", "lain".into()),
                ],
            )
            .await;
        assert_eq!(
            mismatch.error().unwrap().field_messages("confirm")[0].key,
            K::PasswordMismatch
        );
        let wrong = app
            .call(
                &c,
                "/api/change_password",
                &[
                    ("current", "keliru-sekali".into()),
                    ("new", "sandi-baru-123".into()),
                    ("confirm", "sandi-baru-123".into()),
                ],
            )
            .await;
        assert_eq!(
            wrong.error().unwrap().field_messages("current")[0].key,
            K::PasswordWrongCurrent
        );
        let ok = app
            .call(
                &c,
                "/api/change_password",
                &[
                    ("current", PASSWORD.into()),
                    ("new", "sandi-baru-123".into()),
                    ("confirm", "sandi-baru-123".into()),
                ],
            )
            .await;
        assert!(ok.status.is_success(), "{ok:?}");
        let r = app
            .call(
                &app.anonymous(),
                "/api/login",
                &login_fields("sari.ganti@uji.test", "sandi-baru-123"),
            )
            .await;
        assert!(r.status.is_success());
    }
);

both_backends!(
    mutations_without_the_token_or_from_elsewhere_are_refused,
    async |app: &TestApp| {
        let id = app.user("Admin Dua", &[Role::Admin]).await;
        let c = app.session(id).await;
        let forged = Client {
            cookie: c.cookie.clone(),
            csrf: "0".repeat(64),
        };
        let r = app
            .call(
                &forged,
                "/api/create_programme",
                &[("name", "Palsu".into()), ("description", String::new())],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert_eq!(r.error(), Some(AppError::rule(K::ErrCsrf)));
        // A plain form post without the token goes back to the form with the error.
        let r = app
            .post_raw(
                &c,
                "/api/create_programme",
                &[("name", "Palsu".into()), ("description", String::new())],
                "text/html",
            )
            .await;
        assert_eq!(r.status, StatusCode::FOUND);
        assert!(!r.is_ok(), "an error redirect: {r:?}");
        // Cross-site, even with the right token.
        let body = format!("csrf={}&name=X&description=", c.csrf);
        let req = axum::http::Request::post("/api/create_programme")
            .header("cookie", &c.cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("host", "127.0.0.1:3000")
            .header("origin", "https://evil.example")
            .body(axum::body::Body::from(body))
            .unwrap();
        assert_eq!(app.send(req).await.status, StatusCode::FORBIDDEN);
        // GET never mutates: server fns that change data only answer POST.
        let r = app.get(&c, "/api/create_programme?name=X&description=").await;
        assert!(!r.status.is_success());
        let count = <app::entities::programme::Entity as sea_orm::EntityTrait>::find()
            .all(&app.db)
            .await
            .unwrap()
            .len();
        assert_eq!(count, 0, "nothing was created");
    }
);

both_backends!(health_and_security_headers, async |app: &TestApp| {
    let r = app.get(&app.anonymous(), "/healthz").await;
    assert_eq!(r.status, StatusCode::OK);
    let fresh = Client {
        cookie: String::new(),
        csrf: String::new(),
    };
    let page = app.get(&fresh, "/login").await;
    assert_eq!(page.status, StatusCode::OK);
    let csp = page
        .headers
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(csp.contains("'nonce-"), "{csp}");
    assert!(page.headers.get("x-request-id").is_some());
    assert!(
        page.set_cookie(store::ANON_CSRF_COOKIE).is_some(),
        "pre-login token cookie"
    );
    assert!(page.body.contains("Masuk ke Sinergi"), "Indonesian by default");
});

both_backends!(
    admin_sets_a_password_for_an_account_that_has_none,
    async |app: &TestApp| {
        // A participant from a roster import has no password and cannot log in.
        let id = app.user("Rina Wulandari", &[Role::Participant]).await;
        use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
        let u = app::entities::user::Entity::find_by_id(id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let mut row: app::entities::user::ActiveModel = u.into();
        row.password_hash = Set(None);
        row.update(&app.db).await.unwrap();
        let login = login_fields("rina.wulandari@uji.test", "sandi-baru-2026");
        let anon = app.anonymous();
        assert!(!app.call(&anon, "/api/login", &login).await.status.is_success());

        let admin = app.user("Admin Uji", &[Role::Admin]).await;
        let admin = app.session(admin).await;
        let short = vec![("user_id", id.to_string()), ("password", "pendek".into())];
        let res = app.call(&admin, "/api/set_user_password", &short).await;
        match res.error() {
            Some(AppError::Invalid(fields)) => assert!(fields.contains_key("password"), "{fields:?}"),
            other => panic!("expected a password field error, got {other:?}"),
        }
        let good = vec![
            ("user_id", id.to_string()),
            ("password", "sandi-baru-2026".into()),
        ];
        let res = app.call(&admin, "/api/set_user_password", &good).await;
        assert!(res.status.is_success(), "{res:?}");
        assert!(app.call(&anon, "/api/login", &login).await.status.is_success());
    }
);
