//! Teams, team tasks and mentoring through the router, on SQLite and
//! PostgreSQL: teams are formed without isolating anyone, adjusted, locked
//! and published; submissions are versions, marked late, stored once per key
//! and served only to those who may see them; mentoring pairs are proposed,
//! confirmed and log sessions once per key.
use crate::common::*;
use app::auth::model::Role;
use app::auth::policy::Membership;
use app::entities::{mentoring_pair, mentoring_session, task_submission, team_member, user};
use app::error::AppError;
use app::i18n::said;
use app::i18n::P;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// (name, birth year, gender, unit)
const PEOPLE: [(&str, i32, &str, &str); 10] = [
    ("Hasan", 1962, "M", "Dinas Pendidikan"),
    ("Rosmiati", 1963, "F", "Dinas Kesehatan"),
    ("Rudi", 1975, "M", "BPKAD"),
    ("Sri", 1972, "F", "Dinas Pendidikan"),
    ("Dewi", 1985, "F", "Bappeda"),
    ("Andi", 1988, "M", "Dinas Kesehatan"),
    ("Putri", 1990, "F", "BPKAD"),
    ("Farhan", 2000, "M", "Bappeda"),
    ("Nabila", 2001, "F", "Dinas Kominfo"),
    ("Rizky", 1999, "M", "Dinas Kominfo"),
];

struct Class {
    id: i64,
    people: Vec<i64>,
    facilitator: Client,
}

/// A participant of `class` born in `year`.
async fn participant(app: &TestApp, class: i64, (name, year, gender, unit): (&str, i32, &str, &str)) -> i64 {
    let p = app.user(name, &[Role::Participant]).await;
    let mut row: user::ActiveModel = user::Entity::find_by_id(p)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    row.birth_date = Set(chrono::NaiveDate::from_ymd_opt(year, 3, 1));
    row.gender = Set(Some(gender.into()));
    row.unit_kerja = Set(unit.into());
    row.update(&app.db).await.unwrap();
    app.enrol(p, class, Membership::Participant).await;
    p
}

async fn class(app: &TestApp) -> Class {
    let id = app.class("Kelas Tim").await;
    let mut people = Vec::new();
    for who in PEOPLE {
        people.push(participant(app, id, who).await);
    }
    let f = app.user("Fasilitator Tim", &[Role::Facilitator]).await;
    app.enrol(f, id, Membership::Facilitator).await;
    Class {
        id,
        people,
        facilitator: app.session(f).await,
    }
}

async fn form(app: &TestApp, c: &Class, size: &str) -> Reply {
    let fields = [
        ("class_id", c.id.to_string()),
        ("mode", "size".into()),
        ("n", size.into()),
        ("w_mix", "3".into()),
        ("w_isolation", "3".into()),
        ("w_units", "2".into()),
        ("w_level", "1".into()),
        ("w_skill", "1".into()),
    ];
    app.call(&c.facilitator, "/api/form_class_teams", &fields).await
}

/// Person id → team id in the class's newest set.
async fn teams(app: &TestApp) -> Vec<(i64, i64)> {
    let newest = app::entities::team_set::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .max()
        .unwrap();
    let mut rows: Vec<(i64, i64)> = team_member::Entity::find()
        .filter(team_member::Column::SetId.eq(newest))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|m| (m.user_id, m.team_id))
        .collect();
    rows.sort();
    rows
}

fn team_of(rows: &[(i64, i64)], person: i64) -> i64 {
    rows.iter().find(|(p, _)| *p == person).unwrap().1
}

