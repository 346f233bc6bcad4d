//! Edits a facilitator makes to the curriculum in the browser, as pure
//! operations on the model. Each one checks the same rules as the file format
//! (`rules.rs`) and either applies completely or reports field → problem code.
//! The server applies an edit to the live curriculum and writes it back with
//! `store::import`, which matches by key: progress and answers stay attached.
use super::rules::{
    bilingual_problem, key_problem, lesson_minutes_problem, unit_minutes_problem, MAX_KEY_CHARS,
};
use crate::curriculum::model::{
    Bilingual, Block, BlockBody, CheckMode, CheckOption, Curriculum, Lesson, LinkKind, Unit,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

impl Direction {
    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "up" => Some(Direction::Up),
            "down" => Some(Direction::Down),
            _ => None,
        }
    }
}

/// Why an edit was refused: the form field and the problem code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditProblem {
    pub field: &'static str,
    pub code: &'static str,
}

fn problem(field: &'static str, code: &'static str) -> EditProblem {
    EditProblem { field, code }
}

fn not_found() -> EditProblem {
    problem("key", "not_found")
}

/// Moves one item a place up or down among its siblings; at either end it stays.
fn shift<T>(items: &mut [T], index: usize, direction: Direction) {
    match direction {
        Direction::Up if index > 0 => items.swap(index, index - 1),
        Direction::Down if index + 1 < items.len() => items.swap(index, index + 1),
        _ => {}
    }
}

fn block_mut<'a>(c: &'a mut Curriculum, key: &str) -> Option<&'a mut Block> {
    c.units
        .iter_mut()
        .flat_map(|u| u.lessons.iter_mut())
        .flat_map(|l| l.blocks.iter_mut())
        .find(|b| b.key == key)
}

fn lesson_mut<'a>(c: &'a mut Curriculum, key: &str) -> Option<&'a mut Lesson> {
    c.units
        .iter_mut()
        .flat_map(|u| u.lessons.iter_mut())
        .find(|l| l.key == key)
}

pub fn move_unit(c: &mut Curriculum, key: &str, direction: Direction) -> Result<(), EditProblem> {
    let index = c.units.iter().position(|u| u.key == key).ok_or_else(not_found)?;
    shift(&mut c.units, index, direction);
    Ok(())
}

pub fn move_lesson(c: &mut Curriculum, key: &str, direction: Direction) -> Result<(), EditProblem> {
    for unit in &mut c.units {
        if let Some(index) = unit.lessons.iter().position(|l| l.key == key) {
            shift(&mut unit.lessons, index, direction);
            return Ok(());
        }
    }
    Err(not_found())
}

pub fn move_block(c: &mut Curriculum, key: &str, direction: Direction) -> Result<(), EditProblem> {
    for lesson in c.units.iter_mut().flat_map(|u| u.lessons.iter_mut()) {
        if let Some(index) = lesson.blocks.iter().position(|b| b.key == key) {
            shift(&mut lesson.blocks, index, direction);
            return Ok(());
        }
    }
    Err(not_found())
}

/// Takes a lesson out of the course. Its rows stay (retired), with everyone's
/// progress; a unit keeps at least one lesson.
pub fn retire_lesson(c: &mut Curriculum, key: &str) -> Result<(), EditProblem> {
    let unit = c
        .units
        .iter_mut()
        .find(|u| u.lessons.iter().any(|l| l.key == key))
        .ok_or_else(not_found)?;
    if unit.lessons.len() == 1 {
        return Err(problem("key", "no_lessons"));
    }
    unit.lessons.retain(|l| l.key != key);
    Ok(())
}

/// Takes a block out of its lesson (kept retired, with its answers); a lesson
/// keeps at least one block.
pub fn retire_block(c: &mut Curriculum, key: &str) -> Result<(), EditProblem> {
    let lesson = c
        .units
        .iter_mut()
        .flat_map(|u| u.lessons.iter_mut())
        .find(|l| l.blocks.iter().any(|b| b.key == key))
        .ok_or_else(not_found)?;
    if lesson.blocks.len() == 1 {
        return Err(problem("key", "no_blocks"));
    }
    lesson.blocks.retain(|b| b.key != key);
    Ok(())
}

