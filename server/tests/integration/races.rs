//! The race suite: every write path that people can hit at once, driven over
//! HTTP against TWO real `server` processes sharing one database (a SQLite
//! file, then a PostgreSQL database). For each it asserts: no 5xx (nor a
//! dropped connection), every refusal a 409/422 that says why, every
//! acknowledged write stored, no duplicate rows by natural key, and for
//! versioned writes the newest acknowledged version wins.
//!
//! The database is made and seeded with `TestApp` (setup and final checks
//! only). Each case runs in its own class; a case that fails does not stop
//! the others: all are run, then the test fails listing each failed case.
//! Server logs go to target/races/<backend>-server<N>.{out,err}.
//!
//! LTI launches and roster syncs are driven over HTTP as well: the platform
//! simulator (lti_sim) runs in this process and both servers reach it.

mod checks;
mod harness;
mod learning;
mod lti;
mod mentor_goals;
mod roster;
mod scenarios;
mod scores;
mod team_locks;
mod teams;

use crate::common::{Backend, TestApp};
use harness::{Findings, Servers};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Instant;

type Case = fn(Arc<TestApp>, Arc<Servers>) -> Pin<Box<dyn Future<Output = Findings> + Send>>;

macro_rules! cases {
    ($($name:literal => $f:path),* $(,)?) => {
        vec![$(($name, (|a, s| Box::pin($f(a, s))) as Case)),*]
    };
}

fn all_cases() -> Vec<(&'static str, Case)> {
    cases![
        "score: draft vs draft" => scores::draft_vs_draft,
        "score: draft vs submit" => scores::draft_vs_submit,
        "score: first saves" => scores::first_saves_race,
        "score: retried save" => scores::retried_save,
        "scenario: a class presses Mulai" => scenarios::start_crowd,
        "scenario: steps (retries, other tab)" => scenarios::steps,
        "hand-in: two members" => teams::handin_two_members,
        "hand-in: at the deadline" => teams::handin_at_deadline,
        "reflection autosave" => learning::reflection_autosave,
        "lesson completion" => learning::lesson_completion,
        "teams: swap/move/publish" => teams::swap_move_publish,
        "teams: lock/unlock vs swap/move" => team_locks::lock_vs_changes,
        "mentoring: propose/confirm/log" => teams::mentoring,
        "mentoring: adjust vs answer, goals" => mentor_goals::adjust_respond_goals,
        "quick check answers" => checks::answer_check,
        "roster import commit" => roster::commit_roster,
        "rubric save" => teams::rubric_save,
        "evaluation settings" => scores::evaluation_settings,
        "moderation" => scores::moderation,
        "lti: launch provisioning" => lti::launch_provisioning,
        "lti: roster sync" => lti::roster_sync,
    ]
}

async fn run(backend: Backend) {
    let started = Instant::now();
    let Some(app) = TestApp::new(backend).await else {
        eprintln!("SINERGI_SKIP_PG=1: skipped");
        return;
    };
    // The shipped content first, so the two servers do not both load it.
    app.load_shipped().await;
    let url = harness::database_url(&app, backend).await;
    let tag = format!("{backend:?}").to_lowercase();
    let servers = Arc::new(Servers::start(&url, &tag).await);
    eprintln!(
        "[{tag}] two servers up at {:?} after {:?}",
        servers.bases,
        started.elapsed()
    );
    let app = Arc::new(app);
    let only = std::env::var("SINERGI_RACE").ok();
    let mut failed = Vec::new();
    for (name, case) in all_cases() {
        if only.as_deref().is_some_and(|o| !name.contains(o)) {
            continue;
        }
        let t = Instant::now();
        let outcome = tokio::spawn(case(app.clone(), servers.clone())).await;
        let result = match outcome {
            Ok(findings) => findings.finish(name),
            Err(e) => {
                let msg = e
                    .try_into_panic()
                    .ok()
                    .and_then(|p| {
                        p.downcast_ref::<String>()
                            .cloned()
                            .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                    })
                    .unwrap_or_else(|| "cancelled".into());
                Err(format!("{name}: panicked: {msg}"))
            }
        };
        match result {
            Ok(notes) => eprintln!("[{tag}] PASS {name} ({:.1?})\n    {notes}", t.elapsed()),
            Err(e) => {
                eprintln!("[{tag}] FAIL ({:.1?}) {e}", t.elapsed());
                failed.push(name);
            }
        }
    }
    drop(servers);
    let app = Arc::try_unwrap(app).ok().expect("cases done");
    app.finish().await;
    eprintln!("[{tag}] suite took {:.1?}", started.elapsed());
    assert!(failed.is_empty(), "[{tag}] failed cases: {failed:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn races_sqlite() {
    run(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn races_postgres() {
    run(Backend::Postgres).await;
}
