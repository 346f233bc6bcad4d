//! LTI 1.3 launch against a platform simulator in this process: login →
//! launch → class and account created (and linked on the next launch, by
//! the platform's user id or by NIP); every refusal named; the launch code
//! fallback; the tool's own key set and rotation.

use crate::common::{Backend, Reply, TestApp};
use crate::lti_sim::{Platform, CLIENT_ID, INSTRUCTOR, LEARNER};
use app::entities::{class, class_member, lti_account, user};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{json, Value};
use std::sync::atomic::Ordering;

struct Login {
    state: String,
    nonce: String,
    cookie: String,
}

/// The platform's login initiation; returns what the tool sent the browser
/// to the platform with, and the state cookie it set.
async fn login(app: &TestApp, sim: &Platform) -> Login {
    let query = serde_urlencoded::to_string([
        ("iss", sim.base.as_str()),
        ("login_hint", "user-hint"),
        ("target_link_uri", "http://127.0.0.1:3000/lti/launch"),
        ("client_id", CLIENT_ID),
        ("lti_message_hint", "msg-hint"),
    ])
    .unwrap();
    let req = Request::get(format!("/lti/login?{query}"))
        .header(header::HOST, "127.0.0.1:3000")
        .body(Body::empty())
        .unwrap();
    let r = app.send(req).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{r:?}");
    let location = r
        .headers
        .get(header::LOCATION)
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    let (to, query) = location.split_once('?').unwrap();
    assert_eq!(to, sim.url("/auth"));
    let params: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap();
    let get = |k: &str| {
        params
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    assert_eq!(get("scope"), "openid");
    assert_eq!(get("response_type"), "id_token");
    assert_eq!(get("response_mode"), "form_post");
    assert_eq!(get("prompt"), "none");
    assert_eq!(get("client_id"), CLIENT_ID);
    assert_eq!(get("redirect_uri"), "http://127.0.0.1:3000/lti/launch");
    assert_eq!(get("login_hint"), "user-hint");
    assert_eq!(get("lti_message_hint"), "msg-hint");
    let state = get("state");
    let cookie = r.set_cookie(&format!("lti_state_{state}")).expect("state cookie");
    for attribute in ["SameSite=None", "Secure", "Partitioned", "HttpOnly"] {
        assert!(cookie.contains(attribute), "{cookie}");
    }
    Login {
        nonce: get("nonce"),
        cookie: format!("lti_state_{state}=1"),
        state,
    }
}

/// The platform's auto-submitted form, from the platform's own site.
async fn launch(app: &TestApp, token: &str, state: &str, cookie: &str) -> Reply {
    let body = serde_urlencoded::to_string([("id_token", token), ("state", state)]).unwrap();
    let req = Request::post("/lti/launch")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://lms.example")
        .header("sec-fetch-site", "cross-site")
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap();
    app.send(req).await
}

fn refused_with(r: &Reply, code: &str) {
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{code}: {r:?}");
    assert!(
        r.body.contains(&format!("data-code=\"{code}\"")),
        "{code}: {}",
        r.body
    );
    assert!(
        r.set_cookie(app::auth::store::SESSION_COOKIE).is_none(),
        "{code}: no session"
    );
}

async fn registered(app: &TestApp) -> Platform {
    let sim = Platform::start().await;
    app::lti::store::register(&app.db, sim.registration())
        .await
        .unwrap();
    sim
}

both_backends!(
    a_launch_creates_the_class_and_account_and_links_them_afterwards,
    async |app: &TestApp| {
        let sim = registered(app).await;
        let l = login(app, &sim).await;
        let claims = sim.claims(&l.nonce, "lms-user-1", "Hasan Basri", &[LEARNER]);
        let r = launch(app, &sim.sign(&claims), &l.state, &l.cookie).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let session = r
            .set_cookie(app::auth::store::SESSION_COOKIE)
            .expect("session cookie");
        for attribute in ["SameSite=None", "Secure", "Partitioned", "HttpOnly"] {
            assert!(session.contains(attribute), "{session}");
        }
        let classes = class::Entity::find().all(&app.db).await.unwrap();
        assert_eq!(classes.len(), 1);
        assert_eq!(classes[0].name, "Latkepim II Angkatan 7");
        let hasan = user::Entity::find()
            .filter(user::Column::FullName.eq("Hasan Basri"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let member = class_member::Entity::find()
            .filter(class_member::Column::UserId.eq(hasan.id))
            .all(&app.db)
            .await
            .unwrap();
        assert_eq!(
            member.iter().map(|m| m.role.as_str()).collect::<Vec<_>>(),
            ["participant"]
        );
        let target = format!("/classes/{}", classes[0].id);
        assert!(r.body.contains(&format!("href=\"{target}\"")), "{}", r.body);
        // The session opens the class page.
        let token = session.split(';').next().unwrap().to_string();
        let page = app
            .get(
                &crate::common::Client {
                    cookie: token.clone(),
                    csrf: String::new(),
                },
                &target,
            )
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Latkepim II Angkatan 7"));
        let check = app
            .get(
                &crate::common::Client {
                    cookie: token,
                    csrf: String::new(),
                },
                "/lti/check",
            )
            .await;
        assert_eq!(check.body, "1");

        // The state is used once: the same post again is refused.
        let again = launch(app, &sim.sign(&claims), &l.state, &l.cookie).await;
        refused_with(&again, "state_used");

        // The fallback: the one-time code opens a first-party session once.
        let code = r
            .body
            .split("/lti/enter?code=")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_string();
        let enter = |code: String| {
            let req = Request::get(format!("/lti/enter?code={code}"))
                .body(Body::empty())
                .unwrap();
            app.send(req)
        };
        let first = enter(code.clone()).await;
        assert_eq!(first.status, StatusCode::SEE_OTHER, "{first:?}");
        assert_eq!(first.headers.get(header::LOCATION).unwrap(), target.as_str());
        let tab = first
            .set_cookie(app::auth::store::SESSION_COOKIE)
            .expect("tab session");
        assert!(tab.contains("SameSite=Lax"), "{tab}");
        let second = enter(code).await;
        assert_eq!(second.status, StatusCode::BAD_REQUEST);
        assert!(second.set_cookie(app::auth::store::SESSION_COOKIE).is_none());

        // The next launch in the same course: same class, same account; an
        // instructor becomes the class's facilitator.
        let l = login(app, &sim).await;
        let r = launch(
            app,
            &sim.sign(&sim.claims(&l.nonce, "lms-user-1", "Hasan Basri", &[LEARNER])),
            &l.state,
            &l.cookie,
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let l = login(app, &sim).await;
        let r = launch(
            app,
            &sim.sign(&sim.claims(&l.nonce, "lms-teacher", "Dra. Marlina", &[INSTRUCTOR])),
            &l.state,
            &l.cookie,
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(class::Entity::find().count(&app.db).await.unwrap(), 1);
        assert_eq!(lti_account::Entity::find().count(&app.db).await.unwrap(), 2);
        let marlina = user::Entity::find()
            .filter(user::Column::FullName.eq("Dra. Marlina"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let roles: Vec<String> = class_member::Entity::find()
            .filter(class_member::Column::UserId.eq(marlina.id))
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|m| m.role)
            .collect();
        assert_eq!(roles, ["facilitator"]);

        // A custom `nip` claim only proposes an account: on a platform the
        // admin has not trusted, the launch gets a separate account
        // (`an_lms_nip_never_takes_over_an_account` covers the rest).
        let existing = app
            .user("Farhan Akbar", &[app::auth::model::Role::Participant])
            .await;
        give_nip(app, existing, "200211022025031030").await;
        let r = launch_nip(app, &sim, "lms-user-9", "200211022025031030").await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert!(r.body.contains("id=\"lti-separate\""), "{}", r.body);
        assert_ne!(account_of(app, "lms-user-9").await, existing);
    }
);

async fn give_nip(app: &TestApp, id: i64, nip: &str) {
    app.edit_user(id, |u| u.nip = sea_orm::ActiveValue::Set(Some(nip.into())))
        .await;
}

/// A learner's launch whose custom `nip` parameter names `nip`.
async fn launch_nip(app: &TestApp, sim: &Platform, sub: &str, nip: &str) -> Reply {
    let l = login(app, sim).await;
    let mut claims = sim.claims(&l.nonce, sub, "Dari LMS", &[LEARNER]);
    claims["https://purl.imsglobal.org/spec/lti/claim/custom"] = json!({ "nip": nip });
    launch(app, &sim.sign(&claims), &l.state, &l.cookie).await
}

async fn account_of(app: &TestApp, sub: &str) -> i64 {
    lti_account::Entity::find()
        .filter(lti_account::Column::Sub.eq(sub))
        .one(&app.db)
        .await
        .unwrap()
        .expect("linked")
        .user_id
}

async fn outcome_of(app: &TestApp, sub: &str) -> (String, Option<i64>, i64) {
    use app::entities::lti_identity_log as log;
    let row = log::Entity::find()
        .filter(log::Column::Sub.eq(sub))
        .one(&app.db)
        .await
        .unwrap()
        .expect("logged");
    (row.outcome, row.proposed_user_id, row.id)
}

both_backends!(an_lms_nip_never_takes_over_an_account, async |app: &TestApp| {
    use app::auth::model::Role;
    let sim = registered(app).await;
    let platform = app::entities::lti_platform::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let admin = app.user("Admin BKPSDMD", &[Role::Admin]).await;
    give_nip(app, admin, "197001011995031003").await;
    let participant = app.user("Peserta Lama", &[Role::Participant]).await;
    give_nip(app, participant, "199001012015031001").await;
    let other = app.user("Peserta Lain", &[Role::Participant]).await;
    give_nip(app, other, "198505052010122002").await;

    // Untrusted (the default): a participant's NIP gives a separate account,
    // which does not hold the NIP, and the proposal is logged.
    let r = launch_nip(app, &sim, "sub-untrusted", "199001012015031001").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("id=\"lti-separate\""), "{}", r.body);
    let separate = account_of(app, "sub-untrusted").await;
    assert_ne!(separate, participant);
    let row = user::Entity::find_by_id(separate)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.nip, None);
    let (outcome, proposed, refused_entry) = outcome_of(app, "sub-untrusted").await;
    assert_eq!(
        (outcome.as_str(), proposed),
        ("refused_untrusted", Some(participant))
    );

    // Only an admin trusts a platform.
    let admin_client = app.session(admin).await;
    let fac = app.user("Widyaiswara", &[Role::Facilitator]).await;
    let fac_client = app.session(fac).await;
    let trust = [("platform_id", platform.to_string()), ("trusted", "true".into())];
    let denied = app.call(&fac_client, "/api/set_lti_trust", &trust).await;
    assert_eq!(
        denied.error(),
        Some(app::error::AppError::Forbidden),
        "{denied:?}"
    );
    let ok = app.call(&admin_client, "/api/set_lti_trust", &trust).await;
    assert!(ok.status.is_success(), "{ok:?}");

    // Trusted, but an admin's NIP: never linked; the launch holds no admin rights.
    let r = launch_nip(app, &sim, "sub-admin", "197001011995031003").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let impostor = account_of(app, "sub-admin").await;
    assert_ne!(impostor, admin);
    assert_eq!(outcome_of(app, "sub-admin").await.0, "refused_staff");
    let cookie = r.set_cookie(app::auth::store::SESSION_COOKIE).unwrap();
    let token = cookie.split(';').next().unwrap().to_string();
    let client = crate::common::Client {
        cookie: token,
        csrf: String::new(),
    };
    let users = app.get(&client, "/admin/users").await;
    assert_eq!(users.status, StatusCode::FORBIDDEN, "{}", users.status);

    // Trusted, an unlinked participant: linked. A second LMS identity with
    // the same NIP is refused, the account being linked already.
    let r = launch_nip(app, &sim, "sub-other", "198505052010122002").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(!r.body.contains("lti-separate"));
    assert_eq!(account_of(app, "sub-other").await, other);
    assert_eq!(outcome_of(app, "sub-other").await.0, "nip");
    launch_nip(app, &sim, "sub-other-2", "198505052010122002").await;
    assert_ne!(account_of(app, "sub-other-2").await, other);
    assert_eq!(outcome_of(app, "sub-other-2").await.0, "refused_linked");

    // The admin sees every link and links the first refusal by hand: the
    // identity now opens the participant's account, which gains the class;
    // the separate account is switched off. A second click changes nothing.
    let page = app.get(&admin_client, "/admin/lti").await;
    assert_eq!(page.status, StatusCode::OK);
    for id in ["sub-untrusted", "sub-admin", "sub-other", "sub-other-2"] {
        assert!(page.body.contains(id), "{id} listed");
    }
    let link = [("entry_id", refused_entry.to_string())];
    let denied = app.call(&fac_client, "/api/link_lti_identity", &link).await;
    assert_eq!(denied.error(), Some(app::error::AppError::Forbidden));
    let ok = app.call(&admin_client, "/api/link_lti_identity", &link).await;
    assert!(ok.status.is_success(), "{ok:?}");
    assert_eq!(account_of(app, "sub-untrusted").await, participant);
    let gone = user::Entity::find_by_id(separate)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(!gone.active);
    let classes = class_member::Entity::find()
        .filter(class_member::Column::UserId.eq(participant))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(classes, 1);
    let again = app.call(&admin_client, "/api/link_lti_identity", &link).await;
    assert!(
        matches!(again.error(), Some(app::error::AppError::Conflict(_))),
        "{again:?}"
    );
    let r = launch_nip(app, &sim, "sub-untrusted", "199001012015031001").await;
    assert!(!r.body.contains("lti-separate"));
    assert_eq!(account_of(app, "sub-untrusted").await, participant);

    // A name PostgreSQL cannot store (a NUL) is stored without it.
    let l = login(app, &sim).await;
    let claims = sim.claims(&l.nonce, "sub-nul", "Nama\u{0}Tanpa Nul", &[LEARNER]);
    let r = launch(app, &sim.sign(&claims), &l.state, &l.cookie).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let stored = user::Entity::find_by_id(account_of(app, "sub-nul").await)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.full_name, "NamaTanpa Nul");
});

both_backends!(every_bad_launch_is_refused_and_named, async |app: &TestApp| {
    let sim = registered(app).await;
    let good = |nonce: &str| sim.claims(nonce, "lms-user-1", "Hasan Basri", &[LEARNER]);
    let with = |nonce: &str, key: &str, value: Value| {
        let mut c = good(nonce);
        c[key] = value;
        c
    };
    let kid = {
        let l = login(app, &sim).await;
        let token = sim.sign(&good(&l.nonce));
        let (_, kid) = app::lti::jwks::header(&token).unwrap();
        assert_eq!(
            launch(app, &token, &l.state, &l.cookie).await.status,
            StatusCode::OK
        );
        kid.unwrap()
    };

    // Each forgery after a fresh login: the token made for its nonce, and
    // the code the refusal must name.
    type Forge<'a> = Box<dyn Fn(&str) -> String + 'a>;
    let old = chrono::Utc::now().timestamp() - 3600;
    let deployment = "https://purl.imsglobal.org/spec/lti/claim/deployment_id";
    let forgeries: Vec<(&str, Forge)> = vec![
        ("signature", Box::new(|n| sim.forge(&good(n)))),
        ("alg", Box::new(|n| crate::lti_sim::unsigned(&good(n)))),
        ("alg", Box::new(|n| crate::lti_sim::hs256(&good(n), &kid))),
        (
            "exp",
            Box::new(|n| {
                let mut c = with(n, "exp", json!(old));
                c["iat"] = json!(old - 300);
                sim.sign(&c)
            }),
        ),
        (
            "aud",
            Box::new(|n| sim.sign(&with(n, "aud", json!("another-tool")))),
        ),
        (
            "iss",
            Box::new(|n| sim.sign(&with(n, "iss", json!("https://evil.example")))),
        ),
        (
            "deployment_id",
            Box::new(|n| sim.sign(&with(n, deployment, json!("deploy-9")))),
        ),
    ];
    for (code, token) in &forgeries {
        let l = login(app, &sim).await;
        refused_with(&launch(app, &token(&l.nonce), &l.state, &l.cookie).await, code);
    }

    // A replayed token: its nonce belongs to an earlier login.
    let first = login(app, &sim).await;
    let token = sim.sign(&good(&first.nonce));
    assert_eq!(
        launch(app, &token, &first.state, &first.cookie).await.status,
        StatusCode::OK
    );
    let l = login(app, &sim).await;
    refused_with(&launch(app, &token, &l.state, &l.cookie).await, "nonce");

    // State: missing, not this browser's, and the cookie of another login.
    let l = login(app, &sim).await;
    refused_with(
        &launch(app, &sim.sign(&good(&l.nonce)), "", &l.cookie).await,
        "state",
    );
    refused_with(
        &launch(app, &sim.sign(&good(&l.nonce)), &l.state, "").await,
        "state",
    );
    let other = login(app, &sim).await;
    refused_with(
        &launch(app, &sim.sign(&good(&l.nonce)), &l.state, &other.cookie).await,
        "state",
    );

    // An unknown kid: the key set is fetched again, and still lacks it.
    let before = sim.jwks_fetches.load(Ordering::SeqCst);
    let l = login(app, &sim).await;
    refused_with(
        &launch(app, &sim.sign_unpublished(&good(&l.nonce)), &l.state, &l.cookie).await,
        "kid",
    );
    assert_eq!(
        sim.jwks_fetches.load(Ordering::SeqCst),
        before + 1,
        "refetched once"
    );

    // The platform rotates its key: the new kid is fetched and accepted; the
    // cached set is used while the kid is known.
    sim.rotate();
    let l = login(app, &sim).await;
    assert_eq!(
        launch(app, &sim.sign(&good(&l.nonce)), &l.state, &l.cookie)
            .await
            .status,
        StatusCode::OK
    );
    let fetched = sim.jwks_fetches.load(Ordering::SeqCst);
    let l = login(app, &sim).await;
    assert_eq!(
        launch(app, &sim.sign(&good(&l.nonce)), &l.state, &l.cookie)
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(sim.jwks_fetches.load(Ordering::SeqCst), fetched, "cached");

    // An unregistered platform's login is refused with its own page.
    let req = Request::get("/lti/login?iss=https%3A%2F%2Funknown.example&login_hint=x")
        .body(Body::empty())
        .unwrap();
    refused_with(&app.send(req).await, "unknown_platform");
});

both_backends!(
    the_tool_publishes_its_keys_and_rotates_them,
    async |app: &TestApp| {
        let claims = json!({"iss": CLIENT_ID, "aud": "https://lms.example", "exp": chrono::Utc::now().timestamp() + 300});
        let before = app::lms::keys::sign(&app.db, &claims).await.unwrap();
        app::lms::keys::rotate(&app.db).await.unwrap();
        let after = app::lms::keys::sign(&app.db, &claims).await.unwrap();
        let req = Request::get("/lti/jwks").body(Body::empty()).unwrap();
        let r = app.send(req).await;
        assert_eq!(r.status, StatusCode::OK);
        let set: jsonwebtoken::jwk::JwkSet = serde_json::from_str(&r.body).unwrap();
        assert_eq!(set.keys.len(), 2, "the retired key stays published");
        for token in [before, after] {
            let kid = jsonwebtoken::decode_header(&token).unwrap().kid.unwrap();
            let jwk = set.find(&kid).expect("published kid");
            let key = jsonwebtoken::DecodingKey::from_jwk(jwk).unwrap();
            let mut v = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::RS256);
            v.set_audience(&["https://lms.example"]);
            jsonwebtoken::decode::<Value>(&token, &key, &v).expect("verifies with the published set");
        }
    }
);

both_backends!(an_lms_registers_itself_with_an_invite, async |app: &TestApp| {
    let sim = Platform::start().await;
    let csp = |r: &Reply| {
        r.headers
            .get(header::CONTENT_SECURITY_POLICY)
            .unwrap()
            .to_str()
            .unwrap()
            .to_string()
    };
    // Before any platform: nobody may frame the pages.
    let before = app
        .send(Request::get("/login").body(Body::empty()).unwrap())
        .await;
    assert_eq!(before.headers.get("x-frame-options").unwrap(), "DENY");
    assert!(
        csp(&before).contains("frame-ancestors 'none'"),
        "{}",
        csp(&before)
    );

    let admin = app.user("Admin", &[app::auth::model::Role::Admin]).await;
    let register = |invite: String, config: String, token: &'static str| {
        let query = serde_urlencoded::to_string([
            ("invite", invite.as_str()),
            ("openid_configuration", config.as_str()),
            ("registration_token", token),
        ])
        .unwrap();
        let req = Request::get(format!("/lti/register?{query}"))
            .header(header::HOST, "127.0.0.1:3000")
            .body(Body::empty())
            .unwrap();
        app.send(req)
    };
    let config = sim.url("/.well-known/openid-configuration");

    // A made-up invite, a refused token, an issuer on another origin.
    refused_with(
        &register("nope".into(), config.clone(), crate::lti_sim::REGISTRATION_TOKEN).await,
        "invite",
    );
    let invite = app::lti::registration::invite(&app.db, admin).await.unwrap();
    refused_with(
        &register(invite.clone(), config.clone(), "wrong-token").await,
        "registration_refused",
    );
    let elsewhere = config.replace("127.0.0.1", "localhost");
    refused_with(
        &register(invite.clone(), elsewhere, crate::lti_sim::REGISTRATION_TOKEN).await,
        "issuer",
    );
    assert_eq!(
        app::entities::lti_platform::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        0
    );

    let r = register(invite.clone(), config.clone(), crate::lti_sim::REGISTRATION_TOKEN).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("id=\"lti-registered\""), "{}", r.body);
    assert!(r.body.contains("/lti/register.js"));
    assert!(
        r.headers.get("cross-origin-opener-policy").is_none(),
        "the LMS window stays reachable"
    );
    let platform = app::entities::lti_platform::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            platform.issuer.as_str(),
            platform.client_id.as_str(),
            platform.name.as_str()
        ),
        (sim.base.as_str(), crate::lti_sim::DYNAMIC_CLIENT_ID, "moodle")
    );
    assert_eq!(
        (platform.auth_login_url, platform.jwks_url),
        (sim.url("/auth"), sim.url("/jwks"))
    );
    assert_eq!(
        app::lti::store::deployments(&app.db, platform.id).await.unwrap(),
        [crate::lti_sim::DYNAMIC_DEPLOYMENT]
    );
    let (bearer, sent) = sim.registrations.lock().unwrap().last().cloned().unwrap();
    assert_eq!(bearer.as_deref(), Some(crate::lti_sim::REGISTRATION_TOKEN));
    assert_eq!(sent["initiate_login_uri"], "http://127.0.0.1:3000/lti/login");
    assert_eq!(sent["redirect_uris"], json!(["http://127.0.0.1:3000/lti/launch"]));
    assert_eq!(sent["jwks_uri"], "http://127.0.0.1:3000/lti/jwks");
    assert_eq!(sent["token_endpoint_auth_method"], "private_key_jwt");
    assert!(sent["scope"].as_str().unwrap().contains("lti-ags/scope/score"));
    let messages = &sent["https://purl.imsglobal.org/spec/lti-tool-configuration"]["messages"];
    assert!(messages.to_string().contains("LtiDeepLinkingRequest"));

    // The invite is used once.
    refused_with(
        &register(invite, config, crate::lti_sim::REGISTRATION_TOKEN).await,
        "invite",
    );
    assert_eq!(
        app::entities::lti_platform::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        1
    );

    // Now the registered LMS may frame the pages.
    let after = app
        .send(Request::get("/login").body(Body::empty()).unwrap())
        .await;
    assert!(after.headers.get("x-frame-options").is_none());
    let policy = csp(&after);
    assert!(
        policy.contains(&format!("frame-ancestors 'self' {}", sim.base)),
        "{policy}"
    );
    assert!(
        policy.contains(&format!("form-action 'self' {}", sim.base)),
        "{policy}"
    );
});

