//! xAPI statements to a Learning Record Store, on SQLite and PostgreSQL: an
//! LRS inside the test process (its statements resource on a local port)
//! receives each scenario decision, the finished attempt with its decision
//! grade, a lesson read and a released reflection result, through the
//! outbox: nothing is queued without an LRS, a failing LRS delays and loses
//! nothing, and a statement sent again is not stored twice.
use crate::common::*;
use app::auth::model::Role;
use app::auth::policy::Membership;
use app::entities::lti_outbox;
use app::lms::outbox;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::put;
use axum::Router;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The LRS's store: statements by id, each PUT as (authorization, version
/// header, id), and how many PUTs to refuse next.
#[derive(Default)]
struct Store {
    statements: Vec<Value>,
    puts: Vec<(String, String, String)>,
    fail_next: usize,
}

type Shared = Arc<Mutex<Store>>;

async fn put_statement(
    State(store): State<Shared>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
    body: String,
) -> StatusCode {
    let mut s = store.lock().unwrap();
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    let id = q.get("statementId").cloned().unwrap_or_default();
    s.puts.push((
        header("authorization"),
        header("x-experience-api-version"),
        id.clone(),
    ));
    if s.fail_next > 0 {
        s.fail_next -= 1;
        return StatusCode::SERVICE_UNAVAILABLE;
    }
    let Ok(statement) = serde_json::from_str::<Value>(&body) else {
        return StatusCode::BAD_REQUEST;
    };
    if statement["id"] != id.as_str() {
        return StatusCode::BAD_REQUEST;
    }
    // xAPI 1.0.3: a statement is immutable; the same one again is fine.
    match s.statements.iter().find(|st| st["id"] == id.as_str()) {
        Some(same) if *same == statement => StatusCode::NO_CONTENT,
        Some(_) => StatusCode::CONFLICT,
        None => {
            s.statements.push(statement);
            StatusCode::NO_CONTENT
        }
    }
}

