//! Which classes one mentoring proposal may pair across, and the people in
//! them. A proposal covers one class or, when the facilitator asks, every
//! class of its programme that they manage: a facilitator never pairs people
//! from a class they do not facilitate (admins manage every class).
use super::domain::pairing::Candidate;
use crate::auth::policy::{class_access, ClassAccess, Membership};
use crate::entities::{class, class_member};
use crate::error::AppResult;
use crate::state::{AppState, Caller};
use crate::teams::store::roster;
use crate::teams::survey::answers_of;
use sea_orm::{prelude::*, QueryOrder};
use std::collections::{HashMap, HashSet};

/// The class itself first, then the other classes of its programme the caller manages.
pub async fn programme_classes<C: ConnectionTrait>(
    db: &C,
    caller: &Caller,
    class: &class::Model,
) -> AppResult<Vec<class::Model>> {
    let siblings = class::Entity::find()
        .filter(class::Column::ProgrammeId.eq(class.programme_id))
        .filter(class::Column::Id.ne(class.id))
        .order_by_asc(class::Column::Id)
        .all(db)
        .await?;
    let memberships = class_member::Entity::find()
        .filter(class_member::Column::UserId.eq(caller.user_id))
        .filter(class_member::Column::ClassId.is_in(siblings.iter().map(|c| c.id)))
        .all(db)
        .await?;
    let managed = siblings.into_iter().filter(|c| {
        let mine: Vec<Membership> = memberships
            .iter()
            .filter(|m| m.class_id == c.id)
            .filter_map(|m| Membership::from_code(&m.role))
            .collect();
        class_access(&caller.roles, &mine) == ClassAccess::Manage
    });
    Ok(std::iter::once(class.clone()).chain(managed).collect())
}

/// The participants of some classes, each once, at home in the first of the
/// classes (in the order given) that lists them.
#[derive(Default)]
pub struct Pool {
    /// Those who answered the survey, as pairing sees them.
    pub candidates: Vec<Candidate>,
    /// Those who did not (they are listed as unpaired with that reason).
    pub unanswered: Vec<i64>,
    pub home: HashMap<i64, i64>,
    pub generation: HashMap<i64, String>,
    pub names: HashMap<i64, String>,
}

impl Pool {
    /// Who may be paired from `class_id`, in roster order.
    pub fn of_class(&self, class_id: i64) -> impl Iterator<Item = i64> + '_ {
        let mut ids: Vec<i64> = self
            .home
            .iter()
            .filter(|(_, c)| **c == class_id)
            .map(|(id, _)| *id)
            .collect();
        ids.sort_unstable();
        ids.into_iter()
    }
}

/// One participant named on the page, in one of the classes asked about.
#[derive(sea_orm::FromQueryResult)]
struct Named {
    class_id: i64,
    user_id: i64,
    full_name: String,
    birth_date: Option<chrono::NaiveDate>,
}

/// Only the people named on a page that lists no one else (a participant's
/// own pairs, an evaluator's view of the pairs): their home class, generation
/// and name, in one query. Nobody in it is a candidate for pairing (the
/// proposal reads the whole `pool`).
pub async fn pool_of(state: &AppState, classes: &[i64], people: &[i64]) -> AppResult<Pool> {
    use crate::classes::domain::generation::UNKNOWN_CODE;
    use crate::entities::user;
    use sea_orm::{JoinType, QuerySelect, RelationTrait};
    let mut pool = Pool::default();
    if people.is_empty() {
        return Ok(pool);
    }
    let scheme = crate::classes::store::active_scheme_cached(state).await?;
    let rows = class_member::Entity::find()
        .select_only()
        .column(class_member::Column::ClassId)
        .column(class_member::Column::UserId)
        .columns([user::Column::FullName, user::Column::BirthDate])
        .join(JoinType::InnerJoin, class_member::Relation::User.def())
        .filter(class_member::Column::ClassId.is_in(classes.to_vec()))
        .filter(class_member::Column::UserId.is_in(people.to_vec()))
        .filter(class_member::Column::Role.eq("participant"))
        .into_model::<Named>()
        .all(&state.db)
        .await?;
    // Home is the first class, in the order given, that lists the person.
    for &class_id in classes {
        for row in rows.iter().filter(|r| r.class_id == class_id) {
            if pool.home.contains_key(&row.user_id) {
                continue;
            }
            pool.home.insert(row.user_id, class_id);
            let generation = row.birth_date.map_or(UNKNOWN_CODE.to_string(), |d| {
                scheme.classify(chrono::Datelike::year(&d)).to_string()
            });
            pool.generation.insert(row.user_id, generation);
            pool.names.insert(row.user_id, row.full_name.clone());
        }
    }
    Ok(pool)
}

pub async fn pool(state: &AppState, classes: &[i64]) -> AppResult<Pool> {
    let mut pool = Pool::default();
    let mut answering = HashSet::new();
    for &class_id in classes {
        let roster = roster(state, class_id).await?;
        let answered: HashMap<i64, _> = roster
            .answers
            .iter()
            .map(|a| (a.user_id, answers_of(a)))
            .collect();
        for person in &roster.people {
            pool.home.entry(person.id).or_insert(class_id);
            pool.generation
                .entry(person.id)
                .or_insert_with(|| person.generation.clone());
            if let Some(name) = roster.names.get(&person.id) {
                pool.names.entry(person.id).or_insert_with(|| name.clone());
            }
            let fresh = !answering.contains(&person.id);
            if let (true, Some(a)) = (fresh, answered.get(&person.id)) {
                answering.insert(person.id);
                pool.candidates.push(Candidate {
                    id: person.id,
                    generation: person.generation.clone(),
                    unit: person.unit.clone(),
                    skills: a.skills.clone(),
                    wants: a.wants.clone(),
                });
            }
        }
    }
    pool.unanswered = pool
        .home
        .keys()
        .filter(|id| !answering.contains(*id))
        .copied()
        .collect();
    pool.unanswered.sort_unstable();
    Ok(pool)
}
