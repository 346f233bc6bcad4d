//! Every server fn and page × every kind of caller × own class / other class.
mod common;
use app::auth::model::Role;
use app::auth::policy::Membership;
use app::error::AppError;
use axum::http::StatusCode;
use common::*;
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
    let window = app::scenarios::assign::Window::parse("2026-01-01", "", 0).expect("window");
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
    let settings = app::evaluation::store::SettingsInput {
        rubric_id: Some(rubric),
        method: app::rubrics::domain::aggregate::Method::Mean,
        level_gap: Some(1),
        share_gap: Some(15),
    };
    let target = app::evaluation::target::Target::task(class_a, task);
    app::evaluation::store::set_settings(&app.db, &target, settings)
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
        clients,
    }
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
    let target = app::evaluation::target::Target::reflection(class, assignment);
    let settings = app::evaluation::store::SettingsInput {
        rubric_id: Some(rubric),
        method: app::rubrics::domain::aggregate::Method::Mean,
        level_gap: Some(1),
        share_gap: None,
    };
    app::evaluation::store::set_settings(&app.db, &target, settings)
        .await
        .expect("reflection settings");
    app::evaluation::store::assign(&app.db, &target, 0, evaluator, "coach", 1.0)
        .await
        .expect("assign");
}

async fn teamwork(app: &TestApp, class: i64, mentor: i64, mentee: i64) -> (i64, i64, i64) {
    use app::entities::{mentoring_goal, mentoring_pair};
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let new = app::tasks::new_task::parse_task("Tugas", "", "2026-12-01", "", "accepted", "").expect("task");
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

fn denied(e: &Option<AppError>) -> bool {
    matches!(e, Some(AppError::Forbidden | AppError::Unauthenticated))
}

async fn call(
    app: &TestApp,
    c: &Client,
    method: &str,
    path: &str,
    fields: &[(&str, String)],
) -> Option<AppError> {
    let r = if method == "GET" {
        let q = serde_urlencoded::to_string(fields).unwrap();
        app.get_json(c, &format!("{path}?{q}")).await
    } else {
        app.call(c, path, fields).await
    };
    assert_ne!(r.status, StatusCode::NOT_FOUND, "{path} must exist: {r:?}");
    r.error()
}

both_backends!(server_fn_matrix, async |app: &TestApp| {
    let w = world(app).await;
    let a = w.class_a.to_string();
    let shipped = app::curriculum::store::shipped().unwrap();
    let lesson = &shipped.units[0].lessons[0];
    let block_of = |kind: &str| {
        let found = shipped
            .units
            .iter()
            .flat_map(|u| &u.lessons)
            .flat_map(|l| &l.blocks);
        found
            .filter(|b| b.body.type_name() == kind)
            .map(|b| b.key.clone())
            .next()
            .unwrap()
    };
    let asg = w.assignment.to_string();
    let programme = app::entities::class::Entity::find_by_id(w.class_a)
        .one(&app.db)
        .await
        .expect("query")
        .expect("class")
        .programme_id
        .to_string();
    // The reflection target's one subject, as each scoring form names it.
    let reflection = |mut extra: Vec<(&'static str, String)>| {
        extra.extend([
            ("class_id", a.clone()),
            ("task", asg.clone()),
            ("kind", "reflection".to_string()),
            ("subject", w.reflector.to_string()),
        ]);
        extra
    };
    let cases: Vec<Case> = vec![
        ("GET", "/api/class_units", vec![("class_id", a.clone())], MEMBERS),
        (
            "GET",
            "/api/class_progress",
            vec![("class_id", a.clone())],
            MANAGERS,
        ),
        (
            "GET",
            "/api/lesson",
            vec![("class_id", a.clone()), ("lesson", lesson.key.clone())],
            MEMBERS,
        ),
        (
            "POST",
            "/api/complete_lesson",
            vec![("class_id", a.clone()), ("lesson", lesson.key.clone())],
            PARTICIPANTS,
        ),
        (
            "POST",
            "/api/answer_check",
            vec![
                ("class_id", a.clone()),
                ("block", block_of("check")),
                ("choice", "a".into()),
            ],
            PARTICIPANTS,
        ),
        (
            "POST",
            "/api/set_release",
            vec![
                ("class_id", a.clone()),
                ("unit", shipped.units[0].key.clone()),
                ("mode", "open".into()),
                ("opens_on", "".into()),
            ],
            MANAGERS,
        ),
        (
            "POST",
            "/api/save_reflection",
            vec![
                ("class_id", a.clone()),
                ("block", block_of("reflection")),
                ("body", "Catatan".into()),
                ("revision", "1".into()),
            ],
            PARTICIPANTS,
        ),
        (
            "POST",
            "/api/move_content",
            vec![
                ("level", "block".into()),
                ("key", "tidak-ada".into()),
                ("direction", "up".into()),
            ],
            AUTHORS,
        ),
        (
            "POST",
            "/api/retire_content",
            vec![("level", "block".into()), ("key", "tidak-ada".into())],
            AUTHORS,
        ),
        (
            "POST",
            "/api/save_lesson",
            vec![
                ("lesson", "tidak-ada".into()),
                ("title_id", "Judul".into()),
                ("title_en", "Title".into()),
                ("minutes", "5".into()),
            ],
            AUTHORS,
        ),
        (
            "POST",
            "/api/save_block_text",
            vec![
                ("block", "tidak-ada".into()),
                ("text_id", "Teks".into()),
                ("text_en", "Text".into()),
            ],
            AUTHORS,
        ),
        (
            "POST",
            "/api/preview_markdown",
            vec![("text", "**a**".into())],
            AUTHORS,
        ),
        // Scenarios in a class, and their authoring (shared by all classes).
        (
            "GET",
            "/api/class_scenarios_page",
            vec![("class_id", a.clone())],
            MEMBERS,
        ),
        (
            "GET",
            "/api/scenario_play_page",
            vec![("class_id", a.clone()), ("assignment", w.assignment.to_string())],
            MEMBERS,
        ),
        (
            "POST",
            "/api/start_scenario",
            vec![
                ("class_id", a.clone()),
                ("assignment", w.assignment.to_string()),
                ("key", "kunci-uji-matriks".into()),
            ],
            PARTICIPANTS,
        ),
        (
            "POST",
            "/api/scenario_step",
            vec![
                ("class_id", a.clone()),
                ("attempt", "999".into()),
                ("seq", "0".into()),
                ("node", "awal".into()),
                ("key", "kunci-langkah-matriks".into()),
            ],
            PARTICIPANTS,
        ),
        (
            "POST",
            "/api/assign_scenario",
            vec![
                ("class_id", a.clone()),
                ("scenario", "pesan-singkat".into()),
                ("opens_on", "2026-01-01".into()),
                ("closes_on", "".into()),
                ("max_attempts", "1".into()),
            ],
            MANAGERS,
        ),
        (
            "POST",
            "/api/update_assignment",
            vec![
                ("class_id", a.clone()),
                ("assignment", w.assignment.to_string()),
                ("opens_on", "2026-01-01".into()),
                ("closes_on", "".into()),
                ("max_attempts", "0".into()),
            ],
            MANAGERS,
        ),
        (
            "GET",
            "/api/scenario_analytics_page",
            vec![("class_id", a.clone()), ("assignment", w.assignment.to_string())],
            MANAGERS,
        ),
        // Teams, the survey, team tasks and mentoring.
        ("GET", "/api/teams_page", vec![("class_id", a.clone())], MEMBERS),
        (
            "POST",
            "/api/form_class_teams",
            vec![
                ("class_id", a.clone()),
                ("mode", "size".into()),
                ("n", "5".into()),
                ("w_mix", "3".into()),
                ("w_isolation", "3".into()),
                ("w_units", "2".into()),
                ("w_level", "1".into()),
                ("w_skill", "1".into()),
            ],
            MANAGERS,
        ),
        (
            "POST",
            "/api/swap_team_members",
            vec![
                ("class_id", a.clone()),
                ("first", "1".into()),
                ("second", "2".into()),
            ],
            MANAGERS,
        ),
        (
            "POST",
            "/api/move_team_member",
            vec![
                ("class_id", a.clone()),
                ("person", "1".into()),
                ("team", "1".into()),
            ],
            MANAGERS,
        ),
        (
            "POST",
            "/api/lock_team",
            vec![
                ("class_id", a.clone()),
                ("team", "1".into()),
                ("locked", "true".into()),
            ],
            MANAGERS,
        ),
        (
            "POST",
            "/api/publish_teams",
            vec![("class_id", a.clone())],
            MANAGERS,
        ),
        (
            "POST",
            "/api/add_pair_rule",
            vec![
                ("class_id", a.clone()),
                ("first", "1".into()),
                ("second", "1".into()),
                ("kind", "apart".into()),
            ],
            MANAGERS,
        ),
        (
            "POST",
            "/api/remove_pair_rule",
            vec![("class_id", a.clone()), ("rule", "999".into())],
            MANAGERS,
        ),
        (
            "POST",
            "/api/set_survey_open",
            vec![("class_id", a.clone()), ("open", "false".into())],
            MANAGERS,
        ),
        (
            "POST",
            "/api/save_survey",
            vec![
                ("class_id", a.clone()),
                ("rate_0", "3".into()),
                ("rate_1", "3".into()),
                ("rate_2", "3".into()),
                ("rate_3", "3".into()),
                ("rate_4", "3".into()),
                ("style", "mixed".into()),
                ("availability", "any".into()),
            ],
            PARTICIPANTS,
        ),
        ("GET", "/api/tasks_page", vec![("class_id", a.clone())], MEMBERS),
        ("GET", "/api/bands_page", vec![], ADMINS),
        ("POST", "/api/save_bands", vec![("programme", "0".into())], ADMINS),
        ("GET", "/api/lti_admin_page", vec![], ADMINS),
        (
            "POST",
            "/api/register_lti_platform",
            vec![
                ("name", "Moodle".into()),
                ("issuer", "".into()),
                ("client_id", "".into()),
                ("auth_login_url", "".into()),
                ("token_url", "".into()),
                ("jwks_url", "".into()),
            ],
            ADMINS,
        ),
        ("POST", "/api/make_lti_invite", vec![], ADMINS),
        ("POST", "/api/rotate_lti_key", vec![], ADMINS),
        (
            "POST",
            "/api/sync_lti_roster",
            vec![("class_id", a.clone())],
            MANAGERS,
        ),
        (
            "GET",
            "/api/rubrics_page",
            vec![("class_id", a.clone())],
            MANAGERS,
        ),
        (
            "GET",
            "/api/rubric_page",
            vec![("class_id", a.clone()), ("rubric", w.rubric.to_string())],
            MANAGERS,
        ),
        (
            "POST",
            "/api/copy_rubric_template",
            vec![("class_id", a.clone()), ("template", "kolaborasi-tim".into())],
            MANAGERS,
        ),
        (
            "POST",
            "/api/save_rubric",
            vec![
                ("class_id", a.clone()),
                ("rubric", w.rubric.to_string()),
                ("title", "".into()),
            ],
            MANAGERS,
        ),
        (
            "GET",
            "/api/task_page",
            vec![("class_id", a.clone()), ("task", w.task.to_string())],
            MEMBERS,
        ),
        (
            "POST",
            "/api/create_task",
            vec![
                ("class_id", a.clone()),
                ("title", "".into()),
                ("brief", "".into()),
                ("due_on", "2026-12-01".into()),
                ("due_time", "".into()),
                ("late_policy", "accepted".into()),
                ("late_until_on", "".into()),
            ],
            MANAGERS,
        ),
        (
            "GET",
            "/api/mentoring_page",
            vec![("class_id", a.clone())],
            MEMBERS,
        ),
        (
            "POST",
            "/api/propose_mentoring",
            vec![("class_id", a.clone())],
            MANAGERS,
        ),
        (
            "POST",
            "/api/adjust_mentoring",
            vec![
                ("class_id", a.clone()),
                ("mentee", "1".into()),
                ("mentor", "1".into()),
            ],
            MANAGERS,
        ),
        (
            "POST",
            "/api/respond_mentoring",
            vec![
                ("class_id", a.clone()),
                ("pair", w.pair.to_string()),
                ("answer", "confirm".into()),
            ],
            PARTICIPANTS,
        ),
        (
            "POST",
            "/api/add_mentoring_goal",
            vec![
                ("class_id", a.clone()),
                ("pair", w.pair.to_string()),
                ("key", "target-matriks-2".into()),
                ("title", "".into()),
            ],
            PARTICIPANTS,
        ),
        (
            "POST",
            "/api/set_mentoring_goal",
            vec![
                ("class_id", a.clone()),
                ("goal", w.goal.to_string()),
                ("met", "true".into()),
            ],
            PARTICIPANTS,
        ),
        (
            "POST",
            "/api/log_mentoring_session",
            vec![
                ("class_id", a.clone()),
                ("pair", w.pair.to_string()),
                ("key", "sesi-matriks-0001".into()),
                ("held_on", "x".into()),
                ("minutes", "60".into()),
                ("topic", "Spreadsheet".into()),
                ("practised", "Rumus".into()),
                ("mentor_learned", "Sejarah kantor".into()),
            ],
            PARTICIPANTS,
        ),
        // Evaluation: a task's settings, and the reflections' scoring end to end.
        (
            "GET",
            "/api/evaluation_page",
            vec![("class_id", a.clone()), ("task", w.task.to_string())],
            EVALUATES,
        ),
        (
            "GET",
            "/api/evaluation_page",
            vec![
                ("class_id", a.clone()),
                ("task", asg.clone()),
                ("kind", "reflection".into()),
            ],
            EVALUATES,
        ),
        (
            "POST",
            "/api/set_evaluation",
            vec![
                ("class_id", a.clone()),
                ("task", w.task.to_string()),
                ("rubric", w.rubric.to_string()),
                ("combine", "median".into()),
                ("level_gap", "1".into()),
                ("share_gap", "".into()),
            ],
            MANAGERS,
        ),
        (
            "POST",
            "/api/assign_evaluator",
            vec![
                ("class_id", a.clone()),
                ("task", w.task.to_string()),
                ("subject", "0".into()),
                ("evaluator", w.someone.to_string()),
                ("role", "coach".into()),
                ("weight", "1".into()),
            ],
            MANAGERS,
        ),
        (
            "POST",
            "/api/unassign_evaluator",
            vec![
                ("class_id", a.clone()),
                ("task", w.task.to_string()),
                ("assignment", "0".into()),
            ],
            MANAGERS,
        ),
        ("GET", "/api/score_page", reflection(vec![]), EVALUATES),
        (
            "POST",
            "/api/save_score",
            reflection(vec![("revision", "1".into()), ("overall", "Cukup jelas.".into())]),
            &[EvalOwn],
        ),
        (
            "POST",
            "/api/moderate_score",
            reflection(vec![("decision", "accepted".into())]),
            MANAGERS,
        ),
        (
            "POST",
            "/api/evaluation_flags",
            vec![
                ("class_id", a.clone()),
                ("task", asg.clone()),
                ("kind", "reflection".into()),
                ("open", "false".into()),
            ],
            MANAGERS,
        ),
        (
            "POST",
            "/api/save_bands",
            vec![("programme", programme.clone()), ("band[0][name]", "".into())],
            ADMINS,
        ),
        ("GET", "/api/scenarios_page", vec![], AUTHORS),
        (
            "GET",
            "/api/scenario_editor_page",
            vec![("key", "aplikasi-laporan".into())],
            AUTHORS,
        ),
        (
            "POST",
            "/api/save_scenario_node",
            vec![
                ("key", "tidak-ada".into()),
                ("node", "awal".into()),
                ("source", "id = \"awal\"".into()),
            ],
            AUTHORS,
        ),
        (
            "POST",
            "/api/add_scenario_node",
            vec![
                ("key", "tidak-ada".into()),
                ("id", "baru".into()),
                ("kind", "ending".into()),
            ],
            AUTHORS,
        ),
        (
            "POST",
            "/api/delete_scenario_node",
            vec![("key", "tidak-ada".into()), ("node", "awal".into())],
            AUTHORS,
        ),
        (
            "POST",
            "/api/publish_scenario",
            vec![("key", "tidak-ada".into())],
            AUTHORS,
        ),
        ("GET", "/api/session", vec![], &EVERYONE),
        ("GET", "/api/my_classes", vec![], LOGGED_IN),
        ("GET", "/api/class_detail", vec![("id", a.clone())], MEMBERS),
        // The pages' server-rendered HTML: the same access as the data they show.
        ("GET", "/api/class_page", vec![("id", a.clone())], MEMBERS),
        (
            "GET",
            "/api/my_classes_html",
            vec![("home", "true".into())],
            LOGGED_IN,
        ),
        ("GET", "/api/units_page", vec![("class_id", a.clone())], MEMBERS),
        (
            "GET",
            "/api/progress_page",
            vec![("class_id", a.clone())],
            MANAGERS,
        ),
        (
            "GET",
            "/api/reflections_page",
            vec![("class_id", a.clone()), ("lesson", lesson.key.clone())],
            MANAGERS,
        ),
        (
            "GET",
            "/api/roster_preview_html",
            vec![("class_id", a.clone()), ("upload_id", "tidak-ada".into())],
            MANAGERS,
        ),
        ("GET", "/api/users_table", vec![], ADMINS),
        ("GET", "/api/programmes_page", vec![], ADMINS),
        (
            "POST",
            "/api/update_class",
            vec![
                ("id", a.clone()),
                ("name", "Baru".into()),
                ("description", "".into()),
                ("starts_on", "2026-11-02".into()),
                ("ends_on", "2026-12-01".into()),
            ],
            MANAGERS,
        ),
        (
            "POST",
            "/api/enrol_member",
            vec![
                ("class_id", a.clone()),
                ("identifier", "seseorang.lain@uji.test".into()),
                ("role", "participant".into()),
            ],
            MANAGERS,
        ),
        (
            "GET",
            "/api/import_target",
            vec![("class_id", a.clone())],
            MANAGERS,
        ),
        (
            "GET",
            "/api/roster_preview",
            vec![("class_id", a.clone()), ("upload_id", "tidak-ada".into())],
            MANAGERS,
        ),
        (
            "POST",
            "/api/commit_roster",
            vec![("class_id", a.clone()), ("upload_id", "tidak-ada".into())],
            MANAGERS,
        ),
        ("GET", "/api/list_users", vec![], ADMINS),
        (
            "POST",
            "/api/create_user",
            vec![
                ("input[full_name]", "X".into()),
                ("input[email]", "bukan-email".into()),
                ("input[password]", "pendek".into()),
            ],
            ADMINS,
        ),
        (
            "POST",
            "/api/set_user_active",
            vec![("user_id", w.someone.to_string()), ("active", "true".into())],
            ADMINS,
        ),
        (
            "POST",
            "/api/set_user_password",
            vec![
                ("user_id", w.someone.to_string()),
                ("password", "sandi-baru-2026".into()),
            ],
            ADMINS,
        ),
        ("GET", "/api/programmes", vec![], ADMINS),
        (
            "POST",
            "/api/create_programme",
            vec![("name", "".into()), ("description", "".into())],
            ADMINS,
        ),
        (
            "POST",
            "/api/create_class",
            vec![
                ("programme_id", "999".into()),
                ("name", "".into()),
                ("description", "".into()),
                ("starts_on", "x".into()),
                ("ends_on", "y".into()),
            ],
            ADMINS,
        ),
        ("GET", "/api/scheme", vec![], LOGGED_IN),
        ("POST", "/api/save_scheme", vec![("name", "".into())], ADMINS),
        (
            "POST",
            "/api/change_password",
            vec![
                ("current", "x".into()),
                ("new", "y".into()),
                ("confirm", "z".into()),
            ],
            LOGGED_IN,
        ),
        (
            "POST",
            "/api/set_locale",
            vec![("locale", "en".into())],
            &EVERYONE,
        ),
    ];
    for (method, path, fields, allowed) in &cases {
        for (who, client) in &w.clients {
            let err = call(app, client, method, path, fields).await;
            let expect_allowed = allowed.contains(who);
            assert_eq!(
                !denied(&err),
                expect_allowed,
                "{method} {path} as {who:?}: got {err:?}"
            );
        }
    }
});

both_backends!(upload_matrix, async |app: &TestApp| {
    let w = world(app).await;
    for (who, client) in &w.clients {
        let r = app.upload(client, w.class_a, b"NIP;Nama\n").await;
        let err = r.error();
        assert_eq!(!denied(&err), MANAGERS.contains(who), "upload as {who:?}: {r:?}");
        let r = app
            .upload_file(client, "/api/import_scenario", &[], "s.toml", b"key = ")
            .await;
        let err = r.error();
        assert_eq!(
            !denied(&err),
            AUTHORS.contains(who),
            "scenario import as {who:?}: {r:?}"
        );
        let fields = [
            ("class_id", w.class_a.to_string()),
            ("task", w.task.to_string()),
            ("key", format!("kiriman-matriks-{who:?}")),
        ];
        let r = app
            .upload_file(client, "/api/submit_task", &fields, "a.pdf", b"%PDF-1.4 uji")
            .await;
        assert_eq!(
            !denied(&r.error()),
            PARTICIPANTS.contains(who),
            "task submission as {who:?}: {r:?}"
        );
        let fields = [
            ("class_id", w.class_a.to_string()),
            ("title", "Impor".to_string()),
        ];
        let r = app
            .upload_file(
                client,
                "/api/import_rubric",
                &fields,
                "r.csv",
                b"criterion,weight\n",
            )
            .await;
        assert_eq!(
            !denied(&r.error()),
            MANAGERS.contains(who),
            "rubric import as {who:?}: {r:?}"
        );
    }
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
    let reflections = format!("{play}/evaluation");
    let score = format!("{play}/score/{}", w.reflector);
    let reflections_xlsx = format!("{play}/export/scores.xlsx");
    let pages: Vec<(&str, &[Who])> = vec![
        (&evaluation, EVALUATES),
        (&scores_csv, MANAGERS),
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
        ("/curriculum", AUTHORS),
        (&editor_page, AUTHORS),
    ];
    for (path, allowed) in &pages {
        for (who, client) in &w.clients {
            let r = app.get(client, path).await;
            let ok = r.status == StatusCode::OK;
            assert_eq!(ok, allowed.contains(who), "GET {path} as {who:?}: {}", r.status);
        }
    }
});
