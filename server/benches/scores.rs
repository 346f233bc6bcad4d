//! make bench: 500 evaluators scoring at once, through the real router
//! (sessions, CSRF, the server fn, the transaction), on SQLite and
//! PostgreSQL. Each evaluator autosaves a draft about once a second for a
//! while, as the scoring page does, then submits; afterwards every score
//! must be in the database, submitted, with its audit row (nothing lost).
//! Then the same on a second task with no pauses: the most it sustains.
//! Requests are driven in-process (`oneshot`), so the figures leave out the
//! TCP stack but include everything the server does.
#[path = "../tests/common/mod.rs"]
#[allow(unused_macros, unused_imports)]
mod common;

use app::auth::model::Role;
use app::auth::policy::Membership;
use app::entities::{score, score_audit};
use app::i18n::Locale;
use common::{Backend, Client, TestApp};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::sync::Arc;
use std::time::{Duration, Instant};

const EVALUATORS: usize = 500;
const PARTICIPANTS: usize = 50;
/// Drafts each evaluator saves before submitting.
const DRAFTS: usize = 5;
const PAUSE: Duration = Duration::from_millis(1000);

struct World {
    class: i64,
    task: i64,
    facilitator: Client,
    rubric: i64,
    teams: Vec<i64>,
    evaluators: Vec<Client>,
    evaluator_ids: Vec<i64>,
    criteria: Vec<u32>,
}

async fn world(app: &TestApp) -> World {
    let class = app.class("Kelas Bench").await;
    let f = app.user("Fasilitator Bench", &[Role::Facilitator]).await;
    app.enrol(f, class, Membership::Facilitator).await;
    let facilitator = app.session(f).await;
    for i in 0..PARTICIPANTS {
        let p = app
            .user(&format!("Peserta Bench {i}"), &[Role::Participant])
            .await;
        app.enrol(p, class, Membership::Participant).await;
    }
    let form = [
        ("class_id", class.to_string()),
        ("mode", "size".into()),
        ("n", "5".into()),
        ("w_mix", "1".into()),
        ("w_isolation", "1".into()),
        ("w_units", "1".into()),
        ("w_level", "1".into()),
        ("w_skill", "1".into()),
    ];
    assert!(app
        .call(&facilitator, "/api/form_class_teams", &form)
        .await
        .status
        .is_success());
    let publish = [("class_id", class.to_string())];
    assert!(app
        .call(&facilitator, "/api/publish_teams", &publish)
        .await
        .status
        .is_success());
    let teams: Vec<i64> = app::entities::team::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.id)
        .collect();
    let template = app::rubrics::templates::find("kolaborasi-tim").unwrap();
    let body = template.rubric(Locale::Id).clone();
    let rubric = app::rubrics::store::create(&app.db, class, f, &body, None)
        .await
        .unwrap()
        .unwrap();
    let task = scored_task(app, class, &facilitator, rubric).await;
    let mut evaluators = Vec::with_capacity(EVALUATORS);
    let mut evaluator_ids = Vec::with_capacity(EVALUATORS);
    for i in 0..EVALUATORS {
        let e = app.user(&format!("Penilai Bench {i}"), &[Role::Evaluator]).await;
        app.enrol(e, class, Membership::Evaluator).await;
        let assign = [
            ("class_id", class.to_string()),
            ("task", task.to_string()),
            ("subject", "0".into()),
            ("evaluator", e.to_string()),
            ("role", "coach".into()),
            ("weight", "1".into()),
        ];
        assert!(app
            .call(&facilitator, "/api/assign_evaluator", &assign)
            .await
            .status
            .is_success());
        evaluators.push(app.session(e).await);
        evaluator_ids.push(e);
    }
    World {
        class,
        task,
        facilitator,
        rubric,
        teams,
        evaluators,
        evaluator_ids,
        criteria: body.criteria.iter().map(|c| c.levels[1].max).collect(),
    }
}

/// A team task of the class, scored with `rubric` (no evaluators assigned yet).
async fn scored_task(app: &TestApp, class: i64, facilitator: &Client, rubric: i64) -> i64 {
    let task = app::tasks::store::create(
        &app.db,
        class,
        app::tasks::store::NewTask {
            title: "Tugas bench".into(),
            brief: String::new(),
            due_at: chrono::Utc::now(),
            policy: app::teams::domain::submissions::LatePolicy::Accepted,
            rubric_id: None,
        },
    )
    .await
    .unwrap();
    let settings = [
        ("class_id", class.to_string()),
        ("task", task.to_string()),
        ("rubric", rubric.to_string()),
        ("combine", "mean".into()),
        ("level_gap", "1".into()),
        ("share_gap", "15".into()),
    ];
    assert!(app
        .call(facilitator, "/api/set_evaluation", &settings)
        .await
        .status
        .is_success());
    task
}

async fn assign_all(app: &TestApp, w: &World, task: i64) {
    for id in &w.evaluator_ids {
        let assign = [
            ("class_id", w.class.to_string()),
            ("task", task.to_string()),
            ("subject", "0".into()),
            ("evaluator", id.to_string()),
            ("role", "coach".into()),
            ("weight", "1".into()),
        ];
        assert!(app
            .call(&w.facilitator, "/api/assign_evaluator", &assign)
            .await
            .status
            .is_success());
    }
}

