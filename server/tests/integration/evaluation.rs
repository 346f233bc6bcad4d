//! Scoring a team task through the router, on SQLite and PostgreSQL: the
//! facilitator picks a rubric and assigns three evaluators; they score
//! blind (drafts saved, retries idempotent, submit locks); one disagrees
//! strongly and the team is flagged; the facilitator moderates with a
//! required reason and releases; the team's members then see their result
//! with its predicate. Every change to a submitted score is audited.
use crate::common::*;
use app::auth::model::Role;
use app::auth::policy::Membership;
use app::entities::{score, score_audit, team};
use app::error::AppError;
use app::i18n::said;
use app::i18n::{Locale, P};
use sea_orm::{EntityTrait, PaginatorTrait};

struct World {
    class: i64,
    task: i64,
    team: i64,
    member: Client,
    facilitator: Client,
    evaluators: Vec<(i64, Client)>,
}

async fn world(app: &TestApp) -> World {
    let class = app.class("Kelas Penilaian").await;
    let f = app.user("Fasilitator Penilaian", &[Role::Facilitator]).await;
    app.enrol(f, class, Membership::Facilitator).await;
    let facilitator = app.session(f).await;
    let mut people = Vec::new();
    for name in ["Peserta Satu", "Peserta Dua", "Peserta Tiga", "Peserta Empat"] {
        let p = app.user(name, &[Role::Participant]).await;
        app.enrol(p, class, Membership::Participant).await;
        people.push(p);
    }
    let form = [
        ("class_id", class.to_string()),
        ("mode", "count".into()),
        ("n", "1".into()),
        ("w_mix", "1".into()),
        ("w_isolation", "1".into()),
        ("w_units", "1".into()),
        ("w_level", "1".into()),
        ("w_skill", "1".into()),
    ];
    let r = app.call(&facilitator, "/api/form_class_teams", &form).await;
    assert!(r.status.is_success(), "{r:?}");
    let publish = [("class_id", class.to_string())];
    assert!(app
        .call(&facilitator, "/api/publish_teams", &publish)
        .await
        .status
        .is_success());
    let team = team::Entity::find().one(&app.db).await.unwrap().unwrap().id;
    let task = app::tasks::store::create(
        &app.db,
        class,
        app::tasks::store::NewTask {
            title: "Rencana komunikasi".into(),
            brief: "Susun rencana.".into(),
            due_at: chrono::Utc::now() + chrono::Duration::days(3),
            policy: app::teams::domain::submissions::LatePolicy::Accepted,
            rubric_id: None,
        },
    )
    .await
    .unwrap();
    let mut evaluators = Vec::new();
    for name in ["Penilai Coach", "Penilai Penguji", "Penilai Sejawat"] {
        let e = app.user(name, &[Role::Evaluator]).await;
        app.enrol(e, class, Membership::Evaluator).await;
        evaluators.push((e, app.session(e).await));
    }
    World {
        class,
        task,
        team,
        member: app.session(people[0]).await,
        facilitator,
        evaluators,
    }
}

fn ok(r: &Reply) {
    assert!(r.status.is_success() || r.status.is_redirection(), "{r:?}");
}

/// Every criterion at `level` (0 = best), at the level's top points.
fn picks(w: &World, base: i64, level: usize, lock: bool) -> Vec<(String, String)> {
    let fields = vec![
        ("class_id".to_string(), w.class.to_string()),
        ("task".into(), w.task.to_string()),
        ("subject".into(), w.team.to_string()),
    ];
    scored_with("kolaborasi-tim", fields, base, level, lock)
}

async fn post(app: &TestApp, c: &Client, path: &str, fields: &[(String, String)]) -> Reply {
    let borrowed: Vec<(&str, String)> = fields.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    app.call(c, path, &borrowed).await
}

/// The world's task is scored with a copy of the collaboration template
/// (mean; flags at more than one level, and at `share_gap` percent if set).
async fn score_with_template(app: &TestApp, w: &World, share_gap: &str) {
    let template = app::rubrics::templates::find("kolaborasi-tim").unwrap();
    let rubric = app::rubrics::store::create(&app.db, w.class, 1, template.rubric(Locale::Id), None)
        .await
        .unwrap()
        .unwrap();
    let settings = [
        ("class_id", w.class.to_string()),
        ("task", w.task.to_string()),
        ("rubric", rubric.to_string()),
        ("combine", "mean".to_string()),
        ("level_gap", "1".to_string()),
        ("share_gap", share_gap.to_string()),
    ];
    ok(&app.call(&w.facilitator, "/api/set_evaluation", &settings).await);
}

