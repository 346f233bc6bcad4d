//! Server fns for scenarios in a class: the list, playing, assigning, and the
//! analytics. Thin: who → rule → DB. Pages come as server-rendered HTML (their
//! text never enters the WASM); their forms post here, by fetch once hydrated
//! and as plain posts without JavaScript.
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
use {
    super::{domain::engine::Answer, domain::engine::Step, store::play},
    crate::auth::class_guard::{class_access, manager, participant},
    crate::auth::policy::ClassAccess,
    crate::web::client_key,
};

/// Members of the class and admins. The scenarios assigned to the class, with
/// the caller's attempts; facilitators also get the assignment form.
#[server(input = GetUrl, prefix = "/api", endpoint = "class_scenarios_page")]
pub async fn class_scenarios_page(class_id: i64) -> Result<String, AppError> {
    let (state, caller, class, access, is_participant) = class_access(class_id).await?;
    let data = super::page_data::list_data(
        &state,
        &caller,
        class,
        access == ClassAccess::Manage,
        is_participant,
    )
    .await?;
    crate::ui::render_html(move || super::views::class_list_body(data))
}

/// Members of the class and admins. The play page of an assignment: the
/// introduction, the node the caller is at, or the summary of their last attempt.
#[server(input = GetUrl, prefix = "/api", endpoint = "scenario_play_page")]
pub async fn scenario_play_page(class_id: i64, assignment: i64) -> Result<String, AppError> {
    let (state, caller, class, access, is_participant) = class_access(class_id).await?;
    let (a, row) = play::assignment(&state.db, class_id, assignment).await?;
    let data = super::page_data::play_data(
        &state,
        &caller,
        &class,
        a,
        row,
        is_participant,
        access == ClassAccess::Manage,
    )
    .await?;
    crate::ui::render_html(move || super::views::play_body(data))
}

/// Participants of the class. Starts an attempt (or resumes the one in
/// progress); `key` is the form's own key, so posting it twice starts one.
/// Errors: `Rule` outside the open window or with no attempts left.
#[server(prefix = "/api", endpoint = "start_scenario")]
pub async fn start_scenario(class_id: i64, assignment: i64, key: String) -> Result<(), AppError> {
    let (state, caller) = participant(class_id).await?;
    let key = client_key(&key)?;
    let (a, _) = play::assignment(&state.db, class_id, assignment).await?;
    play::start_attempt(&state.db, &a, caller.user_id, &key).await?;
    crate::web::redirect(&format!("/classes/{class_id}/scenarios/{assignment}"));
    Ok(())
}

/// Participants, for their own attempt. Saves one step: `choice` at a choice,
/// `reflection` at a reflection, neither to continue past a situation. `seq`
/// and `node` say which step the page showed; `key` makes a retry harmless.
/// Errors: `Invalid(choice|reflection)`, `Conflict` for a stale page.
#[server(prefix = "/api", endpoint = "scenario_step")]
#[allow(clippy::too_many_arguments)]
pub async fn scenario_step(
    class_id: i64,
    attempt: i64,
    seq: i32,
    node: String,
    key: String,
    choice: Option<String>,
    reflection: Option<String>,
) -> Result<(), AppError> {
    let (state, caller) = participant(class_id).await?;
    let answer = match (choice, reflection) {
        (Some(c), _) => Answer::Choose(c),
        (None, Some(text)) => Answer::Reflect(text.replace("\r\n", "\n")),
        (None, None) => Answer::Continue,
    };
    let input = play::StepInput {
        attempt_id: attempt,
        seq,
        step: Step { node, answer },
        client_key: client_key(&key)?,
    };
    play::take_step(&state.db, &state.cache(), caller.user_id, input).await?;
    Ok(())
}

/// Facilitators of the class and admins. Assigns a published scenario with
/// its open window (dates in WIB, `closes_on` may be empty) and how many
/// attempts each participant may make (0: no limit).
/// Errors: `Invalid(opens_on|closes_on|max_attempts)`, `Conflict` when assigned already.
#[server(prefix = "/api", endpoint = "assign_scenario")]
pub async fn assign_scenario(
    class_id: i64,
    scenario: String,
    opens_on: String,
    closes_on: String,
    max_attempts: i32,
) -> Result<(), AppError> {
    let state = manager(class_id).await?;
    let window = super::assign::Window::parse(state.zone, &opens_on, &closes_on, max_attempts)?;
    super::assign::assign(&state.db, class_id, &scenario, window).await?;
    Ok(())
}

/// Facilitators of the class and admins. Changes an assignment's window and
/// attempt policy (attempts already made are kept); an empty `closes_on`
/// leaves it open. Errors as `assign_scenario`, `NotFound`.
#[server(prefix = "/api", endpoint = "update_assignment")]
pub async fn update_assignment(
    class_id: i64,
    assignment: i64,
    opens_on: String,
    closes_on: String,
    max_attempts: i32,
) -> Result<(), AppError> {
    let state = manager(class_id).await?;
    let window = super::assign::Window::parse(state.zone, &opens_on, &closes_on, max_attempts)?;
    super::assign::update(&state.db, class_id, assignment, window).await
}

/// Facilitators of the class and admins. Choices by generation, common paths,
/// average scores by generation and reflections for one assignment.
#[server(input = GetUrl, prefix = "/api", endpoint = "scenario_analytics_page")]
pub async fn scenario_analytics_page(class_id: i64, assignment: i64) -> Result<String, AppError> {
    let state = manager(class_id).await?;
    let mut data = super::analytics::load(&state, class_id, assignment).await?;
    let locale = crate::auth::guard::request_auth()?.locale;
    let item = crate::lms::domain::items::Item::Scenario(assignment);
    data.lms = crate::lms::status::grade_status(&state.db, class_id, &item, locale).await?;
    crate::ui::render_html(move || super::views::analytics_body(data))
}
