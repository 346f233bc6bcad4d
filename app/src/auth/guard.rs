//! Authorisation helpers every server fn starts with.
use super::model::Role;
use super::policy::{class_access, ClassAccess, Membership};
use crate::entities::{class, class_member};
use crate::error::{AppError, AppResult};
use crate::state::{AppState, Caller};
use leptos::prelude::use_context;
use sea_orm::prelude::*;
use sea_orm::QuerySelect;

pub fn state() -> AppResult<AppState> {
    use_context::<AppState>().ok_or_else(|| AppError::internal("AppState missing from context"))
}

pub use crate::state::request_auth;

/// The logged-in caller, or `Unauthenticated`.
pub fn caller() -> AppResult<Caller> {
    request_auth()?.caller.ok_or(AppError::Unauthenticated)
}

/// The caller if they hold one of the roles, else `Forbidden`.
pub fn require_any(roles: &[Role]) -> AppResult<Caller> {
    let caller = caller()?;
    if roles.iter().any(|r| caller.has(*r)) {
        Ok(caller)
    } else {
        Err(AppError::Forbidden)
    }
}

pub async fn memberships(db: &DatabaseConnection, user_id: i64, class_id: i64) -> AppResult<Vec<Membership>> {
    let rows = class_member::Entity::find()
        .filter(class_member::Column::ClassId.eq(class_id))
        .filter(class_member::Column::UserId.eq(user_id))
        .all(db)
        .await?;
    Ok(rows
        .iter()
        .filter_map(|r| Membership::from_code(&r.role))
        .collect())
}

/// As `require_class`, also telling whether the caller is a participant of the class.
pub async fn require_class_as(
    db: &DatabaseConnection,
    caller: &Caller,
    class_id: i64,
    needed: ClassAccess,
) -> AppResult<(class::Model, ClassAccess, bool)> {
    // One query for the class and the caller's memberships in it: every
    // class page starts here, and each query costs a round trip to the
    // database's worker thread.
    let user_id = caller.user_id;
    let mine: RelationDef = class::Entity::belongs_to(class_member::Entity)
        .from(class::Column::Id)
        .to(class_member::Column::ClassId)
        .into();
    let mine = mine.on_condition(move |_, member| {
        use sea_orm::sea_query::ExprTrait;
        Expr::col((member, class_member::Column::UserId))
            .eq(user_id)
            .into()
    });
    let rows = class::Entity::find_by_id(class_id)
        .join(sea_orm::JoinType::LeftJoin, mine)
        .select_also(class_member::Entity)
        .all(db)
        .await?;
    let class = rows.first().map(|(c, _)| c.clone()).ok_or(AppError::NotFound)?;
    let memberships: Vec<Membership> = rows
        .iter()
        .filter_map(|(_, m)| m.as_ref().and_then(|r| Membership::from_code(&r.role)))
        .collect();
    let access = check_access(caller, &memberships, needed)?;
    Ok((class, access, memberships.contains(&Membership::Participant)))
}

/// Checks the class exists and the caller has at least `needed` access to it.
pub async fn require_class(
    db: &DatabaseConnection,
    caller: &Caller,
    class_id: i64,
    needed: ClassAccess,
) -> AppResult<(class::Model, ClassAccess)> {
    let class = class::Entity::find_by_id(class_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let access = check_access(caller, &memberships(db, caller.user_id, class_id).await?, needed)?;
    Ok((class, access))
}

/// The caller's access to a class given their memberships in it, if it is at least `needed`.
pub fn check_access(
    caller: &Caller,
    memberships: &[Membership],
    needed: ClassAccess,
) -> AppResult<ClassAccess> {
    let access = class_access(&caller.roles, memberships);
    if access >= needed && access > ClassAccess::None {
        Ok(access)
    } else {
        Err(AppError::Forbidden)
    }
}
