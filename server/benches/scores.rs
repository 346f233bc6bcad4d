//! make bench: writes that contend, through the real router (sessions, CSRF,
//! the server fn, the transaction), on SQLite and PostgreSQL, driven
//! in-process (`oneshot`: the figures leave out the TCP stack but include
//! everything the server does). Three bursts, each checked row by row:
//!
//! - scoring: 500 evaluators, 50 on each team of one task, autosave drafts
//!   (one sent twice at once, as a retry on a flaky link does) while a second
//!   tab of theirs submits from the revision it loaded (refused with 409 when
//!   stale, then reloaded and sent again); paced (a save every 3 s each),
//!   at a peak (every second each) and at saturation (no pauses), each on a
//!   task of its own;
//! - scenarios: 200 class members press "Mulai" within two seconds (a
//!   quarter of them twice at once) and take every step to an ending, about
//!   a second over each (every fifth step sent twice at once);
//! - hand-ins: 60 members of 12 teams hand in 200 KB each at one deadline
//!   (ten of them sent twice at once).
//!
//! Nothing may be lost: every acknowledged score save is what is stored
//! unless a newer acknowledged save (which started from it) replaced it, no
//! two acknowledged saves of one row claim the same revision, every
//! acknowledged submit is stored as submitted; every step and hand-in
//! acknowledged is stored once with what was sent. Answers other than 2xx
//! (or a success redirect) fail the bench, except the refusals the product
//! promises under a race: 409 for a stale score save, 422 for a draft
//! autosaved after its score was submitted. The process exits 1 on any lost
//! write, 5xx or unexpected refusal.
//!
//! Two times are reported per request: server time, what the server says it
//! spent (its `Server-Timing` header, outermost middleware to response), and
//! the round trip this process saw, which also counts the wait for a worker
//! thread that the simulated clients share with the server. The p99 budget
//! (50 ms of server time, paced bursts) is printed as PASS/FAIL; it fails the
//! run only with BENCH_STRICT_LATENCY=1, as the figure depends on what else
//! the machine runs.
#[path = "../tests/integration/common/mod.rs"]
#[allow(unused_macros, unused_imports)]
mod common;

use app::auth::model::Role;
use app::auth::policy::Membership;
use app::entities::{scenario_attempt, scenario_step, score, score_audit, submission_file, task_submission};
use app::i18n::Locale;
use common::{Backend, Client, Reply, TestApp};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const EVALUATORS: usize = 500;
const PARTICIPANTS: usize = 50;
/// Drafts each evaluator's autosaving tab saves.
const DRAFTS: usize = 5;
/// Between one evaluator's autosaves: the form saves 0.8 s after a change,
/// and a person scoring reads a criterion's levels before picking one or
/// writes a comment between pauses, so a change every few seconds.
const PAUSE: Duration = Duration::from_millis(3000);
/// Every evaluator saving every second: above what one server on this
/// machine (2 cores, the database on the same cores) answers in 50 ms.
const PEAK_PAUSE: Duration = Duration::from_millis(1000);
const PLAYERS: usize = 200;
/// A class told "press Mulai now" does so within a couple of seconds.
const START_WINDOW: Duration = Duration::from_millis(2000);
/// Time a member takes over a step before answering (0.5 to 1.5 times this;
/// real reading takes longer, so this is pessimistic).
const THINK: Duration = Duration::from_millis(1000);
const SCENARIO: &str = "aplikasi-laporan";
const HANDERS: usize = 60;
const HAND_IN_BYTES: usize = 200 * 1024;
const BUDGET_MS: f64 = 50.0;

/// What went wrong anywhere in the run; the process exits 1 when not empty.
static PROBLEMS: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn problem(s: String) {
    eprintln!("  !! {s}");
    PROBLEMS.lock().unwrap().push(s);
}

/// How one answer counts.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Ok,
    /// 409: the save started from an older revision (or "try again").
    Stale,
    /// 422 "submitted already" for a draft that came after the submit.
    Locked,
    /// Any other refusal (4xx) or a fault (5xx): a failure.
    Failed,
}

