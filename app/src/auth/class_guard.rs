//! The class a server fn works on, and the caller's standing in it: every
//! class-scoped feature starts here.
use super::guard;
use super::model::Role;
use super::policy::ClassAccess;
use crate::error::AppError;
use crate::state::{AppState, Caller};

/// The state, the caller, the class, what the caller may do in it, and
/// whether they take part in it as a participant.
pub async fn class_access(
    class_id: i64,
) -> Result<(AppState, Caller, crate::entities::class::Model, ClassAccess, bool), AppError> {
    let state = guard::state()?;
    let caller = guard::caller()?;
    let (class, access, is_participant) =
        guard::require_class_as(&state.db, &caller, class_id, ClassAccess::View).await?;
    let is_participant = is_participant && caller.has(Role::Participant);
    Ok((state, caller, class, access, is_participant))
}

/// The class's facilitators and admins only.
pub async fn manager(class_id: i64) -> Result<AppState, AppError> {
    let (state, _, _, access, _) = class_access(class_id).await?;
    if access != ClassAccess::Manage {
        return Err(AppError::Forbidden);
    }
    Ok(state)
}

pub async fn participant(class_id: i64) -> Result<(AppState, Caller), AppError> {
    let (state, caller, _, _, is_participant) = class_access(class_id).await?;
    if !is_participant {
        return Err(AppError::Forbidden);
    }
    Ok((state, caller))
}
