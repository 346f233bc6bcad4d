//! Editing the curriculum through the router, on SQLite and PostgreSQL: an edit
//! keeps participants' progress, retiring hides without deleting, stored Markdown
//! is sanitised on the way out, and bad input changes nothing.
mod common;
use app::auth::model::Role;
use app::auth::policy::Membership;
use app::curriculum::model::BlockBody;
use app::curriculum::store;
use app::curriculum::view_model::{BlockView, ClassUnits, LessonPage};
use app::entities::{cur_lesson, lesson_completion};
use app::error::AppError;
use common::*;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// The first lesson (of the first unit) and its first text block.
fn first_text() -> (String, String) {
    let c = store::shipped().unwrap();
    let lesson = &c.units[0].lessons[0];
    let block = lesson
        .blocks
        .iter()
        .find(|b| matches!(b.body, BlockBody::Text { .. }))
        .expect("a text block");
    (lesson.key.clone(), block.key.clone())
}

async fn lesson(app: &TestApp, c: &Client, class: i64, key: &str) -> LessonPage {
    let r = app
        .get_json(c, &format!("/api/lesson?class_id={class}&lesson={key}"))
        .await;
    serde_json::from_str(&r.body).unwrap_or_else(|_| panic!("lesson: {r:?}"))
}

async fn units(app: &TestApp, c: &Client, class: i64) -> ClassUnits {
    let r = app
        .get_json(c, &format!("/api/class_units?class_id={class}"))
        .await;
    serde_json::from_str(&r.body).unwrap_or_else(|_| panic!("units: {r:?}"))
}

both_backends!(
    editing_a_started_lesson_keeps_progress_and_sanitises,
    async |app: &TestApp| {
        store::load_shipped_if_empty(&app.db).await.unwrap();
        let class = app.class("Kelas Penyuntingan").await;
        let p = app.user("Peserta Sunting", &[Role::Participant]).await;
        app.enrol(p, class, Membership::Participant).await;
        let pc = app.session(p).await;
        let f = app.user("Fasilitator Sunting", &[Role::Facilitator]).await;
        let fc = app.session(f).await;
        let (lesson_key, block) = first_text();
        let done = vec![("class_id", class.to_string()), ("lesson", lesson_key.clone())];
        assert!(app
            .call(&pc, "/api/complete_lesson", &done)
            .await
            .status
            .is_success());

        // A participant may not edit.
        let payload = "Baru <script>alert(1)</script> <img src=x onerror=alert(2)> **tebal**";
        let edit = vec![
            ("block", block.clone()),
            ("text_id", payload.to_string()),
            ("text_en", "New **bold**".to_string()),
        ];
        let refused = app.call(&pc, "/api/save_block_text", &edit).await;
        assert_eq!(refused.error(), Some(AppError::Forbidden));

        let saved = app.call(&fc, "/api/save_block_text", &edit).await;
        assert!(saved.status.is_success(), "{saved:?}");
        let page = lesson(app, &pc, class, &lesson_key).await;
        let html = page
            .blocks
            .iter()
            .find_map(|b| match b {
                BlockView::Text { html } if html.id.contains("tebal") => Some(html.id.clone()),
                _ => None,
            })
            .expect("the edited text is shown");
        assert!(html.contains("<strong>tebal</strong>"), "{html}");
        assert!(!html.contains("<script") && !html.contains("onerror"), "{html}");
        // The whole page, as the browser gets it, carries no payload either.
        let page_html = app
            .get(&pc, &format!("/classes/{class}/learn/{lesson_key}"))
            .await
            .body;
        assert!(
            page_html.contains("tebal") && !page_html.contains("onerror=alert"),
            "sanitised page"
        );
        assert!(
            !page_html.contains("<script>alert(1)"),
            "no script reaches the page"
        );

        // Progress is kept across the edit.
        let after = units(app, &pc, class).await;
        assert!(
            after.units[0].lessons[0].completed,
            "completion survives the edit"
        );

        // The live preview renders the same way.
        let preview = app
            .call(&fc, "/api/preview_markdown", &[("text", payload.to_string())])
            .await;
        assert!(preview.body.contains("<strong>tebal</strong>") && !preview.body.contains("onerror"));

        // Bad input: one language missing; nothing changes.
        let half = vec![
            ("block", block.clone()),
            ("text_id", "Hanya Indonesia".to_string()),
            ("text_en", " ".to_string()),
        ];
        match app.call(&fc, "/api/save_block_text", &half).await.error() {
            Some(AppError::Invalid(fields)) => assert!(fields.contains_key("text"), "{fields:?}"),
            other => panic!("expected a text field error, got {other:?}"),
        }
        let again = lesson(app, &pc, class, &lesson_key).await;
        assert_eq!(again.blocks.len(), page.blocks.len());
    }
);

both_backends!(
    retiring_hides_a_lesson_but_keeps_its_records,
    async |app: &TestApp| {
        store::load_shipped_if_empty(&app.db).await.unwrap();
        let class = app.class("Kelas Pensiun").await;
        let p = app.user("Peserta Pensiun", &[Role::Participant]).await;
        app.enrol(p, class, Membership::Participant).await;
        let pc = app.session(p).await;
        let f = app.user("Admin Pensiun", &[Role::Admin]).await;
        let fc = app.session(f).await;
        let (lesson_key, _) = first_text();
        let done = vec![("class_id", class.to_string()), ("lesson", lesson_key.clone())];
        assert!(app
            .call(&pc, "/api/complete_lesson", &done)
            .await
            .status
            .is_success());
        let before = units(app, &pc, class).await.units[0].lessons.len();

        // Second lesson moves up, then the first one is retired.
        let second = units(app, &pc, class).await.units[0].lessons[1].key.clone();
        let up = vec![
            ("level", "lesson".to_string()),
            ("key", second.clone()),
            ("direction", "up".to_string()),
        ];
        assert!(app.call(&fc, "/api/move_content", &up).await.status.is_success());
        assert_eq!(units(app, &pc, class).await.units[0].lessons[0].key, second);

        let retire = vec![("level", "lesson".to_string()), ("key", lesson_key.clone())];
        assert!(app
            .call(&fc, "/api/retire_content", &retire)
            .await
            .status
            .is_success());
        let shown = units(app, &pc, class).await;
        assert_eq!(shown.units[0].lessons.len(), before - 1);
        assert!(shown.units[0].lessons.iter().all(|l| l.key != lesson_key));
        let gone = app
            .get_json(&pc, &format!("/api/lesson?class_id={class}&lesson={lesson_key}"))
            .await;
        assert_eq!(gone.error(), Some(AppError::NotFound));

        // The row and the participant's completion are still there.
        let row = cur_lesson::Entity::find()
            .filter(cur_lesson::Column::Key.eq(&lesson_key))
            .one(&app.db)
            .await
            .unwrap()
            .expect("kept");
        assert!(row.retired);
        let kept = lesson_completion::Entity::find()
            .filter(lesson_completion::Column::LessonId.eq(row.id))
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(kept, 1);
    }
);