/// Every answer of one burst: latencies of all, counts by kind.
#[derive(Default)]
struct Tally {
    /// Round trips as the client saw them (queueing in this process included).
    lat: Vec<Duration>,
    /// What the server reported it spent (`Server-Timing: app;dur=…`).
    server: Vec<Duration>,
    ok: usize,
    stale: usize,
    locked: usize,
    failed: usize,
    server_errors: usize,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.lat.extend(&o.lat);
        self.server.extend(&o.server);
        self.ok += o.ok;
        self.stale += o.stale;
        self.locked += o.locked;
        self.failed += o.failed;
        self.server_errors += o.server_errors;
    }

    /// Counts `r` (taking `took`); `allowed` says which refusals are expected here.
    fn count(&mut self, what: &str, r: &Reply, took: Duration, allowed: &[Kind]) -> Kind {
        self.lat.push(took);
        match server_time(r) {
            Some(d) => self.server.push(d),
            None => problem(format!("{what}: answered without a Server-Timing header")),
        }
        let kind = if r.is_ok() {
            Kind::Ok
        } else if r.status.as_u16() == 409 {
            Kind::Stale
        } else if r.status.as_u16() == 422 && is_locked(r) {
            Kind::Locked
        } else {
            Kind::Failed
        };
        let kind = if kind == Kind::Ok || allowed.contains(&kind) {
            kind
        } else {
            Kind::Failed
        };
        match kind {
            Kind::Ok => self.ok += 1,
            Kind::Stale => self.stale += 1,
            Kind::Locked => self.locked += 1,
            Kind::Failed => {
                self.failed += 1;
                if r.status.is_server_error() {
                    self.server_errors += 1;
                }
                let body: String = r.body.chars().take(300).collect();
                problem(format!("{what}: answered {} {body}", r.status));
            }
        }
        kind
    }
}

/// The refusal of a save that came after its score was submitted.
fn is_locked(r: &Reply) -> bool {
    let locked = app::error::AppError::Rule(app::i18n::said(app::i18n::P::ErrScoreLocked));
    serde_json::from_str::<app::error::AppError>(&r.body).is_ok_and(|e| e == locked)
}

/// The server's own time for the request, from its `Server-Timing` header
/// (`app;dur=12.34`, milliseconds): from the outermost middleware in to the
/// response out, sessions, CSRF, the server fn and its transaction included.
fn server_time(r: &Reply) -> Option<Duration> {
    let v = r.headers.get("server-timing")?.to_str().ok()?;
    let ms: f64 = v
        .split(';')
        .find_map(|p| p.trim().strip_prefix("dur="))?
        .parse()
        .ok()?;
    Some(Duration::from_secs_f64(ms / 1000.0))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// Prints the figures of one burst and its verdicts; `budget` is checked
/// against the p99 of server time when given. `lost` writes and failed
/// answers are hard failures (already recorded by the caller and
/// `Tally::count`).
fn report(backend: Backend, label: &str, t: &Tally, elapsed: Duration, lost: usize, budget: Option<f64>) {
    let mut lat = t.lat.clone();
    lat.sort();
    let mut server = t.server.clone();
    server.sort();
    let p99 = ms(percentile(&server, 0.99));
    println!(
        "  {label}: {} requests in {:.2} s = {:.0}/s; server time p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; round trip p50 {:.1} ms, p99 {:.1} ms",
        lat.len(),
        elapsed.as_secs_f64(),
        lat.len() as f64 / elapsed.as_secs_f64().max(1e-9),
        ms(percentile(&server, 0.5)),
        p99,
        ms(*server.last().unwrap_or(&Duration::ZERO)),
        ms(percentile(&lat, 0.5)),
        ms(percentile(&lat, 0.99)),
    );
    println!(
        "    answers: {} ok, {} refused as stale (409, expected), {} refused as already submitted (422, expected), {} failed ({} 5xx); lost writes: {lost}   [{}]",
        t.ok,
        t.stale,
        t.locked,
        t.failed,
        t.server_errors,
        if t.failed == 0 && lost == 0 { "PASS" } else { "FAIL" }
    );
    if let Some(b) = budget {
        let pass = p99 <= b;
        println!(
            "    p99 {p99:.1} ms against the {b:.0} ms budget: {}",
            if pass { "PASS" } else { "FAIL" }
        );
        if !pass && std::env::var("BENCH_STRICT_LATENCY").as_deref() == Ok("1") {
            problem(format!(
                "{backend:?} {label}: p99 {p99:.1} ms over the {b:.0} ms budget"
            ));
        }
    }
}

/// Waits for every simulated person of a burst: their answers counted in
/// one tally, and what each one got acknowledged (if anything).
async fn gather<T>(handles: Vec<tokio::task::JoinHandle<(Tally, Option<T>)>>) -> (Tally, Vec<T>) {
    let mut tally = Tally::default();
    let mut acked = Vec::with_capacity(handles.len());
    for h in handles {
        let (t, a) = h.await.expect("a simulated person panicked");
        tally.add(&t);
        acked.extend(a);
    }
    (tally, acked)
}

// ---------------------------------------------------------------- scoring

struct World {
    class: i64,
    facilitator: Client,
    rubric: i64,
    teams: Vec<i64>,
    evaluators: Vec<Client>,
    evaluator_ids: Vec<i64>,
    criteria: Vec<u32>,
}

async fn form_and_publish_teams(app: &TestApp, facilitator: &Client, class: i64) -> Vec<i64> {
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
    let r = app.call(facilitator, "/api/form_class_teams", &form).await;
    assert!(r.is_ok(), "{r:?}");
    let publish = [("class_id", class.to_string())];
    let r = app.call(facilitator, "/api/publish_teams", &publish).await;
    assert!(r.is_ok(), "{r:?}");
    let newest = app::entities::team_set::Entity::find()
        .filter(app::entities::team_set::Column::ClassId.eq(class))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .max()
        .expect("a team set");
    app::entities::team::Entity::find()
        .filter(app::entities::team::Column::SetId.eq(newest))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.id)
        .collect()
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
    let teams = form_and_publish_teams(app, &facilitator, class).await;
    let template = app::rubrics::templates::find("kolaborasi-tim").unwrap();
    let body = template.rubric(Locale::Id).clone();
    let rubric = app::rubrics::store::create(&app.db, class, f, &body, None)
        .await
        .unwrap()
        .unwrap();
    let mut evaluators = Vec::with_capacity(EVALUATORS);
    let mut evaluator_ids = Vec::with_capacity(EVALUATORS);
    for i in 0..EVALUATORS {
        let e = app.user(&format!("Penilai Bench {i}"), &[Role::Evaluator]).await;
        app.enrol(e, class, Membership::Evaluator).await;
        evaluators.push(app.session(e).await);
        evaluator_ids.push(e);
    }
    World {
        class,
        facilitator,
        rubric,
        teams,
        evaluators,
        evaluator_ids,
        criteria: body.criteria.iter().map(|c| c.levels[1].max).collect(),
    }
}