both_backends!(
    teams_are_formed_adjusted_locked_and_published,
    async |app: &TestApp| {
        let c = class(app).await;
        let participant = app.session(c.people[0]).await;
        let page = |client: Client| async move {
            app.get_json(&client, &format!("/api/teams_page?class_id={}", c.id))
                .await
                .body
        };
        assert!(form(app, &c, "1").await.error().is_some(), "size 1 is refused");
        assert!(form(app, &c, "5").await.status.is_success());
        let first = teams(app).await;
        assert_eq!(first.len(), 10);
        let html = page(c.facilitator.clone()).await;
        assert!(!html.contains("breach-isolated"), "nobody isolated: {html}");
        assert!(html.contains("team-card"));

        // Swap two people of different teams.
        let (a, b) = (
            c.people[0],
            *c.people
                .iter()
                .find(|p| team_of(&first, **p) != team_of(&first, c.people[0]))
                .unwrap(),
        );
        let swap = [
            ("class_id", c.id.to_string()),
            ("first", a.to_string()),
            ("second", b.to_string()),
        ];
        assert!(app
            .call(&c.facilitator, "/api/swap_team_members", &swap)
            .await
            .status
            .is_success());
        let swapped = teams(app).await;
        assert_eq!(team_of(&swapped, a), team_of(&first, b));
        assert_eq!(team_of(&swapped, b), team_of(&first, a));

        // Lock team 1: forming again keeps it; its people cannot be moved.
        let lock = [
            ("class_id", c.id.to_string()),
            ("team", "1".into()),
            ("locked", "true".into()),
        ];
        assert!(app
            .call(&c.facilitator, "/api/lock_team", &lock)
            .await
            .status
            .is_success());
        let locked_team = app::entities::team::Entity::find()
            .filter(app::entities::team::Column::Locked.eq(true))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let in_locked: Vec<i64> = swapped
            .iter()
            .filter(|(_, t)| *t == locked_team.id)
            .map(|(p, _)| *p)
            .collect();
        assert!(form(app, &c, "5").await.status.is_success());
        let again = teams(app).await;
        let team_one = app::entities::team::Entity::find()
            .filter(app::entities::team::Column::Number.eq(1))
            .filter(app::entities::team::Column::Locked.eq(true))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let mut kept: Vec<i64> = again
            .iter()
            .filter(|(_, t)| *t == team_one.id)
            .map(|(p, _)| *p)
            .collect();
        kept.sort();
        let mut was = in_locked.clone();
        was.sort();
        assert_eq!(kept, was, "a locked team keeps its members");
        let mv = [
            ("class_id", c.id.to_string()),
            ("person", in_locked[0].to_string()),
            ("team", "2".into()),
        ];
        let r = app.call(&c.facilitator, "/api/move_team_member", &mv).await;
        assert_eq!(r.error(), Some(AppError::Rule(said(P::ErrTeamLocked))));

        // Not published: the participant and the class's evaluator see no
        // teams; after publishing, the participant their own, the evaluator all.
        let e = app.user("Penilai Tim", &[Role::Evaluator]).await;
        app.enrol(e, c.id, Membership::Evaluator).await;
        let evaluator = app.session(e).await;
        assert!(!page(participant.clone()).await.contains("my-team"));
        assert!(!page(evaluator.clone()).await.contains("team-card"));
        let r = publish(app, &participant, &c).await;
        assert_eq!(r.error(), Some(AppError::Forbidden));
        let r = publish(app, &c.facilitator, &c).await;
        assert!(r.status.is_success());
        let all = page(evaluator).await;
        assert_eq!(all.matches("data-team=").count(), 2, "{all}");
        assert!(
            !all.contains("/api/swap_team_members"),
            "evaluators do not adjust"
        );
        let html = page(participant).await;
        assert!(html.contains("my-team"), "{html}");
        assert!(
            html.contains("member gen-") && !html.contains("member gen-unknown"),
            "each teammate with their generation: {html}"
        );
        let mine = team_of(&again, c.people[0]);
        for (p, t) in &again {
            let name = PEOPLE[c.people.iter().position(|x| x == p).unwrap()].0;
            assert_eq!(
                html.contains(name),
                *t == mine,
                "{name} shown only when a teammate"
            );
        }
    }
);

