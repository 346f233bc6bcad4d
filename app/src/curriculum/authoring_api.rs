//! Server fns for editing the curriculum in the browser (facilitators and
//! admins; the curriculum is shared by every class). Each edit reads the live
//! curriculum, applies one pure operation from `domain::authoring`, and writes
//! it back by key in one transaction: participants' progress, answers and
//! reflections stay attached, and retired content keeps its rows.
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, MultipartData, MultipartFormData};

#[cfg(feature = "ssr")]
use {
    super::domain::authoring::{self, Direction, EditProblem},
    super::model::{Bilingual, Curriculum},
    crate::auth::{guard, model::Role},
    crate::i18n::Msg,
    sea_orm::ConnectionTrait,
};

/// The course outline for authors, as server-rendered HTML.
#[server(input = GetUrl, prefix = "/api", endpoint = "authoring_outline")]
pub async fn authoring_outline_html() -> Result<String, AppError> {
    authors()?;
    let state = guard::state()?;
    let curriculum = super::store::export(&state.db).await?;
    let retired = super::store::retired::retired(&state.db, 30).await?;
    let classes = class_count(&state.db).await?;
    crate::ui::render_html(move || super::views::outline_body(curriculum, retired, classes))
}

/// One live lesson's editor, as server-rendered HTML. Errors: `NotFound`.
#[server(input = GetUrl, prefix = "/api", endpoint = "lesson_editor")]
pub async fn lesson_editor_html(lesson: String) -> Result<String, AppError> {
    authors()?;
    let state = guard::state()?;
    let curriculum = super::store::export(&state.db).await?;
    let (unit_title, found) = curriculum
        .units
        .into_iter()
        .find_map(|u| {
            let title = u.title;
            u.lessons
                .into_iter()
                .find(|l| l.key == lesson)
                .map(|l| (title, l))
        })
        .ok_or(AppError::NotFound)?;
    let retired = super::store::retired::retired(&state.db, 200).await?;
    let classes = class_count(&state.db).await?;
    crate::ui::render_html(move || super::views::lesson_editor_body(found, unit_title, retired, classes))
}

/// Moves a unit, lesson or block (`level`) one place `up` or `down`.
#[server(prefix = "/api", endpoint = "move_content")]
pub async fn move_content(level: String, key: String, direction: String) -> Result<(), AppError> {
    let direction = Direction::parse(&direction);
    edit(move |c| {
        // Parsed inside the edit, so the caller's role is checked first.
        let direction = direction.ok_or_else(|| AppError::rule(crate::i18n::K::ErrBadRequest))?;
        match level.as_str() {
            "unit" => authoring::move_unit(c, &key, direction),
            "lesson" => authoring::move_lesson(c, &key, direction),
            "block" => authoring::move_block(c, &key, direction),
            _ => return Err(AppError::rule(crate::i18n::K::ErrBadRequest)),
        }
        .map_err(|p| problems(vec![p]))
    })
    .await
}

/// Retires a unit, lesson or block (`level`): hidden from everyone, records kept.
#[server(prefix = "/api", endpoint = "retire_content")]
pub async fn retire_content(level: String, key: String) -> Result<(), AppError> {
    edit(move |c| {
        match level.as_str() {
            "unit" => authoring::retire_unit(c, &key),
            "lesson" => authoring::retire_lesson(c, &key),
            "block" => authoring::retire_block(c, &key),
            _ => return Err(AppError::rule(crate::i18n::K::ErrBadRequest)),
        }
        .map_err(|p| problems(vec![p]))
    })
    .await
}

/// Brings back a retired unit, lesson or block (`level`) with what was
/// retired with it: the undo of `retire_content`. Facilitators and admins.
/// Errors: `NotFound` (no such retired item, or its unit or lesson is retired).
#[server(prefix = "/api", endpoint = "restore_content")]
pub async fn restore_content(level: String, key: String) -> Result<(), AppError> {
    authors()?;
    let state = guard::state()?;
    let txn = crate::server_util::begin_write(&state.db).await?;
    lock(&txn).await?;
    super::store::retired::restore(&*txn, &level, &key).await?;
    txn.commit().await?;
    Ok(())
}

/// A lesson's title (both languages) and minutes. Errors: `Invalid` (title, minutes).
#[server(prefix = "/api", endpoint = "save_lesson")]
pub async fn save_lesson(
    lesson: String,
    title_id: String,
    title_en: String,
    minutes: String,
) -> Result<(), AppError> {
    let minutes: u32 = minutes.trim().parse().unwrap_or(0);
    let title = Bilingual::new(title_id.trim(), title_en.trim());
    edit(move |c| authoring::edit_lesson(c, &lesson, title, minutes).map_err(problems)).await
}