both_backends!(
    admins_register_platforms_and_make_links_on_the_lms_page,
    async |app: &TestApp| {
        let admin = app.user("Admin", &[app::auth::model::Role::Admin]).await;
        let admin = app.session(admin).await;
        let form = |issuer: &str, client: &str| {
            vec![
                ("name", "Moodle BPSDM Babel".to_string()),
                ("issuer", issuer.to_string()),
                ("client_id", client.to_string()),
                (
                    "auth_login_url",
                    "https://lms.babelprov.go.id/mod/lti/auth.php".to_string(),
                ),
                (
                    "token_url",
                    "https://lms.babelprov.go.id/mod/lti/token.php".to_string(),
                ),
                (
                    "jwks_url",
                    "https://lms.babelprov.go.id/mod/lti/certs.php".to_string(),
                ),
                ("deployments", "1\n2, 3".to_string()),
            ]
        };
        // Bad input is named by its field; nothing is stored.
        let r = app
            .call(&admin, "/api/register_lti_platform", &form("lms.babelprov", ""))
            .await;
        let Some(app::error::AppError::Invalid(errors)) = r.error() else {
            panic!("{r:?}")
        };
        assert!(
            errors.contains_key("issuer") && errors.contains_key("client_id"),
            "{errors:?}"
        );
        assert_eq!(
            app::entities::lti_platform::Entity::find()
                .count(&app.db)
                .await
                .unwrap(),
            0
        );
        let good = form("https://lms.babelprov.go.id", "abc123");
        let r = app.call(&admin, "/api/register_lti_platform", &good).await;
        assert!(r.status.is_success(), "{r:?}");
        let again = app.call(&admin, "/api/register_lti_platform", &good).await;
        let Some(app::error::AppError::Invalid(errors)) = again.error() else {
            panic!("{again:?}")
        };
        assert!(errors.contains_key("client_id"), "taken: {errors:?}");
        let platform = app::entities::lti_platform::Entity::find()
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            app::lti::store::deployments(&app.db, platform.id).await.unwrap(),
            ["1", "2", "3"]
        );

        // The page shows the addresses to copy and the platform.
        let page = app.get(&admin, "/admin/lti").await;
        assert_eq!(page.status, StatusCode::OK);
        for text in [
            "/lti/login",
            "/lti/launch",
            "/lti/jwks",
            "Moodle BPSDM Babel",
            "abc123",
        ] {
            assert!(page.body.contains(text), "{text}");
        }
        // A registration link is shown once, right after it is made.
        let r = app.call(&admin, "/api/make_lti_invite", &[]).await;
        let location = r
            .headers
            .get(header::LOCATION)
            .or_else(|| r.headers.get("serverfnredirect"))
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("{r:?}"));
        assert!(location.starts_with("/admin/lti?invite="), "{location}");
        let shown = app.get(&admin, &location).await;
        let token = location.trim_start_matches("/admin/lti?invite=");
        assert!(
            shown.body.contains(&format!("/lti/register?invite={token}")),
            "the link is shown"
        );
        assert_eq!(
            app::entities::lti_invite::Entity::find()
                .count(&app.db)
                .await
                .unwrap(),
            1
        );
    }
);

