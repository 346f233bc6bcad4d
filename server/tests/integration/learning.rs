//! Reading the curriculum in a class through the router, on SQLite and PostgreSQL:
//! answers and reflections are saved (an older autosave never wins), completion is
//! idempotent, unreleased units are refused to participants, and only participants
//! of the class can record anything.
use crate::common::*;
use app::auth::model::Role;
use app::auth::policy::Membership;
use app::curriculum::model::{BlockBody, CheckMode};
use app::curriculum::store;
use app::curriculum::view_model::{BlockView, ClassUnits, LessonPage};
use app::entities::{class_unit_release, cur_unit, lesson_completion};
use app::error::AppError;
use app::i18n::K;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// The first lesson with a quick check, its check's (key, correct key, wrong key).
fn first_check() -> (String, String, String, String) {
    let c = store::shipped().unwrap();
    for lesson in c.units.iter().flat_map(|u| &u.lessons) {
        for block in &lesson.blocks {
            if let BlockBody::Check {
                mode: CheckMode::Single,
                options,
                ..
            } = &block.body
            {
                let right = options.iter().find(|o| o.correct).unwrap().key.clone();
                let wrong = options.iter().find(|o| !o.correct).unwrap().key.clone();
                return (lesson.key.clone(), block.key.clone(), right, wrong);
            }
        }
    }
    panic!("no single-choice check shipped")
}

fn first_reflection() -> String {
    let c = store::shipped().unwrap();
    let mut blocks = c.units.iter().flat_map(|u| &u.lessons).flat_map(|l| &l.blocks);
    blocks
        .find(|b| matches!(b.body, BlockBody::Reflection { .. }))
        .unwrap()
        .key
        .clone()
}

/// The participant's saved answer to a quick check on a lesson page.
fn saved_answer(page: &LessonPage, check: &str) -> app::curriculum::view_model::AnswerView {
    let found = page.blocks.iter().find_map(|b| match b {
        BlockView::Check(c) if c.key == check => c.answer.clone(),
        _ => None,
    });
    found.expect("answer saved")
}

async fn lesson(app: &TestApp, c: &Client, class: i64, key: &str) -> LessonPage {
    let r = app
        .get_json(c, &format!("/api/lesson?class_id={class}&lesson={key}"))
        .await;
    serde_json::from_str(&r.body).unwrap_or_else(|_| panic!("lesson: {r:?}"))
}