/// A team task of the class, scored with `rubric`, every evaluator assigned
/// to the whole task.
async fn scored_task(app: &TestApp, w: &World) -> i64 {
    let task = app::tasks::store::create(
        &app.db,
        w.class,
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
        ("class_id", w.class.to_string()),
        ("task", task.to_string()),
        ("rubric", w.rubric.to_string()),
        ("combine", "mean".into()),
        ("level_gap", "1".into()),
        ("share_gap", "15".into()),
    ];
    let r = app.call(&w.facilitator, "/api/set_evaluation", &settings).await;
    assert!(r.is_ok(), "{r:?}");
    for id in &w.evaluator_ids {
        let assign = [
            ("class_id", w.class.to_string()),
            ("task", task.to_string()),
            ("subject", "0".into()),
            ("evaluator", id.to_string()),
            ("role", "coach".into()),
            ("weight", "1".into()),
        ];
        let r = app.call(&w.facilitator, "/api/assign_evaluator", &assign).await;
        assert!(r.is_ok(), "{r:?}");
    }
    task
}

/// One save's form: `mark` is written as the overall comment, so what is
/// stored says which save it came from.
fn score_form(
    w: &World,
    task: i64,
    team: i64,
    base: i64,
    key: &str,
    mark: &str,
    lock: bool,
) -> Vec<(String, String)> {
    let mut f = vec![
        ("class_id".to_string(), w.class.to_string()),
        ("task".into(), task.to_string()),
        ("subject".into(), team.to_string()),
        ("base".into(), base.to_string()),
        ("save_key".into(), key.to_string()),
        ("overall".into(), mark.to_string()),
    ];
    for (i, points) in w.criteria.iter().enumerate() {
        f.push((format!("c[{i}][level]"), "1".into()));
        f.push((format!("c[{i}][points]"), points.to_string()));
        f.push((
            format!("c[{i}][comment]"),
            format!("Catatan kriteria {i}, {mark}."),
        ));
    }
    if lock {
        f.push(("lock".into(), "1".into()));
    }
    f
}

/// An acknowledged save of one score row.
#[derive(Clone, Debug)]
struct Ack {
    key: String,
    mark: String,
    /// The revision the server gave it (the answer's `base`), or `base + 1`
    /// when the answer was a redirect without a body.
    revision: i64,
    submit: bool,
}

/// The `base` an answer carries (`{"text":…, "fields":[["base","n"]]}`).
fn answered_base(r: &Reply) -> Option<i64> {
    let v: serde_json::Value = serde_json::from_str(&r.body).ok()?;
    v["fields"]
        .as_array()?
        .iter()
        .find(|f| f[0] == "base")
        .and_then(|f| f[1].as_str()?.parse().ok())
}

/// What a page load shows: the stored revision of this evaluator's score (0: none).
async fn loaded_base(app: &TestApp, task: i64, team: i64, evaluator: i64) -> i64 {
    score::Entity::find()
        .filter(score::Column::TargetId.eq(task))
        .filter(score::Column::SubjectId.eq(team))
        .filter(score::Column::EvaluatorId.eq(evaluator))
        .one(&app.db)
        .await
        .unwrap()
        .map_or(0, |s| s.revision)
}

