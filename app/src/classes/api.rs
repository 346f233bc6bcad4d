//! Server fns for classes, rosters and roster import. Thin: who → validate → rule → DB.
use super::model::{ClassDetail, ClassPageView, ClassSummary, ImportPreview};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, MultipartData, MultipartFormData};

#[cfg(feature = "ssr")]
use {
    super::{
        import,
        model::{ClassEdit, RosterSort},
        store,
    },
    crate::auth::{guard, model::Role, policy::ClassAccess},
    crate::entities::class,
    crate::i18n::K,
    sea_orm::{prelude::*, ActiveValue::Set},
};

/// Logged-in users. Admins get every class; others the classes they belong to.
#[server(input = GetUrl, prefix = "/api", endpoint = "my_classes")]
pub async fn my_classes() -> Result<Vec<ClassSummary>, AppError> {
    let state = guard::state()?;
    let caller = guard::caller()?;
    let classes = if caller.has(Role::Admin) {
        store::all_classes(&state.db).await?
    } else {
        store::classes_of(&state.db, caller.user_id).await?
    };
    store::summaries(&state.db, classes).await
}

/// Logged-in users. Their classes as server-rendered cards; `home` picks the
/// empty-list wording of the home page.
#[server(input = GetUrl, prefix = "/api", endpoint = "my_classes_html")]
pub async fn my_classes_html(home: bool) -> Result<String, AppError> {
    let classes = my_classes().await?;
    let empty = if home { K::HomeNoClasses } else { K::ClassesEmpty };
    crate::ui::render_html(move || ClassSummary::card_list(&classes, empty))
}

/// Members of the class (view) and its managers. Personal data (NIP, birth date) only for managers.
/// Errors: `NotFound`, `Forbidden`, `Unauthenticated`.
#[server(input = GetUrl, prefix = "/api", endpoint = "class_detail")]
pub async fn get_class_detail(id: i64, sort: Option<String>) -> Result<ClassDetail, AppError> {
    load_class_detail(id, sort.as_deref()).await
}

/// The class page: its read-only part rendered on the server, plus the form values
/// for managers. Same access and errors as `get_class_detail`.
#[server(input = GetUrl, prefix = "/api", endpoint = "class_page")]
pub async fn get_class_page(id: i64, sort: Option<String>) -> Result<ClassPageView, AppError> {
    let sort = RosterSort::from_code(sort.as_deref().unwrap_or(""));
    let detail = load_class_detail(id, Some(sort.code())).await?;
    let edit = detail.can_manage.then(|| ClassEdit {
        id: detail.summary.id,
        name: detail.summary.name.clone(),
        starts_on: detail.summary.starts_on,
        ends_on: detail.summary.ends_on,
        description: detail.description.clone(),
    });
    let html = crate::ui::render_html(move || super::views::class_body(detail, sort))?;
    Ok(ClassPageView { html, edit })
}