both_backends!(
    a_participant_answers_reflects_and_completes,
    async |app: &TestApp| {
        store::load_shipped_if_empty(&app.db).await.unwrap();
        let class = app.class("Kelas Belajar").await;
        let p = app.user("Peserta Belajar", &[Role::Participant]).await;
        app.enrol(p, class, Membership::Participant).await;
        let c = app.session(p).await;
        let (lesson_key, check, right, wrong) = first_check();

        let units: ClassUnits = serde_json::from_str(
            &app.get_json(&c, &format!("/api/class_units?class_id={class}"))
                .await
                .body,
        )
        .unwrap();
        assert_eq!(units.units.len(), 6);
        assert_eq!(units.overall_percent, 0);
        assert!(units.continue_at.is_some());

        let fields = |choice: &str| {
            vec![
                ("class_id", class.to_string()),
                ("block", check.clone()),
                ("choice", choice.to_string()),
            ]
        };
        assert!(app
            .call(&c, "/api/answer_check", &fields(&wrong))
            .await
            .status
            .is_success());
        // Each lesson knows its place in its unit and its neighbours.
        {
            use app::entities::cur_lesson;
            use sea_orm::QueryOrder;
            let first = cur_lesson::Entity::find()
                .filter(cur_lesson::Column::Key.eq(lesson_key.as_str()))
                .one(&app.db)
                .await
                .unwrap()
                .unwrap();
            let keys: Vec<String> = cur_lesson::Entity::find()
                .filter(cur_lesson::Column::UnitId.eq(first.unit_id))
                .filter(cur_lesson::Column::Retired.eq(false))
                .order_by_asc(cur_lesson::Column::Position)
                .all(&app.db)
                .await
                .unwrap()
                .into_iter()
                .map(|l| l.key)
                .collect();
            assert!(keys.len() > 1, "a unit of several lessons");
            for (i, key) in keys.iter().enumerate() {
                let page = lesson(app, &c, class, key).await;
                assert_eq!((page.number, page.of), (i + 1, keys.len()), "{key}");
                assert_eq!(
                    page.previous.as_ref(),
                    i.checked_sub(1).map(|p| &keys[p]),
                    "{key}"
                );
                assert_eq!(page.next.as_ref(), keys.get(i + 1), "{key}");
            }
            let r = app
                .get_json(&c, &format!("/api/lesson?class_id={class}&lesson=tidak-ada"))
                .await;
            assert_eq!(r.status.as_u16(), 404, "an unknown lesson: {r:?}");
        }
        let answer = saved_answer(&lesson(app, &c, class, &lesson_key).await, &check);
        assert!(!answer.correct);
        assert_eq!(answer.feedback.len(), 1, "feedback for the chosen option");
        assert!(app
            .call(&c, "/api/answer_check", &fields(&right))
            .await
            .status
            .is_success());
        let answer = saved_answer(&lesson(app, &c, class, &lesson_key).await, &check);
        assert!(answer.correct);
        assert_eq!(answer.attempts, 2);

        let none = app
            .call(
                &c,
                "/api/answer_check",
                &[("class_id", class.to_string()), ("block", check.clone())],
            )
            .await;
        assert_eq!(
            none.error()
                .and_then(|e| e.field_messages("choice").first().map(|m| m.key)),
            Some(K::CheckChooseOne)
        );

        // Each save names the revision it started from; the server numbers
        // them. A save from a page that did not see the newer text (another
        // tab, another device) is refused with a reason, not dropped; the same
        // save sent again (same key) is stored once.
        let reflection = first_reflection();
        let save = |body: &str, base: i64, key: &str| {
            vec![
                ("class_id", class.to_string()),
                ("block", reflection.clone()),
                ("body", body.to_string()),
                ("base", base.to_string()),
                ("save_key", key.to_string()),
            ]
        };
        let base_of = |r: &Reply| {
            let answer: app::ui::FormAnswer = serde_json::from_str(&r.body).unwrap();
            answer
        };
        let r = app
            .call(&c, "/api/save_reflection", &save("kalimat", 0, "key-first-1"))
            .await;
        assert_eq!(base_of(&r).fields, vec![("base".to_string(), "1".to_string())]);
        let r = app
            .call(
                &c,
                "/api/save_reflection",
                &save("kalimat lengkap", 1, "key-second-2"),
            )
            .await;
        assert_eq!(base_of(&r).fields, vec![("base".to_string(), "2".to_string())]);
        let r = app
            .call(
                &c,
                "/api/save_reflection",
                &save("kalimat lengkap", 1, "key-second-2"),
            )
            .await;
        assert_eq!(
            base_of(&r).fields,
            vec![("base".to_string(), "2".to_string())],
            "a retried save is answered from what it stored"
        );
        let r = app
            .call(
                &c,
                "/api/save_reflection",
                &save("kalimat lama", 1, "key-other-tab"),
            )
            .await;
        assert_eq!(r.status.as_u16(), 409, "{r:?}");
        assert!(matches!(r.error(), Some(AppError::Conflict(_))), "{r:?}");
        let stored = app::entities::reflection::Entity::find()
            .all(&app.db)
            .await
            .unwrap();
        assert_eq!(stored.len(), 1);
        assert_eq!(
            (stored[0].body.as_str(), stored[0].revision),
            ("kalimat lengkap", 2)
        );

        for _ in 0..2 {
            let r = app
                .call(
                    &c,
                    "/api/complete_lesson",
                    &[("class_id", class.to_string()), ("lesson", lesson_key.clone())],
                )
                .await;
            assert!(r.status.is_success(), "{r:?}");
        }
        assert_eq!(
            lesson_completion::Entity::find().count(&app.db).await.unwrap(),
            1,
            "completion is recorded once"
        );
        let units: ClassUnits = serde_json::from_str(
            &app.get_json(&c, &format!("/api/class_units?class_id={class}"))
                .await
                .body,
        )
        .unwrap();
        assert!(units.overall_percent > 0);
        assert_ne!(units.continue_at.as_deref(), Some(lesson_key.as_str()));
    }
);