/// `evaluator` scores every team of the world's task in `role`, weight 1.
async fn assign(app: &TestApp, w: &World, evaluator: i64, role: &str) {
    let fields = [
        ("class_id", w.class.to_string()),
        ("task", w.task.to_string()),
        ("subject", "0".to_string()),
        ("evaluator", evaluator.to_string()),
        ("role", role.to_string()),
        ("weight", "1".to_string()),
    ];
    ok(&app.call(&w.facilitator, "/api/assign_evaluator", &fields).await);
}

fn text(key: P) -> &'static str {
    key.t(Locale::Id)
}

both_backends!(
    three_evaluators_score_blind_are_moderated_and_released,
    async |app: &TestApp| {
        let w = world(app).await;
        let (class, task) = (w.class.to_string(), w.task.to_string());
        score_with_template(app, &w, "15").await;
        for ((id, _), role) in w.evaluators.iter().zip(["coach", "penguji", "peer"]) {
            assign(app, &w, *id, role).await;
        }
        let (a, b, c) = (&w.evaluators[0].1, &w.evaluators[1].1, &w.evaluators[2].1);
        let score_page = format!("/api/score_page?class_id={class}&task={task}&subject={}", w.team);

        // Each evaluator's "Perlu dinilai" list names the team, not scored
        // yet, with a link straight to its scoring page.
        let todo = app
            .get_json(&w.evaluators[0].1, "/api/todo_page?embed=true")
            .await
            .body;
        let scoring_link = format!("/classes/{class}/tasks/{task}/score/{}", w.team);
        assert!(
            todo.contains(&scoring_link) && todo.contains(text(P::TodoStatusNew)),
            "{todo}"
        );

        // A drafts (the answer is the running total the page shows, and the
        // revision the next save starts from); a save that did not start from
        // the stored revision is refused, visibly; submitting needs every level.
        let mut first = picks(&w, 0, 1, false);
        first.retain(|(k, _)| k != "c[0][level]");
        let criteria = app::rubrics::templates::find("kolaborasi-tim")
            .unwrap()
            .rubric(Locale::Id)
            .criteria
            .len();
        let running = post(app, a, "/api/save_score", &first).await;
        ok(&running);
        let expected = format!("({} dari {criteria} kriteria sudah dinilai)", criteria - 1);
        assert!(running.body.contains(&expected), "{running:?}");
        let draft = post(app, a, "/api/save_score", &picks(&w, 1, 1, false)).await;
        ok(&draft);
        let answer: app::ui::FormAnswer = serde_json::from_str(&draft.body).unwrap();
        assert!(
            answer.text.starts_with("Nilai sementara: ") && !answer.text.contains("kriteria"),
            "{answer:?}"
        );
        assert_eq!(answer.fields, vec![("base".to_string(), "2".to_string())]);
        let stale = post(app, a, "/api/save_score", &picks(&w, 1, 0, false)).await;
        assert_eq!(
            stale.error(),
            Some(AppError::Conflict(said(P::ErrScoreChanged))),
            "a save from an older page is refused, not dropped"
        );
        let mut partial = picks(&w, 2, 1, true);
        partial.retain(|(k, _)| k != "c[1][level]");
        let r = post(app, a, "/api/save_score", &partial).await;
        let Some(AppError::Invalid(errors)) = r.error() else {
            panic!("{r:?}")
        };
        assert_eq!(errors.keys().collect::<Vec<_>>(), vec!["c2"]);
        let submit = picks(&w, 2, 1, true);
        ok(&post(app, a, "/api/save_score", &submit).await);
        let r = post(app, a, "/api/save_score", &picks(&w, 3, 0, false)).await;
        assert_eq!(r.error(), Some(AppError::Rule(said(P::ErrScoreLocked))));
        // The same submit sent again (its answer lost): the stored one, no second write.
        ok(&post(app, a, "/api/save_score", &submit).await);
        // Scored: off A's list, and the scoring page says nothing else waits.
        let todo = app.get_json(a, "/api/todo_page?embed=true").await.body;
        assert!(todo.contains(text(P::TodoNothing)), "{todo}");
        assert!(app
            .get_json(a, &score_page)
            .await
            .body
            .contains(text(P::ScoreAllDone)));

        // B cannot see A's score until B has submitted.
        let before = app.get_json(b, &score_page).await.body;
        assert!(!before.contains("Penilai Coach"), "blind: {before}");
        ok(&post(app, b, "/api/save_score", &picks(&w, 0, 1, true)).await);
        let after = app.get_json(b, &score_page).await.body;
        assert!(after.contains("Penilai Coach"), "{after}");

        // C disagrees strongly: every criterion at the lowest level.
        ok(&post(app, c, "/api/save_score", &picks(&w, 0, 3, true)).await);
        let eval_page = format!("/api/evaluation_page?class_id={class}&task={task}");
        let overview = app.get_json(&w.facilitator, &eval_page).await.body;
        assert!(
            overview.contains("data-flagged=\\\"true\\\"") || overview.contains("data-flagged=\"true\""),
            "{overview}"
        );

        // Moderation needs a reason; a set score becomes the result.
        let moderate = |decision: &str, total: &str, reason: &str| {
            vec![
                ("class_id", class.clone()),
                ("task", task.clone()),
                ("subject", w.team.to_string()),
                ("decision", decision.to_string()),
                ("total", total.to_string()),
                ("reason", reason.to_string()),
            ]
        };
        let r = app
            .call(
                &w.facilitator,
                "/api/moderate_score",
                &moderate("set", "82.5", ""),
            )
            .await;
        assert_eq!(
            r.error(),
            Some(AppError::field("reason", said(P::ErrModerationReason)))
        );
        ok(&app
            .call(
                &w.facilitator,
                "/api/moderate_score",
                &moderate("rescore", "", "Penilai 3 jauh berbeda"),
            )
            .await);
        let reopened = score::Entity::find().all(&app.db).await.unwrap();
        assert!(reopened.iter().all(|s| s.status == "rescore"), "{reopened:?}");
        // Reopening is a new revision (1 → 2): C scores again from it.
        ok(&post(app, c, "/api/save_score", &picks(&w, 2, 2, true)).await);
        ok(&app
            .call(
                &w.facilitator,
                "/api/moderate_score",
                &moderate("set", "82.5", "Disepakati dalam rapat penilai"),
            )
            .await);

        // Not visible to the team before release; visible with the predicate after.
        let task_page = format!("/api/task_page?class_id={class}&task={task}");
        assert!(!app
            .get_json(&w.member, &task_page)
            .await
            .body
            .contains(text(P::ResultTitle)));
        let release = [
            ("class_id", class.clone()),
            ("task", task.clone()),
            ("release", "true".to_string()),
        ];
        ok(&app.call(&w.facilitator, "/api/evaluation_flags", &release).await);
        let mine = app.get_json(&w.member, &task_page).await.body;
        assert!(
            mine.contains(text(P::ResultTitle)) && mine.contains("82,5") && mine.contains("Memuaskan"),
            "{mine}"
        );
        assert!(
            !mine.contains("Penilai Coach"),
            "names stay hidden unless the programme shows them"
        );
        // The result explains itself: the facilitator set the score in
        // moderation, and why; what each level given means.
        let moderated = text(P::ResultModeratedSet).replace("{0}", "Disepakati dalam rapat penilai");
        assert!(mine.contains(&moderated), "{mine}");
        let template = app::rubrics::templates::find("kolaborasi-tim").unwrap();
        let rubric = template.rubric(Locale::Id);
        assert!(
            rubric.criteria[0]
                .levels
                .iter()
                .any(|l| mine.contains(&l.descriptor)),
            "the level's descriptor is shown: {mine}"
        );
        // The programme's admin shows them (keeping LAN's bands).
        let programme = app::entities::class::Entity::find_by_id(w.class)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .programme_id;
        let admin = app.session(app.user("Admin Program", &[Role::Admin]).await).await;
        let mut names_on = vec![
            ("programme".to_string(), programme.to_string()),
            ("show_names".to_string(), "1".to_string()),
        ];
        for (i, b) in app::rubrics::domain::bands::defaults().iter().enumerate() {
            names_on.push((format!("band[{i}][name]"), b.name.clone()));
            names_on.push((format!("band[{i}][min]"), b.min.to_string()));
            let from = if b.inclusive { "at" } else { "above" };
            names_on.push((format!("band[{i}][from]"), from.to_string()));
        }
        ok(&post(app, &admin, "/api/save_bands", &names_on).await);
        let named = app.get_json(&w.member, &task_page).await.body;
        assert!(
            named.contains("Penilai Coach") && named.contains("Memuaskan"),
            "{named}"
        );

        // Exports: the scores, the results with their predicate and the
        // agreement, each a CSV table of its own, and a real workbook.
        let export = format!("/classes/{class}/tasks/{task}/export");
        let csv = app.get(&w.facilitator, &format!("{export}/scores.csv")).await;
        assert_eq!(csv.status, axum::http::StatusCode::OK);
        assert!(csv.body.contains("Penilai Penguji"), "{}", csv.body);
        let results = app.get(&w.facilitator, &format!("{export}/results.csv")).await;
        assert_eq!(results.status, axum::http::StatusCode::OK);
        assert!(
            results.body.contains("82.50") && results.body.contains("Memuaskan"),
            "{}",
            results.body
        );
        let agreement = app.get(&w.facilitator, &format!("{export}/agreement.csv")).await;
        assert_eq!(agreement.status, axum::http::StatusCode::OK);
        assert!(agreement.body.contains("ICC(2,1)"), "{}", agreement.body);
        let xlsx = app.get(&w.facilitator, &format!("{export}/scores.xlsx")).await;
        assert_eq!(xlsx.status, axum::http::StatusCode::OK);
        assert!(xlsx.body.starts_with("PK"), "an XLSX is a zip");
        let r = app.get(&w.evaluators[0].1, &format!("{export}/scores.csv")).await;
        assert_eq!(r.status, axum::http::StatusCode::FORBIDDEN);

        // Audit: three submits, three re-opened, one resubmit.
        assert_eq!(score_audit::Entity::find().count(&app.db).await.unwrap(), 7);

        // Only assigned evaluators score; participants never.
        let r = post(app, &w.member, "/api/save_score", &picks(&w, 0, 0, true)).await;
        assert_eq!(r.error(), Some(AppError::Forbidden));
        let r = app.get_json(&w.member, &score_page).await;
        assert_eq!(r.error(), Some(AppError::Forbidden));
    }
);

