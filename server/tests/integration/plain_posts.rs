//! Plain (no-JavaScript) form posts: where the browser lands, and what the
//! page it lands on tells. Issue 22: the outcome travels in a short-lived
//! cookie, not in the address bar; it is told once; a failed login keeps the
//! NIP typed (never the password).
use crate::common::*;
use app::auth::model::Role;
use app::auth::policy::Membership;
use app::curriculum::store;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};

/// A plain form post of `fields` from the page `referer`: its status, where
/// the browser is sent, and the outcome cookie's value (empty when none).
async fn plain_post(
    app: &TestApp,
    client: &Client,
    path: &str,
    fields: &[(&str, &str)],
    referer: &str,
) -> (StatusCode, String, String) {
    let mut all = vec![("csrf", client.csrf.as_str())];
    all.extend_from_slice(fields);
    let req = Request::post(path)
        .header(header::COOKIE, &client.cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header(header::REFERER, referer)
        .body(Body::from(serde_urlencoded::to_string(all).unwrap()))
        .unwrap();
    let res = app.send(req).await;
    let location = res
        .headers
        .get(header::LOCATION)
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_default();
    let flash = res
        .set_cookie("sinergi_outcome")
        .map(|c| {
            c["sinergi_outcome=".len()..]
                .split(';')
                .next()
                .unwrap_or_default()
                .to_string()
        })
        .unwrap_or_default();
    (res.status, location, flash)
}

/// The page the browser lands on, with the outcome cookie it was given.
async fn land(app: &TestApp, client: &Client, location: &str, flash: &str) -> Reply {
    let path = location.trim_start_matches("http://127.0.0.1:3000");
    let path = path.split('#').next().unwrap();
    let cookie = if flash.is_empty() {
        client.cookie.clone()
    } else {
        format!("{}; sinergi_outcome={flash}", client.cookie)
    };
    let req = Request::get(path)
        .header(header::COOKIE, cookie)
        .header(header::ACCEPT, "text/html")
        .body(Body::empty())
        .unwrap();
    app.send(req).await
}

both_backends!(
    without_js_a_release_error_shows_under_its_own_unit_only,
    async |app: &TestApp| {
        store::load_shipped_if_empty(&app.db).await.unwrap();
        let class = app.class("Kelas Tanpa JS").await;
        let f = app.user("Fasilitator Tanpa JS", &[Role::Facilitator]).await;
        app.enrol(f, class, Membership::Facilitator).await;
        let fc = app.session(f).await;
        let units_page = format!("http://127.0.0.1:3000/classes/{class}/learn");
        let unit = store::shipped().unwrap().units[1].key.clone();
        let slot = format!("release-{unit}-error-slot");
        let class_id = class.to_string();
        let release = |opens_on: &'static str| {
            [
                ("__slot", slot.as_str()),
                ("class_id", class_id.as_str()),
                ("unit", unit.as_str()),
                ("mode", "date"),
                ("opens_on", opens_on),
            ]
        };
        // A date release without a date: back to the form's slot (`#slot`:
        // the browser scrolls there, not to the top), the address clean.
        let (status, location, flash) =
            plain_post(app, &fc, "/api/set_release", &release(""), &units_page).await;
        assert!(status.is_redirection(), "{status}");
        assert_eq!(
            location,
            format!("{units_page}#{slot}"),
            "no encoded error in the address"
        );
        assert!(
            flash.starts_with("__path=") && flash.contains("set_release&__err="),
            "{flash}"
        );
        assert!(flash.ends_with(&format!("&__slot={slot}")), "{flash}");
        let page = land(app, &fc, &location, &flash).await;
        assert_eq!(
            page.body.matches("Wajib diisi.").count(),
            1,
            "the error shows under one unit"
        );
        let cleared = page.set_cookie("sinergi_outcome").expect("the outcome is taken");
        assert!(cleared.contains("Max-Age=0"), "{cleared}");
        let again = land(app, &fc, &location, "").await;
        assert!(
            !again.body.contains("Wajib diisi."),
            "a reload does not tell it again"
        );

        // Corrected and sent again from the page that showed the error: the
        // answer comes back to the same slot with the outcome.
        let (status, location, flash) =
            plain_post(app, &fc, "/api/set_release", &release("2027-01-15"), &location).await;
        assert!(status.is_redirection(), "{status}");
        assert_eq!(location, format!("{units_page}#{slot}"));
        assert_eq!(flash, format!("__done={slot}"));
        let page = land(app, &fc, &location, &flash).await.body;
        assert!(!page.contains("Wajib diisi."), "the old error is not shown again");
        let at = page
            .find(&format!(r#"<p id="{slot}""#))
            .expect("the slot is on the page");
        let tag = &page[at..at + page[at..].find('>').unwrap()];
        assert!(
            tag.contains(r#"class="outcome-ok""#) && tag.contains(r#"role="status""#),
            "{tag}"
        );
        assert_eq!(
            page.matches("outcome-ok").count(),
            1,
            "the outcome shows in this unit's slot only"
        );
        assert!(
            page.contains(&format!(r#"data-outcome="__done={slot}""#)),
            "handed to the browser for hydrating"
        );
    }
);

both_backends!(
    without_js_a_wrong_password_keeps_the_nip,
    async |app: &TestApp| {
        let id = app.user("Sari Lupa", &[Role::Participant]).await;
        let nip = app::seed::demo_nip("19620814", 1, 7);
        let stored = nip.clone();
        app.edit_user(id, |u| u.nip = sea_orm::ActiveValue::Set(Some(stored)))
            .await;
        let anon = app.anonymous();
        let login = "http://127.0.0.1:3000/login";
        let fields = [
            ("__keep", "identifier"),
            ("identifier", nip.as_str()),
            ("password", "salah-sekali-123"),
            ("next", ""),
        ];
        let (status, location, flash) = plain_post(app, &anon, "/api/login", &fields, login).await;
        assert!(status.is_redirection(), "{status}");
        assert_eq!(location, login, "no encoded error in the address");
        assert!(flash.contains("__err="), "{flash}");
        assert!(!flash.contains("salah-sekali"), "the password never travels back");
        let page = land(app, &anon, &location, &flash).await.body;
        assert!(
            page.contains(&format!(r#"value="{nip}""#)),
            "the NIP is still typed"
        );
        assert!(page.contains(r#"role="alert""#), "and the error is shown");
    }
);
