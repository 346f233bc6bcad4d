//! Editing the curriculum through the router, on SQLite and PostgreSQL: an edit
//! keeps participants' progress, retiring hides without deleting, stored Markdown
//! is sanitised on the way out, and bad input changes nothing.
use crate::common::*;
use app::auth::model::Role;
use app::auth::policy::Membership;
use app::curriculum::model::BlockBody;
use app::curriculum::store;
use app::curriculum::view_model::{BlockView, ClassUnits, LessonPage};
use app::entities::{cur_lesson, lesson_completion};
use app::error::AppError;
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

/// The shipped curriculum, a class with one participant, and an author with
/// `role`: (class id, participant's client, author's client).
async fn course_with_people(app: &TestApp, name: &str, role: Role) -> (i64, Client, Client) {
    store::load_shipped_if_empty(&app.db).await.unwrap();
    let class = app.class(&format!("Kelas {name}")).await;
    let p = app.user(&format!("Peserta {name}"), &[Role::Participant]).await;
    app.enrol(p, class, Membership::Participant).await;
    let author = app.user(&format!("Penulis {name}"), &[role]).await;
    (class, app.session(p).await, app.session(author).await)
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
        let (class, pc, fc) = course_with_people(app, "Penyuntingan", Role::Facilitator).await;
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
        let (class, pc, fc) = course_with_people(app, "Pensiun", Role::Admin).await;
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

both_backends!(
    authors_add_units_lessons_and_blocks_and_retire_a_unit,
    async |app: &TestApp| {
        let (class, pc, fc) = course_with_people(app, "Baru", Role::Facilitator).await;
        let titled = |id: &str, en: &str| vec![("title_id", id.to_string()), ("title_en", en.to_string())];

        let half = app
            .call(&fc, "/api/add_unit", &titled("Unit tanpa terjemahan", ""))
            .await;
        assert!(matches!(half.error(), Some(AppError::Invalid(f)) if f.contains_key("title")));
        let added = app
            .call(&fc, "/api/add_unit", &titled("Rapat hibrida", "Hybrid meetings"))
            .await;
        assert!(added.status.is_success(), "{added:?}");
        let shown = units(app, &pc, class).await;
        assert_eq!(shown.units.len(), 7);
        let unit = shown.units[6].clone();
        assert_eq!(unit.lessons.len(), 1, "a new unit starts with one lesson");

        let mut lesson_fields = titled("Agenda bersama", "A shared agenda");
        lesson_fields.push(("unit", unit.key.clone()));
        assert!(app
            .call(&fc, "/api/add_lesson", &lesson_fields)
            .await
            .status
            .is_success());
        let shown = units(app, &pc, class).await;
        let new_lesson = shown.units[6].lessons[1].key.clone();
        let block = vec![("lesson", new_lesson.clone()), ("kind", "reflection".to_string())];
        assert!(app.call(&fc, "/api/add_block", &block).await.status.is_success());
        let page = lesson(app, &pc, class, &new_lesson).await;
        assert_eq!(page.blocks.len(), 2);
        assert!(matches!(page.blocks[1], BlockView::Reflection(_)));

        let mut unit_fields = titled("Rapat hibrida", "Hybrid meetings");
        unit_fields.extend([
            ("unit", unit.key.clone()),
            ("objective_id", "Menyepakati aturan rapat".to_string()),
            ("objective_en", "Agree on meeting rules".to_string()),
            ("minutes", "0".to_string()),
        ]);
        match app.call(&fc, "/api/save_unit", &unit_fields).await.error() {
            Some(AppError::Invalid(fields)) => assert!(fields.contains_key("minutes"), "{fields:?}"),
            other => panic!("expected a minutes field error, got {other:?}"),
        }
        // A lesson retired on its own first: restoring the unit later must
        // not bring it back (it was not retired with the unit).
        let first_lesson = unit.lessons[0].key.clone();
        let alone = vec![("level", "lesson".to_string()), ("key", first_lesson.clone())];
        assert!(app
            .call(&fc, "/api/retire_content", &alone)
            .await
            .status
            .is_success());
        let retire = vec![("level", "unit".to_string()), ("key", unit.key.clone())];
        assert!(app
            .call(&fc, "/api/retire_content", &retire)
            .await
            .status
            .is_success());
        assert_eq!(units(app, &pc, class).await.units.len(), 6);

        // Undo: the unit comes back with what was retired with it, its new
        // lesson and that lesson's blocks; a participant may not restore.
        let refused = app.call(&pc, "/api/restore_content", &retire).await;
        assert_eq!(refused.status, 403, "{refused:?}");
        assert!(app
            .call(&fc, "/api/restore_content", &retire)
            .await
            .status
            .is_success());
        let back = units(app, &pc, class).await;
        assert_eq!(back.units.len(), 7);
        let restored = back.units.iter().find(|u| u.key == unit.key).unwrap();
        let keys: Vec<&str> = restored.lessons.iter().map(|l| l.key.as_str()).collect();
        assert_eq!(
            keys,
            vec![new_lesson.as_str()],
            "only what was retired with the unit"
        );
        assert_eq!(lesson(app, &pc, class, &new_lesson).await.blocks.len(), 2);
        // Restoring again: nothing retired by that key any more.
        assert_eq!(app.call(&fc, "/api/restore_content", &retire).await.status, 404);
        // The lesson retired on its own is restorable by itself.
        assert!(app
            .call(&fc, "/api/restore_content", &alone)
            .await
            .status
            .is_success());
        let back = units(app, &pc, class).await;
        let restored = back.units.iter().find(|u| u.key == unit.key).unwrap();
        assert_eq!(restored.lessons.len(), 2);
    }
);

both_backends!(
    the_curriculum_goes_out_as_a_zip_and_comes_back_all_or_nothing,
    async |app: &TestApp| {
        use app::curriculum::domain::export::export_curriculum;
        use app::curriculum::transfer::zip_files;
        store::load_shipped_if_empty(&app.db).await.unwrap();
        let f = app.user("Fasilitator Berkas", &[Role::Facilitator]).await;
        let fc = app.session(f).await;
        let p = app.user("Peserta Berkas", &[Role::Participant]).await;
        let pc = app.session(p).await;

        let out = app.get(&fc, "/curriculum/export.zip").await;
        assert_eq!(out.status, axum::http::StatusCode::OK);
        assert_eq!(out.headers["content-type"], "application/zip");
        assert!(out.body.starts_with("PK"), "a zip archive");
        assert_eq!(app.get(&pc, "/curriculum/export.zip").await.status, 403);
        assert_eq!(
            app.get(&app.anonymous(), "/curriculum/export.zip").await.status,
            401
        );

        // A broken unit file: every problem reported with file and line; nothing changes.
        let mut files = export_curriculum(&store::export(&app.db).await.unwrap());
        let before = store::export(&app.db).await.unwrap();
        files[1].1 = files[1].1.replacen("type = \"text\"", "type = \"teks\"", 1);
        files[2].1 = files[2].1.replacen("title.en = ", "title.xx = ", 1);
        let broken = zip_files(&files).unwrap();
        let refused = app
            .upload_file(&fc, "/api/import_curriculum", &[], "kurikulum.zip", &broken)
            .await;
        let Some(AppError::Invalid(issues)) = refused.error() else {
            panic!("expected the problems, got {refused:?}");
        };
        assert!(
            issues.keys().any(|k| k.starts_with(&format!("{}:", files[1].0))),
            "{issues:?}"
        );
        assert!(
            issues.keys().any(|k| k.starts_with(&format!("{}:", files[2].0))),
            "{issues:?}"
        );
        assert!(
            issues.keys().all(|k| !k.ends_with(":00000")),
            "each problem has its line: {issues:?}"
        );
        assert_eq!(
            store::export(&app.db).await.unwrap(),
            before,
            "nothing half-written"
        );

        // The untouched export, changed in one lesson title, comes back whole.
        let mut files = export_curriculum(&before);
        let old_title = format!("title.id = \"{}\"", before.units[0].lessons[0].title.id);
        files[0].1 = files[0]
            .1
            .replacen(&old_title, "title.id = \"Judul dari berkas\"", 1);
        let good = zip_files(&files).unwrap();
        let done = app
            .upload_file(&fc, "/api/import_curriculum", &[], "kurikulum.zip", &good)
            .await;
        assert!(
            done.status.is_success() || done.status.is_redirection(),
            "{done:?}"
        );
        let after = store::export(&app.db).await.unwrap();
        assert_eq!(after.units[0].lessons[0].title.id, "Judul dari berkas");
        assert_eq!(after.units.len(), before.units.len());

        // Participants may not import.
        let denied = app
            .upload_file(&pc, "/api/import_curriculum", &[], "kurikulum.zip", &good)
            .await;
        assert_eq!(denied.error(), Some(AppError::Forbidden));
    }
);

both_backends!(
    a_quick_check_is_edited_as_source_and_keeps_its_answers,
    async |app: &TestApp| {
        use app::curriculum::domain::block_source::block_source;
        let (class, pc, fc) = course_with_people(app, "Sumber", Role::Facilitator).await;
        let shipped = store::shipped().unwrap();
        let (lesson_key, check) = shipped
            .units
            .iter()
            .flat_map(|u| &u.lessons)
            .find_map(|l| {
                l.blocks
                    .iter()
                    .find(|b| matches!(b.body, BlockBody::Check { .. }))
                    .map(|b| (l.key.clone(), b.clone()))
            })
            .unwrap();
        let BlockBody::Check { options, .. } = &check.body else {
            unreachable!()
        };
        let answer = vec![
            ("class_id", class.to_string()),
            ("block", check.key.clone()),
            ("choice", options[0].key.clone()),
        ];
        assert!(app
            .call(&pc, "/api/answer_check", &answer)
            .await
            .status
            .is_success());

        let source = block_source(&check);
        let question_line = source
            .lines()
            .find(|l| l.starts_with("question.id"))
            .unwrap()
            .to_string();
        let edited = source.replace(&question_line, "question.id = \"Pertanyaan yang diperbaiki?\"");
        let save = |src: String| vec![("block", check.key.clone()), ("source", src)];
        let ok = app.call(&fc, "/api/save_block_source", &save(edited)).await;
        assert!(ok.status.is_success(), "{ok:?}");
        let page = lesson(app, &pc, class, &lesson_key).await;
        let shown = page
            .blocks
            .iter()
            .find_map(|b| match b {
                BlockView::Check(c) if c.key == check.key => Some(c.clone()),
                _ => None,
            })
            .unwrap();
        assert_eq!(shown.question.id, "Pertanyaan yang diperbaiki?");
        assert!(shown.answer.is_some(), "the participant's answer is kept");

        // A bad mode is reported with a line of the source; a changed key is refused.
        let bad = source.replace("mode = \"single\"", "mode = \"banyak\"");
        match app.call(&fc, "/api/save_block_source", &save(bad)).await.error() {
            Some(AppError::Invalid(f)) => {
                let (place, msgs) = f.iter().next().unwrap();
                assert!(place.starts_with("source:") && place != "source:00000", "{f:?}");
                assert_eq!(msgs[0].key, app::i18n::K::CurBadCheckMode);
            }
            other => panic!("expected a located problem, got {other:?}"),
        }
        let rekeyed = source.replace(&format!("key = \"{}\"", check.key), "key = \"kunci-lain\"");
        match app
            .call(&fc, "/api/save_block_source", &save(rekeyed))
            .await
            .error()
        {
            Some(AppError::Invalid(f)) => assert!(f.contains_key("source"), "{f:?}"),
            other => panic!("expected key_changed, got {other:?}"),
        }
    }
);
