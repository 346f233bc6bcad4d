//! Empathy scenarios through the router, on SQLite and PostgreSQL: every step is
//! saved once however often it is sent, a stale page is refused, attempts follow
//! the assignment's window and policy, a scenario with a trap can be imported
//! but not published until mended, and analytics count choices by generation.
use crate::common::*;
use app::auth::model::Role;
use app::auth::policy::Membership;
use app::entities::{scenario_attempt, scenario_step, scenario_version, user};
use app::error::AppError;
use app::i18n::said;
use app::i18n::{K, P};
use app::scenarios::domain::engine::{self, Answer, PlayState, Step};
use app::scenarios::model::{NodeKind, Scenario};
use app::scenarios::{assign, store};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const KEY: &str = "aplikasi-laporan";

fn shipped(key: &str) -> Scenario {
    let all = store::shipped().unwrap();
    all.into_iter()
        .map(|p| p.scenario)
        .find(|s| s.key == key)
        .unwrap()
}

/// A class with `KEY` assigned, and a Gen X participant with a session.
async fn setup(app: &TestApp, closes_on: &str, attempts: i32) -> (i64, i64, i64, Client) {
    store::load_shipped_if_empty(&app.db).await.unwrap();
    let class = app.class("Kelas Skenario").await;
    let p = app.user("Peserta Skenario", &[Role::Participant]).await;
    let mut row: user::ActiveModel = user::Entity::find_by_id(p)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    row.birth_date = Set(chrono::NaiveDate::from_ymd_opt(1972, 5, 1));
    row.update(&app.db).await.unwrap();
    app.enrol(p, class, Membership::Participant).await;
    let window = assign::Window::parse(app::calendar::Zone::Wib, "2026-01-01", closes_on, attempts).unwrap();
    let assignment = assign::assign(&app.db, class, KEY, window).await.unwrap();
    (class, assignment, p, app.session(p).await)
}

async fn start(app: &TestApp, c: &Client, class: i64, assignment: i64, key: &str) -> Reply {
    let fields = [
        ("class_id", class.to_string()),
        ("assignment", assignment.to_string()),
        ("key", key.to_string()),
    ];
    app.call(c, "/api/start_scenario", &fields).await
}

fn fields_for(
    s: &Scenario,
    state: &PlayState,
    attempt: i64,
    seq: usize,
    pick: usize,
) -> Vec<(&'static str, String)> {
    let mut fields = vec![
        ("attempt", attempt.to_string()),
        ("seq", seq.to_string()),
        ("node", state.at.clone()),
        ("key", format!("langkah-{attempt}-{seq}-{pick}")),
    ];
    match &s.node(&state.at).unwrap().kind {
        NodeKind::Choice { options, .. } => {
            fields.push(("choice", options[pick % options.len()].key.clone()))
        }
        NodeKind::Reflection { .. } => fields.push(("reflection", "Saya perlu mendengar dulu.".into())),
        _ => {}
    }
    fields
}

fn answer_of(fields: &[(&str, String)]) -> Answer {
    let get = |name: &str| fields.iter().find(|(n, _)| *n == name).map(|(_, v)| v.clone());
    match (get("choice"), get("reflection")) {
        (Some(c), _) => Answer::Choose(c),
        (None, Some(r)) => Answer::Reflect(r),
        _ => Answer::Continue,
    }
}

/// Plays to an ending, sending every step twice (a retry) and checking that
/// a stale page's step is refused; returns the state the engine expects.
async fn play_to_end(
    app: &TestApp,
    c: &Client,
    class: i64,
    attempt: i64,
    s: &Scenario,
    pick: usize,
) -> PlayState {
    let mut state = engine::start(s).unwrap();
    let mut seq = 0;
    while !state.finished {
        let mut fields = fields_for(s, &state, attempt, seq, pick);
        fields.push(("class_id", class.to_string()));
        for _ in 0..2 {
            let r = app.call(c, "/api/scenario_step", &fields).await;
            assert!(r.status.is_success(), "step {seq} at {}: {r:?}", state.at);
        }
        let step = Step {
            node: state.at.clone(),
            answer: answer_of(&fields),
        };
        state = engine::apply(s, &state, &step).unwrap();
        seq += 1;
        if seq == 2 {
            // The page from one step ago, sent with a new key: refused, not stored.
            let mut stale = fields_for(s, &state, attempt, seq - 1, pick);
            stale.push(("class_id", class.to_string()));
            stale[3].1 = format!("basi-{attempt}-{seq}-xxxx");
            let r = app.call(c, "/api/scenario_step", &stale).await;
            assert!(matches!(r.error(), Some(AppError::Conflict(_))), "{r:?}");
        }
    }
    let saved = scenario_step::Entity::find()
        .filter(scenario_step::Column::AttemptId.eq(attempt))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(saved as usize, seq, "one row per step, retries included");
    state
}