both_backends!(pair_rules_hold_when_teams_are_formed, async |app: &TestApp| {
    let c = class(app).await;
    let rule = |first: i64, second: i64, kind: &str| {
        [
            ("class_id", c.id.to_string()),
            ("first", first.to_string()),
            ("second", second.to_string()),
            ("kind", kind.to_string()),
        ]
    };
    let (a, b, d) = (c.people[0], c.people[1], c.people[2]);
    for r in [rule(a, b, "apart"), rule(a, d, "together")] {
        assert!(app
            .call(&c.facilitator, "/api/add_pair_rule", &r)
            .await
            .status
            .is_success());
    }
    let r = app
        .call(&c.facilitator, "/api/add_pair_rule", &rule(a, a, "apart"))
        .await;
    assert!(matches!(r.error(), Some(AppError::Invalid(_))));
    for _ in 0..3 {
        assert!(form(app, &c, "3").await.status.is_success());
        let rows = teams(app).await;
        assert_ne!(team_of(&rows, a), team_of(&rows, b));
        assert_eq!(team_of(&rows, a), team_of(&rows, d));
    }
});

async fn published_teams(app: &TestApp, c: &Class) {
    assert!(form(app, c, "5").await.status.is_success());
    assert!(publish(app, &c.facilitator, c).await.status.is_success());
}

async fn publish(app: &TestApp, client: &Client, c: &Class) -> Reply {
    app.call(client, "/api/publish_teams", &[("class_id", c.id.to_string())])
        .await
}

async fn task(app: &TestApp, c: &Class, due_on: &str, policy: &str) -> i64 {
    let fields = [
        ("class_id", c.id.to_string()),
        ("title", "Rencana kolaborasi".into()),
        ("brief", "Susun **rencana** tim.".into()),
        ("due_on", due_on.into()),
        ("due_time", "16:00".into()),
        ("late_policy", policy.into()),
        ("late_until_on", "".into()),
    ];
    let r = app.call(&c.facilitator, "/api/create_task", &fields).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{r:?}");
    app::entities::team_task::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .last()
        .unwrap()
        .id
}

