//! A rubric scoring form, for tests that score a task or a reflection
//! through the router.
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
