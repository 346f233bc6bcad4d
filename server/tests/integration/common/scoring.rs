//! A rubric scoring form, for tests that score a task or a reflection
//! through the router.
use super::TestApp;
use app::i18n::Locale;

/// A scoring form for `f` (class, target, subject and kind, as the caller
/// needs) with the `template` rubric's every criterion at `level` (0 = the
/// best) and the level's top points; `lock` submits it. `base` is the
/// score's revision the save starts from (0 for a first save); each form gets
/// its own idempotency key, so posting the same form twice is one save sent twice.
pub fn scored_with(
    template: &str,
    mut f: Vec<(String, String)>,
    base: i64,
    level: usize,
    lock: bool,
) -> Vec<(String, String)> {
    let template = app::rubrics::templates::find(template).unwrap();
    let rubric = template.rubric(Locale::Id);
    f.push(("base".into(), base.to_string()));
    f.push(("save_key".into(), uuid::Uuid::new_v4().simple().to_string()));
    f.push(("overall".into(), "Kerja sama yang baik.".into()));
    for (i, c) in rubric.criteria.iter().enumerate() {
        f.push((format!("c[{i}][level]"), level.to_string()));
        f.push((format!("c[{i}][points]"), c.levels[level].max.to_string()));
        f.push((format!("c[{i}][comment]"), format!("Komentar {i}")));
    }
    if lock {
        f.push(("lock".into(), "1".into()));
    }
    f
}

/// The results of a scenario's reflections, as the evaluation page gathers them.
pub async fn reflection_results(
    app: &TestApp,
    class: i64,
    assignment: i64,
) -> app::evaluation::gather::Gathered {
    use sea_orm::EntityTrait;
    let row = app::entities::class::Entity::find_by_id(class)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let target = app::results::target::Target::reflection(class, assignment);
    app::evaluation::gather::gather(&app.state, &row, &target)
        .await
        .unwrap()
}

/// The scenario's reflections are scored with `rubric` (mean, a flag at more
/// than one level apart) by `evaluator`, as the coach.
pub async fn reflections_scored_by(app: &TestApp, class: i64, assignment: i64, rubric: i64, evaluator: i64) {
    let target = app::results::target::Target::reflection(class, assignment);
    let settings = app::results::store::SettingsInput {
        rubric_id: Some(rubric),
        method: app::rubrics::domain::aggregate::Method::Mean,
        level_gap: Some(1),
        share_gap: None,
    };
    app::results::store::set_settings(&app.db, &target, settings)
        .await
        .expect("reflection settings");
    app::results::store::assign(&app.db, &target, 0, evaluator, "coach", 1.0)
        .await
        .expect("assign");
}
