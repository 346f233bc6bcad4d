//! LTI launch provisioning and roster sync, raced across the two servers.
//! The platform simulator runs in this process; both servers reach it over
//! HTTP. Requests carry `Host: 127.0.0.1:3000`, the address the simulator's
//! launches name as their target.
use super::harness::{at_once, cookie_of, Ans, Browser, Findings, Servers};
use crate::common::TestApp;
use crate::lti_sim::{Platform, CLIENT_ID, INSTRUCTOR, LEARNER};
use app::auth::store::SESSION_COOKIE;
use app::entities::{class_member, lti_account, lti_context, lti_platform};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::Arc;

const HOST: &str = "127.0.0.1:3000";

struct Login {
    state: String,
    nonce: String,
    cookie: String,
}

async fn registered(app: &TestApp) -> (Platform, i64) {
    let sim = Platform::start().await;
    app::lti::store::register(&app.db, sim.registration())
        .await
        .unwrap();
    let id = lti_platform::Entity::find()
        .filter(lti_platform::Column::Issuer.eq(sim.base.clone()))
        .one(&app.db)
        .await
        .unwrap()
        .expect("platform")
        .id;
    (sim, id)
}

/// The platform's login initiation, on `server`.
async fn login(s: &Servers, server: usize, sim: &Platform) -> Result<Login, String> {
    let query = serde_urlencoded::to_string([
        ("iss", sim.base.as_str()),
        ("login_hint", "user-hint"),
        ("target_link_uri", "http://127.0.0.1:3000/lti/launch"),
        ("client_id", CLIENT_ID),
        ("lti_message_hint", "msg-hint"),
    ])
    .unwrap();
    let r = s
        .http
        .get(format!("{}/lti/login?{query}", s.bases[server]))
        .header("Host", HOST)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let location = r
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| format!("login answered {} without a redirect", r.status()))?
        .to_string();
    let (_, query) = location.split_once('?').ok_or("no query")?;
    let params: Vec<(String, String)> = serde_urlencoded::from_str(query).map_err(|e| e.to_string())?;
    let get = |k: &str| {
        params
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let state = get("state");
    cookie_of(r.headers(), &format!("lti_state_{state}")).ok_or("no state cookie")?;
    Ok(Login {
        nonce: get("nonce"),
        cookie: format!("lti_state_{state}=1"),
        state,
    })
}

/// The platform's auto-submitted launch form, on `server`.
async fn launch(s: &Servers, server: usize, token: &str, l: &Login) -> (Ans, Option<String>) {
    let body = serde_urlencoded::to_string([("id_token", token), ("state", l.state.as_str())]).unwrap();
    let r = s
        .http
        .post(format!("{}/lti/launch", s.bases[server]))
        .header("Host", HOST)
        .header("Origin", "http://lms.example")
        .header("sec-fetch-site", "cross-site")
        .header("Cookie", &l.cookie)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await;
    let session = r
        .as_ref()
        .ok()
        .and_then(|r| cookie_of(r.headers(), SESSION_COOKIE));
    (Ans::of(r, server, "/lti/launch").await, session)
}

async fn members_of(app: &TestApp, class: i64) -> Vec<class_member::Model> {
    class_member::Entity::find()
        .filter(class_member::Column::ClassId.eq(class))
        .all(&app.db)
        .await
        .unwrap()
}

/// Accounts per LMS user of `platform`.
async fn accounts(app: &TestApp, platform: i64) -> BTreeMap<String, Vec<i64>> {
    let mut out: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for a in lti_account::Entity::find()
        .filter(lti_account::Column::PlatformId.eq(platform))
        .all(&app.db)
        .await
        .unwrap()
    {
        out.entry(a.sub).or_default().push(a.user_id);
    }
    out
}