both_backends!(
    submissions_are_versions_marked_late_and_stored_once,
    async |app: &TestApp| {
        let c = class(app).await;
        published_teams(app, &c).await;
        let task = task(app, &c, "2026-01-05", "accepted").await;
        let member = app.session(c.people[0]).await;
        let send = |client: Client, key: &'static str, name: &'static str, bytes: Vec<u8>| async move {
            let fields = [
                ("class_id", c.id.to_string()),
                ("task", task.to_string()),
                ("key", key.to_string()),
                ("body", "Draf pertama".to_string()),
            ];
            app.upload_file(&client, "/api/submit_task", &fields, name, &bytes)
                .await
        };
        let pdf = b"%PDF-1.4 laporan tim".to_vec();
        for _ in 0..2 {
            let r = send(member.clone(), "kiriman-satu-0001", "laporan.pdf", pdf.clone()).await;
            assert!(r.status.is_success() || r.status.is_redirection(), "{r:?}");
        }
        assert_eq!(task_submission::Entity::find().count(&app.db).await.unwrap(), 1);
        // A name a spreadsheet user types: downloaded under the same name (RFC 6266).
        let r = send(
            member.clone(),
            "kiriman-dua-00002",
            "Kelas Ñ — 2026.pdf",
            pdf.clone(),
        )
        .await;
        assert!(r.status.is_success() || r.status.is_redirection());
        let versions = task_submission::Entity::find().all(&app.db).await.unwrap();
        assert_eq!(versions.iter().map(|v| v.number).collect::<Vec<_>>(), vec![1, 2]);

        // A renamed program and an upload over the limit are refused whole.
        let r = send(
            member.clone(),
            "kiriman-tiga-0003",
            "laporan.pdf",
            b"MZ\x90\x00".to_vec(),
        )
        .await;
        assert!(
            matches!(r.error(), Some(AppError::Invalid(f)) if f.contains_key("file")),
            "{r:?}"
        );
        let big = [b"%PDF-1.4".to_vec(), vec![b'a'; app.state.max_upload_bytes]].concat();
        let r = send(member.clone(), "kiriman-empat-004", "besar.pdf", big).await;
        assert!(
            matches!(r.error(), Some(AppError::Invalid(f)) if f.contains_key("file")),
            "{r:?}"
        );
        assert_eq!(task_submission::Entity::find().count(&app.db).await.unwrap(), 2);

        // Both versions are marked late (due in January); the latest counts.
        let page = app
            .get_json(&member, &format!("/api/task_page?class_id={}&task={task}", c.id))
            .await
            .body;
        assert_eq!(page.matches("tag-late").count(), 2, "{page}");
        assert_eq!(page.matches("tag-ok").count(), 1);

        // Files: the team and the facilitator get them; another team does not.
        let file = app::entities::submission_file::Entity::find()
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        let url = format!("/classes/{}/files/{}", c.id, file.id);
        let got = app.get(&member, &url).await;
        assert_eq!(got.status, axum::http::StatusCode::OK);
        assert_eq!(got.body.as_bytes(), pdf.as_slice());
        assert_eq!(
            app.get(&c.facilitator, &url).await.status,
            axum::http::StatusCode::OK
        );
        let rows = teams(app).await;
        let stranger = rows
            .iter()
            .find(|(_, t)| *t != team_of(&rows, c.people[0]))
            .unwrap()
            .0;
        let other = app.session(stranger).await;
        assert_eq!(
            app.get(&other, &url).await.status,
            axum::http::StatusCode::FORBIDDEN
        );
        let named = app::entities::submission_file::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .find(|f| f.name.contains('Ñ'))
            .expect("the second version's file");
        let got = app
            .get(&member, &format!("/classes/{}/files/{}", c.id, named.id))
            .await;
        assert_eq!(got.status, axum::http::StatusCode::OK);
        let disposition = got.headers[axum::http::header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap();
        assert_eq!(
            disposition,
            "attachment; filename=\"Kelas _ _ 2026.pdf\"; filename*=UTF-8''Kelas%20%C3%91%20_%202026.pdf"
        );
    }
);

async fn answer_survey(app: &TestApp, c: &Class, who: usize, rate: u8, want: bool) {
    answer(app, c.id, c.people[who], rate, want).await;
}

/// `user` rates every topic `rate` and (if `want`) asks to learn spreadsheets.
async fn answer(app: &TestApp, class_id: i64, user: i64, rate: u8, want: bool) {
    let client = app.session(user).await;
    let mut fields = vec![("class_id", class_id.to_string())];
    for i in 0..5 {
        fields.push((
            ["rate_0", "rate_1", "rate_2", "rate_3", "rate_4"][i],
            rate.to_string(),
        ));
    }
    if want {
        fields.push(("want_1", "1".into()));
    }
    fields.extend([
        ("style", "mixed".to_string()),
        ("availability", "any".to_string()),
    ]);
    let r = app.call(&client, "/api/save_survey", &fields).await;
    assert!(r.status.is_success(), "{r:?}");
}

both_backends!(
    mentoring_pairs_are_proposed_confirmed_and_log_sessions,
    async |app: &TestApp| {
        let c = class(app).await;
        let closed = app.session(c.people[0]).await;
        let fields = [
            ("class_id", c.id.to_string()),
            ("rate_0", "1".into()),
            ("rate_1", "1".into()),
            ("rate_2", "1".into()),
            ("rate_3", "1".into()),
            ("rate_4", "1".into()),
            ("style", "mixed".to_string()),
            ("availability", "any".to_string()),
        ];
        let r = app.call(&closed, "/api/save_survey", &fields).await;
        assert_eq!(r.error(), Some(AppError::Rule(said(P::ErrSurveyClosed))));
        let open = [("class_id", c.id.to_string()), ("open", "true".into())];
        assert!(app
            .call(&c.facilitator, "/api/set_survey_open", &open)
            .await
            .status
            .is_success());
        // Hasan (Boomer, Dinas Pendidikan) wants spreadsheets; Farhan and
        // Nabila (Gen Z) rate high; Sri (Gen X) did not answer.
        answer_survey(app, &c, 0, 1, true).await;
        answer_survey(app, &c, 7, 5, false).await;
        answer_survey(app, &c, 8, 4, false).await;
        // The open survey shows each participant their own answers again.
        let teams_page = |who: usize| {
            let class_id = c.id;
            let person = c.people[who];
            async move {
                let client = app.session(person).await;
                app.get_json(&client, &format!("/api/teams_page?class_id={class_id}"))
                    .await
                    .body
            }
        };
        let hasan = teams_page(0).await;
        // (The page's HTML arrives as a JSON string: its quotes are escaped.)
        assert!(
            hasan.contains(r#"name=\"want_1\" value=\"1\" checked"#),
            "Hasan's wish is ticked: {hasan}"
        );
        assert!(hasan.contains(r#"<option value=\"1\" selected"#), "{hasan}");
        let farhan = teams_page(7).await;
        assert!(farhan.contains(r#"<option value=\"5\" selected"#), "{farhan}");
        assert!(
            !farhan.contains(r#"value=\"1\" checked"#),
            "Farhan wished for nothing: {farhan}"
        );
        let r = app
            .call(
                &c.facilitator,
                "/api/propose_mentoring",
                &[("class_id", c.id.to_string())],
            )
            .await;
        assert!(r.status.is_success(), "{r:?}");
        let pairs = mentoring_pair::Entity::find().all(&app.db).await.unwrap();
        assert_eq!(pairs.len(), 1);
        assert_eq!(
            (pairs[0].mentor_id, pairs[0].mentee_id),
            (c.people[7], c.people[0])
        );
        let overview = app
            .get_json(&c.facilitator, &format!("/api/mentoring_page?class_id={}", c.id))
            .await
            .body;
        assert!(
            overview.contains("Sri"),
            "the unanswered are listed with the reason: {overview}"
        );

        let mentee = app.session(c.people[0]).await;
        let mentor = app.session(c.people[7]).await;
        let pair = pairs[0].id.to_string();
        let log = |key: &'static str| {
            vec![
                ("class_id", c.id.to_string()),
                ("pair", pair.clone()),
                ("key", key.to_string()),
                ("held_on", "2026-11-20".to_string()),
                ("minutes", "45".to_string()),
                ("topic", "Tabel pivot".to_string()),
                ("practised", "Membuat tabel pivot rekap cuti.".to_string()),
                (
                    "mentor_learned",
                    "Cara menyusun nota dinas yang runtut.".to_string(),
                ),
            ]
        };
        let r = app
            .call(&mentor, "/api/log_mentoring_session", &log("sesi-pertama-01"))
            .await;
        assert_eq!(r.error(), Some(AppError::Rule(said(P::ErrPairNotConfirmed))));
        let answer = [
            ("class_id", c.id.to_string()),
            ("pair", pair.clone()),
            ("answer", "confirm".into()),
        ];
        let r = app.call(&mentor, "/api/respond_mentoring", &answer).await;
        assert_eq!(r.error(), Some(AppError::Forbidden), "only the mentee confirms");
        assert!(app
            .call(&mentee, "/api/respond_mentoring", &answer)
            .await
            .status
            .is_success());
        for _ in 0..2 {
            assert!(app
                .call(&mentor, "/api/log_mentoring_session", &log("sesi-pertama-01"))
                .await
                .status
                .is_success());
        }
        assert_eq!(mentoring_session::Entity::find().count(&app.db).await.unwrap(), 1);
        // A goal added twice with one key is one goal; marking it met shows.
        let goal = [
            ("class_id", c.id.to_string()),
            ("pair", pair.clone()),
            ("key", "target-pivot-0001".to_string()),
            ("title", "Membuat tabel pivot".to_string()),
        ];
        for _ in 0..2 {
            assert!(app
                .call(&mentee, "/api/add_mentoring_goal", &goal)
                .await
                .status
                .is_success());
        }
        let goals = app::entities::mentoring_goal::Entity::find()
            .all(&app.db)
            .await
            .unwrap();
        assert_eq!(goals.len(), 1);
        let met = [
            ("class_id", c.id.to_string()),
            ("goal", goals[0].id.to_string()),
            ("met", "true".into()),
        ];
        assert!(app
            .call(&mentor, "/api/set_mentoring_goal", &met)
            .await
            .status
            .is_success());
        let outsider = app.session(c.people[3]).await;
        let r = app
            .call(&outsider, "/api/log_mentoring_session", &log("sesi-orang-lain"))
            .await;
        assert_eq!(r.error(), Some(AppError::Forbidden));
        let overview = app
            .get_json(&c.facilitator, &format!("/api/mentoring_page?class_id={}", c.id))
            .await
            .body;
        assert!(overview.contains("1 sesi, 45 menit"), "{overview}");
        assert!(overview.contains("1 dari 1 tercapai"), "{overview}");
    }
);

/// A class in the same programme as `of`.
async fn sibling(app: &TestApp, of: i64, name: &str) -> i64 {
    use app::entities::class;
    let first = class::Entity::find_by_id(of).one(&app.db).await.unwrap().unwrap();
    class::ActiveModel {
        programme_id: Set(first.programme_id),
        name: Set(name.into()),
        description: Set(String::new()),
        starts_on: Set(first.starts_on),
        ends_on: Set(first.ends_on),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap()
    .id
}

both_backends!(
    mentoring_pairs_across_the_classes_of_a_programme_the_facilitator_manages,
    async |app: &TestApp| {
        // Seniors in one class, juniors in another, one more junior in a
        // third class of the programme that this facilitator does not run.
        let seniors = app.class("Kelas Senior").await;
        let juniors = sibling(app, seniors, "Kelas Muda").await;
        let elsewhere = sibling(app, seniors, "Kelas Lain").await;
        let f = app.user("Fasilitator Program", &[Role::Facilitator]).await;
        app.enrol(f, seniors, Membership::Facilitator).await;
        app.enrol(f, juniors, Membership::Facilitator).await;
        let facilitator = app.session(f).await;
        let admin = app.session(app.user("Admin", &[Role::Admin]).await).await;
        let hasan = participant(app, seniors, PEOPLE[0]).await;
        let rosmiati = participant(app, seniors, PEOPLE[1]).await;
        let farhan = participant(app, juniors, PEOPLE[7]).await;
        let nabila = participant(app, juniors, PEOPLE[8]).await;
        let rizky = participant(app, elsewhere, PEOPLE[9]).await;
        for class in [seniors, juniors, elsewhere] {
            let open = [("class_id", class.to_string()), ("open", "true".into())];
            assert!(app
                .call(&admin, "/api/set_survey_open", &open)
                .await
                .status
                .is_success());
        }
        answer(app, seniors, hasan, 1, true).await;
        answer(app, seniors, rosmiati, 2, true).await;
        answer(app, juniors, farhan, 5, false).await;
        answer(app, juniors, nabila, 4, false).await;
        answer(app, elsewhere, rizky, 5, false).await;
        let propose =
            |class: i64, scope: &str| vec![("class_id", class.to_string()), ("scope", scope.to_string())];
        let page = |client: Client, class: i64| async move {
            app.get_json(&client, &format!("/api/mentoring_page?class_id={class}"))
                .await
                .body
        };

        // On its own the seniors' class has nobody to mentor them.
        let r = app
            .call(&facilitator, "/api/propose_mentoring", &propose(seniors, "class"))
            .await;
        assert!(r.status.is_success(), "{r:?}");
        assert_eq!(mentoring_pair::Entity::find().count(&app.db).await.unwrap(), 0);
        let overview = page(facilitator.clone(), seniors).await;
        assert!(
            overview.contains(tr_id(P::ScopeProgramme)),
            "the scope is offered: {overview}"
        );
        assert!(
            !overview.contains("Kelas Lain"),
            "only managed classes are offered"
        );

        // Across the programme, mentors come from the juniors' class, not
        // from the class the facilitator does not run.
        let r = app
            .call(
                &facilitator,
                "/api/propose_mentoring",
                &propose(seniors, "programme"),
            )
            .await;
        assert!(r.status.is_success(), "{r:?}");
        let mut pairs = mentoring_pair::Entity::find().all(&app.db).await.unwrap();
        pairs.sort_by_key(|p| p.mentee_id);
        let ends: Vec<_> = pairs
            .iter()
            .map(|p| (p.mentor_id, p.mentee_id, p.class_id, p.mentor_class_id))
            .collect();
        assert_eq!(
            ends,
            vec![
                (farhan, hasan, seniors, Some(juniors)),
                (nabila, rosmiati, seniors, Some(juniors)),
            ]
        );
        let juniors_view = page(facilitator.clone(), juniors).await;
        assert!(
            juniors_view.contains("Hasan") && juniors_view.contains("dari Kelas Senior"),
            "{juniors_view}"
        );

        // The mentee confirms from their class; the mentor works from theirs.
        let pair = pairs[0].id.to_string();
        let confirm = [
            ("class_id", seniors.to_string()),
            ("pair", pair.clone()),
            ("answer", "confirm".into()),
        ];
        assert!(app
            .call(&app.session(hasan).await, "/api/respond_mentoring", &confirm)
            .await
            .status
            .is_success());
        let mentor = app.session(farhan).await;
        let mine = page(mentor.clone(), juniors).await;
        assert!(
            mine.contains("Hasan") && mine.contains("dari Kelas Senior"),
            "{mine}"
        );
        assert!(
            mine.contains("gen-boomer"),
            "the mentee's generation is shown: {mine}"
        );
        // A participant's page names the people of their own pair and no one else.
        assert!(
            !mine.contains("Rosmiati") && !mine.contains("Nabila"),
            "another pair is named on a participant's page: {mine}"
        );
        let goal = |class: i64| {
            vec![
                ("class_id", class.to_string()),
                ("pair", pair.clone()),
                ("key", format!("target-lintas-{class}")),
                ("title", "Rumus VLOOKUP".to_string()),
            ]
        };
        assert!(app
            .call(&mentor, "/api/add_mentoring_goal", &goal(juniors))
            .await
            .status
            .is_success());
        let r = app.call(&mentor, "/api/add_mentoring_goal", &goal(seniors)).await;
        assert_eq!(
            r.error(),
            Some(AppError::Forbidden),
            "not a participant of the seniors' class"
        );
        let r = app
            .call(
                &app.session(rizky).await,
                "/api/add_mentoring_goal",
                &goal(elsewhere),
            )
            .await;
        assert_eq!(
            r.error(),
            Some(AppError::NotFound),
            "the pair is not in that class"
        );

        // A class-only proposal for the juniors keeps pairs reaching another class.
        let r = app
            .call(&facilitator, "/api/propose_mentoring", &propose(juniors, "class"))
            .await;
        assert!(r.status.is_success(), "{r:?}");
        assert_eq!(mentoring_pair::Entity::find().count(&app.db).await.unwrap(), 2);

        // By hand: a mentor from an unmanaged class is refused; a facilitator
        // of the seniors' class alone cannot reach the juniors either.
        let adjust = |mentor: i64| {
            vec![
                ("class_id", seniors.to_string()),
                ("mentee", rosmiati.to_string()),
                ("mentor", mentor.to_string()),
            ]
        };
        let r = app
            .call(&facilitator, "/api/adjust_mentoring", &adjust(rizky))
            .await;
        assert_eq!(
            r.error(),
            Some(AppError::field("mentor", said(P::ErrMentorGeneration)))
        );
        let solo = app.user("Fasilitator Senior", &[Role::Facilitator]).await;
        app.enrol(solo, seniors, Membership::Facilitator).await;
        let solo = app.session(solo).await;
        let r = app.call(&solo, "/api/adjust_mentoring", &adjust(nabila)).await;
        assert_eq!(
            r.error(),
            Some(AppError::field("mentor", said(P::ErrMentorGeneration)))
        );
        assert!(!page(solo, seniors).await.contains(tr_id(P::ScopeLegend)));
        let r = app
            .call(&facilitator, "/api/adjust_mentoring", &adjust(nabila))
            .await;
        assert!(r.status.is_success(), "already the pair: {r:?}");
    }
);

/// The Bahasa Indonesia text of `key` up to its first placeholder.
fn tr_id(key: P) -> &'static str {
    let text = key.t(app::i18n::Locale::Id);
    text.split('{').next().unwrap_or(text)
}