async fn attempts(app: &TestApp) -> Vec<scenario_attempt::Model> {
    scenario_attempt::Entity::find().all(&app.db).await.unwrap()
}

both_backends!(
    a_participant_plays_to_an_ending_and_nothing_is_doubled,
    async |app: &TestApp| {
        let (class, assignment, _, c) = setup(app, "", 2).await;
        let s = shipped(KEY);
        for _ in 0..2 {
            assert!(start(app, &c, class, assignment, "mulai-satu-0001")
                .await
                .status
                .is_success());
        }
        // Another key while the first attempt is open resumes it too.
        assert!(start(app, &c, class, assignment, "mulai-dua-00002")
            .await
            .status
            .is_success());
        let first = attempts(app).await;
        assert_eq!(first.len(), 1);
        let end = play_to_end(app, &c, class, first[0].id, &s, 1).await;
        let done = attempts(app).await.remove(0);
        assert_eq!(done.ending.as_deref(), Some(end.at.as_str()));
        assert_eq!(app::scenarios::store::play::scores_of(&done), Some(end.scores));

        // The summary names the ending; a second attempt is allowed, a third is not.
        let page = app
            .get_json(
                &c,
                &format!("/api/scenario_play_page?class_id={class}&assignment={assignment}"),
            )
            .await;
        let NodeKind::Ending { title, .. } = &s.node(&end.at).unwrap().kind else {
            panic!()
        };
        assert!(page.body.contains(&title.id), "{}", page.body);
        assert!(start(app, &c, class, assignment, "mulai-tiga-0003")
            .await
            .status
            .is_success());
        let second = attempts(app).await.into_iter().find(|a| a.number == 2).unwrap();
        assert_eq!(second.version_id, done.version_id);
        play_to_end(app, &c, class, second.id, &s, 0).await;
        let r = start(app, &c, class, assignment, "mulai-empat-004").await;
        assert_eq!(r.error(), Some(AppError::Rule(said(P::ErrNoAttemptsLeft))));
        assert_eq!(attempts(app).await.len(), 2);
    }
);

both_backends!(
    wrong_answers_and_closed_windows_are_refused,
    async |app: &TestApp| {
        let (class, assignment, _, c) = setup(app, "2026-01-02", 0).await;
        let r = start(app, &c, class, assignment, "mulai-tutup-001").await;
        assert_eq!(r.error(), Some(AppError::Rule(said(P::ErrClosed))));
        assert!(attempts(app).await.is_empty());
        // A bad key is a bad request, not a stored step.
        let r = start(app, &c, class, assignment, "pendek").await;
        assert_eq!(r.error(), Some(AppError::rule(K::ErrBadRequest)));

        let fac = app.user("Fasilitator Skenario", &[Role::Facilitator]).await;
        app.enrol(fac, class, Membership::Facilitator).await;
        let f = app.session(fac).await;
        let assign_fields = |opens: &str, closes: &str, n: &str| {
            vec![
                ("class_id", class.to_string()),
                ("scenario", "pesan-singkat".to_string()),
                ("opens_on", opens.to_string()),
                ("closes_on", closes.to_string()),
                ("max_attempts", n.to_string()),
            ]
        };
        let r = app
            .call(
                &f,
                "/api/assign_scenario",
                &assign_fields("2026-12-05", "2026-12-01", "25"),
            )
            .await;
        let Some(AppError::Invalid(fields)) = r.error() else {
            panic!("{r:?}")
        };
        assert_eq!(fields.keys().collect::<Vec<_>>(), ["closes_on", "max_attempts"]);
        let ok = app
            .call(&f, "/api/assign_scenario", &assign_fields("2026-12-01", "", "0"))
            .await;
        assert!(ok.status.is_success(), "{ok:?}");
        let again = app
            .call(&f, "/api/assign_scenario", &assign_fields("2026-12-01", "", "0"))
            .await;
        assert!(matches!(again.error(), Some(AppError::Conflict(_))), "{again:?}");

        // The facilitator reopens the closed assignment (no closing date): the start now works.
        let update = |closes: &str| {
            vec![
                ("class_id", class.to_string()),
                ("assignment", assignment.to_string()),
                ("opens_on", "2026-01-01".to_string()),
                ("closes_on", closes.to_string()),
                ("max_attempts", "1".to_string()),
            ]
        };
        let r = app
            .call(&f, "/api/update_assignment", &update("2025-12-31"))
            .await;
        assert!(matches!(r.error(), Some(AppError::Invalid(_))), "{r:?}");
        assert!(app
            .call(&f, "/api/update_assignment", &update(""))
            .await
            .error()
            .is_none());
        assert!(start(app, &c, class, assignment, "mulai-buka-0001")
            .await
            .error()
            .is_none());
        // The participant cannot change it.
        let r = app.call(&c, "/api/update_assignment", &update("")).await;
        assert_eq!(r.error(), Some(AppError::Forbidden));
    }
);