both_backends!(
    unreleased_units_and_outsiders_are_refused,
    async |app: &TestApp| {
        store::load_shipped_if_empty(&app.db).await.unwrap();
        let class = app.class("Kelas Rilis").await;
        let other = app.class("Kelas Lain").await;
        let p = app.user("Peserta Rilis", &[Role::Participant]).await;
        let outsider = app.user("Peserta Lain", &[Role::Participant]).await;
        let f = app.user("Fasilitator Rilis", &[Role::Facilitator]).await;
        app.enrol(p, class, Membership::Participant).await;
        app.enrol(outsider, other, Membership::Participant).await;
        app.enrol(f, class, Membership::Facilitator).await;
        let (lesson_key, check, right, _) = first_check();

        let unit = cur_unit::Entity::find()
            .filter(cur_unit::Column::Position.eq(0))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        class_unit_release::ActiveModel {
            class_id: Set(class),
            unit_id: Set(unit.id),
            mode: Set("hidden".into()),
            opens_on: Set(None),
        }
        .insert(&app.db)
        .await
        .unwrap();
        let first_lesson = store::shipped().unwrap().units[0].lessons[0].key.clone();

        let pc = app.session(p).await;
        let units: ClassUnits = serde_json::from_str(
            &app.get_json(&pc, &format!("/api/class_units?class_id={class}"))
                .await
                .body,
        )
        .unwrap();
        assert_eq!(units.units.len(), 5, "the hidden unit is not listed");
        let r = app
            .get_json(
                &pc,
                &format!("/api/lesson?class_id={class}&lesson={first_lesson}"),
            )
            .await;
        assert_eq!(r.error(), Some(AppError::rule(K::UnitNotReleased)), "{r:?}");

        let fc = app.session(f).await;
        let units: ClassUnits = serde_json::from_str(
            &app.get_json(&fc, &format!("/api/class_units?class_id={class}"))
                .await
                .body,
        )
        .unwrap();
        assert_eq!(units.units.len(), 6, "facilitators see every unit");
        assert!(app
            .get_json(
                &fc,
                &format!("/api/lesson?class_id={class}&lesson={first_lesson}")
            )
            .await
            .status
            .is_success());
        let fields = vec![
            ("class_id", class.to_string()),
            ("block", check.clone()),
            ("choice", right.clone()),
        ];
        assert_eq!(
            app.call(&fc, "/api/answer_check", &fields).await.error(),
            Some(AppError::Forbidden),
            "only participants record answers"
        );

        let oc = app.session(outsider).await;
        assert_eq!(
            app.get_json(&oc, &format!("/api/class_units?class_id={class}"))
                .await
                .error(),
            Some(AppError::Forbidden)
        );
        assert_eq!(
            app.get_json(&oc, &format!("/api/lesson?class_id={class}&lesson={lesson_key}"))
                .await
                .error(),
            Some(AppError::Forbidden)
        );
        assert_eq!(
            app.call(&oc, "/api/answer_check", &fields).await.error(),
            Some(AppError::Forbidden)
        );
        let anon = app.anonymous();
        assert_eq!(
            app.get_json(&anon, &format!("/api/class_units?class_id={class}"))
                .await
                .error(),
            Some(AppError::Unauthenticated)
        );
    }
);