fn fields(w: &World, task: i64, team: i64, revision: i64, lock: bool) -> Vec<(String, String)> {
    let mut f = vec![
        ("class_id".to_string(), w.class.to_string()),
        ("task".into(), task.to_string()),
        ("subject".into(), team.to_string()),
        ("revision".into(), revision.to_string()),
        ("overall".into(), "Tim bekerja dengan baik.".into()),
    ];
    for (i, points) in w.criteria.iter().enumerate() {
        f.push((format!("c[{i}][level]"), "1".into()));
        f.push((format!("c[{i}][points]"), points.to_string()));
        f.push((
            format!("c[{i}][comment]"),
            format!("Catatan kriteria {i}, simpanan {revision}."),
        ));
    }
    if lock {
        f.push(("lock".into(), "1".into()));
    }
    f
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn report(label: &str, mut latencies: Vec<Duration>, elapsed: Duration) {
    latencies.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{label}: {} saves in {:.2} s = {:.0} saves/s; latency p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        latencies.len(),
        elapsed.as_secs_f64(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        ms(percentile(&latencies, 0.5)),
        ms(percentile(&latencies, 0.99)),
        ms(*latencies.last().unwrap_or(&Duration::ZERO)),
    );
}

/// Every evaluator saves `DRAFTS` drafts `pause` apart (starting at a random
/// moment within the first pause), then submits. Returns the latencies of
/// every save and of the submits.
async fn run(
    app: Arc<TestApp>,
    w: Arc<World>,
    task: i64,
    pause: Duration,
) -> (Vec<Duration>, Vec<Duration>, Duration) {
    let start = Instant::now();
    let mut handles = Vec::with_capacity(EVALUATORS);
    for (i, client) in w.evaluators.iter().cloned().enumerate() {
        let (app, w) = (app.clone(), w.clone());
        handles.push(tokio::spawn(async move {
            let team = w.teams[i % w.teams.len()];
            let offset = pause.mul_f64((i as f64 * 0.618_034) % 1.0);
            tokio::time::sleep(offset).await;
            let mut drafts = Vec::with_capacity(DRAFTS);
            for n in 0..=DRAFTS {
                let lock = n == DRAFTS;
                let body = fields(&w, task, team, n as i64 + 1, lock);
                let borrowed: Vec<(&str, String)> =
                    body.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
                let t = Instant::now();
                let r = app.call(&client, "/api/save_score", &borrowed).await;
                let took = t.elapsed();
                assert!(
                    r.status.is_success() || r.status.is_redirection(),
                    "save failed: {r:?}"
                );
                if lock {
                    return (drafts, took);
                }
                drafts.push(took);
                tokio::time::sleep(pause.saturating_sub(took)).await;
            }
            unreachable!()
        }));
    }
    let (mut saves, mut submits) = (Vec::new(), Vec::new());
    for h in handles {
        let (drafts, submit) = h.await.expect("evaluator");
        saves.extend(drafts);
        saves.push(submit);
        submits.push(submit);
    }
    (saves, submits, start.elapsed())
}

async fn bench(backend: Backend) {
    let Some(app) = TestApp::new(backend).await else {
        println!("{backend:?}: skipped (SINERGI_SKIP_PG=1)");
        return;
    };
    let w = world(&app).await;
    let app = Arc::new(app);
    let w = Arc::new(w);
    println!(
        "== {backend:?}: {EVALUATORS} evaluators, {} teams, {DRAFTS} autosaved drafts ~1 s apart then a submit ==",
        w.teams.len()
    );
    let (saves, submits, elapsed) = run(app.clone(), w.clone(), w.task, PAUSE).await;
    // Each evaluator's first save also opens their session (read from the
    // database, then cached): the later ones show the steady state.
    let later: Vec<Duration> = saves
        .chunks(DRAFTS + 1)
        .flat_map(|one| one.iter().skip(1).copied())
        .collect();
    report("  paced (offered ~500 saves/s)", saves, elapsed);
    let mut later = later;
    later.sort();
    println!(
        "  without each evaluator's first save: p50 {:.1} ms, p99 {:.1} ms",
        percentile(&later, 0.5).as_secs_f64() * 1000.0,
        percentile(&later, 0.99).as_secs_f64() * 1000.0
    );
    let mut sorted = submits.clone();
    sorted.sort();
    println!(
        "  submits: {} , p99 {:.1} ms",
        sorted.len(),
        percentile(&sorted, 0.99).as_secs_f64() * 1000.0
    );
    let stored = score::Entity::find()
        .filter(score::Column::Status.eq("submitted"))
        .count(&app.db)
        .await
        .unwrap();
    let audited = score_audit::Entity::find().count(&app.db).await.unwrap();
    println!("  rows after: {stored} submitted scores (expected {EVALUATORS}), {audited} audit rows (expected {EVALUATORS})");
    assert_eq!(
        (stored as usize, audited as usize),
        (EVALUATORS, EVALUATORS),
        "scores lost"
    );
    // Saturation: a second task, every evaluator saving back to back.
    let task = scored_task(&app, w.class, &w.facilitator, w.rubric).await;
    assign_all(&app, &w, task).await;
    let (saves, _, elapsed) = run(app.clone(), w.clone(), task, Duration::ZERO).await;
    report("  saturation (no pauses)", saves, elapsed);
    let stored = score::Entity::find()
        .filter(score::Column::Status.eq("submitted"))
        .count(&app.db)
        .await
        .unwrap();
    println!(
        "  rows after: {stored} submitted scores (expected {})",
        2 * EVALUATORS
    );
    assert_eq!(stored as usize, 2 * EVALUATORS, "scores lost");
    match Arc::try_unwrap(app) {
        Ok(app) => app.finish().await,
        Err(_) => println!("  (database left in place)"),
    }
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        bench(Backend::Sqlite).await;
        bench(Backend::Postgres).await;
    });
}