/// The session a launch opened, as a browser holding its cookie.
async fn launched_client(app: &TestApp, r: &Reply) -> crate::common::Client {
    let cookie = r.set_cookie(app::auth::store::SESSION_COOKIE).expect("session");
    let pair = cookie.split(';').next().unwrap().to_string();
    let token = pair.split_once('=').unwrap().1;
    let row = app::entities::session::Entity::find_by_id(app::auth::store::hash_token(token))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    crate::common::Client {
        cookie: pair,
        csrf: row.csrf_token,
    }
}

both_backends!(
    deep_linking_answers_a_signed_pick_and_links_open_their_page,
    async |app: &TestApp| {
        let sim = registered(app).await;
        // The first launch makes the class; it gets a team task.
        let l = login(app, &sim).await;
        let r = launch(
            app,
            &sim.sign(&sim.claims(&l.nonce, "t-1", "Dra. Marlina", &[INSTRUCTOR])),
            &l.state,
            &l.cookie,
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let class = class::Entity::find().one(&app.db).await.unwrap().unwrap().id;
        let task = app::tasks::store::create(
            &app.db,
            class,
            app::tasks::store::NewTask {
                title: "Rencana komunikasi lintas generasi".into(),
                brief: String::new(),
                due_at: chrono::Utc::now(),
                policy: app::teams::domain::submissions::LatePolicy::Accepted,
                rubric_id: None,
            },
        )
        .await
        .unwrap();
        let deep_link = |nonce: &str, roles: &[&str]| {
            let mut c = sim.claims(nonce, "t-1", "Dra. Marlina", roles);
            c["https://purl.imsglobal.org/spec/lti/claim/message_type"] = json!("LtiDeepLinkingRequest");
            c["https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"] = json!({
                "deep_link_return_url": sim.url("/dl-return"),
                "accept_types": ["ltiResourceLink"],
                "data": "opaque-1",
            });
            c
        };
        // A learner cannot pick activities.
        let l = login(app, &sim).await;
        refused_with(
            &launch(
                app,
                &sim.sign(&deep_link(&l.nonce, &[LEARNER])),
                &l.state,
                &l.cookie,
            )
            .await,
            "role",
        );

        let l = login(app, &sim).await;
        let r = launch(
            app,
            &sim.sign(&deep_link(&l.nonce, &[INSTRUCTOR])),
            &l.state,
            &l.cookie,
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let path = r
            .body
            .split("href=\"/lti/deep-link/")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let path = format!("/lti/deep-link/{path}");
        let facilitator = launched_client(app, &r).await;
        let picker = app.get(&facilitator, &path).await;
        assert_eq!(picker.status, StatusCode::OK);
        assert!(
            picker.body.contains(&format!("value=\"task:{task}\"")),
            "{}",
            picker.body
        );
        assert!(picker.body.contains("Rencana komunikasi lintas generasi"));
        // Someone else's session cannot open it.
        let other = app
            .user("Orang lain", &[app::auth::model::Role::Facilitator])
            .await;
        let other = app.session(other).await;
        assert_eq!(app.get(&other, &path).await.status, StatusCode::NOT_FOUND);

        let picked = [
            ("item", format!("task:{task}")),
            ("item", "task:999999".to_string()),
        ];
        let fields: Vec<(&str, String)> = std::iter::once(("csrf", facilitator.csrf.clone()))
            .chain(picked.iter().cloned())
            .collect();
        let answer = app.post_raw(&facilitator, &path, &fields, "text/html").await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        assert!(
            answer
                .body
                .contains(&format!("action=\"{}\"", sim.url("/dl-return"))),
            "{}",
            answer.body
        );
        let jwt = answer
            .body
            .split("name=\"JWT\" value=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();

        // The platform verifies it with the tool's published keys.
        let set: jsonwebtoken::jwk::JwkSet = serde_json::from_str(
            &app.send(Request::get("/lti/jwks").body(Body::empty()).unwrap())
                .await
                .body,
        )
        .unwrap();
        let kid = jsonwebtoken::decode_header(jwt).unwrap().kid.unwrap();
        let key = jsonwebtoken::DecodingKey::from_jwk(set.find(&kid).unwrap()).unwrap();
        let mut rules = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::RS256);
        rules.set_audience(&[sim.base.as_str()]);
        rules.set_issuer(&[CLIENT_ID]);
        let claims = jsonwebtoken::decode::<Value>(jwt, &key, &rules).unwrap().claims;
        assert_eq!(
            claims["https://purl.imsglobal.org/spec/lti/claim/message_type"],
            "LtiDeepLinkingResponse"
        );
        assert_eq!(
            claims["https://purl.imsglobal.org/spec/lti/claim/version"],
            "1.3.0"
        );
        assert_eq!(
            claims["https://purl.imsglobal.org/spec/lti/claim/deployment_id"],
            crate::lti_sim::DEPLOYMENT
        );
        assert_eq!(
            claims["https://purl.imsglobal.org/spec/lti-dl/claim/data"],
            "opaque-1"
        );
        let items = claims["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"]
            .as_array()
            .unwrap();
        assert_eq!(items.len(), 1, "only what the class offers");
        assert_eq!(items[0]["type"], "ltiResourceLink");
        assert_eq!(items[0]["url"], "http://127.0.0.1:3000/lti/launch");
        assert_eq!(items[0]["custom"]["sinergi_target"], format!("task:{task}"));
        assert_eq!(items[0]["lineItem"]["scoreMaximum"], 100);
        assert_eq!(items[0]["title"], "Rencana komunikasi lintas generasi");
        // The request answers once.
        assert_eq!(
            app.post_raw(&facilitator, &path, &fields, "text/html")
                .await
                .status,
            StatusCode::NOT_FOUND
        );

        // The link opens the task; a target outside the class opens the class.
        for (target, expected) in [
            (format!("task:{task}"), format!("/classes/{class}/tasks/{task}")),
            ("task:999999".to_string(), format!("/classes/{class}")),
        ] {
            let l = login(app, &sim).await;
            let mut c = sim.claims(&l.nonce, "s-1", "Hasan Basri", &[LEARNER]);
            c["https://purl.imsglobal.org/spec/lti/claim/custom"] = json!({"sinergi_target": target});
            let r = launch(app, &sim.sign(&c), &l.state, &l.cookie).await;
            assert!(
                r.body.contains(&format!("data-target=\"{expected}\"")),
                "{target}: {}",
                r.body
            );
        }
    }
);

both_backends!(
    a_released_result_reaches_the_lms_grade_book_through_the_outbox,
    async |app: &TestApp| {
        use app::auth::{model::Role, policy::Membership};
        use app::entities::lti_outbox;
        let sim = registered(app).await;
        // Two learners and the instructor come from the LMS course.
        let mut launched = Vec::new();
        for (sub, name, role) in [
            ("s-1", "Hasan Basri", LEARNER),
            ("s-2", "Farhan Akbar", LEARNER),
            ("t-1", "Dra. Marlina", INSTRUCTOR),
        ] {
            let l = login(app, &sim).await;
            let r = launch(
                app,
                &sim.sign(&sim.claims_with_services(&l.nonce, sub, name, &[role])),
                &l.state,
                &l.cookie,
            )
            .await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.body);
            launched.push(r);
        }
        let facilitator = launched_client(app, &launched[2]).await;
        let class = class::Entity::find().one(&app.db).await.unwrap().unwrap().id;
        let ok = |r: Reply| assert!(r.status.is_success() || r.status.is_redirection(), "{r:?}");
        // One team of both learners; a task scored with the collaboration rubric.
        let teams = [
            ("class_id", class.to_string()),
            ("mode", "count".into()),
            ("n", "1".into()),
            ("w_mix", "1".into()),
            ("w_isolation", "1".into()),
            ("w_units", "1".into()),
            ("w_level", "1".into()),
            ("w_skill", "1".into()),
        ];
        ok(app.call(&facilitator, "/api/form_class_teams", &teams).await);
        ok(app
            .call(
                &facilitator,
                "/api/publish_teams",
                &[("class_id", class.to_string())],
            )
            .await);
        let team = app::entities::team::Entity::find()
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .id;
        let task = app::tasks::store::create(
            &app.db,
            class,
            app::tasks::store::NewTask {
                title: "Rencana komunikasi".into(),
                brief: String::new(),
                due_at: chrono::Utc::now(),
                policy: app::teams::domain::submissions::LatePolicy::Accepted,
                rubric_id: None,
            },
        )
        .await
        .unwrap();
        let body = app::rubrics::templates::find("kolaborasi-tim")
            .unwrap()
            .rubric(app::i18n::Locale::Id)
            .clone();
        let rubric = app::rubrics::store::create(&app.db, class, 1, &body, None)
            .await
            .unwrap()
            .unwrap();
        let settings = [
            ("class_id", class.to_string()),
            ("task", task.to_string()),
            ("rubric", rubric.to_string()),
            ("combine", "mean".into()),
            ("level_gap", "1".into()),
            ("share_gap", "15".into()),
        ];
        ok(app.call(&facilitator, "/api/set_evaluation", &settings).await);
        let e = app.user("Penilai Coach", &[Role::Evaluator]).await;
        app.enrol(e, class, Membership::Evaluator).await;
        let assign = [
            ("class_id", class.to_string()),
            ("task", task.to_string()),
            ("subject", "0".into()),
            ("evaluator", e.to_string()),
            ("role", "coach".into()),
            ("weight", "1".into()),
        ];
        ok(app.call(&facilitator, "/api/assign_evaluator", &assign).await);
        let evaluator = app.session(e).await;
        let mut score = vec![
            ("class_id", class.to_string()),
            ("task", task.to_string()),
            ("subject", team.to_string()),
            ("base", "0".to_string()),
            ("lock", "1".to_string()),
        ];
        let names: Vec<(String, String)> = body
            .criteria
            .iter()
            .enumerate()
            .flat_map(|(i, c)| {
                [
                    (format!("c[{i}][level]"), "1".to_string()),
                    (format!("c[{i}][points]"), c.levels[1].max.to_string()),
                ]
            })
            .collect();
        score.extend(names.iter().map(|(k, v)| (k.as_str(), v.clone())));
        ok(app.call(&evaluator, "/api/save_score", &score).await);
        let expected: f64 = body
            .criteria
            .iter()
            .map(|c| f64::from(c.weight) * f64::from(c.levels[1].max) / f64::from(c.levels[0].max))
            .sum();

        // Releasing queues one grade per learner; nothing is sent inline.
        let release = [
            ("class_id", class.to_string()),
            ("task", task.to_string()),
            ("release", "true".to_string()),
        ];
        ok(app.call(&facilitator, "/api/evaluation_flags", &release).await);
        assert_eq!(lti_outbox::Entity::find().count(&app.db).await.unwrap(), 2);
        assert!(sim.grades.lock().unwrap().scores.is_empty());

        // The LMS fails once: that grade waits with a backoff, the other is sent.
        sim.grades.lock().unwrap().fail_scores = 1;
        assert_eq!(app::lms::outbox::run_due(&app.state).await.unwrap(), 1);
        let waiting = lti_outbox::Entity::find()
            .filter(lti_outbox::Column::Status.eq("pending"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(waiting.attempts, 1);
        assert!(waiting.last_error.contains("503"), "{}", waiting.last_error);
        assert!(
            waiting.next_at > chrono::Utc::now() + chrono::Duration::seconds(20),
            "backoff"
        );
        assert_eq!(
            app::lms::outbox::run_due(&app.state).await.unwrap(),
            0,
            "not due yet"
        );
        // The facilitator sees each learner's grade status on the evaluation page.
        let page = app
            .get(&facilitator, &format!("/classes/{class}/tasks/{task}/evaluation"))
            .await;
        assert!(page.body.contains("Nilai di LMS"), "{}", page.body);
        assert!(page.body.contains(": terkirim"), "one sent");
        assert!(
            page.body
                .contains(": menunggu, dicoba lagi otomatis (percobaan 2)"),
            "one waiting"
        );
        let mut due: lti_outbox::ActiveModel = waiting.into();
        due.next_at = sea_orm::ActiveValue::Set(chrono::Utc::now());
        sea_orm::ActiveModelTrait::update(due, &app.db).await.unwrap();
        assert_eq!(app::lms::outbox::run_due(&app.state).await.unwrap(), 1);
        assert_eq!(
            lti_outbox::Entity::find()
                .filter(lti_outbox::Column::Status.eq("sent"))
                .count(&app.db)
                .await
                .unwrap(),
            2
        );

        let (items, scores, assertion) = {
            let book = sim.grades.lock().unwrap();
            (
                book.items.clone(),
                book.scores.clone(),
                book.assertions.last().cloned().unwrap(),
            )
        };
        let grade_tokens = sim
            .grades
            .lock()
            .unwrap()
            .scopes
            .iter()
            .filter(|s| s.contains("lti-ags/scope/score"))
            .count();
        assert_eq!(grade_tokens, 2, "one token per delivery run, not per grade");
        assert_eq!(items.len(), 1, "one line item, found again the second time");
        assert_eq!(items[0]["resourceId"], format!("task:{task}"));
        assert_eq!(items[0]["label"], "Rencana komunikasi");
        assert_eq!(items[0]["scoreMaximum"], 100);
        let mut users: Vec<&str> = scores
            .iter()
            .map(|(_, _, s)| s["userId"].as_str().unwrap())
            .collect();
        users.sort();
        assert_eq!(users, ["s-1", "s-2"]);
        for (item, _, s) in &scores {
            assert_eq!(item, "1");
            assert!(
                (s["scoreGiven"].as_f64().unwrap() - expected).abs() < 0.01,
                "{s} vs {expected}"
            );
            assert_eq!(s["scoreMaximum"], 100);
            assert_eq!(s["gradingProgress"], "FullyGraded");
            assert_eq!(s["activityProgress"], "Completed");
            let comment = s["comment"].as_str().unwrap();
            assert!(comment.starts_with("Nilai akhir"), "{comment}");
            assert!(comment.contains(&body.criteria[0].levels[1].label), "{comment}");
        }
        // The token was asked for with an assertion signed by the tool's key.
        let set: jsonwebtoken::jwk::JwkSet = serde_json::from_str(
            &app.send(Request::get("/lti/jwks").body(Body::empty()).unwrap())
                .await
                .body,
        )
        .unwrap();
        let kid = jsonwebtoken::decode_header(&assertion).unwrap().kid.unwrap();
        let key = jsonwebtoken::DecodingKey::from_jwk(set.find(&kid).unwrap()).unwrap();
        let mut rules = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::RS256);
        rules.set_audience(&[sim.url("/token")]);
        let claims = jsonwebtoken::decode::<Value>(&assertion, &key, &rules)
            .unwrap()
            .claims;
        assert_eq!(
            (claims["iss"].as_str(), claims["sub"].as_str()),
            (Some(CLIENT_ID), Some(CLIENT_ID))
        );

        // Releasing again queues nothing new: the same grade is one row.
        ok(app.call(&facilitator, "/api/evaluation_flags", &release).await);
        assert_eq!(lti_outbox::Entity::find().count(&app.db).await.unwrap(), 2);
    }
);

fn member(sub: &str, name: &str, role: &str, status: &str) -> Value {
    json!({"user_id": sub, "name": name, "roles": [role], "status": status})
}

both_backends!(
    the_roster_syncs_page_by_page_adding_and_removing_members,
    async |app: &TestApp| {
        let sim = registered(app).await;
        let l = login(app, &sim).await;
        let r = launch(
            app,
            &sim.sign(&sim.claims_with_services(&l.nonce, "t-1", "Dra. Marlina", &[INSTRUCTOR])),
            &l.state,
            &l.cookie,
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let facilitator = launched_client(app, &r).await;
        let class = class::Entity::find().one(&app.db).await.unwrap().unwrap().id;
        let mentor = "http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor";
        let roster = |status_of_farhan: &str| {
            vec![
                member("t-1", "Dra. Marlina", INSTRUCTOR, "Active"),
                member("s-1", "Hasan Basri", LEARNER, "Active"),
                member("s-2", "Farhan Akbar", LEARNER, status_of_farhan),
                member("m-1", "Ratna Dewi", mentor, "Active"),
                member("s-3", "Peserta Keluar", LEARNER, "Inactive"),
            ]
        };
        let roles_in_class = || async {
            let mut out: Vec<(String, String)> = Vec::new();
            for m in class_member::Entity::find()
                .filter(class_member::Column::ClassId.eq(class))
                .all(&app.db)
                .await
                .unwrap()
            {
                let u = user::Entity::find_by_id(m.user_id)
                    .one(&app.db)
                    .await
                    .unwrap()
                    .unwrap();
                out.push((u.full_name, m.role));
            }
            out.sort();
            out
        };
        let form = [("class_id", class.to_string())];
        let sync = || app.call(&facilitator, "/api/sync_lti_roster", &form);

        *sim.roster.lock().unwrap() = Some(roster("Active"));
        let r = sync().await;
        assert!(r.status.is_success(), "{r:?}");
        let expected = |with_farhan: bool| {
            let mut v = vec![
                ("Dra. Marlina".to_string(), "facilitator".to_string()),
                ("Hasan Basri".to_string(), "participant".to_string()),
                ("Ratna Dewi".to_string(), "evaluator".to_string()),
            ];
            if with_farhan {
                v.push(("Farhan Akbar".to_string(), "participant".to_string()));
            }
            v.sort();
            v
        };
        assert_eq!(
            roles_in_class().await,
            expected(true),
            "three pages read, the inactive member left out"
        );

        // Farhan leaves the course: his membership goes; his account stays.
        *sim.roster.lock().unwrap() = Some(roster("Inactive"));
        assert!(sync().await.status.is_success());
        assert_eq!(roles_in_class().await, expected(false));
        assert!(user::Entity::find()
            .filter(user::Column::FullName.eq("Farhan Akbar"))
            .one(&app.db)
            .await
            .unwrap()
            .is_some());

        // An empty roster removes nobody; a failing roster service is a clear error.
        *sim.roster.lock().unwrap() = Some(Vec::new());
        assert!(sync().await.status.is_success());
        assert_eq!(roles_in_class().await, expected(false));
        *sim.roster.lock().unwrap() = None;
        let r = sync().await;
        assert!(matches!(r.error(), Some(app::error::AppError::Rule(_))), "{r:?}");
    }
);

both_backends!(
    two_roster_reads_at_once_link_each_person_once,
    async |app: &TestApp| {
        use app::entities::lti_context;
        let sim = registered(app).await;
        let l = login(app, &sim).await;
        let claims = sim.claims_with_services(&l.nonce, "t-1", "Dra. Marlina", &[INSTRUCTOR]);
        let r = launch(app, &sim.sign(&claims), &l.state, &l.cookie).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let people: Vec<Value> = (1..=12)
            .map(|i| member(&format!("s-{i}"), &format!("Peserta {i}"), LEARNER, "Active"))
            .collect();
        *sim.roster.lock().unwrap() = Some(people);
        let course = lti_context::Entity::find().one(&app.db).await.unwrap().unwrap();
        // A launch's own roster read and "Sinkronkan peserta" at the same moment.
        let (a, b) = tokio::join!(
            app::lti::nrps::sync(&app.state, &course),
            app::lti::nrps::sync(&app.state, &course)
        );
        assert_eq!((a.unwrap().active, b.unwrap().active), (12, 12));
        assert_eq!(lti_account::Entity::find().count(&app.db).await.unwrap(), 13);
        let learners = user::Entity::find()
            .filter(user::Column::FullName.starts_with("Peserta "))
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(learners, 12, "one account each");
    }
);

both_backends!(
    two_first_launches_at_once_make_one_class,
    async |app: &TestApp| {
        let sim = registered(app).await;
        let (a, b) = (login(app, &sim).await, login(app, &sim).await);
        let ta = sim.sign(&sim.claims_with_services(&a.nonce, "s-1", "Hasan Basri", &[LEARNER]));
        let tb = sim.sign(&sim.claims_with_services(&b.nonce, "t-1", "Dra. Marlina", &[INSTRUCTOR]));
        let (ra, rb) = tokio::join!(
            launch(app, &ta, &a.state, &a.cookie),
            launch(app, &tb, &b.state, &b.cookie)
        );
        assert_eq!(
            (ra.status, rb.status),
            (StatusCode::OK, StatusCode::OK),
            "{ra:?} {rb:?}"
        );
        assert_eq!(class::Entity::find().count(&app.db).await.unwrap(), 1);
        assert_eq!(class_member::Entity::find().count(&app.db).await.unwrap(), 2);
    }
);

/// Plays an attempt to its ending through the router, always taking option
/// `pick` (modulo the options offered); returns the steps taken.
async fn play_attempt(
    app: &TestApp,
    c: &crate::common::Client,
    class: i64,
    assignment: i64,
    s: &app::scenarios::model::Scenario,
    pick: usize,
) -> Vec<app::scenarios::domain::engine::Step> {
    let key = format!("mulai-{assignment}-{pick}-{}", uuid_ish());
    let attempt = crate::common::play::start(app, c, class, assignment, &key).await;
    let steps = offline_play(s, pick);
    crate::common::play::take_steps(app, c, class, attempt.id, &steps).await;
    steps
}

/// A fresh client key per attempt started.
fn uuid_ish() -> String {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(1);
    format!("k{:08}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// The steps `pick` takes through `s`, played offline.
fn offline_play(
    s: &app::scenarios::model::Scenario,
    pick: usize,
) -> Vec<app::scenarios::domain::engine::Step> {
    crate::common::play::plan(s, pick, "Saya perlu mendengar dulu.")
}

both_backends!(
    a_played_scenario_and_lessons_read_reach_the_lms_grade_book,
    async |app: &TestApp| {
        use app::entities::lti_outbox;
        use app::scenarios::domain::grade::decision_percent;
        let sim = registered(app).await;
        app.load_shipped().await;
        let mut launched = Vec::new();
        for (sub, name, role) in [
            ("s-1", "Hasan Basri", LEARNER),
            ("t-1", "Dra. Marlina", INSTRUCTOR),
        ] {
            let l = login(app, &sim).await;
            let claims = sim.claims_with_services(&l.nonce, sub, name, &[role]);
            let r = launch(app, &sim.sign(&claims), &l.state, &l.cookie).await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.body);
            launched.push(r);
        }
        let learner = launched_client(app, &launched[0]).await;
        let facilitator = launched_client(app, &launched[1]).await;
        let class = class::Entity::find().one(&app.db).await.unwrap().unwrap().id;
        let ok = |r: Reply| assert!(r.status.is_success() || r.status.is_redirection(), "{r:?}");
        let key = "aplikasi-laporan";
        let assign = [
            ("class_id", class.to_string()),
            ("scenario", key.to_string()),
            ("opens_on", "2026-01-01".to_string()),
            ("closes_on", String::new()),
            ("max_attempts", "0".to_string()),
        ];
        ok(app.call(&facilitator, "/api/assign_scenario", &assign).await);
        let assignment = app::entities::scenario_assignment::Entity::find()
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .id;
        let s = app::scenarios::store::by_key(&app.db, key).await.unwrap().1;
        // The weakest and the strongest of four ways through, graded offline.
        let mut ways: Vec<(f64, usize)> = (0..4)
            .map(|pick| (decision_percent(&s, &offline_play(&s, pick)).unwrap(), pick))
            .collect();
        ways.sort_by(|a, b| a.0.total_cmp(&b.0));
        let ((low, low_pick), (high, high_pick)) = (ways[0], ways[3]);
        assert!(low < high, "the scenario's ways differ: {ways:?}");
        let outbox = || async {
            lti_outbox::Entity::find()
                .filter(lti_outbox::Column::DedupeKey.contains(format!(":scenario:{assignment}:")))
                .all(&app.db)
                .await
                .unwrap()
        };

        // A weak first attempt: queued with the attempt, then delivered.
        play_attempt(app, &learner, class, assignment, &s, low_pick).await;
        assert_eq!(outbox().await.len(), 1, "queued when the attempt finished");
        let page = app
            .get(&learner, &format!("/classes/{class}/scenarios/{assignment}"))
            .await;
        assert!(
            page.body.contains(&format!("Nilai keputusan: {low:.0} dari 100")),
            "the participant sees the grade the LMS gets"
        );
        assert_eq!(app::lms::outbox::run_due(&app.state).await.unwrap(), 1);
        // A stronger retry replaces it; a weaker one after it sends nothing.
        play_attempt(app, &learner, class, assignment, &s, high_pick).await;
        play_attempt(app, &learner, class, assignment, &s, low_pick).await;
        assert_eq!(outbox().await.len(), 2, "only a better best is sent");
        let analytics = format!("/classes/{class}/scenarios/{assignment}/analytics");
        let page = app.get(&facilitator, &analytics).await;
        assert!(page.body.contains("Nilai di LMS"), "{}", page.body);
        assert!(
            page.body
                .contains("Hasan Basri: menunggu, dicoba lagi otomatis (percobaan 1)"),
            "the better grade waits"
        );
        assert_eq!(app::lms::outbox::run_due(&app.state).await.unwrap(), 1);
        let page = app.get(&facilitator, &analytics).await;
        assert!(page.body.contains("Hasan Basri: terkirim"), "then it is sent");
        let (items, scores) = {
            let book = sim.grades.lock().unwrap();
            (book.items.clone(), book.scores.clone())
        };
        assert_eq!(items.len(), 1);
        assert_eq!(items[0]["resourceId"], format!("scenario:{assignment}"));
        assert_eq!(items[0]["label"], s.title.id);
        let given: Vec<f64> = scores
            .iter()
            .map(|(_, _, v)| v["scoreGiven"].as_f64().unwrap())
            .collect();
        assert_eq!(given.len(), 2);
        assert!(
            (given[0] - low).abs() < 0.01 && (given[1] - high).abs() < 0.01,
            "{given:?} vs {low}, {high}"
        );
        let last = &scores[1].2;
        assert_eq!(last["userId"], "s-1");
        assert_eq!(last["gradingProgress"], "FullyGraded");
        let comment = last["comment"].as_str().unwrap();
        assert!(
            comment.starts_with(&format!(
                "Skor keputusan {high:.0} dari 100, percobaan terbaik dari 2."
            )),
            "{comment}"
        );

        // Lessons read: the unit's share, in progress, then fully graded.
        let curriculum = app::curriculum::store::shipped().unwrap();
        let unit = &curriculum.units[0];
        let unit_item = format!("unit:{}", unit.key);
        for (n, lesson) in unit.lessons.iter().enumerate() {
            let done = [("class_id", class.to_string()), ("lesson", lesson.key.clone())];
            ok(app.call(&learner, "/api/complete_lesson", &done).await);
            ok(app.call(&learner, "/api/complete_lesson", &done).await); // once is enough
            let queued = lti_outbox::Entity::find()
                .filter(lti_outbox::Column::DedupeKey.contains(format!(":{unit_item}:")))
                .count(&app.db)
                .await
                .unwrap();
            assert_eq!(
                queued as usize,
                n + 1,
                "one grade per lesson read, none for a repeat"
            );
        }
        app::lms::outbox::run_due(&app.state).await.unwrap();
        let book = sim.grades.lock().unwrap();
        let unit_line = book
            .items
            .iter()
            .find(|i| i["resourceId"] == unit_item.as_str())
            .expect("the unit's line item")["id"]
            .as_str()
            .unwrap()
            .rsplit('/')
            .next()
            .unwrap()
            .to_string();
        let unit_scores: Vec<&Value> = book
            .scores
            .iter()
            .filter(|(item, _, _)| *item == unit_line)
            .map(|(_, _, v)| v)
            .collect();
        assert_eq!(unit_scores.len(), unit.lessons.len());
        let first = unit_scores[0];
        if unit.lessons.len() > 1 {
            assert_eq!(first["activityProgress"], "InProgress");
            assert_eq!(first["gradingProgress"], "Pending");
        }
        let done = unit_scores.last().unwrap();
        assert_eq!(done["scoreGiven"], 100.0);
        assert_eq!(done["activityProgress"], "Completed");
        assert_eq!(done["gradingProgress"], "FullyGraded");
        let n = unit.lessons.len();
        assert_eq!(done["comment"], format!("{n} dari {n} pelajaran selesai."));
    }
);

/// A launch post with extra form fields and the browser's fetch metadata.
async fn launch_with(app: &TestApp, fields: &[(&str, &str)], fetch_site: &str, cookie: &str) -> Reply {
    let body = serde_urlencoded::to_string(fields).unwrap();
    let mut req = Request::post("/lti/launch")
        .header(header::HOST, "127.0.0.1:3000")
        .header("sec-fetch-site", fetch_site)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if !cookie.is_empty() {
        req = req.header(header::COOKIE, cookie);
    }
    app.send(req.body(Body::from(body)).unwrap()).await
}

both_backends!(
    without_cookies_the_platforms_storage_binds_the_state,
    async |app: &TestApp| {
        let sim = registered(app).await;
        // The platform offers its storage: the login page puts the state there first.
        let query = serde_urlencoded::to_string([
            ("iss", sim.base.as_str()),
            ("login_hint", "user-hint"),
            ("target_link_uri", "http://127.0.0.1:3000/lti/launch"),
            ("client_id", CLIENT_ID),
            ("lti_storage_target", "_parent"),
        ])
        .unwrap();
        let r = app
            .send(
                Request::get(format!("/lti/login?{query}"))
                    .header(header::HOST, "127.0.0.1:3000")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "a page, not a redirect: {r:?}");
        assert!(r.body.contains(r#"data-mode="put""#), "{}", r.body);
        assert!(
            r.body.contains(&format!(r#"data-origin="{}""#, sim.base)),
            "{}",
            r.body
        );
        assert!(r.body.contains(r#"data-target="_parent""#));
        assert!(r.body.contains("/lti/storage.js"));
        let state = r
            .body
            .split(r#"data-state=""#)
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_string();
        assert!(
            r.set_cookie(&format!("lti_state_{state}")).is_some(),
            "the cookie is set too"
        );
        let nonce = app::entities::lti_login::Entity::find()
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .nonce;
        let token = sim.sign(&sim.claims(&nonce, "s-9", "Peserta Tanpa Cookie", &[LEARNER]));
        let first = [
            ("id_token", token.as_str()),
            ("state", state.as_str()),
            ("lti_storage_target", "_parent"),
        ];

        // No cookie came back: a page that reads the state back from the platform.
        let r = launch_with(app, &first, "cross-site", "").await;
        assert_eq!(r.status, StatusCode::OK, "{r:?}");
        assert!(r.body.contains(r#"data-mode="get""#), "{}", r.body);
        assert!(r.body.contains(&format!(r#"name="id_token" value="{token}""#)));
        assert!(r.body.contains(r#"name="storage" value="1""#));
        assert!(
            r.set_cookie(app::auth::store::SESSION_COOKIE).is_none(),
            "nobody signed in yet"
        );

        // Someone else's site posting "checked" is not our page: refused,
        // nobody signed in, and the login is still there for the real check.
        let mut checked = first.to_vec();
        checked.push(("storage", "1"));
        refused_with(&launch_with(app, &checked, "cross-site", "").await, "state");
        refused_with(&launch_with(app, &checked, "same-site", "").await, "state");

        // Our page's second post, after the storage held the state: the launch goes through once.
        let r = launch_with(app, &checked, "same-origin", "").await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert!(r.set_cookie(app::auth::store::SESSION_COOKIE).is_some());
        assert!(
            r.body.contains("/lti/enter?code="),
            "the one-time link for a new tab"
        );
        refused_with(&launch_with(app, &checked, "same-origin", "").await, "state_used");
        // A state that is no pending login gets no check page.
        let mut unknown = first.to_vec();
        unknown[1] = ("state", "not-a-login");
        refused_with(&launch_with(app, &unknown, "cross-site", "").await, "state");
    }
);
