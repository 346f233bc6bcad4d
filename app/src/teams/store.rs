//! Team sets in the database. A class's newest set is the one being worked
//! on: while a draft, the facilitator re-forms, swaps, moves and locks; once
//! published, participants and evaluators see it, and re-forming starts a new
//! draft (the published one stays visible until the new one is published).
use super::domain::optimise::{self, Constraints, FormError, Plan};
use super::domain::score::Person;
use super::domain::survey::{gender_code, level_of};
use super::settings::Settings;
use crate::entities::{survey_answer, team, team_member, team_pair_rule, team_set};
use crate::error::{AppError, AppResult};
use crate::i18n::said;
use crate::i18n::P;
use crate::state::AppState;
use chrono::{Datelike, Utc};
use sea_orm::{prelude::*, ActiveValue::Set, QueryOrder};
use std::collections::HashMap;

/// The class's participants as team formation sees them, in id order, with
/// their names.
pub struct Roster {
    pub people: Vec<Person>,
    pub names: HashMap<i64, String>,
}

impl Roster {
    pub fn index(&self, id: i64) -> Option<usize> {
        self.people.iter().position(|p| p.id == id)
    }
}

pub async fn roster(state: &AppState, class_id: i64) -> AppResult<Roster> {
    use crate::classes::domain::generation::UNKNOWN_CODE;
    let scheme = crate::classes::store::active_scheme_cached(state).await?;
    let skills: HashMap<i64, Option<u8>> = survey_answer::Entity::find()
        .filter(survey_answer::Column::ClassId.eq(class_id))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|a| (a.user_id, super::survey::answers_of(&a).skill()))
        .collect();
    let mut members: Vec<_> = crate::classes::store::members(&state.db, class_id)
        .await?
        .into_iter()
        .filter(|(m, _)| m.role == "participant")
        .map(|(_, u)| u)
        .collect();
    members.sort_by_key(|u| u.id);
    let people = members
        .iter()
        .map(|u| Person {
            id: u.id,
            generation: u.birth_date.map_or(UNKNOWN_CODE.to_string(), |d| {
                scheme.classify(d.year()).to_string()
            }),
            gender: gender_code(u.gender.as_deref()).to_string(),
            unit: u.unit_kerja.clone(),
            level: level_of(u.golongan.as_deref()),
            skill: skills.get(&u.id).copied().flatten(),
        })
        .collect();
    let names = members.into_iter().map(|u| (u.id, u.full_name)).collect();
    Ok(Roster { people, names })
}

/// A team set with its teams in number order, each with its member ids.
pub struct LoadedSet {
    pub set: team_set::Model,
    pub settings: Settings,
    pub teams: Vec<(team::Model, Vec<i64>)>,
}

impl LoadedSet {
    pub fn team_of(&self, person: i64) -> Option<&(team::Model, Vec<i64>)> {
        self.teams.iter().find(|(_, m)| m.contains(&person))
    }

    /// The teams as indices into the roster (people no longer in the class
    /// are left out) and their scores.
    pub fn plan(&self, roster: &Roster) -> Plan {
        let teams = self
            .teams
            .iter()
            .map(|(_, m)| m.iter().filter_map(|id| roster.index(*id)).collect())
            .collect();
        optimise::evaluate(&roster.people, teams, self.settings.weights())
    }
}

/// The newest set of the class (or the newest published one).
pub async fn newest<C: ConnectionTrait>(
    db: &C,
    class_id: i64,
    published: bool,
) -> AppResult<Option<LoadedSet>> {
    let mut q = team_set::Entity::find().filter(team_set::Column::ClassId.eq(class_id));
    if published {
        q = q.filter(team_set::Column::PublishedAt.is_not_null());
    }
    let Some(set) = q.order_by_desc(team_set::Column::Id).one(db).await? else {
        return Ok(None);
    };
    let teams = team::Entity::find()
        .filter(team::Column::SetId.eq(set.id))
        .order_by_asc(team::Column::Number)
        .all(db)
        .await?;
    let mut members: HashMap<i64, Vec<i64>> = HashMap::new();
    for m in team_member::Entity::find()
        .filter(team_member::Column::SetId.eq(set.id))
        .order_by_asc(team_member::Column::UserId)
        .all(db)
        .await?
    {
        members.entry(m.team_id).or_default().push(m.user_id);
    }
    let settings = serde_json::from_str(&set.settings).unwrap_or_default();
    let teams = teams
        .into_iter()
        .map(|t| {
            let m = members.remove(&t.id).unwrap_or_default();
            (t, m)
        })
        .collect();
    Ok(Some(LoadedSet { set, settings, teams }))
}

async fn draft<C: ConnectionTrait>(db: &C, class_id: i64) -> AppResult<LoadedSet> {
    match newest(db, class_id, false).await? {
        Some(s) if s.set.published_at.is_none() => Ok(s),
        _ => Err(AppError::Rule(said(P::ErrNoDraft))),
    }
}

pub async fn pair_rules<C: ConnectionTrait>(db: &C, class_id: i64) -> AppResult<Vec<team_pair_rule::Model>> {
    Ok(team_pair_rule::Entity::find()
        .filter(team_pair_rule::Column::ClassId.eq(class_id))
        .order_by_asc(team_pair_rule::Column::Id)
        .all(db)
        .await?)
}

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