async fn timed(app: &TestApp, c: &Client, path: &str, form: &[(String, String)]) -> (Reply, Duration) {
    let borrowed: Vec<(&str, String)> = form.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    let t = Instant::now();
    let r = app.call(c, path, &borrowed).await;
    (r, t.elapsed())
}

/// One evaluator: tab A autosaves `DRAFTS` drafts `pause` apart (the third
/// sent twice at once); tab B, loaded at the start, submits a while in from
/// the revision it loaded, and on 409 reloads and submits again.
async fn evaluator(
    app: Arc<TestApp>,
    w: Arc<World>,
    task: i64,
    i: usize,
    pause: Duration,
) -> (Tally, Vec<Ack>) {
    let client = w.evaluators[i].clone();
    let id = w.evaluator_ids[i];
    let team = w.teams[i % w.teams.len()];
    let acks = Arc::new(Mutex::new(Vec::<Ack>::new()));
    let tally = Arc::new(Mutex::new(Tally::default()));
    let offset = pause.mul_f64((i as f64 * 0.618_034) % 1.0);
    let tab_a = {
        let (app, w, client, acks, tally) = (
            app.clone(),
            w.clone(),
            client.clone(),
            acks.clone(),
            tally.clone(),
        );
        async move {
            tokio::time::sleep(offset).await;
            let mut base = 0;
            for n in 0..DRAFTS {
                let key = format!("e{i}-a{n}-{}", uuid::Uuid::new_v4().simple());
                let mark = format!("penilai {i} tab A draf {n}");
                let form = score_form(&w, task, team, base, &key, &mark, false);
                let answers = if n == 2 {
                    let (a, b) = tokio::join!(
                        timed(&app, &client, "/api/save_score", &form),
                        timed(&app, &client, "/api/save_score", &form)
                    );
                    vec![a, b]
                } else {
                    vec![timed(&app, &client, "/api/save_score", &form).await]
                };
                let mut locked = false;
                let mut took = Duration::ZERO;
                for (r, t) in &answers {
                    took = took.max(*t);
                    let what = format!("save_score (evaluator {i}, draft {n})");
                    let kind = tally
                        .lock()
                        .unwrap()
                        .count(&what, r, *t, &[Kind::Stale, Kind::Locked]);
                    match kind {
                        Kind::Ok => {
                            let revision = answered_base(r).unwrap_or(base + 1);
                            acks.lock().unwrap().push(Ack {
                                key: key.clone(),
                                mark: mark.clone(),
                                revision,
                                submit: false,
                            });
                            base = base.max(revision);
                        }
                        // The page says "changed in another tab"; the person reloads.
                        Kind::Stale => base = loaded_base(&app, task, team, id).await,
                        Kind::Locked => locked = true,
                        Kind::Failed => {}
                    }
                }
                if locked {
                    break;
                }
                tokio::time::sleep(pause.saturating_sub(took)).await;
            }
        }
    };
    let tab_b = {
        let (app, w, client, acks, tally) = (
            app.clone(),
            w.clone(),
            client.clone(),
            acks.clone(),
            tally.clone(),
        );
        async move {
            // Loaded early, submitted a while later: usually from a stale revision.
            let mut base = loaded_base(&app, task, team, id).await;
            let wait = pause.mul_f64(1.0 + (i as f64 * 0.414_213) % (DRAFTS as f64 - 1.5))
                + Duration::from_millis((i % 7) as u64);
            tokio::time::sleep(offset + wait).await;
            for round in 0..20 {
                let key = format!("e{i}-b{round}-{}", uuid::Uuid::new_v4().simple());
                let mark = format!("penilai {i} tab B kirim {round}");
                let form = score_form(&w, task, team, base, &key, &mark, true);
                let (r, t) = timed(&app, &client, "/api/save_score", &form).await;
                let what = format!("save_score submit (evaluator {i}, round {round})");
                let kind = tally.lock().unwrap().count(&what, &r, t, &[Kind::Stale]);
                match kind {
                    Kind::Ok => {
                        let revision = answered_base(&r).unwrap_or(base + 1);
                        acks.lock().unwrap().push(Ack {
                            key,
                            mark,
                            revision,
                            submit: true,
                        });
                        return;
                    }
                    Kind::Stale => {}
                    Kind::Locked | Kind::Failed => return,
                }
                base = loaded_base(&app, task, team, id).await;
            }
            problem(format!("evaluator {i}: no submit accepted in 20 rounds"));
        }
    };
    tokio::join!(tab_a, tab_b);
    let tally = std::mem::take(&mut *tally.lock().unwrap());
    let acks = std::mem::take(&mut *acks.lock().unwrap());
    (tally, acks)
}

