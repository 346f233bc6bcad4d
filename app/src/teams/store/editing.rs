//! Edits to the draft teams by hand (swap, move, lock), publishing them, and the pair rules.
use super::*;
use crate::entities::{team, team_pair_rule, team_set};
use crate::error::{AppError, AppResult};
use crate::i18n::said;
use crate::i18n::P;
use crate::state::AppState;
use chrono::Utc;
use sea_orm::ActiveValue::Set;

/// The member row of `person` in the draft, refusing people of locked teams.
fn unlocked_member(set: &LoadedSet, person: i64) -> AppResult<i64> {
    match set.team_of(person) {
        Some((t, _)) if t.locked => Err(AppError::Rule(said(P::ErrTeamLocked))),
        Some((t, _)) => Ok(t.id),
        None => Err(AppError::NotFound),
    }
}

async fn set_team<C: ConnectionTrait>(db: &C, set_id: i64, person: i64, team_id: i64) -> AppResult<()> {
    team_member::Entity::update_many()
        .col_expr(team_member::Column::TeamId, Expr::value(team_id))
        .filter(team_member::Column::SetId.eq(set_id))
        .filter(team_member::Column::UserId.eq(person))
        .exec(db)
        .await?;
    Ok(())
}

/// Swaps two people of the draft between their teams.
pub async fn swap(state: &AppState, class_id: i64, first: i64, second: i64) -> AppResult<()> {
    crate::write_txn!(&state.db, |txn| {
        let set = draft(txn, class_id).await?;
        let (a, b) = (unlocked_member(&set, first)?, unlocked_member(&set, second)?);
        if a == b {
            return Err(AppError::Rule(said(P::ErrSameTeam)));
        }
        set_team(txn, set.set.id, first, b).await?;
        set_team(txn, set.set.id, second, a).await?;
        Ok(())
    })
}

/// Moves one person of the draft to team number `to`; a team is never left empty.
pub async fn move_to(state: &AppState, class_id: i64, person: i64, to: i32) -> AppResult<()> {
    crate::write_txn!(&state.db, |txn| {
        let set = draft(txn, class_id).await?;
        let from = unlocked_member(&set, person)?;
        let (target, _) = set
            .teams
            .iter()
            .find(|(t, _)| t.number == to)
            .ok_or(AppError::NotFound)?;
        if target.locked {
            return Err(AppError::Rule(said(P::ErrTeamLocked)));
        }
        if target.id == from {
            return Err(AppError::Rule(said(P::ErrSameTeam)));
        }
        if set.teams.iter().any(|(t, m)| t.id == from && m.len() < 2) {
            return Err(AppError::Rule(said(P::ErrTeamWouldEmpty)));
        }
        set_team(txn, set.set.id, person, target.id).await?;
        Ok(())
    })
}

/// Locks or unlocks a team of the draft (a locked team keeps its members
/// when teams are formed again).
pub async fn lock(state: &AppState, class_id: i64, number: i32, locked: bool) -> AppResult<()> {
    crate::write_txn!(&state.db, |txn| {
        let set = draft(txn, class_id).await?;
        let (t, _) = set
            .teams
            .into_iter()
            .find(|(t, _)| t.number == number)
            .ok_or(AppError::NotFound)?;
        let mut t: team::ActiveModel = t.into();
        t.locked = Set(locked);
        t.update(txn).await?;
        Ok(())
    })
}

/// Publishes the draft: participants and evaluators see it from now on.
pub async fn publish(state: &AppState, class_id: i64) -> AppResult<()> {
    crate::write_txn!(&state.db, |txn| {
        let set = draft(txn, class_id).await?;
        let mut row: team_set::ActiveModel = set.set.into();
        row.published_at = Set(Some(Utc::now()));
        row.update(txn).await?;
        Ok(())
    })
}

/// Adds a pair that must be together or apart in every team formed from now on.
pub async fn add_rule(state: &AppState, class_id: i64, first: i64, second: i64, kind: &str) -> AppResult<()> {
    let roster = roster(state, class_id).await?;
    if first == second || roster.index(first).is_none() || roster.index(second).is_none() {
        return Err(AppError::field("second", said(P::ErrPairPeople)));
    }
    if kind != "together" && kind != "apart" {
        return Err(AppError::field("kind", said(P::ErrPairPeople)));
    }
    team_pair_rule::ActiveModel {
        class_id: Set(class_id),
        first_id: Set(first),
        second_id: Set(second),
        kind: Set(kind.to_string()),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    Ok(())
}

/// `NotFound` when the class has no such rule (another class's id included).
pub async fn remove_rule(state: &AppState, class_id: i64, rule: i64) -> AppResult<()> {
    let done = team_pair_rule::Entity::delete_many()
        .filter(team_pair_rule::Column::ClassId.eq(class_id))
        .filter(team_pair_rule::Column::Id.eq(rule))
        .exec(&state.db)
        .await?;
    if done.rows_affected == 0 {
        return Err(crate::error::AppError::NotFound);
    }
    Ok(())
}

/// The team of `user` in the class's published teams, with its members.
pub async fn published_team_of<C: ConnectionTrait>(
    db: &C,
    class_id: i64,
    user: i64,
) -> AppResult<Option<(team::Model, Vec<i64>)>> {
    Ok(newest(db, class_id, true)
        .await?
        .and_then(|s| s.team_of(user).cloned()))
}