/// A course's first launches all at once: an instructor and 15 learners,
/// four of them launching twice (two tabs), alternating servers (and half
/// of the launches on the server the login did not go to). One class for
/// the course, one account per LMS user, one membership per person.
pub async fn launch_provisioning(app: Arc<TestApp>, s: Arc<Servers>) -> Findings {
    let mut fx = Findings::default();
    let (sim, platform) = registered(&app).await;
    let sim = Arc::new(sim);
    // (sub, name, role)
    let mut who: Vec<(String, String, &str)> = vec![("dosen-1".into(), "Dra. Marlina".into(), INSTRUCTOR)];
    for i in 0..15 {
        who.push((format!("siswa-{i}"), format!("Peserta LMS {i}"), LEARNER));
    }
    for i in 0..4 {
        who.push((format!("siswa-{i}"), format!("Peserta LMS {i}"), LEARNER));
    }
    let mut logins = Vec::new();
    for (i, _) in who.iter().enumerate() {
        match login(&s, i % 2, &sim).await {
            Ok(l) => logins.push(l),
            Err(e) => {
                fx.check(false, || format!("setup: /lti/login failed: {e}"));
                return fx;
            }
        }
    }
    let tokens: Vec<String> = who
        .iter()
        .zip(&logins)
        .map(|((sub, name, role), l)| sim.sign(&sim.claims(&l.nonce, sub, name, &[role])))
        .collect();
    let (logins, tokens) = (Arc::new(logins), Arc::new(tokens));
    let answers = at_once(who.len(), |i| {
        let (s, logins, tokens) = (s.clone(), logins.clone(), tokens.clone());
        // Odd launches go to the other server than their login did.
        let server = if i % 4 < 2 { i % 2 } else { (i + 1) % 2 };
        async move { launch(&s, server, &tokens[i], &logins[i]).await.0 }
    })
    .await;
    fx.answers(&format!("/lti/launch x{} at once", who.len()), &answers);
    for (i, a) in answers.iter().enumerate() {
        if a.status == 400 {
            let code = a
                .body
                .split("data-code=\"")
                .nth(1)
                .and_then(|r| r.split('"').next());
            fx.check(false, || {
                format!("launch {i} ({}) refused: code {code:?}", who[i].0)
            });
        }
    }
    let contexts = lti_context::Entity::find()
        .filter(lti_context::Column::PlatformId.eq(platform))
        .all(&app.db)
        .await
        .unwrap();
    fx.check(contexts.len() == 1, || {
        format!(
            "{} class links for one course (duplicate classes)",
            contexts.len()
        )
    });
    let accounts = accounts(&app, platform).await;
    let doubled: Vec<_> = accounts.iter().filter(|(_, v)| v.len() != 1).collect();
    fx.check(doubled.is_empty(), || {
        format!("LMS users with several accounts: {doubled:?}")
    });
    let acked_subs: std::collections::BTreeSet<&str> = who
        .iter()
        .zip(&answers)
        .filter(|(_, a)| a.ok())
        .map(|((sub, ..), _)| sub.as_str())
        .collect();
    for sub in &acked_subs {
        fx.check(accounts.contains_key(*sub), || {
            format!("{sub} launched (200) but has no account")
        });
    }
    if let Some(c) = contexts.first() {
        let members = members_of(&app, c.class_id).await;
        let mut per_user: BTreeMap<i64, usize> = BTreeMap::new();
        for m in &members {
            *per_user.entry(m.user_id).or_default() += 1;
        }
        fx.check(per_user.values().all(|n| *n == 1), || {
            "a person is a member twice".into()
        });
        for sub in &acked_subs {
            let user = accounts.get(*sub).and_then(|v| v.first());
            fx.check(user.is_some_and(|u| per_user.contains_key(u)), || {
                format!("{sub} launched (200) but is not a member of the class")
            });
        }
        fx.note(format!("{} members, {} accounts", members.len(), accounts.len()));
    }
    fx
}

fn member(sub: &str, name: &str, role: &str, status: &str) -> Value {
    json!({"user_id": sub, "name": name, "roles": [role], "status": status})
}

/// The course's roster (20 learners) is synced by the instructor on both
/// servers at once, twice each; then again after five learners left. The
/// class holds exactly the active roster, once each; one account per LMS user.
pub async fn roster_sync(app: Arc<TestApp>, s: Arc<Servers>) -> Findings {
    let mut fx = Findings::default();
    let (sim, platform) = registered(&app).await;
    let l = login(&s, 0, &sim).await.expect("lti login");
    let token = sim.sign(&sim.claims_with_services(&l.nonce, "dosen-1", "Dra. Marlina", &[INSTRUCTOR]));
    let (a, session) = launch(&s, 0, &token, &l).await;
    assert!(a.status == 200, "instructor launch: {}", a.short());
    let cookie = format!("{SESSION_COOKIE}={}", session.expect("session cookie"));
    let r = s
        .http
        .get(format!("{}/api/session", s.bases[0]))
        .header("Accept", "application/json")
        .header("Cookie", &cookie)
        .send()
        .await
        .unwrap();
    let v: Value = r.json().await.unwrap();
    let instructor = Browser {
        cookie,
        csrf: v["csrf"].as_str().expect("csrf").to_string(),
    };
    let class = lti_context::Entity::find()
        .filter(lti_context::Column::PlatformId.eq(platform))
        .one(&app.db)
        .await
        .unwrap()
        .expect("class link")
        .class_id;
    let roster = |left: usize| {
        let mut v = vec![member("dosen-1", "Dra. Marlina", INSTRUCTOR, "Active")];
        for i in 0..20 {
            let status = if i < left { "Inactive" } else { "Active" };
            v.push(member(
                &format!("siswa-{i}"),
                &format!("Peserta Roster {i}"),
                LEARNER,
                status,
            ));
        }
        v
    };
    let mut all = Vec::new();
    for left in [0usize, 5] {
        *sim.roster.lock().unwrap() = Some(roster(left));
        let answers = at_once(4, |i| {
            let (s, b) = (s.clone(), instructor.clone());
            let fields = vec![("class_id".to_string(), class.to_string())];
            async move { s.call(&b, i % 2, "/api/sync_lti_roster", &fields).await }
        })
        .await;
        let members = members_of(&app, class).await;
        let accounts = accounts(&app, platform).await;
        let doubled: Vec<_> = accounts.iter().filter(|(_, v)| v.len() != 1).collect();
        fx.check(doubled.is_empty(), || {
            format!("after {left} left: LMS users with several accounts: {doubled:?}")
        });
        let want = 1 + 20 - left;
        fx.check(members.len() == want && answers.iter().any(Ans::ok), || {
            format!(
                "after {left} left: {} members (want {want}); answers {:?}",
                members.len(),
                answers.iter().map(Ans::short).collect::<Vec<_>>()
            )
        });
        all.extend(answers);
    }
    fx.answers("sync_lti_roster x4 at once, twice", &all);
    fx
}
