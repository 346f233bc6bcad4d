//! Every server fn and page × every kind of caller × own class / other class.
mod cases;
mod cross_class;
mod more_cases;
use crate::common::*;
use app::auth::model::Role;
use app::auth::policy::Membership;
use app::error::AppError;
use app::i18n::Locale;
use axum::http::StatusCode;
use sea_orm::EntityTrait;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Who {
    Anon,
    Admin,
    FacOwn,
    FacOther,
    EvalOwn,
    EvalOther,
    PartOwn,
    PartOther,
}
use Who::*;
const EVERYONE: [Who; 8] = [
    Anon, Admin, FacOwn, FacOther, EvalOwn, EvalOther, PartOwn, PartOther,
];
const LOGGED_IN: &[Who] = &[Admin, FacOwn, FacOther, EvalOwn, EvalOther, PartOwn, PartOther];
const MANAGERS: &[Who] = &[Admin, FacOwn];
const MEMBERS: &[Who] = &[Admin, FacOwn, EvalOwn, PartOwn];
const ADMINS: &[Who] = &[Admin];
/// The curriculum is shared by all classes: any facilitator or admin edits it.
const AUTHORS: &[Who] = &[Admin, FacOwn, FacOther];
/// The task's evaluation page: its managers and the class's evaluators.
const EVALUATES: &[Who] = &[Admin, FacOwn, EvalOwn];
/// Only participants of the class record reading, answers and reflections.
const PARTICIPANTS: &[Who] = &[PartOwn];

/// Who, their account role, and the class they belong to (and how).
type Person = (Who, Role, Option<(i64, Membership)>);
/// Method, path, fields, and who may call it.
type Case<'a> = (&'a str, &'a str, Vec<(&'a str, String)>, &'a [Who]);

struct World {
    class_a: i64,
    /// Another class (its facilitator, evaluator and participant are the "other" callers).
    class_b: i64,
    /// Class A's programme.
    programme: i64,
    /// A scenario assigned to class A.
    assignment: i64,
    /// A team task of class A, and a confirmed mentoring pair there (the
    /// own participant is the mentee) with one goal.
    task: i64,
    pair: i64,
    goal: i64,
    /// A rubric of class A (copied from a template).
    rubric: i64,
    someone: i64,
    /// The own participant: wrote a reflection in the assignment, which the
    /// own evaluator is assigned to score.
    reflector: i64,
    clients: Vec<(Who, Client)>,
}

impl World {
    /// Made-up ids: enough to list the cases without a database.
    fn blank() -> World {
        World {
            class_a: 1,
            class_b: 2,
            programme: 1,
            assignment: 1,
            task: 1,
            pair: 1,
            goal: 1,
            rubric: 1,
            someone: 1,
            reflector: 1,
            clients: Vec::new(),
        }
    }
}

async fn world(app: &TestApp) -> World {
    let (class_a, class_b) = (app.class("Kelas A").await, app.class("Kelas B").await);
    let mut clients = vec![(Anon, app.anonymous())];
    let people: [Person; 7] = [
        (Admin, Role::Admin, None),
        (
            FacOwn,
            Role::Facilitator,
            Some((class_a, Membership::Facilitator)),
        ),
        (
            FacOther,
            Role::Facilitator,
            Some((class_b, Membership::Facilitator)),
        ),
        (EvalOwn, Role::Evaluator, Some((class_a, Membership::Evaluator))),
        (EvalOther, Role::Evaluator, Some((class_b, Membership::Evaluator))),
        (
            PartOwn,
            Role::Participant,
            Some((class_a, Membership::Participant)),
        ),
        (
            PartOther,
            Role::Participant,
            Some((class_b, Membership::Participant)),
        ),
    ];
    let (mut part_own, mut eval_own) = (0, 0);
    for (who, role, member) in people {
        let id = app.user(&format!("{who:?} Orang"), &[role]).await;
        if let Some((class, m)) = member {
            app.enrol(id, class, m).await;
        }
        if who == PartOwn {
            part_own = id;
        }
        if who == EvalOwn {
            eval_own = id;
        }
        clients.push((who, app.session(id).await));
    }
    let someone = app.user("Seseorang Lain", &[Role::Participant]).await;
    app.enrol(someone, class_a, Membership::Participant).await;
    let (task, pair, goal) = teamwork(app, class_a, someone, part_own).await;
    app.load_shipped().await;
    let window =
        app::scenarios::assign::Window::parse(app::calendar::Zone::Wib, "2026-01-01", "", 0).expect("window");
    let assignment = app::scenarios::assign::assign(&app.db, class_a, "aplikasi-laporan", window)
        .await
        .expect("assign");
    let template = app::rubrics::templates::find("refleksi-empati").expect("template");
    let rubric = app::rubrics::store::create(
        &app.db,
        class_a,
        someone,
        template.rubric(app::i18n::Locale::Id),
        Some("refleksi-empati"),
    )
    .await
    .expect("rubric")
    .expect("a sound template");
    let settings = app::results::store::SettingsInput {
        rubric_id: Some(rubric),
        method: app::rubrics::domain::aggregate::Method::Mean,
        level_gap: Some(1),
        share_gap: Some(15),
    };
    let target = app::results::target::Target::task(class_a, task);
    app::results::store::set_settings(&app.db, &target, settings)
        .await
        .expect("evaluation settings");
    let writer = &clients
        .iter()
        .find(|(who, _)| *who == PartOwn)
        .expect("own participant")
        .1;
    reflections_to_score(app, class_a, assignment, rubric, writer, eval_own).await;
    World {
        class_a,
        assignment,
        task,
        pair,
        goal,
        rubric,
        someone,
        reflector: part_own,
        programme: programme_of(app, class_a).await,
        class_b,
        clients,
    }
}