/// The text of a text, takeaway or reflection block (Markdown, both languages).
/// Errors: `Invalid` (text).
#[server(prefix = "/api", endpoint = "save_block_text")]
pub async fn save_block_text(block: String, text_id: String, text_en: String) -> Result<(), AppError> {
    let text = Bilingual::new(text_id, text_en);
    edit(move |c| authoring::edit_block_text(c, &block, text).map_err(problems)).await
}

/// A unit's titles, objective and estimated minutes. Errors: `Invalid` (title,
/// objective, minutes).
#[server(prefix = "/api", endpoint = "save_unit")]
pub async fn save_unit(
    unit: String,
    title_id: String,
    title_en: String,
    objective_id: String,
    objective_en: String,
    minutes: String,
) -> Result<(), AppError> {
    let minutes: u32 = minutes.trim().parse().unwrap_or(0);
    let title = Bilingual::new(title_id.trim(), title_en.trim());
    let objective = Bilingual::new(objective_id.trim(), objective_en.trim());
    edit(move |c| authoring::edit_unit(c, &unit, title, objective, minutes).map_err(problems)).await
}

/// A new unit at the end of the course (with one lesson to start from).
/// Errors: `Invalid` (title).
#[server(prefix = "/api", endpoint = "add_unit")]
pub async fn add_unit(title_id: String, title_en: String) -> Result<(), AppError> {
    let title = Bilingual::new(title_id.trim(), title_en.trim());
    edit(move |c| {
        authoring::add_unit(c, title, &fresh_suffix())
            .map(drop)
            .map_err(problems)
    })
    .await
}

/// A new lesson at the end of a unit. Errors: `Invalid` (title), `NotFound`.
#[server(prefix = "/api", endpoint = "add_lesson")]
pub async fn add_lesson(unit: String, title_id: String, title_en: String) -> Result<(), AppError> {
    let title = Bilingual::new(title_id.trim(), title_en.trim());
    edit(move |c| {
        authoring::add_lesson(c, &unit, title, &fresh_suffix())
            .map(drop)
            .map_err(problems)
    })
    .await
}

/// A new block of any type at the end of a lesson, starting from content that
/// passes the rules (a quick check, link or image is then edited as source).
/// Errors: `Invalid` (kind), `NotFound`.
#[server(prefix = "/api", endpoint = "add_block")]
pub async fn add_block(lesson: String, kind: String) -> Result<(), AppError> {
    edit(move |c| {
        authoring::add_block(c, &lesson, &kind, &fresh_suffix())
            .map(drop)
            .map_err(problems)
    })
    .await
}

/// Replaces the curriculum with an uploaded one (a .zip from an export, or a
/// unit .toml file), all or nothing: every file is checked first, and any problem
/// (file, line, translated reason) stops the import. Matching is by key, so
/// progress is kept; content no longer present is retired. Multipart fields:
/// `csrf`, `file`. Sends the browser back to the outline with the counts.
#[server(input = MultipartFormData, prefix = "/api", endpoint = "import_curriculum")]
pub async fn import_curriculum(data: MultipartData) -> Result<(), AppError> {
    authors()?;
    let state = guard::state()?;
    let (name, bytes) = crate::server_util::read_file_field(data, super::transfer::MAX_UPLOAD_BYTES).await?;
    let files = super::transfer::files_of(&name, bytes)?;
    let curriculum = super::domain::format::parse_curriculum(&files)
        .map_err(|issues| issues_error(issues, |i| i.file.clone()))?;
    let txn = crate::server_util::begin_write(&state.db).await?;
    lock(&txn).await?;
    let counts = super::store::import(&*txn, &curriculum).await?;
    txn.commit().await?;
    crate::web::redirect(&format!(
        "/curriculum?imported={},{},{},{}",
        counts.units, counts.lessons, counts.blocks, counts.retired
    ));
    Ok(())
}

/// The most problems reported at once (they travel back in the URL without JS).
#[cfg(feature = "ssr")]
const MAX_ISSUES_SHOWN: usize = 40;

