//! Server fns for a class's rubrics (facilitators of the class and admins).
//! Server-only: the pages are server-rendered HTML whose forms post here by
//! fetch once hydrated (plain posts without JavaScript), so no client stub
//! is needed in the WASM.
use super::domain::io;
use super::form::{file_error, problems_error, rubric_from, CriterionForm};
use super::{store, templates};
use crate::auth::class_guard::{class_access, manager};
use crate::error::AppError;
use crate::i18n::said;
use crate::i18n::{K, P};
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, MultipartData, MultipartFormData};

/// The class's rubrics with the template and import forms.
#[server(input = GetUrl, prefix = "/api", endpoint = "rubrics_page")]
pub async fn rubrics_page(class_id: i64) -> Result<String, AppError> {
    let (state, class) = managed(class_id).await?;
    let list = store::list(&state.db, class_id).await?;
    crate::ui::render_html(move || super::views::list_body(class.id, class.name, list))
}

/// One rubric in the editor, with the score preview.
#[server(input = GetUrl, prefix = "/api", endpoint = "rubric_page")]
pub async fn rubric_page(class_id: i64, rubric: i64) -> Result<String, AppError> {
    let (state, class) = managed(class_id).await?;
    let loaded = store::load(&state.db, class_id, rubric).await?;
    crate::ui::render_html(move || super::views::editor_body(class.id, class.name, loaded))
}

/// Copies a shipped template, in the caller's language, into the class.
#[server(prefix = "/api", endpoint = "copy_rubric_template")]
pub async fn copy_rubric_template(class_id: i64, template: String) -> Result<(), AppError> {
    let state = manager(class_id).await?;
    let caller = crate::auth::guard::caller()?;
    let locale = crate::auth::guard::request_auth()?.locale;
    let found = templates::find(&template).ok_or(AppError::NotFound)?;
    let body = found.rubric(locale).clone();
    let id = store::create(&state.db, class_id, caller.user_id, &body, Some(&found.key))
        .await?
        .map_err(|refused| problems_error(&refused.0))?;
    crate::web::redirect(&format!("/classes/{class_id}/rubrics/{id}"));
    Ok(())
}

/// With `save` (the editor's button): saves the form, in place or as a new
/// version once the rubric has scored. Without it (the hydrated editor
/// posting itself as the facilitator types): stores nothing and answers the
/// live preview, the weights' total and the final score at the top and the
/// bottom levels. Errors either way: `Invalid(title|weights|c{n}|c{n}_l{m})`.
#[server(prefix = "/api", endpoint = "save_rubric")]
#[allow(clippy::too_many_arguments)]
pub async fn save_rubric(
    class_id: i64,
    rubric: i64,
    title: String,
    #[server(default)] description: String,
    #[server(default)] criteria: Vec<CriterionForm>,
    #[server(default)] save: Option<String>,
) -> Result<String, AppError> {
    let state = manager(class_id).await?;
    let body = rubric_from(&title, &description, &criteria)?;
    if save.is_none() {
        let problems = super::domain::rubric::check(&body);
        if !problems.is_empty() {
            return Err(problems_error(&problems));
        }
        let locale = crate::auth::guard::request_auth()?.locale;
        return Ok(super::views::live_preview(&body, locale));
    }
    store::save(&state.db, class_id, rubric, &body)
        .await?
        .map_err(|refused| problems_error(&refused.0))?;
    crate::web::redirect(&format!("/classes/{class_id}/rubrics/{rubric}?saved=1"));
    Ok(String::new())
}

/// Imports a rubric file (multipart: `csrf`, `class_id`, `title`, `file`):
/// CSV in the documented columns or JSON. Errors: `Invalid(file:{line})`.
#[server(input = MultipartFormData, prefix = "/api", endpoint = "import_rubric")]
pub async fn import_rubric(data: MultipartData) -> Result<(), AppError> {
    crate::auth::guard::caller()?; // before reading a stranger's upload
    let form = read_import(data).await?;
    let state = manager(form.class_id).await?;
    let caller = crate::auth::guard::caller()?;
    let text = String::from_utf8(form.file)
        .ok()
        .filter(|t| !crate::text_limits::source_holds_nul(t))
        .ok_or_else(|| file_error(&[unreadable()]))?;
    let looks_json = text.trim_start_matches('\u{feff}').trim_start().starts_with('{');
    let body = if looks_json {
        io::from_json(&text)
    } else {
        io::from_csv(&form.title, &text)
    }
    .map_err(|errors| file_error(&errors))?;
    let class_id = form.class_id;
    let id = store::create(&state.db, class_id, caller.user_id, &body, None)
        .await?
        .map_err(|refused| problems_error(&refused.0))?;
    crate::web::redirect(&format!("/classes/{class_id}/rubrics/{id}"));
    Ok(())
}

/// The class, for its facilitators and admins only.
async fn managed(class_id: i64) -> Result<(crate::state::AppState, crate::entities::class::Model), AppError> {
    let (state, _, class, access, _) = class_access(class_id).await?;
    if access != crate::auth::policy::ClassAccess::Manage {
        return Err(AppError::Forbidden);
    }
    Ok((state, class))
}

fn unreadable() -> io::RowError {
    io::RowError {
        line: 0,
        column: None,
        kind: io::FileProblem::Unreadable,
    }
}

struct ImportForm {
    class_id: i64,
    title: String,
    file: Vec<u8>,
}

/// A rubric file is small: a megabyte is far more than 20 criteria need.
const MAX_IMPORT_BYTES: usize = 1024 * 1024;

async fn read_import(data: MultipartData) -> Result<ImportForm, AppError> {
    let mut multipart = data
        .into_inner()
        .ok_or_else(|| AppError::rule(K::ErrBadRequest))?;
    let mut form = ImportForm {
        class_id: 0,
        title: String::new(),
        file: Vec::new(),
    };
    let mut total = 0usize;
    while let Ok(Some(mut field)) = multipart.next_field().await {
        let name = field.name().unwrap_or_default().to_string();
        let mut bytes = Vec::new();
        while let Ok(Some(chunk)) = field.chunk().await {
            total += chunk.len();
            if total > MAX_IMPORT_BYTES {
                return Err(file_error(&[unreadable()]));
            }
            bytes.extend_from_slice(&chunk);
        }
        let text = || String::from_utf8_lossy(&bytes).trim().to_string();
        match name.as_str() {
            "class_id" => form.class_id = text().parse().map_err(|_| AppError::rule(K::ErrBadRequest))?,
            "title" => form.title = text(),
            "file" => form.file = bytes,
            _ => {}
        }
    }
    if form.file.is_empty() {
        return Err(AppError::field("file", said(P::RubricFileMissing)));
    }
    Ok(form)
}