async fn programme_of(app: &TestApp, class: i64) -> i64 {
    app::entities::class::Entity::find_by_id(class)
        .one(&app.db)
        .await
        .expect("query")
        .expect("class")
        .programme_id
}

/// The assignment's reflections are scored with `rubric`; `writer` (playing
/// as `client`) wrote one and `evaluator` scores everyone's.
async fn reflections_to_score(
    app: &TestApp,
    class: i64,
    assignment: i64,
    rubric: i64,
    client: &Client,
    evaluator: i64,
) {
    play_with_reflection(app, client, class, assignment, "Saya belajar mendengar.").await;
    reflections_scored_by(app, class, assignment, rubric, evaluator).await;
}

async fn teamwork(app: &TestApp, class: i64, mentor: i64, mentee: i64) -> (i64, i64, i64) {
    use app::entities::{mentoring_goal, mentoring_pair};
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let new = app::tasks::new_task::parse_task(
        app::calendar::Zone::Wib,
        "Tugas",
        "",
        "2026-12-01",
        "",
        "accepted",
        "",
    )
    .expect("task");
    let task = app::tasks::store::create(&app.db, class, new)
        .await
        .expect("task");
    let pair = mentoring_pair::ActiveModel {
        class_id: Set(class),
        mentor_id: Set(mentor),
        mentee_id: Set(mentee),
        status: Set("confirmed".into()),
        topics: Set("[]".into()),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .expect("pair");
    let goal = mentoring_goal::ActiveModel {
        pair_id: Set(pair.id),
        title: Set("Spreadsheet".into()),
        met: Set(false),
        client_key: Set("target-matriks-1".into()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .expect("goal");
    (task, pair.id, goal.id)
}

/// Denied is 401 for the anonymous and 403 for anyone signed in. Allowed is a
/// success, or exactly the refusal that a case's deliberately unusable input
/// earns (`more_cases::REFUSED_INPUT`: the fn checks who calls before it reads
/// the input); never a 5xx, a 400, or a denial.
/// `None` when the answer is right, else what is wrong with it.
fn check(who: Who, allowed: bool, what: &str, r: &Reply) -> Option<String> {
    let wrong = Some(format!(
        "{what} as {who:?} (allowed: {allowed}): {} {}",
        r.status,
        r.body.chars().take(200).collect::<String>()
    ));
    if !allowed {
        let (status, err) = match who {
            Anon => (StatusCode::UNAUTHORIZED, AppError::Unauthenticated),
            _ => (StatusCode::FORBIDDEN, AppError::Forbidden),
        };
        let body: Option<AppError> = serde_json::from_str(&r.body).ok();
        return (r.status != status || body != Some(err))
            .then_some(wrong)
            .flatten();
    }
    let path = what.split(' ').nth(1).unwrap_or_default();
    let refused = more_cases::REFUSED_INPUT
        .iter()
        .any(|(p, s)| *p == path && r.status.as_u16() == *s);
    (!(r.is_ok() || refused)).then_some(wrong).flatten()
}

/// Fails with every wrong answer at once.
fn all_right(wrong: Vec<String>) {
    assert!(
        wrong.is_empty(),
        "{} wrong answers:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// The answer to a server-fn call as the WASM client makes it.
async fn call(app: &TestApp, c: &Client, method: &str, path: &str, fields: &[(&str, String)]) -> Reply {
    if method == "GET" {
        let q = serde_urlencoded::to_string(fields).unwrap();
        app.get_json(c, &format!("{path}?{q}")).await
    } else {
        app.call(c, path, fields).await
    }
}

fn all_cases(w: &World) -> Vec<Case<'static>> {
    let mut all = cases::cases(w);
    all.extend(more_cases::cases(w));
    all
}

/// Every registered server fn is in the matrix: a new one without a case fails here.
#[test]
fn every_registered_server_fn_has_a_case() {
    let w = World::blank();
    let covered: std::collections::BTreeSet<&str> = all_cases(&w)
        .iter()
        .map(|c| c.1)
        .chain(more_cases::uploads(&w).iter().map(|u| u.0))
        .chain(more_cases::UNGATED.iter().copied())
        .collect();
    let registered: Vec<&str> = leptos::server_fn::axum::server_fn_paths()
        .map(|(p, _)| p)
        .collect();
    assert!(
        registered.len() > 100,
        "the registry is linked in: {}",
        registered.len()
    );
    let missing: Vec<&&str> = registered.iter().filter(|p| !covered.contains(**p)).collect();
    assert!(
        missing.is_empty(),
        "server fns missing from the authorisation matrix: {missing:?}"
    );
}

/// The route table and the typed pages agree: each page's path is served by
/// exactly one route, and every route is either one of those pages or a page
/// with a component of its own.
#[tokio::test]
async fn the_route_table_serves_every_typed_page() {
    use app::pages::Page;
    let routes: Vec<String> = leptos_axum::generate_route_list(app::app::App)
        .iter()
        .map(|r| r.path().to_string())
        .collect();
    let matches = |pattern: &str, path: &str| {
        let (a, b): (Vec<&str>, Vec<&str>) = (pattern.split('/').collect(), path.split('/').collect());
        a.len() == b.len()
            && a.iter()
                .zip(&b)
                .all(|(p, s)| p == s || (p.starts_with('{') || p.starts_with(':')) && !s.is_empty())
    };
    let mut served = std::collections::BTreeSet::new();
    for page in Page::examples() {
        let path = page.path();
        let by: Vec<&String> = routes.iter().filter(|r| matches(r, &path)).collect();
        assert_eq!(by.len(), 1, "{path} is served by {by:?}");
        served.insert(by[0].clone());
    }
    const WITH_COMPONENTS: [&str; 12] = [
        "/",
        "/login",
        "/account/password",
        "/admin/users",
        "/admin/programmes",
        "/admin/generations",
        "/curriculum",
        "/curriculum/lessons/x",
        "/classes",
        "/classes/1",
        "/classes/1/import",
        "/classes/1/learn/x",
    ];
    for route in &routes {
        let component = WITH_COMPONENTS.iter().any(|p| matches(route, p));
        assert!(
            served.contains(route) != component,
            "{route}: a route is a typed page (pages::Page) or has a component, not both or neither"
        );
    }
    assert_eq!(served.len() + WITH_COMPONENTS.len(), routes.len(), "{routes:#?}");
}

both_backends!(server_fn_matrix, async |app: &TestApp| {
    let w = world(app).await;
    let mut wrong = Vec::new();
    for (method, path, fields, allowed) in &all_cases(&w) {
        for (who, client) in &w.clients {
            let r = call(app, client, method, path, fields).await;
            wrong.extend(check(
                *who,
                allowed.contains(who),
                &format!("{method} {path}"),
                &r,
            ));
        }
    }
    all_right(wrong);
});

both_backends!(upload_matrix, async |app: &TestApp| {
    let w = world(app).await;
    let mut wrong = Vec::new();
    for (who, client) in &w.clients {
        for (path, fields, file, bytes, allowed) in more_cases::uploads(&w) {
            let fields: Vec<(&str, String)> = fields
                .into_iter()
                .map(|(k, v)| (k, v.replace("{who}", &format!("{who:?}").to_lowercase())))
                .collect();
            let r = app.upload_file(client, path, &fields, file, bytes).await;
            wrong.extend(check(*who, allowed.contains(who), &format!("POST {path}"), &r));
        }
    }
    all_right(wrong);
});

both_backends!(page_matrix, async |app: &TestApp| {
    let w = world(app).await;
    let class_page = format!("/classes/{}", w.class_a);
    let import_page = format!("/classes/{}/import", w.class_a);
    let units_page = format!("/classes/{}/learn", w.class_a);
    let progress_page = format!("/classes/{}/progress", w.class_a);
    let reflections_page = format!(
        "/classes/{}/reflections/{}",
        w.class_a,
        app::curriculum::store::shipped().unwrap().units[0].lessons[0].key
    );
    let lesson_page = format!(
        "/classes/{}/learn/{}",
        w.class_a,
        app::curriculum::store::shipped().unwrap().units[0].lessons[0].key
    );
    let editor_page = format!(
        "/curriculum/lessons/{}",
        app::curriculum::store::shipped().unwrap().units[0].lessons[0].key
    );
    let scenarios = format!("/classes/{}/scenarios", w.class_a);
    let play = format!("{scenarios}/{}", w.assignment);
    let analytics = format!("{play}/analytics");
    let csv = format!("{play}/decisions.csv");
    let teams = format!("/classes/{}/teams", w.class_a);
    let tasks = format!("/classes/{}/tasks", w.class_a);
    let task = format!("{tasks}/{}", w.task);
    let mentoring = format!("/classes/{}/mentoring", w.class_a);
    let rubrics = format!("/classes/{}/rubrics", w.class_a);
    let rubric = format!("{rubrics}/{}", w.rubric);
    let rubric_csv = format!("{rubric}/export.csv");
    let evaluation = format!("{task}/evaluation");
    let scores_csv = format!("{task}/export/scores.csv");
    let results_csv = format!("{task}/export/results.csv");
    let agreement_csv = format!("{play}/export/agreement.csv");
    let reflections = format!("{play}/evaluation");
    let score = format!("{play}/score/{}", w.reflector);
    let reflections_xlsx = format!("{play}/export/scores.xlsx");
    let pages: Vec<(&str, &[Who])> = vec![
        (&evaluation, EVALUATES),
        (&scores_csv, MANAGERS),
        (&results_csv, MANAGERS),
        (&agreement_csv, MANAGERS),
        (&reflections, EVALUATES),
        (&score, EVALUATES),
        (&reflections_xlsx, MANAGERS),
        (&rubrics, MANAGERS),
        (&rubric, MANAGERS),
        (&rubric_csv, MANAGERS),
        (&teams, MEMBERS),
        (&tasks, MEMBERS),
        (&task, MEMBERS),
        (&mentoring, MEMBERS),
        (&scenarios, MEMBERS),
        (&play, MEMBERS),
        (&analytics, MANAGERS),
        (&csv, MANAGERS),
        ("/scenarios", AUTHORS),
        ("/scenarios/aplikasi-laporan", AUTHORS),
        ("/scenarios/aplikasi-laporan/export.toml", AUTHORS),
        ("/admin/users", ADMINS),
        ("/admin/programmes", ADMINS),
        ("/admin/generations", ADMINS),
        ("/admin/bands", ADMINS),
        ("/admin/lti", ADMINS),
        (&class_page, MEMBERS),
        (&import_page, MANAGERS),
        (&units_page, MEMBERS),
        (&progress_page, MANAGERS),
        (&reflections_page, MANAGERS),
        (&lesson_page, MEMBERS),
        ("/classes", LOGGED_IN),
        // Everyone signed in has a list (their own assignments only).
        ("/to-score", LOGGED_IN),
        ("/curriculum", AUTHORS),
        (&editor_page, AUTHORS),
    ];
    // A page answers 200 to who may see it, else 401 (signed out) or 403;
    // a page seen is in its reader's language only, Indonesian or English.
    let (english, indonesian) = (distinctive(Locale::En), distinctive(Locale::Id));
    let mut wrong = Vec::new();
    for (path, allowed) in &pages {
        for (who, client) in &w.clients {
            let r = app.get(client, path).await;
            let expected = match (allowed.contains(who), who) {
                (true, _) => StatusCode::OK,
                (false, Anon) => StatusCode::UNAUTHORIZED,
                (false, _) => StatusCode::FORBIDDEN,
            };
            if r.status != expected {
                wrong.push(format!("GET {path} as {who:?}: {} (not {expected})", r.status));
            }
            let html = r
                .headers
                .get("content-type")
                .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
            if r.status != StatusCode::OK || !html {
                continue;
            }
            let in_english = Client {
                cookie: format!("{}; {}=en", client.cookie, app::i18n::LOCALE_COOKIE),
                csrf: client.csrf.clone(),
            };
            let en = app.get(&in_english, path).await;
            wrong.extend(
                unlanded_forms(&r.body)
                    .into_iter()
                    .map(|f| format!("GET {path} as {who:?}: {f}")),
            );
            for (page, foreign, language) in [
                (&r.body, &english, "English"),
                (&en.body, &indonesian, "Indonesian"),
            ] {
                for text in foreign.iter().filter(|t| page.contains(*t)) {
                    wrong.push(format!(
                        "GET {path} as {who:?}: {language} text in the other language's page: {text}"
                    ));
                }
            }
        }
    }
    all_right(wrong);
});

/// Every post form that names a slot (`data-error-slot`) sends it
/// (`__slot`, so a plain post comes back to it), and the slot is on the page:
/// the forms whose action would otherwise answer at the top of the page.
fn unlanded_forms(page: &str) -> Vec<String> {
    // Forms whose answer is another page (or the top of this one is right):
    // the language switch and logout in the header, "read, next" to the next
    // lesson, and uploads that go to the page of what they made.
    const ELSEWHERE: &[&str] = &[
        "/api/set_locale",
        "/api/logout",
        "/api/complete_lesson",
        "/api/import_scenario",
        "/api/import_curriculum",
        "/api/upload_roster",
        "/api/import_rubric",
    ];
    let mut problems = Vec::new();
    for (at, _) in page.match_indices("<form ") {
        let tag = &page[at..at + page[at..].find('>').unwrap_or(0)];
        if !tag.contains(r#"method="post""#)
            || ELSEWHERE
                .iter()
                .any(|p| tag.contains(&format!(r#"action="{p}""#)))
        {
            continue;
        }
        let body = &page[at..at + page[at..].find("</form>").unwrap_or(page.len() - at)];
        let Some(slot) = tag
            .split(r#"data-error-slot=""#)
            .nth(1)
            .and_then(|s| s.split('"').next())
        else {
            problems.push(format!("a post form names no slot: {tag}>"));
            continue;
        };
        if !body.contains(&format!(r#"name="__slot" value="{slot}""#)) {
            problems.push(format!("form for slot {slot} does not send it: {tag}>"));
        }
        if !page.contains(&format!(r#"id="{slot}""#)) {
            problems.push(format!("slot {slot} is not on the page"));
        }
    }
    problems
}

/// Text only one language has: the literal parts of its messages that are
/// long enough to be unmistakable and appear in no message of the other.
fn distinctive(of: Locale) -> Vec<&'static str> {
    use app::i18n::{message, K, P};
    let texts = |l: Locale| -> Vec<&'static str> {
        K::ALL
            .iter()
            .map(|k| k.t(l))
            .chain(P::ALL.iter().map(|k| k.t(l)))
            .collect()
    };
    fn literal(pieces: &[message::Piece<'static>], out: &mut Vec<&'static str>) {
        for piece in pieces {
            match piece {
                message::Piece::Text(t) => out.push(t.trim()),
                message::Piece::Plural { one, other, .. } => {
                    literal(one.as_deref().unwrap_or_default(), out);
                    literal(other, out);
                }
                _ => {}
            }
        }
    }
    // The class's rubric is stored content, copied in one language from a
    // shipped template: its words say nothing about the page's language.
    let content_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content/rubrics");
    let content: String = std::fs::read_dir(content_dir)
        .expect("content/rubrics")
        .map(|f| std::fs::read_to_string(f.expect("entry").path()).unwrap_or_default())
        .collect();
    let others = texts(of.other());
    let mut found = Vec::new();
    for text in texts(of) {
        literal(&message::parse(text).unwrap_or_default(), &mut found);
    }
    found.retain(|t| {
        t.len() >= 20
            && !t.contains(['&', '<', '>', '"', '\''])
            && !others.iter().any(|o| o.contains(*t))
            && !content.contains(*t)
    });
    found.sort_unstable();
    found.dedup();
    found
}
