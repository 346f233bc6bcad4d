//! Cases for the server fns the hand-kept list had missed (found by
//! `every_registered_server_fn_has_a_case`), the uploads, and the fns anyone may call.
use super::*;

/// Anyone may call these, and they act only on the caller's own session.
pub(crate) const UNGATED: &[&str] = &["/api/login", "/api/logout"];

/// Where a case's input is deliberately unusable (an empty title, a key that
/// does not exist, a file that does not parse), so that the shared data stays
/// as it is: the status an allowed caller gets. The fn decides who may call
/// before it reads the input, so a denied caller still gets 401/403.
pub(crate) const REFUSED_INPUT: &[(&str, u16)] = &[
    // No such content, node, step, rule, assignment, platform or log entry.
    ("/api/move_content", 404),
    ("/api/retire_content", 404),
    ("/api/restore_content", 404),
    ("/api/scenario_step", 404),
    ("/api/swap_team_members", 404),
    ("/api/move_team_member", 404),
    ("/api/remove_pair_rule", 404),
    ("/api/save_bands", 404),
    ("/api/unassign_evaluator", 404),
    ("/api/save_scenario_node", 404),
    ("/api/add_scenario_node", 404),
    ("/api/delete_scenario_node", 404),
    ("/api/publish_scenario", 404),
    ("/api/set_lti_trust", 404),
    ("/api/link_lti_identity", 404),
    // The first allowed caller assigned it; the next ones find it assigned.
    ("/api/assign_scenario", 409),
    // Empty titles, bad dates, people not in the class, a closed survey, no draft
    // teams, no roster upload, files that do not parse.
    ("/api/publish_teams", 422),
    ("/api/add_pair_rule", 422),
    ("/api/save_survey", 422),
    ("/api/register_lti_platform", 422),
    ("/api/save_rubric", 422),
    ("/api/adjust_mentoring", 422),
    ("/api/assign_evaluator", 422),
    ("/api/save_bands", 422),
    ("/api/roster_preview_html", 422),
    ("/api/roster_preview", 422),
    ("/api/commit_roster", 422),
    ("/api/save_scheme", 422),
    ("/api/save_block_source", 422),
    ("/api/import_scenario", 422),
    ("/api/import_rubric", 422),
    ("/api/import_curriculum", 422),
    // Not in a published team yet.
    ("/api/submit_task", 422),
];

/// A multipart upload: path, text fields (`{who}` becomes the caller), file name, bytes, allowed.
type Upload = (
    &'static str,
    Vec<(&'static str, String)>,
    &'static str,
    &'static [u8],
    &'static [Who],
);

pub(crate) fn uploads(w: &World) -> Vec<Upload> {
    let a = w.class_a.to_string();
    vec![
        (
            "/api/upload_roster",
            vec![("class_id", a.clone())],
            "r.csv",
            b"NIP;Nama\n",
            MANAGERS,
        ),
        ("/api/import_scenario", vec![], "s.toml", b"key = ", AUTHORS),
        (
            "/api/submit_task",
            vec![
                ("class_id", a.clone()),
                ("task", w.task.to_string()),
                ("key", "kiriman-matriks-{who}".into()),
            ],
            "a.pdf",
            b"%PDF-1.4 uji",
            PARTICIPANTS,
        ),
        (
            "/api/import_rubric",
            vec![("class_id", a.clone()), ("title", "Impor".into())],
            "r.csv",
            b"criterion,weight\n",
            MANAGERS,
        ),
        (
            "/api/import_curriculum",
            vec![],
            "u.toml",
            b"bukan = [unit",
            AUTHORS,
        ),
    ]
}

pub(crate) fn cases(w: &World) -> Vec<Case<'static>> {
    let a = w.class_a.to_string();
    let shipped = app::curriculum::store::shipped().unwrap();
    let unit = &shipped.units[0];
    let lesson = unit.lessons[0].key.clone();
    let block = unit.lessons[0].blocks[0].key.clone();
    vec![
        ("GET", "/api/authoring_outline", vec![], AUTHORS),
        (
            "GET",
            "/api/lesson_editor",
            vec![("lesson", lesson.clone())],
            AUTHORS,
        ),
        (
            "POST",
            "/api/add_unit",
            vec![("title_id", "Unit baru".into()), ("title_en", "New unit".into())],
            AUTHORS,
        ),
        (
            "POST",
            "/api/add_lesson",
            vec![
                ("unit", unit.key.clone()),
                ("title_id", "Pelajaran baru".into()),
                ("title_en", "New lesson".into()),
            ],
            AUTHORS,
        ),
        (
            "POST",
            "/api/add_block",
            vec![("lesson", lesson.clone()), ("kind", "text".into())],
            AUTHORS,
        ),
        (
            "POST",
            "/api/save_unit",
            vec![
                ("unit", unit.key.clone()),
                ("title_id", unit.title.id.clone()),
                ("title_en", unit.title.en.clone()),
                ("objective_id", "Tujuan".into()),
                ("objective_en", "Objective".into()),
                ("minutes", "30".into()),
            ],
            AUTHORS,
        ),
        (
            "POST",
            "/api/save_block_source",
            vec![("block", block), ("source", "bukan = [blok".into())],
            AUTHORS,
        ),
        (
            "GET",
            "/api/lesson_reflections",
            vec![("class_id", a.clone()), ("lesson", lesson.clone())],
            MANAGERS,
        ),
        (
            "GET",
            "/api/lesson_screen",
            vec![("class_id", a.clone()), ("lesson", lesson)],
            MEMBERS,
        ),
        (
            "GET",
            "/api/page_html",
            vec![("path", format!("/classes/{a}/learn")), ("query", "".into())],
            MEMBERS,
        ),
        (
            "POST",
            "/api/set_lti_trust",
            vec![("platform_id", "0".into()), ("trusted", "true".into())],
            ADMINS,
        ),
        (
            "POST",
            "/api/link_lti_identity",
            vec![("entry_id", "0".into())],
            ADMINS,
        ),
    ]
}
