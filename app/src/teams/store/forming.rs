//! Forming a class's draft teams: the optimiser's plan with locked teams and pair rules kept, written in one transaction.
use super::*;
use crate::entities::{team, team_member, team_pair_rule, team_set};
use crate::error::{AppError, AppResult};
use crate::i18n::said;
use crate::i18n::P;
use crate::state::AppState;
use crate::teams::domain::optimise::{self, Constraints, FormError, Plan};
use crate::teams::settings::Settings;
use chrono::Utc;
use sea_orm::ActiveValue::Set;

/// Forms teams with `settings` and `seed` into the class's draft (a new one
/// when the newest set is published). Locked teams of the draft keep their
/// members; everyone else is placed again.
pub async fn form(state: &AppState, class_id: i64, settings: Settings, seed: u64) -> AppResult<()> {
    let roster = roster(state, class_id).await?;
    if roster.people.len() < 2 {
        return Err(AppError::Rule(said(P::ErrTooFewPeople)));
    }
    let settings_json = serde_json::to_string(&settings).map_err(AppError::internal)?;
    // The search takes a while: it runs on what the draft and the pair rules
    // were a moment ago, outside any transaction (on SQLite the write lock
    // would stop every other writer meanwhile). The write then checks that
    // both are unchanged; if someone changed them, the plan is made again.
    for _ in 0..3 {
        let (locked, rules) = plan_inputs(&state.db, class_id, &roster).await?;
        let plan = plan_with_locks(&roster, &settings, &locked, &rules, seed)?;
        let applied = crate::write_txn!(&state.db, |txn| {
            if plan_inputs(txn, class_id, &roster).await? != (locked.clone(), rules.clone()) {
                return Ok(false);
            }
            let current = newest(txn, class_id, false)
                .await?
                .filter(|s| s.set.published_at.is_none());
            let set_id = match current {
                Some(s) => {
                    team::Entity::delete_many()
                        .filter(team::Column::SetId.eq(s.set.id))
                        .exec(txn)
                        .await?;
                    let mut set: team_set::ActiveModel = s.set.into();
                    set.seed = Set(seed as i64);
                    set.settings = Set(settings_json.clone());
                    set.update(txn).await?.id
                }
                None => {
                    team_set::ActiveModel {
                        class_id: Set(class_id),
                        seed: Set(seed as i64),
                        settings: Set(settings_json.clone()),
                        created_at: Set(Utc::now()),
                        published_at: Set(None),
                        ..Default::default()
                    }
                    .insert(txn)
                    .await?
                    .id
                }
            };
            for (i, members) in plan.teams.iter().enumerate() {
                let team = team::ActiveModel {
                    set_id: Set(set_id),
                    number: Set(i as i32 + 1),
                    locked: Set(i < locked.len()),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
                for m in members {
                    insert_member(txn, set_id, team.id, roster.people[*m].id).await?;
                }
            }
            Ok(true)
        })?;
        if applied {
            return Ok(());
        }
    }
    Err(AppError::Conflict(crate::i18n::Msg::new(crate::i18n::K::ErrBusy)))
}

/// What a plan depends on besides the roster: the draft's locked teams (their
/// members still in the class) and the pair rules.
async fn plan_inputs<C: ConnectionTrait>(
    db: &C,
    class_id: i64,
    roster: &Roster,
) -> AppResult<(Vec<Vec<i64>>, Vec<team_pair_rule::Model>)> {
    let current = newest(db, class_id, false)
        .await?
        .filter(|s| s.set.published_at.is_none());
    let locked: Vec<Vec<i64>> = current
        .iter()
        .flat_map(|s| s.teams.iter())
        .filter(|(t, _)| t.locked)
        .map(|(_, m)| {
            m.iter()
                .copied()
                .filter(|id| roster.index(*id).is_some())
                .collect()
        })
        .filter(|m: &Vec<i64>| !m.is_empty())
        .collect();
    Ok((locked, pair_rules(db, class_id).await?))
}

/// Locked teams come first, at their own sizes; the rest of the class fills
/// the other teams by the settings.
fn plan_with_locks(
    roster: &Roster,
    settings: &Settings,
    locked: &[Vec<i64>],
    rules: &[team_pair_rule::Model],
    seed: u64,
) -> AppResult<Plan> {
    let in_locked: usize = locked.iter().map(Vec::len).sum();
    let rest = roster.people.len() - in_locked;
    let mut sizes: Vec<usize> = locked.iter().map(Vec::len).collect();
    if rest > 0 {
        let rest_settings = Settings {
            n: if settings.by_count {
                settings.n.saturating_sub(locked.len() as u32).max(1)
            } else {
                settings.n
            },
            ..*settings
        };
        sizes.extend(rest_settings.sizes(rest));
    }
    let pairs = |kind: &str| {
        rules
            .iter()
            .filter(|r| r.kind == kind)
            .map(|r| (r.first_id, r.second_id))
            .collect()
    };
    let constraints = Constraints {
        together: pairs("together"),
        apart: pairs("apart"),
        locked: locked
            .iter()
            .enumerate()
            .flat_map(|(t, m)| m.iter().map(move |id| (*id, t)))
            .collect(),
    };
    optimise::form_teams(&roster.people, &sizes, settings.weights(), &constraints, seed, 1)
        .map_err(|FormError::Infeasible| AppError::Rule(said(P::ErrInfeasible)))
}

async fn insert_member<C: ConnectionTrait>(db: &C, set_id: i64, team_id: i64, user_id: i64) -> AppResult<()> {
    team_member::ActiveModel {
        set_id: Set(set_id),
        team_id: Set(team_id),
        user_id: Set(user_id),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