/// Lost writes of one score row, given every save acknowledged for it.
fn lost_in_row(i: usize, stored: Option<&score::Model>, acks: &[Ack]) -> usize {
    // One acknowledgement per save (a save sent twice at once is one save).
    let mut by_key: BTreeMap<&str, &Ack> = BTreeMap::new();
    let mut lost = 0;
    for a in acks {
        if let Some(first) = by_key.insert(&a.key, a) {
            if first.revision != a.revision {
                problem(format!(
                    "evaluator {i}: one save acknowledged as revisions {} and {}",
                    first.revision, a.revision
                ));
                lost += 1;
            }
        }
    }
    // Two different saves acknowledged as the same revision: one overwrote
    // the other without having seen it.
    let mut by_revision: BTreeMap<i64, Vec<&Ack>> = BTreeMap::new();
    for a in by_key.values() {
        by_revision.entry(a.revision).or_default().push(a);
    }
    for (rev, same) in &by_revision {
        if same.len() > 1 {
            let marks: Vec<&str> = same.iter().map(|a| a.mark.as_str()).collect();
            problem(format!(
                "evaluator {i}: {} saves acknowledged as revision {rev}: {marks:?}",
                same.len()
            ));
            lost += same.len() - 1;
        }
    }
    let Some((&top, newest)) = by_revision.iter().next_back() else {
        return lost;
    };
    let Some(s) = stored else {
        problem(format!(
            "evaluator {i}: {} saves acknowledged, no score stored",
            by_key.len()
        ));
        return lost + by_key.len();
    };
    let newest = newest[0];
    if s.revision != top || s.overall != newest.mark {
        problem(format!(
            "evaluator {i}: stored revision {} {:?}, the newest acknowledged is revision {top} {:?}",
            s.revision, s.overall, newest.mark
        ));
        lost += 1;
    }
    let submits: Vec<&&Ack> = by_key.values().filter(|a| a.submit).collect();
    if submits.len() != 1 {
        problem(format!(
            "evaluator {i}: {} submits acknowledged (expected 1)",
            submits.len()
        ));
        lost += submits.len().saturating_sub(1);
    }
    for a in submits {
        if s.status != "submitted" || s.overall != a.mark {
            problem(format!(
                "evaluator {i}: submit {:?} acknowledged, stored {} {:?}",
                a.mark, s.status, s.overall
            ));
            lost += 1;
        }
    }
    lost
}

async fn score_burst(
    backend: Backend,
    app: &Arc<TestApp>,
    w: &Arc<World>,
    label: &str,
    pause: Duration,
    budget: Option<f64>,
) {
    let task = scored_task(app, w).await;
    let audits_before = score_audit::Entity::find().count(&app.db).await.unwrap();
    let start = Instant::now();
    let handles: Vec<_> = (0..EVALUATORS)
        .map(|i| tokio::spawn(evaluator(app.clone(), w.clone(), task, i, pause)))
        .collect();
    let mut tally = Tally::default();
    let mut acks = Vec::with_capacity(EVALUATORS);
    for h in handles {
        let (t, a) = h.await.expect("evaluator");
        tally.add(&t);
        acks.push(a);
    }
    let elapsed = start.elapsed();
    let stored: HashMap<i64, score::Model> = score::Entity::find()
        .filter(score::Column::TargetId.eq(task))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|s| (s.evaluator_id, s))
        .collect();
    let mut lost = 0;
    for (i, a) in acks.iter().enumerate() {
        lost += lost_in_row(i, stored.get(&w.evaluator_ids[i]), a);
    }
    let submitted = stored.values().filter(|s| s.status == "submitted").count();
    let audits = score_audit::Entity::find().count(&app.db).await.unwrap() - audits_before;
    report(backend, label, &tally, elapsed, lost, budget);
    println!(
        "    rows: {submitted} submitted scores of {EVALUATORS}, {audits} new audit rows (one per submit)"
    );
    if submitted != EVALUATORS || audits as usize != EVALUATORS {
        problem(format!(
            "{backend:?} {label}: {submitted} submitted scores and {audits} audit rows, expected {EVALUATORS} each"
        ));
    }
    if lost > 0 {
        problem(format!(
            "{backend:?} {label}: {lost} acknowledged score saves lost"
        ));
    }
}

async fn scoring(backend: Backend, app: &Arc<TestApp>) {
    let w = Arc::new(world(app).await);
    println!(
        "== {backend:?} scoring: {EVALUATORS} evaluators, {} per team of {} teams; tab A autosaves {DRAFTS} drafts, tab B submits racing it ==",
        EVALUATORS / w.teams.len(),
        w.teams.len()
    );
    score_burst(
        backend,
        app,
        &w,
        "scores paced (an autosave every 3 s each)",
        PAUSE,
        Some(BUDGET_MS),
    )
    .await;
    // Reported, not budgeted: the figure says where one server saturates.
    score_burst(
        backend,
        app,
        &w,
        "scores at peak (an autosave every second each)",
        PEAK_PAUSE,
        None,
    )
    .await;
    // Capacity, not a budget: every request queues behind the others here.
    score_burst(
        backend,
        app,
        &w,
        "scores at saturation (no pauses)",
        Duration::ZERO,
        None,
    )
    .await;
}