const TRAPPED: &str = r#"key = "uji-jebakan"
minutes = 5
start = "awal"
title = { id = "Uji jebakan", en = "Trap test" }
summary = { id = "Ringkasan", en = "Summary" }

[[node]]
id = "awal"
type = "situation"
text = { id = "Situasi", en = "Situation" }
next = "pilih"

[[node]]
id = "pilih"
type = "choice"
text = { id = "Pilih", en = "Choose" }

[[node.option]]
key = "a"
text = { id = "A", en = "A" }
feedback = { id = "Umpan A", en = "Feedback A" }
effect = { respect = 1 }
next = "akhir"

[[node.option]]
key = "b"
text = { id = "B", en = "B" }
feedback = { id = "Umpan B", en = "Feedback B" }
next = "putar"

[[node]]
id = "putar"
type = "situation"
text = { id = "Berputar", en = "Going round" }
next = "putar"

[[node]]
id = "akhir"
type = "ending"
band = "strong"
title = { id = "Selesai", en = "Done" }
text = { id = "Baik", en = "Good" }
"#;

both_backends!(
    a_trap_is_imported_shown_mended_and_then_published,
    async |app: &TestApp| {
        let fac = app.user("Penulis Skenario", &[Role::Facilitator]).await;
        let c = app.session(fac).await;
        let broken = app
            .upload_file(
                &c,
                "/api/import_scenario",
                &[],
                "rusak.toml",
                b"key = \"x\"\n\n[[node]]\nid = \"a\"\ntype = \"teka-teki\"\n",
            )
            .await;
        let Some(AppError::Invalid(fields)) = broken.error() else {
            panic!("{broken:?}")
        };
        assert!(fields.contains_key("rusak.toml:00003"), "{fields:?}");

        let r = app
            .upload_file(
                &c,
                "/api/import_scenario",
                &[],
                "jebakan.toml",
                TRAPPED.as_bytes(),
            )
            .await;
        assert!(r.error().is_none(), "{r:?}");
        let publish = [("key", "uji-jebakan".to_string())];
        let refused = app.call(&c, "/api/publish_scenario", &publish).await;
        assert_eq!(refused.error(), Some(AppError::Rule(said(P::ErrNotPublishable))));
        let editor = app
            .get_json(&c, "/api/scenario_editor_page?key=uji-jebakan")
            .await;
        assert!(editor.body.contains("Jebakan"), "{}", editor.body);

        // A bad edit names its line; the fix links the loop to the ending.
        let bad = [
            ("key", "uji-jebakan".to_string()),
            ("node", "putar".to_string()),
            (
                "source",
                "id = \"putar\"\ntype = \"situation\"\nnext = \n".to_string(),
            ),
        ];
        let r = app.call(&c, "/api/save_scenario_node", &bad).await;
        let Some(AppError::Invalid(fields)) = r.error() else {
            panic!("{r:?}")
        };
        assert!(fields.contains_key("source:00003"), "{fields:?}");
        let fixed = [
        ("key", "uji-jebakan".to_string()),
        ("node", "putar".to_string()),
        (
            "source",
            "id = \"putar\"\ntype = \"situation\"\ntext.id = \"Berputar\"\ntext.en = \"Going round\"\nnext = \"akhir\"\n".to_string(),
        ),
    ];
        assert!(app
            .call(&c, "/api/save_scenario_node", &fixed)
            .await
            .error()
            .is_none());
        let r = app.call(&c, "/api/publish_scenario", &publish).await;
        assert!(r.error().is_none(), "{r:?}");
        assert_eq!(scenario_version::Entity::find().count(&app.db).await.unwrap(), 1);
        let export = app.get(&c, "/scenarios/uji-jebakan/export.toml").await;
        let back = app::scenarios::domain::format::parse("e.toml", &export.body).unwrap();
        assert_eq!(
            back.scenario.node("putar").map(|n| n.kind.type_name()),
            Some("situation")
        );
    }
);