both_backends!(facilitators_plan_releases_by_date, async |app: &TestApp| {
    store::load_shipped_if_empty(&app.db).await.unwrap();
    let class = app.class("Kelas Jadwal").await;
    let p = app.user("Peserta Jadwal", &[Role::Participant]).await;
    let f = app.user("Fasilitator Jadwal", &[Role::Facilitator]).await;
    app.enrol(p, class, Membership::Participant).await;
    app.enrol(f, class, Membership::Facilitator).await;
    let (fc, pc) = (app.session(f).await, app.session(p).await);
    let shipped = store::shipped().unwrap();
    let unit = shipped.units[1].key.clone();
    let lesson = shipped.units[1].lessons[0].key.clone();
    let set = |mode: &str, day: String| {
        vec![
            ("class_id", class.to_string()),
            ("unit", unit.clone()),
            ("mode", mode.to_string()),
            ("opens_on", day),
        ]
    };
    let lesson_url = format!("/api/lesson?class_id={class}&lesson={lesson}");
    let open_now = async || {
        let units: ClassUnits = serde_json::from_str(
            &app.get_json(&fc, &format!("/api/class_units?class_id={class}"))
                .await
                .body,
        )
        .unwrap();
        let listed = units.units.iter().find(|u| u.key == unit).unwrap().open;
        let readable = app.get_json(&pc, &lesson_url).await;
        assert_eq!(
            readable.error().is_none(),
            listed,
            "the list and the lesson agree: {readable:?}"
        );
        listed
    };
    // Issue 22: the unit opens at midnight in the organisation's zone (WIB:
    // 17:00 UTC the day before), not at 00:00 UTC (07:00 WIB).
    let at = |text: &str| text.parse::<chrono::DateTime<chrono::Utc>>().unwrap();
    app.state.clock.set(at("2026-12-31T16:59:59Z"));
    assert!(app
        .call(&fc, "/api/set_release", &set("date", "2027-01-01".into()))
        .await
        .status
        .is_success());
    assert!(!open_now().await, "23:59:59 WIB on 31 December: not open yet");
    assert_eq!(
        app.get_json(&pc, &lesson_url).await.error(),
        Some(AppError::rule(K::UnitNotReleased))
    );
    app.state.clock.set(at("2026-12-31T17:00:00Z"));
    assert!(
        open_now().await,
        "00:00 WIB on 1 January: open, seven hours before UTC's midnight"
    );
    // A leap day, at the first minute of the day in WIB.
    app.state.clock.set(at("2028-02-28T16:59:00Z"));
    assert!(app
        .call(&fc, "/api/set_release", &set("date", "2028-02-29".into()))
        .await
        .status
        .is_success());
    assert!(!open_now().await, "28 February, 23:59 WIB");
    app.state.clock.set(at("2028-02-28T17:00:00Z"));
    assert!(open_now().await, "29 February, 00:00 WIB");

    let bad = app
        .call(&fc, "/api/set_release", &set("date", "besok".into()))
        .await;
    assert_eq!(
        bad.error()
            .and_then(|e| e.field_messages("opens_on").first().map(|m| m.key)),
        Some(K::ErrDate)
    );
    assert_eq!(
        app.call(&pc, "/api/set_release", &set("hidden", String::new()))
            .await
            .error(),
        Some(AppError::Forbidden)
    );
});

both_backends!(
    the_progress_board_counts_per_unit_and_filters_by_generation,
    async |app: &TestApp| {
        use app::curriculum::view_model::ProgressBoard;
        store::load_shipped_if_empty(&app.db).await.unwrap();
        let class = app.class("Kelas Papan").await;
        let f = app.user("Fasilitator Papan", &[Role::Facilitator]).await;
        app.enrol(f, class, Membership::Facilitator).await;
        let p = app.user("Peserta Papan", &[Role::Participant]).await;
        app.enrol(p, class, Membership::Participant).await;
        let pc = app.session(p).await;
        let (lesson_key, check, right, _) = first_check();
        let fields = vec![
            ("class_id", class.to_string()),
            ("block", check),
            ("choice", right),
        ];
        assert!(app
            .call(&pc, "/api/answer_check", &fields)
            .await
            .status
            .is_success());
        let done = vec![("class_id", class.to_string()), ("lesson", lesson_key)];
        assert!(app
            .call(&pc, "/api/complete_lesson", &done)
            .await
            .status
            .is_success());

        let fc = app.session(f).await;
        let r = app
            .get_json(&fc, &format!("/api/class_progress?class_id={class}"))
            .await;
        let board: ProgressBoard = serde_json::from_str(&r.body).unwrap_or_else(|_| panic!("{r:?}"));
        assert_eq!(board.rows.len(), 1, "participants only");
        let cell = board.rows[0].cells[0];
        assert_eq!(
            (cell.lessons_done, cell.checks_right, cell.checks_answered),
            (1, 1, 1)
        );
        assert_eq!(
            cell.lessons as usize,
            store::shipped().unwrap().units[0].lessons.len()
        );
        let generation = board.rows[0].generation.clone();
        let other = if generation == "z" { "x" } else { "z" };
        let r = app
            .get_json(
                &fc,
                &format!("/api/class_progress?class_id={class}&generation={other}"),
            )
            .await;
        let filtered: ProgressBoard = serde_json::from_str(&r.body).unwrap();
        assert!(filtered.rows.is_empty());
        assert_eq!(
            app.get_json(&pc, &format!("/api/class_progress?class_id={class}"))
                .await
                .error(),
            Some(AppError::Forbidden)
        );
    }
);