// -------------------------------------------------------------- scenarios

async fn scenarios(backend: Backend, app: &Arc<TestApp>) {
    app.load_shipped().await;
    let class = app.class("Kelas Skenario Bench").await;
    let mut people = Vec::with_capacity(PLAYERS);
    for i in 0..PLAYERS {
        let p = app.user(&format!("Pemain Bench {i}"), &[Role::Participant]).await;
        app.edit_user(p, |u| {
            u.birth_date = Set(chrono::NaiveDate::from_ymd_opt(1965 + (i as i32 * 7) % 40, 5, 1))
        })
        .await;
        app.enrol(p, class, Membership::Participant).await;
        people.push((p, app.session(p).await));
    }
    let window =
        app::scenarios::assign::Window::parse(app::calendar::Zone::Wib, "2026-01-01", "", 1).unwrap();
    let assignment = app::scenarios::assign::assign(&app.db, class, SCENARIO, window)
        .await
        .unwrap();
    println!(
        "== {backend:?} scenarios: {PLAYERS} class members press \"Mulai\" within {} s (a quarter twice at once) and step to an ending, ~{} s a step (every fifth step sent twice) ==",
        START_WINDOW.as_secs_f64(),
        THINK.as_secs_f64()
    );
    let versions: Arc<tokio::sync::Mutex<HashMap<i64, app::scenarios::model::Scenario>>> = Default::default();
    let barrier = Arc::new(tokio::sync::Barrier::new(PLAYERS));
    let start = Instant::now();
    let handles: Vec<_> = people
        .iter()
        .cloned()
        .enumerate()
        .map(|(i, (_, c))| {
            let (app, barrier, versions) = (app.clone(), barrier.clone(), versions.clone());
            tokio::spawn(async move {
                let mut tally = Tally::default();
                let key = format!("bench-mulai-{i:04}");
                let form = vec![
                    ("class_id".to_string(), class.to_string()),
                    ("assignment".into(), assignment.to_string()),
                    ("key".into(), key.clone()),
                ];
                barrier.wait().await;
                tokio::time::sleep(START_WINDOW.mul_f64((i as f64 * 0.618_034) % 1.0)).await;
                let answers = if i % 4 == 0 {
                    let (a, b) = tokio::join!(
                        timed(&app, &c, "/api/start_scenario", &form),
                        timed(&app, &c, "/api/start_scenario", &form)
                    );
                    vec![a, b]
                } else {
                    vec![timed(&app, &c, "/api/start_scenario", &form).await]
                };
                let mut started = false;
                for (r, t) in &answers {
                    started |= tally.count(&format!("start_scenario (member {i})"), r, *t, &[]) == Kind::Ok;
                }
                if !started {
                    return (tally, None);
                }
                let attempt = scenario_attempt::Entity::find()
                    .filter(scenario_attempt::Column::ClientKey.eq(&key))
                    .one(&app.db)
                    .await
                    .unwrap();
                let Some(attempt) = attempt else {
                    problem(format!("member {i}: start acknowledged, no attempt with its key"));
                    return (tally, None);
                };
                let plan = {
                    let mut v = versions.lock().await;
                    if let std::collections::hash_map::Entry::Vacant(slot) = v.entry(attempt.version_id) {
                        let s = app::scenarios::store::version(&app.db, attempt.version_id)
                            .await
                            .unwrap();
                        slot.insert(s);
                    }
                    common::play::plan(&v[&attempt.version_id], i, &format!("Refleksi pemain {i}."))
                };
                let mut acked = Vec::new();
                for (seq, step) in plan.iter().enumerate() {
                    let think = 0.5 + (i as f64 * 0.618_034 + seq as f64 * 0.377) % 1.0;
                    tokio::time::sleep(THINK.mul_f64(think)).await;
                    let key = format!("bench-langkah-{}-{seq}", attempt.id);
                    let mut form = vec![
                        ("class_id".to_string(), class.to_string()),
                        ("attempt".into(), attempt.id.to_string()),
                        ("seq".into(), seq.to_string()),
                        ("node".into(), step.node.clone()),
                        ("key".into(), key.clone()),
                    ];
                    use app::scenarios::domain::engine::Answer;
                    let sent = match &step.answer {
                        Answer::Choose(k) => {
                            form.push(("choice".into(), k.clone()));
                            Some(k.clone())
                        }
                        Answer::Reflect(text) => {
                            form.push(("reflection".into(), text.clone()));
                            Some(text.clone())
                        }
                        Answer::Continue => None,
                    };
                    let answers = if seq % 5 == 4 {
                        let (a, b) = tokio::join!(
                            timed(&app, &c, "/api/scenario_step", &form),
                            timed(&app, &c, "/api/scenario_step", &form)
                        );
                        vec![a, b]
                    } else {
                        vec![timed(&app, &c, "/api/scenario_step", &form).await]
                    };
                    let mut ok = false;
                    for (r, t) in &answers {
                        ok |= tally.count(&format!("scenario_step (member {i}, step {seq})"), r, *t, &[])
                            == Kind::Ok;
                    }
                    if !ok {
                        break;
                    }
                    acked.push((seq as i32, key, step.node.clone(), sent));
                }
                (tally, Some((attempt.user_id, attempt.id, acked)))
            })
        })
        .collect();
    let (tally, played) = gather(handles).await;
    let elapsed = start.elapsed();
    // One attempt per member; every acknowledged step stored once, as sent.
    let attempts = scenario_attempt::Entity::find()
        .filter(scenario_attempt::Column::AssignmentId.eq(assignment))
        .all(&app.db)
        .await
        .unwrap();
    let mut per_user: BTreeMap<i64, usize> = BTreeMap::new();
    for a in &attempts {
        *per_user.entry(a.user_id).or_default() += 1;
    }
    let mut lost = 0;
    if attempts.len() != PLAYERS || per_user.values().any(|&n| n != 1) {
        problem(format!(
            "{backend:?} scenarios: {} attempts for {} members (expected one each)",
            attempts.len(),
            per_user.len()
        ));
        lost += PLAYERS.abs_diff(attempts.len());
    }
    let mut acked_steps = 0;
    for (user, attempt, acked) in &played {
        let steps: BTreeMap<i32, scenario_step::Model> = scenario_step::Entity::find()
            .filter(scenario_step::Column::AttemptId.eq(*attempt))
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|s| (s.seq, s))
            .collect();
        acked_steps += acked.len();
        if steps.len() != acked.len() {
            problem(format!(
                "member {user}: {} steps acknowledged, {} stored",
                acked.len(),
                steps.len()
            ));
        }
        for (seq, key, node, sent) in acked {
            let here = steps.get(seq);
            let same = here.is_some_and(|s| {
                &s.client_key == key
                    && &s.node == node
                    && (sent.is_none() || s.option_key == *sent || s.reflection == *sent)
            });
            if !same {
                problem(format!("member {user}: step {seq} acknowledged, stored {here:?}"));
                lost += 1;
            }
        }
    }
    println!(
        "    {} attempts, {acked_steps} steps acknowledged and stored",
        attempts.len()
    );
    report(
        backend,
        "scenario starts and steps",
        &tally,
        elapsed,
        lost,
        Some(BUDGET_MS),
    );
    if lost > 0 {
        problem(format!("{backend:?} scenarios: {lost} acknowledged writes lost"));
    }
}