both_backends!(admins_set_predicate_bands_without_gaps, async |app: &TestApp| {
    let class = app.class("Kelas Predikat").await;
    let programme = app::entities::class::Entity::find_by_id(class)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .programme_id;
    let admin = app
        .session(app.user("Admin Predikat", &[Role::Admin]).await)
        .await;
    let band = |i: usize, name: &str, from: &str, min: &str| {
        [
            (format!("band[{i}][name]"), name.to_string()),
            (format!("band[{i}][from]"), from.to_string()),
            (format!("band[{i}][min]"), min.to_string()),
        ]
    };
    let form = |rows: Vec<[(String, String); 3]>| {
        let mut f = vec![("programme".to_string(), programme.to_string())];
        f.extend(rows.into_iter().flatten());
        f
    };
    // The last band starts at 10: scores below would have no predicate.
    let gap = form(vec![
        band(0, "Lulus", "at", "60"),
        band(1, "Belum lulus", "at", "10"),
    ]);
    let r = post(app, &admin, "/api/save_bands", &gap).await;
    let Some(AppError::Invalid(errors)) = r.error() else {
        panic!("{r:?}")
    };
    assert_eq!(errors.keys().collect::<Vec<_>>(), vec!["bands:2"]);
    assert_eq!(
        app::entities::programme_band::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
    let good = form(vec![
        band(0, "Lulus", "at", "60"),
        band(1, "Belum lulus", "at", "0"),
        band(2, "", "at", ""),
    ]);
    ok(&post(app, &admin, "/api/save_bands", &good).await);
    let class_row = app::entities::class::Entity::find_by_id(class)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let bands = app::results::sheet::bands_for(&app.state, &class_row)
        .await
        .unwrap();
    assert_eq!(
        app::rubrics::domain::bands::predicate(&bands, 59.9),
        Some("Belum lulus")
    );
    assert_eq!(
        app::rubrics::domain::bands::predicate(&bands, 60.0),
        Some("Lulus")
    );
    // Only admins.
    let f = app.user("Fasilitator Predikat", &[Role::Facilitator]).await;
    app.enrol(f, class, Membership::Facilitator).await;
    let r = post(app, &app.session(f).await, "/api/save_bands", &good).await;
    assert_eq!(r.error(), Some(AppError::Forbidden));
});

both_backends!(
    evaluators_practise_against_a_reference_score,
    async |app: &TestApp| {
        let w = world(app).await;
        let (class, task) = (w.class.to_string(), w.task.to_string());
        score_with_template(app, &w, "").await;
        let (id, evaluator) = &w.evaluators[0];
        assign(app, &w, *id, "coach").await;
        let with = |mut f: Vec<(String, String)>, purpose: &str| {
            f.push(("purpose".into(), purpose.into()));
            f
        };
        // No reference yet: nothing to practise on; evaluators cannot set one.
        let r = post(
            app,
            evaluator,
            "/api/save_score",
            &with(picks(&w, 0, 1, true), "practice"),
        )
        .await;
        assert_eq!(r.error(), Some(AppError::Rule(said(P::ErrNoReference))));
        let r = post(
            app,
            evaluator,
            "/api/save_score",
            &with(picks(&w, 0, 0, true), "reference"),
        )
        .await;
        assert_eq!(r.error(), Some(AppError::Forbidden));
        ok(&post(
            app,
            &w.facilitator,
            "/api/save_score",
            &with(picks(&w, 0, 0, true), "reference"),
        )
        .await);
        ok(&post(
            app,
            evaluator,
            "/api/save_score",
            &with(picks(&w, 0, 1, true), "practice"),
        )
        .await);
        let page = format!(
            "/api/score_page?class_id={class}&task={task}&subject={}&purpose=practice",
            w.team
        );
        let body = app.get_json(evaluator, &page).await.body;
        assert!(body.contains(text(P::CompareTitle)), "{body}");
        // Neither counts towards the team's result.
        let overview = app
            .get_json(
                &w.facilitator,
                &format!("/api/evaluation_page?class_id={class}&task={task}"),
            )
            .await
            .body;
        assert!(overview.contains(text(P::EvalNoScores)), "{overview}");
    }
);

both_backends!(
    scenario_reflections_are_scored_with_a_rubric_and_released,
    async |app: &TestApp| {
        app::scenarios::store::load_shipped_if_empty(&app.db)
            .await
            .unwrap();
        let class = app.class("Kelas Refleksi").await;
        let f = app.user("Fasilitator Refleksi", &[Role::Facilitator]).await;
        app.enrol(f, class, Membership::Facilitator).await;
        let facilitator = app.session(f).await;
        let writer = app.user("Peserta Penulis", &[Role::Participant]).await;
        let silent = app.user("Peserta Diam", &[Role::Participant]).await;
        for p in [writer, silent] {
            app.enrol(p, class, Membership::Participant).await;
        }
        let mut evaluators = Vec::new();
        for name in [
            "Penilai Refleksi Satu",
            "Penilai Refleksi Dua",
            "Penilai Tak Ditugaskan",
        ] {
            let e = app.user(name, &[Role::Evaluator]).await;
            app.enrol(e, class, Membership::Evaluator).await;
            evaluators.push((e, app.session(e).await));
        }
        let window =
            app::scenarios::assign::Window::parse(app::calendar::Zone::Wib, "2026-01-01", "", 0).unwrap();
        let assignment = app::scenarios::assign::assign(&app.db, class, "aplikasi-laporan", window)
            .await
            .unwrap();
        let member = app.session(writer).await;
        let written = "Saya akan bertanya dulu bagaimana Pak Hasan biasa menyusun laporan.";
        play_with_reflection(app, &member, class, assignment, written).await;

        let template = app::rubrics::templates::find("refleksi-empati").unwrap();
        let rubric = app::rubrics::store::create(&app.db, class, f, template.rubric(Locale::Id), None)
            .await
            .unwrap()
            .unwrap();
        let target = |mut v: Vec<(&'static str, String)>| {
            v.push(("class_id", class.to_string()));
            v.push(("task", assignment.to_string()));
            v.push(("kind", "reflection".to_string()));
            v
        };
        let settings = target(vec![
            ("rubric", rubric.to_string()),
            ("combine", "mean".into()),
            ("level_gap", "1".into()),
            ("share_gap", "".into()),
        ]);
        ok(&app.call(&facilitator, "/api/set_evaluation", &settings).await);
        let assign_to = |evaluator: i64, subject: i64| {
            target(vec![
                ("subject", subject.to_string()),
                ("evaluator", evaluator.to_string()),
                ("role", "coach".into()),
                ("weight", "1".into()),
            ])
        };
        ok(&app
            .call(
                &facilitator,
                "/api/assign_evaluator",
                &assign_to(evaluators[0].0, 0),
            )
            .await);
        ok(&app
            .call(
                &facilitator,
                "/api/assign_evaluator",
                &assign_to(evaluators[1].0, writer),
            )
            .await);
        // Someone who wrote no reflection is not there to be scored.
        let r = app
            .call(
                &facilitator,
                "/api/assign_evaluator",
                &assign_to(evaluators[1].0, silent),
            )
            .await;
        assert_eq!(
            r.error(),
            Some(AppError::field("subject", said(P::ErrNotASubject)))
        );

        let overview_url = format!("/api/evaluation_page?class_id={class}&task={assignment}&kind=reflection");
        let overview = app.get_json(&facilitator, &overview_url).await.body;
        assert!(
            overview.contains("Peserta Penulis") && !overview.contains("Peserta Diam"),
            "{overview}"
        );
        let page = |subject: i64| {
            format!("/api/score_page?class_id={class}&task={assignment}&subject={subject}&kind=reflection")
        };
        let shown = app.get_json(&evaluators[0].1, &page(writer)).await.body;
        assert!(
            shown.contains(written),
            "the reflection beside the rubric: {shown}"
        );
        for outsider in [&evaluators[2].1, &member] {
            assert_eq!(
                app.get_json(outsider, &page(writer)).await.error(),
                Some(AppError::Forbidden)
            );
        }

        let form = |subject: i64, level: usize| {
            let base = vec![
                ("class_id".to_string(), class.to_string()),
                ("task".into(), assignment.to_string()),
                ("kind".into(), "reflection".into()),
                ("subject".into(), subject.to_string()),
            ];
            scored_with("refleksi-empati", base, 7, level, true)
        };
        let r = post(app, &evaluators[0].1, "/api/save_score", &form(silent, 0)).await;
        assert_eq!(r.error(), Some(AppError::NotFound));
        ok(&post(app, &evaluators[0].1, "/api/save_score", &form(writer, 0)).await);
        ok(&post(app, &evaluators[1].1, "/api/save_score", &form(writer, 1)).await);
        let saved = score::Entity::find().all(&app.db).await.unwrap();
        assert!(
            saved.len() == 2
                && saved
                    .iter()
                    .all(|s| s.kind == "reflection" && s.subject_id == writer),
            "{saved:?}"
        );

        // Released: the participant sees the result on the scenario's page.
        let play = format!("/api/scenario_play_page?class_id={class}&assignment={assignment}");
        assert!(!app
            .get_json(&member, &play)
            .await
            .body
            .contains(text(P::ResultTitle)));
        let release = target(vec![("release", "true".into())]);
        ok(&app.call(&facilitator, "/api/evaluation_flags", &release).await);
        let mine = app.get_json(&member, &play).await.body;
        assert!(mine.contains(text(P::ResultTitle)), "{mine}");
        let report = reflection_results(app, class, assignment).await;
        let total = report.reports[0].final_total.unwrap();
        // One decimal, with the Indonesian decimal comma.
        let shown = format!("{total:.1}").replace('.', ",");
        assert!(mine.contains(&shown), "{shown} in {mine}");

        let csv = app
            .get(
                &facilitator,
                &format!("/classes/{class}/scenarios/{assignment}/export/scores.csv"),
            )
            .await;
        assert_eq!(csv.status, axum::http::StatusCode::OK);
        assert!(csv.body.contains("Peserta Penulis"), "{}", csv.body);
    }
);

both_backends!(
    every_text_cell_of_scores_csv_is_neutralised,
    async |app: &TestApp| {
        use sea_orm::{ActiveModelTrait, ActiveValue::Set};
        let w = world(app).await;
        let (class, task) = (w.class.to_string(), w.task.to_string());
        score_with_template(app, &w, "").await;
        let (coach, client) = (w.evaluators[0].0, &w.evaluators[0].1);
        assign(app, &w, coach, "coach").await;
        // A name from an LMS roster and comments that look like formulas
        // (comments are trimmed when saved, so no leading tab among them).
        let mut person: app::entities::user::ActiveModel = app::entities::user::Entity::find_by_id(coach)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .into();
        person.full_name = Set(HOSTILE_CELLS[0].to_string());
        person.update(&app.db).await.unwrap();
        let mut fields = picks(&w, 0, 0, true);
        for (k, v) in fields.iter_mut() {
            if let Some(i) = k.strip_prefix("c[").and_then(|k| k.strip_suffix("][comment]")) {
                *v = HOSTILE_CELLS[1 + i.parse::<usize>().unwrap() % 3].to_string();
            }
        }
        ok(&post(app, client, "/api/save_score", &fields).await);
        let moderation = [
            ("class_id", class.clone()),
            ("task", task.clone()),
            ("subject", w.team.to_string()),
            ("decision", "set".to_string()),
            ("total", "82.5".to_string()),
            ("reason", "@SUM(A1)".to_string()),
        ];
        ok(&app.call(&w.facilitator, "/api/moderate_score", &moderation).await);

        let url = format!("/classes/{class}/tasks/{task}/export/scores.csv");
        let csv = app.get(&w.facilitator, &url).await;
        assert_eq!(csv.status, axum::http::StatusCode::OK);
        // One table per file: every record as wide as its header.
        let rows = csv_cells(&csv.body);
        assert!(rows.iter().all(|r| r.len() == rows[0].len()), "{}", csv.body);
        let scores: Vec<&Vec<String>> = rows.iter().skip(1).collect();
        assert!(!scores.is_empty(), "{}", csv.body);
        for (i, row) in scores.iter().enumerate() {
            assert_eq!(row[1], neutralised(HOSTILE_CELLS[0]), "evaluator name: {row:?}");
            assert_eq!(row[8], neutralised(HOSTILE_CELLS[1 + i % 3]), "comment: {row:?}");
            assert!(!row[7].starts_with('\''), "points stay numbers: {row:?}");
        }
        let results = app
            .get(&w.facilitator, &url.replace("scores.csv", "results.csv"))
            .await;
        let rows = csv_cells(&results.body);
        assert!(rows.iter().all(|r| r.len() == rows[0].len()), "{}", results.body);
        let result = rows.iter().find(|r| r[5] == "82.50").expect("result row");
        assert_eq!(
            result[4],
            neutralised("@SUM(A1)"),
            "moderation reason: {result:?}"
        );

        // The workbook keeps text as text: no cell is a formula, the name is a
        // shared string as typed (no `'` needed there), and points are numbers.
        let xlsx = download(app, &w.facilitator, &url.replace("scores.csv", "scores.xlsx")).await;
        let sheet = xlsx_part(&xlsx, "xl/worksheets/sheet1.xml");
        let strings = xlsx_part(&xlsx, "xl/sharedStrings.xml");
        assert!(!sheet.contains("<f>") && !sheet.contains("<f "), "{sheet}");
        assert!(strings.contains("<t>=HYPERLINK(\"http://x\")</t>"), "{strings}");
        assert!(sheet.contains("<v>100</v>"), "points as numbers: {sheet}");
    }
);

both_backends!(
    a_moderation_is_only_for_a_subject_of_the_task,
    async |app: &TestApp| {
        let w = world(app).await;
        score_with_template(app, &w, "").await;
        let member = app::entities::user::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .find(|u| u.full_name == "Peserta Satu")
            .unwrap()
            .id;
        // No such team, and a person (this task is scored per team).
        for subject in [w.team + 1000, member] {
            let fields = [
                ("class_id", w.class.to_string()),
                ("task", w.task.to_string()),
                ("subject", subject.to_string()),
                ("decision", "set".to_string()),
                ("total", "100".to_string()),
                ("reason", "Nilai sempurna".to_string()),
            ];
            let r = app.call(&w.facilitator, "/api/moderate_score", &fields).await;
            assert_eq!(r.error(), Some(AppError::NotFound), "subject {subject}: {r:?}");
            assert_eq!(r.status, axum::http::StatusCode::NOT_FOUND);
        }
        let stored = app::entities::moderation::Entity::find()
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(stored, 0, "nothing moderated");
    }
);