#[cfg(feature = "ssr")]
async fn load_class_detail(id: i64, sort: Option<&str>) -> Result<ClassDetail, AppError> {
    let state = guard::state()?;
    let caller = guard::caller()?;
    // One query: the class, its programme and all its members (the caller's own
    // memberships, which decide access, are among them).
    let (class, programme, members) = store::class_page(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let access = guard::check_access(
        &caller,
        &store::memberships_of(&members, caller.user_id),
        ClassAccess::View,
    )?;
    let manage = access == ClassAccess::Manage;
    let scheme = store::active_scheme_cached(&state).await?;
    let composition = store::composition_of(&members, &scheme);
    let (mut roster, staff): (Vec<_>, Vec<_>) = members
        .into_iter()
        .map(|p| store::page::entry(p, &scheme, manage))
        .partition(|e| e.role == "participant");
    store::sort_roster(&mut roster, RosterSort::from_code(sort.unwrap_or("")), &scheme);
    let description = class.description.clone();
    let summary = store::summary_with(class, programme, roster.len() as u32);
    Ok(ClassDetail {
        summary,
        description,
        can_manage: manage,
        roster,
        staff,
        composition,
    })
}

/// Facilitators of the class and admins. Errors: `Invalid` (name, starts_on, ends_on), `Forbidden`.
#[server(prefix = "/api", endpoint = "update_class")]
pub async fn update_class(
    id: i64,
    name: String,
    description: String,
    starts_on: String,
    ends_on: String,
) -> Result<(), AppError> {
    let state = guard::state()?;
    let caller = guard::caller()?;
    let (class, _) = guard::require_class(&state.db, &caller, id, ClassAccess::Manage).await?;
    let input = super::model::ClassInput::parse(&name, &description, &starts_on, &ends_on)?;
    let mut active: class::ActiveModel = class.into();
    active.name = Set(input.name);
    active.description = Set(input.description);
    active.starts_on = Set(input.starts_on);
    active.ends_on = Set(input.ends_on);
    active.update(&state.db).await?;
    Ok(())
}

/// Facilitators of the class and admins. Enrols an existing account (email or NIP) as
/// participant or evaluator. Errors: `Invalid` (identifier, role), `Forbidden`.
#[server(prefix = "/api", endpoint = "enrol_member")]
pub async fn enrol_member(class_id: i64, identifier: String, role: String) -> Result<(), AppError> {
    let state = guard::state()?;
    let caller = guard::caller()?;
    guard::require_class(&state.db, &caller, class_id, ClassAccess::Manage).await?;
    import::enrol_existing(&state.db, class_id, &identifier, &role).await
}

/// Facilitators of the class and admins. The class name, for the import page; refuses everyone else.
/// Errors: `NotFound`, `Forbidden`, `Unauthenticated`.
#[server(input = GetUrl, prefix = "/api", endpoint = "import_target")]
pub async fn import_target(class_id: i64) -> Result<String, AppError> {
    let state = guard::state()?;
    let caller = guard::caller()?;
    let (class, _) = guard::require_class(&state.db, &caller, class_id, ClassAccess::Manage).await?;
    Ok(class.name)
}

/// Facilitators of the class and admins. Stages an uploaded CSV and sends the browser to
/// its preview. Multipart fields: `csrf`, `class_id`, `file`. Errors: `Invalid` (file), `Forbidden`.
#[server(input = MultipartFormData, prefix = "/api", endpoint = "upload_roster")]
pub async fn upload_roster(data: MultipartData) -> Result<String, AppError> {
    let state = guard::state()?;
    let caller = guard::caller()?;
    let form = import::read_upload(data).await?;
    guard::require_class(&state.db, &caller, form.class_id, ClassAccess::Manage).await?;
    let id = import::stage(&state.db, form.class_id, caller.user_id, form.content).await?;
    crate::web::redirect(&format!("/classes/{}/import?upload={id}", form.class_id));
    Ok(id)
}

/// Facilitators of the class and admins. Every row of a staged upload with every problem found;
/// for people already in Sinergi, an admin sees what the import changes about them, anyone
/// else only that they exist (their data is left alone). Errors: `Rule(ImportExpired)`, `Forbidden`.
#[server(input = GetUrl, prefix = "/api", endpoint = "roster_preview")]
pub async fn roster_preview(class_id: i64, upload_id: String) -> Result<ImportPreview, AppError> {
    let state = guard::state()?;
    let caller = guard::caller()?;
    guard::require_class(&state.db, &caller, class_id, ClassAccess::Manage).await?;
    import::preview(&state.db, class_id, &upload_id, caller.has(Role::Admin)).await
}

/// The preview as server-rendered HTML for the import page. As `roster_preview`.
#[server(input = GetUrl, prefix = "/api", endpoint = "roster_preview_html")]
pub async fn roster_preview_html(class_id: i64, upload_id: String) -> Result<String, AppError> {
    let preview = roster_preview(class_id, upload_id).await?;
    crate::ui::render_html(move || super::views::preview_body(preview))
}

/// Facilitators of the class and admins. Imports a staged upload in one transaction, or
/// nothing when any row is bad. Known people are enrolled; only an admin's import changes them. Idempotent: a repeated commit finds the upload gone.
/// Errors: `Rule(ImportHasErrors | ImportExpired)`, `Forbidden`.
#[server(prefix = "/api", endpoint = "commit_roster")]
pub async fn commit_roster(class_id: i64, upload_id: String) -> Result<u32, AppError> {
    let state = guard::state()?;
    let caller = guard::caller()?;
    guard::require_class(&state.db, &caller, class_id, ClassAccess::Manage).await?;
    let admin = caller.has(Role::Admin);
    // Two facilitators committing one upload at once, on two servers: one
    // imports it, the other finds it gone (the rows are read and written as
    // one serializable unit).
    let count = crate::write_txn!(&state.db, |txn| import::commit(txn, class_id, &upload_id, admin)
        .await)?;
    crate::web::redirect(&format!("/classes/{class_id}?imported={count}"));
    Ok(count)
}
