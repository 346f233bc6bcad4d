//! Files handed in with team tasks, served from the database: to the team's
//! members, the class's facilitators and evaluators, and admins.
use crate::download;
use app::auth::{guard, model::Role, policy::ClassAccess, policy::Membership};
use app::error::AppError;
use app::state::{AppState, RequestAuth};
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Extension;

pub async fn submission_file(
    State(state): State<AppState>,
    Extension(auth): Extension<RequestAuth>,
    Path((class_id, file_id)): Path<(i64, i64)>,
) -> Response {
    let Some(caller) = download::caller(&auth) else {
        return download::error(auth.locale, AppError::Unauthenticated);
    };
    match allowed_file(&state, caller, class_id, file_id).await {
        Ok((name, mime, bytes)) => download::attachment(&mime, &name, bytes),
        Err(e) => download::error(auth.locale, e),
    }
}

/// The file, if it belongs to this class and the caller may see it: people
/// who only take part in the class see their own team's files.
async fn allowed_file(
    state: &AppState,
    caller: &app::state::Caller,
    class_id: i64,
    file_id: i64,
) -> Result<(String, String, Vec<u8>), AppError> {
    let memberships = guard::memberships(&state.db, caller.user_id, class_id).await?;
    let access = guard::check_access(caller, &memberships, ClassAccess::View)?;
    let (file, submission, task) = app::tasks::store::file(&state.db, file_id).await?;
    if task.class_id != class_id {
        return Err(AppError::NotFound);
    }
    let reviews = access == ClassAccess::Manage
        || (caller.has(Role::Evaluator) && memberships.contains(&Membership::Evaluator));
    if !reviews {
        let team = app::teams::store::published_team_of(&state.db, class_id, caller.user_id).await?;
        if team.is_none_or(|(t, _)| t.id != submission.team_id) {
            return Err(AppError::Forbidden);
        }
    }
    Ok((file.name, file.mime, file.content))
}
