//! Team sets in the database. A class's newest set is the one being worked
//! on: while a draft, the facilitator re-forms, swaps, moves and locks; once
//! published, participants and evaluators see it, and re-forming starts a new
//! draft (the published one stays visible until the new one is published).
use super::domain::optimise::{self, Plan};
use super::domain::score::Person;
use super::domain::survey::{gender_code, level_of};
use super::settings::Settings;
use crate::entities::{survey_answer, team, team_member, team_pair_rule, team_set};
use crate::error::{AppError, AppResult};
use crate::i18n::said;
use crate::i18n::P;
use crate::state::AppState;
use chrono::Datelike;
use sea_orm::{prelude::*, QueryOrder};
use std::collections::HashMap;

mod forming;
pub use forming::*;
mod editing;
pub use editing::*;

/// The class's participants as team formation sees them, in id order, with
/// their names.
pub struct Roster {
    pub people: Vec<Person>,
    pub names: HashMap<i64, String>,
    /// The class's survey answers, read once for the skills above and kept
    /// for the pages that show them.
    pub answers: Vec<survey_answer::Model>,
}

impl Roster {
    pub fn index(&self, id: i64) -> Option<usize> {
        self.people.iter().position(|p| p.id == id)
    }
}

pub async fn roster(state: &AppState, class_id: i64) -> AppResult<Roster> {
    let answers = super::survey::answers(&state.db, class_id).await?;
    let members = crate::classes::store::member_list(&state.db, class_id, Some("participant")).await?;
    roster_from(state, members, answers).await
}

/// Only the participants named in `people` (a participant's own team), with
/// no survey answers: what a participant's page shows of the others.
pub async fn roster_among(state: &AppState, class_id: i64, people: &[i64]) -> AppResult<Roster> {
    let members = crate::classes::store::members_among(&state.db, class_id, people)
        .await?
        .into_iter()
        .filter(|m| m.role == "participant")
        .collect();
    roster_from(state, members, Vec::new()).await
}

async fn roster_from(
    state: &AppState,
    mut members: Vec<crate::classes::store::Member>,
    answers: Vec<survey_answer::Model>,
) -> AppResult<Roster> {
    use crate::classes::domain::generation::UNKNOWN_CODE;
    let scheme = crate::classes::store::active_scheme_cached(state).await?;
    let skills: HashMap<i64, Option<u8>> = answers
        .iter()
        .map(|a| (a.user_id, super::survey::answers_of(a).skill()))
        .collect();
    members.sort_by_key(|m| m.user_id);
    let people = members
        .iter()
        .map(|u| Person {
            id: u.user_id,
            generation: u.birth_date.map_or(UNKNOWN_CODE.to_string(), |d| {
                scheme.classify(d.year()).to_string()
            }),
            gender: gender_code(u.gender.as_deref()).to_string(),
            unit: u.unit_kerja.clone(),
            level: level_of(u.golongan.as_deref()),
            skill: skills.get(&u.user_id).copied().flatten(),
        })
        .collect();
    let names = members.into_iter().map(|u| (u.user_id, u.full_name)).collect();
    Ok(Roster {
        people,
        names,
        answers,
    })
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