/// Each problem under the field `place:line` (line zero-padded so they sort),
/// where `place` is the file's name, or `source` for an edited block.
#[cfg(feature = "ssr")]
fn issues_error(
    issues: Vec<super::domain::format::FormatIssue>,
    place: impl Fn(&super::domain::format::FormatIssue) -> String,
) -> AppError {
    let mut map = std::collections::BTreeMap::new();
    let total = issues.len();
    for issue in issues.into_iter().take(MAX_ISSUES_SHOWN) {
        let key = format!("{}:{:05}", place(&issue), issue.line);
        let msg = Msg::with(super::issues::issue_message(&issue.code), [issue.detail]);
        map.entry(key).or_insert_with(Vec::new).push(msg);
    }
    if total > MAX_ISSUES_SHOWN {
        let more = Msg::with(
            crate::i18n::K::CurIssueMore,
            [(total - MAX_ISSUES_SHOWN).to_string()],
        );
        map.insert("~".to_string(), vec![more]);
    }
    AppError::Invalid(map)
}

/// A short suffix that makes a new key unique: the time in base 36.
#[cfg(feature = "ssr")]
fn fresh_suffix() -> String {
    let mut n = chrono::Utc::now().timestamp_millis().unsigned_abs();
    let mut out = Vec::new();
    while n > 0 {
        out.push(b"0123456789abcdefghijklmnopqrstuvwxyz"[(n % 36) as usize]);
        n /= 36;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Any block (a quick check, link or image too) edited as its source text in the
/// curriculum file format. Errors: `Invalid` (`source:line` for each problem).
#[server(prefix = "/api", endpoint = "save_block_source")]
pub async fn save_block_source(block: String, source: String) -> Result<(), AppError> {
    authors()?;
    let edited = super::domain::block_source::parse_block_source(&source)
        .map_err(|issues| issues_error(issues, |_| "source".to_string()))?;
    edit(move |c| authoring::replace_block(c, &block, edited).map_err(|p| problems(vec![p]))).await
}

/// Markdown as the lesson page will show it: rendered and sanitised, for the
/// editor's live preview. Facilitators and admins.
#[server(prefix = "/api", endpoint = "preview_markdown")]
pub async fn preview_markdown(text: String) -> Result<String, AppError> {
    authors()?;
    if text.chars().count() > super::domain::rules::MAX_TEXT_CHARS {
        return Err(AppError::field(
            "text",
            Msg::new(super::issues::issue_message("text_too_long")),
        ));
    }
    Ok(crate::markdown::to_safe_html(&text))
}

#[cfg(feature = "ssr")]
fn authors() -> Result<crate::state::Caller, AppError> {
    guard::require_any(&[Role::Facilitator, Role::Admin])
}

#[cfg(feature = "ssr")]
fn problems(found: Vec<EditProblem>) -> AppError {
    let mut map = std::collections::BTreeMap::new();
    for p in found {
        if p.code == "not_found" {
            return AppError::NotFound;
        }
        map.entry(p.field.to_string())
            .or_insert_with(Vec::new)
            .push(Msg::new(super::issues::issue_message(p.code)));
    }
    AppError::Invalid(map)
}

/// Makes concurrent curriculum writes, also from other app servers, wait for
/// each other instead of overwriting each other's changes: a no-op write as the
/// transaction's first statement takes the write lock (SQLite) or the unit rows'
/// locks (PostgreSQL) until commit.
#[cfg(feature = "ssr")]
async fn lock(txn: &sea_orm::DatabaseTransaction) -> Result<(), AppError> {
    txn.execute_unprepared("UPDATE cur_units SET position = position")
        .await?;
    Ok(())
}

/// How many classes there are: the curriculum is shared, so a retirement
/// reaches every one of them.
#[cfg(feature = "ssr")]
async fn class_count(db: &sea_orm::DatabaseConnection) -> Result<u64, AppError> {
    use sea_orm::{EntityTrait, PaginatorTrait};
    Ok(crate::entities::class::Entity::find().count(db).await?)
}

/// Applies one edit to the live curriculum in a transaction (see `lock`).
#[cfg(feature = "ssr")]
async fn edit<F>(apply: F) -> Result<(), AppError>
where
    F: FnOnce(&mut Curriculum) -> Result<(), AppError> + Send + 'static,
{
    authors()?;
    let state = guard::state()?;
    let txn = crate::server_util::begin_write(&state.db).await?;
    lock(&txn).await?;
    let mut curriculum = super::store::export(&*txn).await?;
    apply(&mut curriculum)?;
    super::store::import(&*txn, &curriculum).await?;
    txn.commit().await?;
    Ok(())
}