// --------------------------------------------------------------- hand-ins

/// What member `i` hands in: a PDF header, then bytes that say whose it is.
fn hand_in(i: usize) -> Vec<u8> {
    let mut b = b"%PDF-1.4\n".to_vec();
    let line = format!("laporan tim, anggota {i:03}\n");
    while b.len() < HAND_IN_BYTES {
        b.extend(line.as_bytes());
    }
    b.truncate(HAND_IN_BYTES);
    b
}

async fn hand_ins(backend: Backend, app: &Arc<TestApp>) {
    let class = app.class("Kelas Kiriman Bench").await;
    let f = app.user("Fasilitator Kiriman", &[Role::Facilitator]).await;
    app.enrol(f, class, Membership::Facilitator).await;
    let facilitator = app.session(f).await;
    let mut people = Vec::with_capacity(HANDERS);
    for i in 0..HANDERS {
        let p = app
            .user(&format!("Anggota Kiriman {i}"), &[Role::Participant])
            .await;
        app.enrol(p, class, Membership::Participant).await;
        people.push((p, app.session(p).await));
    }
    let teams = form_and_publish_teams(app, &facilitator, class).await;
    let task = app::tasks::store::create(
        &app.db,
        class,
        app::tasks::store::NewTask {
            title: "Laporan akhir".into(),
            brief: String::new(),
            due_at: chrono::Utc::now() + chrono::Duration::minutes(1),
            policy: app::teams::domain::submissions::LatePolicy::Accepted,
            rubric_id: None,
        },
    )
    .await
    .unwrap();
    println!(
        "== {backend:?} hand-ins: {HANDERS} members of {} teams hand in {} KB each at one deadline (ten sent twice at once) ==",
        teams.len(),
        HAND_IN_BYTES / 1024
    );
    let barrier = Arc::new(tokio::sync::Barrier::new(HANDERS));
    let start = Instant::now();
    let handles: Vec<_> = people
        .iter()
        .cloned()
        .enumerate()
        .map(|(i, (user, c))| {
            let (app, barrier) = (app.clone(), barrier.clone());
            tokio::spawn(async move {
                let mut tally = Tally::default();
                let key = format!("bench-kiriman-{i:04}");
                let fields = [
                    ("class_id", class.to_string()),
                    ("task", task.to_string()),
                    ("key", key.clone()),
                    ("body", format!("Kiriman anggota {i}")),
                ];
                let bytes = hand_in(i);
                let send = || async {
                    let t = Instant::now();
                    let r = app
                        .upload_file(
                            &c,
                            "/api/submit_task",
                            &fields,
                            &format!("laporan-{i}.pdf"),
                            &bytes,
                        )
                        .await;
                    (r, t.elapsed())
                };
                barrier.wait().await;
                let answers = if i % 6 == 0 {
                    let (a, b) = tokio::join!(send(), send());
                    vec![a, b]
                } else {
                    vec![send().await]
                };
                let mut ok = false;
                for (r, t) in &answers {
                    ok |= tally.count(&format!("submit_task (member {i})"), r, *t, &[]) == Kind::Ok;
                }
                (tally, ok.then_some((user, key, i)))
            })
        })
        .collect();
    let (tally, acked) = gather(handles).await;
    let elapsed = start.elapsed();
    let rows = task_submission::Entity::find()
        .filter(task_submission::Column::TaskId.eq(task))
        .all(&app.db)
        .await
        .unwrap();
    let mut lost = 0;
    // Numbered 1..n within each team, no number twice.
    let mut numbers: BTreeMap<i64, Vec<i32>> = BTreeMap::new();
    for r in &rows {
        numbers.entry(r.team_id).or_default().push(r.number);
    }
    for (team, ns) in &mut numbers {
        ns.sort();
        if *ns != (1..=ns.len() as i32).collect::<Vec<_>>() {
            problem(format!("{backend:?} hand-ins: team {team} numbered {ns:?}"));
        }
    }
    for (user, key, i) in &acked {
        let Some(row) = rows.iter().find(|r| &r.client_key == key) else {
            problem(format!(
                "{backend:?} hand-ins: member {i}'s acknowledged hand-in is not stored"
            ));
            lost += 1;
            continue;
        };
        let files = submission_file::Entity::find()
            .filter(submission_file::Column::SubmissionId.eq(row.id))
            .all(&app.db)
            .await
            .unwrap();
        if row.user_id != *user || files.len() != 1 || files[0].content != hand_in(*i) {
            problem(format!(
                "{backend:?} hand-ins: member {i}'s hand-in stored with {} files ({:?} bytes)",
                files.len(),
                files.iter().map(|f| f.content.len()).collect::<Vec<_>>()
            ));
            lost += 1;
        }
    }
    println!(
        "    {} hand-ins acknowledged, {} stored, numbered per team without gaps or repeats",
        acked.len(),
        rows.len()
    );
    if rows.len() != acked.len() {
        problem(format!(
            "{backend:?} hand-ins: {} acknowledged, {} stored",
            acked.len(),
            rows.len()
        ));
    }
    report(backend, "hand-ins of 200 KB", &tally, elapsed, lost, None);
    if lost > 0 {
        problem(format!("{backend:?} hand-ins: {lost} acknowledged hand-ins lost"));
    }
}