async fn lrs_on_a_local_port() -> (String, Shared) {
    let store = Shared::default();
    let router = Router::new()
        .route("/xapi/statements", put(put_statement))
        .with_state(store.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/xapi", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await.ok() });
    (url, store)
}

/// The LRS setting is one per process: the two backends' tests take turns.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
const BASE: &str = "https://sinergi.test";

async fn xapi_rows(app: &TestApp) -> Vec<lti_outbox::Model> {
    lti_outbox::Entity::find()
        .filter(lti_outbox::Column::Kind.eq(outbox::XAPI))
        .all(&app.db)
        .await
        .unwrap()
}

fn ok(r: &Reply) {
    assert!(r.status.is_success() || r.status.is_redirection(), "{r:?}");
}

both_backends!(
    decisions_lessons_and_results_reach_the_lrs_through_the_outbox,
    async |app: &TestApp| {
        let _turn = ONE_AT_A_TIME.lock().await;
        app.load_shipped().await;
        let class = app.class("Kelas xAPI").await;
        let f = app.user("Fasilitator xAPI", &[Role::Facilitator]).await;
        app.enrol(f, class, Membership::Facilitator).await;
        let p = app.user("Peserta xAPI", &[Role::Participant]).await;
        app.enrol(p, class, Membership::Participant).await;
        let e = app.user("Penilai xAPI", &[Role::Evaluator]).await;
        app.enrol(e, class, Membership::Evaluator).await;
        let (facilitator, participant, evaluator) =
            (app.session(f).await, app.session(p).await, app.session(e).await);
        let lesson_done = |lesson: &str| [("class_id", class.to_string()), ("lesson", lesson.to_string())];
        let unit = &app::curriculum::store::shipped().unwrap().units[0];

        // Without an LRS nothing is queued.
        app::lms::xapi::configure(None);
        ok(&app
            .call(
                &participant,
                "/api/complete_lesson",
                &lesson_done(&unit.lessons[0].key),
            )
            .await);
        assert!(xapi_rows(app).await.is_empty());

        let (url, lrs) = lrs_on_a_local_port().await;
        let settings = app::lms::domain::xapi::lrs(&url, "kunci-lrs", "rahasia-lrs", BASE).unwrap();
        app::lms::xapi::configure(Some(settings));

        // A scenario played to its ending: one statement per decision, then
        // the finished attempt with its decision grade, in the step's transaction.
        let window =
            app::scenarios::assign::Window::parse(app::calendar::Zone::Wib, "2026-01-01", "", 0).unwrap();
        let assignment = app::scenarios::assign::assign(&app.db, class, "aplikasi-laporan", window)
            .await
            .unwrap();
        play_with_reflection(app, &participant, class, assignment, "Saya akan mendengar dulu.").await;
        let attempt = app::entities::scenario_attempt::Entity::find()
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let s = app::scenarios::store::version(&app.db, attempt.version_id)
            .await
            .unwrap();
        let steps: Vec<_> = app::scenarios::store::play::steps_of(&app.db, attempt.id)
            .await
            .unwrap()
            .iter()
            .map(app::scenarios::store::play::as_step)
            .collect();
        let chosen: Vec<String> = steps
            .iter()
            .filter_map(|st| match &st.answer {
                app::scenarios::domain::engine::Answer::Choose(k) => Some(k.clone()),
                _ => None,
            })
            .collect();
        assert!(!chosen.is_empty());
        assert_eq!(
            xapi_rows(app).await.len(),
            chosen.len() + 1,
            "decisions and the finish"
        );
        let grade = app::scenarios::domain::grade::decision_percent(&s, &steps);

        // A lesson read, twice: one statement.
        let lesson = &unit.lessons[1 % unit.lessons.len()];
        for _ in 0..2 {
            ok(&app
                .call(&participant, "/api/complete_lesson", &lesson_done(&lesson.key))
                .await);
        }
        assert_eq!(xapi_rows(app).await.len(), chosen.len() + 2);

        // The reflection scored and released.
        let template = app::rubrics::templates::find("refleksi-empati").unwrap();
        let rubric =
            app::rubrics::store::create(&app.db, class, f, template.rubric(app::i18n::Locale::Id), None)
                .await
                .unwrap()
                .unwrap();
        let target = |mut v: Vec<(&'static str, String)>| {
            v.extend([
                ("class_id", class.to_string()),
                ("task", assignment.to_string()),
                ("kind", "reflection".to_string()),
            ]);
            v
        };
        let evaluation = target(vec![
            ("rubric", rubric.to_string()),
            ("combine", "mean".into()),
            ("level_gap", "1".into()),
            ("share_gap", "".into()),
        ]);
        ok(&app.call(&facilitator, "/api/set_evaluation", &evaluation).await);
        let to_evaluator = target(vec![
            ("subject", p.to_string()),
            ("evaluator", e.to_string()),
            ("role", "coach".into()),
            ("weight", "1".into()),
        ]);
        ok(&app
            .call(&facilitator, "/api/assign_evaluator", &to_evaluator)
            .await);
        let base = target(vec![("subject", p.to_string())])
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        let form = scored_with("refleksi-empati", base, 1, 1, true);
        let fields: Vec<(&str, String)> = form.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
        ok(&app.call(&evaluator, "/api/save_score", &fields).await);
        let release = target(vec![("release", "true".into())]);
        ok(&app.call(&facilitator, "/api/evaluation_flags", &release).await);
        ok(&app.call(&facilitator, "/api/evaluation_flags", &release).await); // again: nothing new
        let queued = xapi_rows(app).await;
        assert_eq!(queued.len(), chosen.len() + 3);
        assert!(lrs.lock().unwrap().puts.is_empty(), "nothing is sent inline");

        // The LRS fails once: that statement waits with a backoff; the rest
        // go. Two servers' workers run at the same moment: each row is sent by
        // one of them only (the count of puts below would show a second send).
        lrs.lock().unwrap().fail_next = 1;
        let (one, other) = tokio::join!(outbox::run_due(&app.state), outbox::run_due(&app.state));
        assert_eq!(one.unwrap() + other.unwrap(), queued.len() - 1);
        let waiting = xapi_rows(app)
            .await
            .into_iter()
            .find(|r| r.status == outbox::PENDING)
            .unwrap();
        assert_eq!(waiting.last_error, "lrs: HTTP 503");
        let mut due: lti_outbox::ActiveModel = waiting.into();
        due.next_at = Set(chrono::Utc::now());
        due.update(&app.db).await.unwrap();
        assert_eq!(outbox::run_due(&app.state).await.unwrap(), 1);

        // An answer lost on the way back: the same statement is sent again
        // and the LRS still holds it once.
        let first = xapi_rows(app).await.remove(0);
        let mut again: lti_outbox::ActiveModel = first.into();
        again.status = Set(outbox::PENDING.into());
        again.update(&app.db).await.unwrap();
        assert_eq!(outbox::run_due(&app.state).await.unwrap(), 1);

        let (puts, all) = {
            let store = lrs.lock().unwrap();
            (store.puts.clone(), store.statements.clone())
        };
        assert_eq!(puts.len(), queued.len() + 2);
        assert!(puts.iter().all(|(auth, version, _)| {
            use base64::Engine;
            let basic = base64::engine::general_purpose::STANDARD.encode("kunci-lrs:rahasia-lrs");
            *auth == format!("Basic {basic}") && version == "1.0.3"
        }));
        assert_eq!(all.len(), queued.len(), "each statement stored once");
        let page = |path: &str| format!("{BASE}/classes/{class}{path}");
        for st in &all {
            assert_eq!(st["actor"]["account"]["homePage"], BASE);
            assert_eq!(st["actor"]["account"]["name"], p.to_string());
            assert_eq!(st["actor"]["name"], "Peserta xAPI");
            assert_eq!(st["context"]["contextActivities"]["grouping"][0]["id"], page(""));
        }
        let by_verb = |verb: &str| -> Vec<&Value> {
            all.iter()
                .filter(|st| st["verb"]["id"] == format!("http://adlnet.gov/expapi/verbs/{verb}"))
                .collect()
        };
        let scenario_page = page(&format!("/scenarios/{assignment}"));
        let mut answered = by_verb("answered");
        // The LRS got them out of order (one waited after a failure).
        answered.sort_by_key(|st| {
            chrono::DateTime::parse_from_rfc3339(st["timestamp"].as_str().unwrap()).unwrap()
        });
        let responses: Vec<&str> = answered
            .iter()
            .map(|st| st["result"]["response"].as_str().unwrap())
            .collect();
        assert_eq!(responses, chosen, "each decision, in the order made");
        assert!(answered.iter().all(|st| {
            st["context"]["contextActivities"]["parent"][0]["id"] == scenario_page.as_str()
                && st["object"]["definition"]["interactionType"] == "choice"
                && st["object"]["id"]
                    .as_str()
                    .unwrap()
                    .starts_with(&format!("{scenario_page}#"))
        }));
        let completed = by_verb("completed");
        let finished = completed
            .iter()
            .find(|st| st["object"]["id"] == scenario_page.as_str())
            .expect("the finished attempt");
        assert_eq!(finished["result"]["completion"], true);
        assert_eq!(finished["result"]["response"], attempt.ending.clone().unwrap());
        match grade {
            Some(g) => assert!((finished["result"]["score"]["raw"].as_f64().unwrap() - g).abs() < 0.01),
            None => assert!(finished["result"].get("score").is_none()),
        }
        let read = completed
            .iter()
            .find(|st| st["object"]["id"] == page(&format!("/learn/{}", lesson.key)))
            .expect("the lesson read");
        assert_eq!(
            read["object"]["definition"]["type"],
            "http://adlnet.gov/expapi/activities/lesson"
        );
        assert_eq!(
            read["context"]["contextActivities"]["parent"][0]["id"],
            page(&format!("/learn#{}", unit.key))
        );
        let scored = by_verb("scored");
        assert_eq!(scored.len(), 1);
        let report = reflection_results(app, class, assignment).await;
        let result = &report.reports[0];
        assert_eq!(
            scored[0]["object"]["id"],
            page(&format!("/scenarios/{assignment}/reflection"))
        );
        let raw = scored[0]["result"]["score"]["raw"].as_f64().unwrap();
        assert!((raw - result.final_total.unwrap()).abs() < 0.01, "{raw}");
        assert_eq!(scored[0]["result"]["response"], result.predicate.clone().unwrap());

        // The admin sees where statements go and how many were sent.
        let admin = app.user("Admin xAPI", &[Role::Admin]).await;
        let admin = app.session(admin).await;
        let page = app.get(&admin, "/admin/lti").await.body;
        assert!(
            page.contains(&format!("Pernyataan xAPI dikirim ke {url}/")),
            "{page}"
        );
        assert!(
            page.contains(&format!("Terkirim {} · menunggu 0", queued.len())),
            "{page}"
        );
        assert_eq!(
            lti_outbox::Entity::find()
                .filter(lti_outbox::Column::Kind.eq(outbox::SCORE))
                .count(&app.db)
                .await
                .unwrap(),
            0,
            "a class without an LMS queues no grades"
        );
        app::lms::xapi::configure(None);
    }
);
