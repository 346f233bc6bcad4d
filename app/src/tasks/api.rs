//! Server fns for team tasks. Pages are server-rendered HTML; the submission
//! form is a plain multipart post (files), with JavaScript on or off.
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, MultipartData, MultipartFormData};

#[cfg(feature = "ssr")]
use {
    super::store,
    crate::auth::class_guard::{class_access, manager, participant},
    crate::auth::policy::ClassAccess,
    crate::i18n::said,
    crate::i18n::P,
    crate::teams::store::published_team_of,
    crate::web::client_key,
};

/// Members of the class and admins. The class's tasks; facilitators also
/// get the form to set one.
#[server(input = GetUrl, prefix = "/api", endpoint = "tasks_page")]
pub async fn tasks_page(class_id: i64) -> Result<String, AppError> {
    let (state, _, class, access, _) = class_access(class_id).await?;
    let data = super::page_data::list_data(&state, class, access == ClassAccess::Manage).await?;
    crate::ui::render_html(move || super::views::list_body(data))
}

/// Members of the class and admins. One task: its brief, and the versions
/// handed in (participants: their team's, with the form to hand in another;
/// facilitators and evaluators: every team's).
#[server(input = GetUrl, prefix = "/api", endpoint = "task_page")]
pub async fn task_page(class_id: i64, task: i64) -> Result<String, AppError> {
    let (state, caller, class, _, is_participant) = class_access(class_id).await?;
    let data = super::page_data::task_data(&state, &caller, class, task, is_participant).await?;
    crate::ui::render_html(move || super::views::task_body(data))
}

/// Facilitators of the class and admins. Sets a team task: `due_on` and
/// `due_time` in WIB; `late_policy` "refused", "accepted" or "until" (with
/// `late_until_on`, a WIB date, accepted to its end).
/// Errors: `Invalid(title|brief|due_on|due_time|late_until_on)`.
#[server(prefix = "/api", endpoint = "create_task")]
#[allow(clippy::too_many_arguments)]
pub async fn create_task(
    class_id: i64,
    title: String,
    brief: String,
    due_on: String,
    due_time: String,
    late_policy: String,
    late_until_on: String,
) -> Result<(), AppError> {
    let state = manager(class_id).await?;
    let task = super::new_task::parse_task(
        state.zone,
        &title,
        &brief,
        &due_on,
        &due_time,
        &late_policy,
        &late_until_on,
    )?;
    let id = store::create(&state.db, class_id, task).await?;
    crate::web::redirect(&format!("/classes/{class_id}/tasks/{id}"));
    Ok(())
}

/// Participants in a published team. Hands in a version for their team
/// (multipart: `csrf`, `class_id`, `task`, `key`, `body`, `links`, `file`…).
/// Errors: `Invalid(body|links|file)`, `Rule` outside a team.
#[server(input = MultipartFormData, prefix = "/api", endpoint = "submit_task")]
pub async fn submit_task(data: MultipartData) -> Result<(), AppError> {
    crate::auth::guard::caller()?; // before reading a stranger's upload
    let limit = crate::auth::guard::state()?.max_upload_bytes;
    let form = super::upload::read(data, limit).await?;
    let (state, caller) = participant(form.class_id).await?;
    let task = store::task(&state.db, form.class_id, form.task).await?;
    let (team, _) = published_team_of(&state.db, form.class_id, caller.user_id)
        .await?
        .ok_or_else(|| AppError::Rule(said(P::ErrNoTeam)))?;
    let form = super::upload::SubmissionForm {
        key: client_key(&form.key)?,
        ..form
    };
    let (class_id, task_id) = (form.class_id, form.task);
    store::submit(&state.db, &task, team.id, caller.user_id, form).await?;
    crate::web::redirect(&format!("/classes/{class_id}/tasks/{task_id}?saved=1"));
    Ok(())
}
