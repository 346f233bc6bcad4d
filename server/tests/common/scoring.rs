//! A rubric scoring form, for tests that score a task or a reflection
//! through the router.
use super::TestApp;
use app::i18n::Locale;

/// A scoring form for `f` (class, target, subject and kind, as the caller
/// needs) with the `template` rubric's every criterion at `level` (0 = the
/// best) and the level's top points; `lock` submits it.
pub fn scored_with(
    template: &str,
    mut f: Vec<(String, String)>,
    revision: i64,
    level: usize,
    lock: bool,
) -> Vec<(String, String)> {
    let template = app::rubrics::templates::find(template).unwrap();
    let rubric = template.rubric(Locale::Id);
    f.push(("revision".into(), revision.to_string()));
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
    let target = app::evaluation::target::Target::reflection(class, assignment);
    app::evaluation::gather::gather(&app.state, &row, &target)
        .await
        .unwrap()
}
