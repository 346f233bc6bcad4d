//! The server fns' cases: method, path, fields, and who may call them (the
//! fns added for issue 19 are in `more_cases.rs`).
use super::*;

pub(crate) fn cases(w: &World) -> Vec<Case<'static>> {
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
    let programme = w.programme.to_string();
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
    vec![
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
                ("base", "0".into()),
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
            "/api/restore_content",
            vec![("level", "block".into()), ("key", "tidak-ada".into())],
            AUTHORS,
        ),
        ("GET", "/api/todo_page", vec![("embed", "true".into())], LOGGED_IN),
        (
            "POST",
            "/api/save_lesson",
            vec![
                ("lesson", lesson.key.clone()),
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
                ("block", block_of("text")),
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
                ("title", "Tugas matriks".into()),
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
                ("title", "Rumus".into()),
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
                ("held_on", "2026-11-10".into()),
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
            reflection(vec![("base", "0".into()), ("overall", "Cukup jelas.".into())]),
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
                ("input[full_name]", "Orang Baru".into()),
                ("input[email]", "orang.baru.matriks@uji.test".into()),
                ("input[password]", "kata-sandi-baru-2026".into()),
                ("input[participant]", "on".into()),
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
            vec![("name", "Program matriks".into()), ("description", "".into())],
            ADMINS,
        ),
        (
            "POST",
            "/api/create_class",
            vec![
                ("programme_id", programme.clone()),
                ("name", "Kelas matriks".into()),
                ("description", "".into()),
                ("starts_on", "2026-11-02".into()),
                ("ends_on", "2026-12-18".into()),
            ],
            ADMINS,
        ),
        ("GET", "/api/scheme", vec![], LOGGED_IN),
        ("POST", "/api/save_scheme", vec![("name", "".into())], ADMINS),
        (
            "POST",
            "/api/change_password",
            vec![
                ("current", crate::common::PASSWORD.into()),
                ("new", "kata-sandi-matriks-1".into()),
                ("confirm", "kata-sandi-matriks-1".into()),
            ],
            LOGGED_IN,
        ),
        (
            "POST",
            "/api/set_locale",
            vec![("locale", "en".into())],
            &EVERYONE,
        ),
    ]
}