/// A lesson's title and minutes.
pub fn edit_lesson(
    c: &mut Curriculum,
    key: &str,
    title: Bilingual,
    minutes: u32,
) -> Result<(), Vec<EditProblem>> {
    let mut problems = Vec::new();
    if let Some(code) = bilingual_problem(&title) {
        problems.push(problem("title", code));
    }
    if let Some(code) = lesson_minutes_problem(minutes) {
        problems.push(problem("minutes", code));
    }
    let lesson = lesson_mut(c, key).ok_or_else(|| vec![not_found()])?;
    if !problems.is_empty() {
        return Err(problems);
    }
    lesson.title = title;
    lesson.minutes = minutes;
    Ok(())
}

/// The text of a block written as text: Markdown, a key takeaway, or a
/// reflection prompt. Other block types are edited through the file format.
pub fn edit_block_text(c: &mut Curriculum, key: &str, text: Bilingual) -> Result<(), Vec<EditProblem>> {
    let block = block_mut(c, key).ok_or_else(|| vec![not_found()])?;
    if let Some(code) = bilingual_problem(&text) {
        return Err(vec![problem("text", code)]);
    }
    match &mut block.body {
        BlockBody::Text { text: t } | BlockBody::Takeaway { text: t } => *t = text,
        BlockBody::Reflection { prompt } => *prompt = text,
        _ => return Err(vec![problem("text", "field_not_allowed")]),
    }
    Ok(())
}

/// A new key: the Indonesian title as a slug plus `fresh` (unique per call, e.g.
/// a time stamp), so a new item never takes over a retired item's key and with
/// it that item's progress.
pub fn new_key(title: &str, fresh: &str) -> String {
    let mut slug = String::new();
    for c in title.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let room = MAX_KEY_CHARS.saturating_sub(fresh.len() + 1);
    let mut slug: String = slug.chars().take(room).collect();
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() {
        slug.push_str("baru");
    }
    format!("{slug}-{fresh}")
}

fn starter_text(key: String) -> Block {
    Block {
        key,
        body: BlockBody::Text {
            text: Bilingual::new("Tulis isi pelajaran di sini.", "Write the lesson here."),
        },
    }
}

fn starter_lesson(key: String, title: Bilingual) -> Lesson {
    Lesson {
        blocks: vec![starter_text(format!("{key}-teks"))],
        key,
        minutes: 5,
        title,
    }
}

fn title_problems(title: &Bilingual, field: &'static str) -> Vec<EditProblem> {
    bilingual_problem(title)
        .map(|code| problem(field, code))
        .into_iter()
        .collect()
}

fn check_key(key: &str) -> Result<(), Vec<EditProblem>> {
    match key_problem(key) {
        Some(code) => Err(vec![problem("title", code)]),
        None => Ok(()),
    }
}

/// A unit at the end of the course, with one lesson to start from.
pub fn add_unit(c: &mut Curriculum, title: Bilingual, fresh: &str) -> Result<String, Vec<EditProblem>> {
    let problems = title_problems(&title, "title");
    if !problems.is_empty() {
        return Err(problems);
    }
    let key = new_key(&title.id, fresh);
    check_key(&key)?;
    let lesson = starter_lesson(format!("{key}-1"), Bilingual::new("Pelajaran baru", "New lesson"));
    c.units.push(Unit {
        key: key.clone(),
        minutes: lesson.minutes,
        objective: Bilingual::new("Tuliskan tujuan unit ini.", "Write this unit's objective."),
        title,
        lessons: vec![lesson],
    });
    Ok(key)
}

/// A lesson at the end of a unit, with one text block to start from.
pub fn add_lesson(
    c: &mut Curriculum,
    unit: &str,
    title: Bilingual,
    fresh: &str,
) -> Result<String, Vec<EditProblem>> {
    let problems = title_problems(&title, "title");
    if !problems.is_empty() {
        return Err(problems);
    }
    let key = new_key(&title.id, fresh);
    check_key(&key)?;
    let unit = c
        .units
        .iter_mut()
        .find(|u| u.key == unit)
        .ok_or_else(|| vec![not_found()])?;
    unit.lessons.push(starter_lesson(key.clone(), title));
    Ok(key)
}