both_backends!(
    analytics_count_the_choice_under_the_generation,
    async |app: &TestApp| {
        let (class, assignment, participant, c) = setup(app, "", 1).await;
        let s = shipped(KEY);
        assert!(start(app, &c, class, assignment, "mulai-analitik1")
            .await
            .status
            .is_success());
        let attempt = attempts(app).await.remove(0);
        play_to_end(app, &c, class, attempt.id, &s, 2).await;
        let fac = app.user("Fasilitator Analitik", &[Role::Facilitator]).await;
        app.enrol(fac, class, Membership::Facilitator).await;
        let f = app.session(fac).await;
        let page = app
            .get_json(
                &f,
                &format!("/api/scenario_analytics_page?class_id={class}&assignment={assignment}"),
            )
            .await;
        assert!(page.body.contains("Gen X"), "{}", page.body);
        assert!(
            page.body.contains("1 selesai") || page.body.contains("1 finished"),
            "{}",
            page.body
        );
        // A name as an LMS roster may send it: it leaves as text, never a formula.
        let mut row: user::ActiveModel = user::Entity::find_by_id(participant)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .into();
        row.full_name = Set(HOSTILE_CELLS[0].to_string());
        row.update(&app.db).await.unwrap();
        let csv = app
            .get(
                &f,
                &format!("/classes/{class}/scenarios/{assignment}/decisions.csv"),
            )
            .await;
        assert!(csv.status.is_success(), "{csv:?}");
        let rows = csv_cells(&csv.body);
        let steps = scenario_step::Entity::find().count(&app.db).await.unwrap() as usize;
        assert_eq!(rows.len(), steps + 1, "a header and one row per step");
        assert_eq!(rows[1][1], neutralised(HOSTILE_CELLS[0]), "{rows:?}");
        assert_eq!(rows[1][3], "x", "{rows:?}");
    }
);

both_backends!(
    the_command_line_imports_publishes_and_exports,
    async |app: &TestApp| {
        let dir = std::env::temp_dir().join(format!("sinergi-cli-{}", uuid_like()));
        std::fs::create_dir_all(&dir).unwrap();
        let trap = dir.join("jebakan.toml");
        std::fs::write(&trap, TRAPPED).unwrap();
        let shipped_file = dir.join("rapat.toml");
        std::fs::write(&shipped_file, store::SHIPPED[4]).unwrap();
        let broken = dir.join("rusak.toml");
        std::fs::write(&broken, "key = \n").unwrap();

        assert!(server::scenarios::import_file(&app.db, &broken).await.is_err());
        server::scenarios::import_file(&app.db, &trap).await.unwrap();
        server::scenarios::import_file(&app.db, &shipped_file)
            .await
            .unwrap();
        // The trapped one stays a draft; the valid one is published.
        assert_eq!(scenario_version::Entity::find().count(&app.db).await.unwrap(), 1);

        let out = dir.join("keluar");
        server::scenarios::export_dir(&app.db, &out).await.unwrap();
        let again = std::fs::read_to_string(out.join("rapat-hibrida.toml")).unwrap();
        let original = app::scenarios::domain::format::parse("a", store::SHIPPED[4])
            .unwrap()
            .scenario;
        assert_eq!(
            app::scenarios::domain::format::parse("b", &again)
                .unwrap()
                .scenario,
            original
        );
        std::fs::remove_dir_all(&dir).ok();
    }
);

fn uuid_like() -> String {
    format!("{}-{:?}", std::process::id(), std::thread::current().id()).replace(['(', ')'], "")
}