async fn bench(backend: Backend, only: &str) {
    let Some(app) = TestApp::new(backend).await else {
        println!("{backend:?}: skipped (SINERGI_SKIP_PG=1)");
        return;
    };
    let app = Arc::new(app);
    if only.is_empty() || only.contains("scores") {
        scoring(backend, &app).await;
    }
    if only.is_empty() || only.contains("scenarios") {
        scenarios(backend, &app).await;
    }
    if only.is_empty() || only.contains("handins") {
        hand_ins(backend, &app).await;
    }
    match Arc::try_unwrap(app) {
        Ok(app) => app.finish().await,
        Err(_) => println!("  (database left in place)"),
    }
}

fn main() {
    // `cargo bench` passes `--bench`; BENCH_ONLY=scores,scenarios,handins picks bursts.
    let only = std::env::var("BENCH_ONLY").unwrap_or_default();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        bench(Backend::Sqlite, &only).await;
        bench(Backend::Postgres, &only).await;
    });
    let problems = PROBLEMS.lock().unwrap();
    if problems.is_empty() {
        println!("== writes under contention: nothing lost, no failed answers (both backends) ==");
    } else {
        println!(
            "== FAILED: {} problems (lost writes or failed answers), first ones: ==",
            problems.len()
        );
        for p in problems.iter().take(20) {
            println!("   {p}");
        }
        std::process::exit(1);
    }
}