/// The shipped image a new image block starts with: (file, width, height).
const STARTER_IMAGE: (&str, u32, u32) = ("generasi-asn.svg", 640, 300);

fn starter_option(key: &str, correct: bool) -> CheckOption {
    CheckOption {
        key: key.into(),
        text: Bilingual::new(format!("Pilihan {key}"), format!("Option {key}")),
        correct,
        feedback: Bilingual::new("Umpan balik untuk pilihan ini.", "Feedback for this option."),
    }
}

/// A block of any type at the end of a lesson, ready to edit.
pub fn add_block(
    c: &mut Curriculum,
    lesson: &str,
    kind: &str,
    fresh: &str,
) -> Result<String, Vec<EditProblem>> {
    let placeholder = Bilingual::new("Tulis di sini.", "Write here.");
    let body = match kind {
        "text" => BlockBody::Text { text: placeholder },
        "takeaway" => BlockBody::Takeaway { text: placeholder },
        "reflection" => BlockBody::Reflection { prompt: placeholder },
        // Starting points that already pass the rules; the author edits them
        // as source (see `block_source`).
        "check" => BlockBody::Check {
            mode: CheckMode::Single,
            question: Bilingual::new("Tulis pertanyaan di sini?", "Write the question here?"),
            options: vec![starter_option("a", true), starter_option("b", false)],
        },
        "link" => BlockBody::Link {
            kind: LinkKind::Link,
            url: "https://www.bkn.go.id/".into(),
            label: Bilingual::new("Judul tautan", "Link title"),
        },
        "image" => BlockBody::Image {
            src: STARTER_IMAGE.0.into(),
            width: STARTER_IMAGE.1,
            height: STARTER_IMAGE.2,
            alt: Bilingual::new("Jelaskan gambar ini.", "Describe this image."),
        },
        _ => return Err(vec![problem("kind", "unknown_block_type")]),
    };
    let lesson = lesson_mut(c, lesson).ok_or_else(|| vec![not_found()])?;
    let key = format!(
        "{}-{kind}-{fresh}",
        lesson.key.chars().take(30).collect::<String>()
    );
    check_key(&key)?;
    lesson.blocks.push(Block {
        key: key.clone(),
        body,
    });
    Ok(key)
}

/// A block replaced by its edited version (from `block_source`): same key, so
/// the answers and reflections given to it stay attached.
pub fn replace_block(c: &mut Curriculum, key: &str, edited: Block) -> Result<(), EditProblem> {
    if edited.key != key {
        return Err(problem("source", "key_changed"));
    }
    let block = block_mut(c, key).ok_or_else(not_found)?;
    *block = edited;
    Ok(())
}

/// A unit's title, objective and estimated minutes.
pub fn edit_unit(
    c: &mut Curriculum,
    key: &str,
    title: Bilingual,
    objective: Bilingual,
    minutes: u32,
) -> Result<(), Vec<EditProblem>> {
    let mut problems = title_problems(&title, "title");
    problems.extend(title_problems(&objective, "objective"));
    if let Some(code) = unit_minutes_problem(minutes) {
        problems.push(problem("minutes", code));
    }
    let unit = c
        .units
        .iter_mut()
        .find(|u| u.key == key)
        .ok_or_else(|| vec![not_found()])?;
    if !problems.is_empty() {
        return Err(problems);
    }
    unit.title = title;
    unit.objective = objective;
    unit.minutes = minutes;
    Ok(())
}

/// Takes a unit out of the course (its rows and everyone's progress are kept);
/// the course keeps at least one unit.
pub fn retire_unit(c: &mut Curriculum, key: &str) -> Result<(), EditProblem> {
    if !c.units.iter().any(|u| u.key == key) {
        return Err(not_found());
    }
    if c.units.len() == 1 {
        return Err(problem("key", "no_units"));
    }
    c.units.retain(|u| u.key != key);
    Ok(())
}

#[cfg(test)]
#[path = "authoring_tests.rs"]
mod tests;
