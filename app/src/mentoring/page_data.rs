//! What the mentoring page shows, loaded in a fixed number of queries: the
//! pairs the caller may see, their goals and sessions, and the people named.
use crate::classes::model::ClassRef;
use crate::entities::{class, mentoring_goal, mentoring_pair, mentoring_session};
use crate::error::AppResult;
use crate::mentoring::domain::pairing::Unpaired;
use crate::mentoring::scope::{pool, pool_of, programme_classes, Pool};
use crate::mentoring::store::{self, REPLACED};
use crate::state::{AppState, Caller};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;

pub struct MentoringData {
    pub class: ClassRef,
    pub can_manage: bool,
    pub is_participant: bool,
    pub me: i64,
    /// Everyone the page may name: this class, the classes of its pairs'
    /// mentors, and (for facilitators) the programme's classes they manage.
    pub pool: Pool,
    /// The classes a facilitator may pair across, this one first.
    pub scope: Vec<ClassRef>,
    pub class_names: HashMap<i64, String>,
    pub pairs: Vec<Pair>,
    pub goals: Vec<Goal>,
    pub sessions: Vec<Session>,
    pub unpaired: Vec<(i64, Unpaired)>,
}

/// A pair as the page shows it (its topics read from their stored list).
pub struct Pair {
    pub id: i64,
    pub mentor_id: i64,
    pub mentee_id: i64,
    pub status: String,
    pub topics: Vec<String>,
}

impl Pair {
    fn of(row: mentoring_pair::Model) -> Pair {
        Pair {
            topics: serde_json::from_str(&row.topics).unwrap_or_default(),
            id: row.id,
            mentor_id: row.mentor_id,
            mentee_id: row.mentee_id,
            status: row.status,
        }
    }
}

/// A pair's goal as the page shows it.
pub struct Goal {
    pub id: i64,
    pub pair_id: i64,
    pub title: String,
    pub met: bool,
}

impl From<mentoring_goal::Model> for Goal {
    fn from(row: mentoring_goal::Model) -> Goal {
        Goal {
            id: row.id,
            pair_id: row.pair_id,
            title: row.title,
            met: row.met,
        }
    }
}

/// A logged session as the page shows it.
pub struct Session {
    pub pair_id: i64,
    pub held_on: chrono::NaiveDate,
    pub minutes: i32,
    pub topic: String,
    pub practised: String,
    pub mentor_learned: String,
}

impl From<mentoring_session::Model> for Session {
    fn from(row: mentoring_session::Model) -> Session {
        Session {
            pair_id: row.pair_id,
            held_on: row.held_on,
            minutes: row.minutes,
            topic: row.topic,
            practised: row.practised,
            mentor_learned: row.mentor_learned,
        }
    }
}

impl MentoringData {
    pub fn name(&self, id: i64) -> String {
        self.pool.names.get(&id).cloned().unwrap_or_default()
    }

    pub fn generation(&self, id: i64) -> &str {
        self.pool.generation.get(&id).map_or("unknown", |g| g.as_str())
    }

    /// The name of the person's class when it is not this one.
    pub fn other_class(&self, id: i64) -> Option<String> {
        let home = *self.pool.home.get(&id)?;
        (home != self.class.id).then(|| self.class_names.get(&home).cloned().unwrap_or_default())
    }
}

pub async fn load(
    state: &AppState,
    caller: &Caller,
    class: class::Model,
    can_manage: bool,
    is_participant: bool,
) -> AppResult<MentoringData> {
    let db = &state.db;
    let sees_all = can_manage || !is_participant;
    let pairs: Vec<_> = store::pairs(db, class.id)
        .await?
        .into_iter()
        .filter(|p| sees_all || p.mentor_id == caller.user_id || p.mentee_id == caller.user_id)
        .filter(|p| sees_all || p.status != REPLACED)
        .collect();
    let ids: Vec<i64> = pairs.iter().map(|p| p.id).collect();
    let scope = if can_manage {
        programme_classes(db, caller, &class).await?
    } else {
        vec![class.clone()]
    };
    let mut classes: Vec<i64> = scope.iter().map(|c| c.id).collect();
    for p in &pairs {
        for c in [Some(p.class_id), p.mentor_class_id].into_iter().flatten() {
            if !classes.contains(&c) {
                classes.push(c);
            }
        }
    }
    // The names of the classes in scope are at hand; only a pair's class
    // outside it (a mentor from another class) is looked up.
    let mut class_names: HashMap<i64, String> = scope.iter().map(|c| (c.id, c.name.clone())).collect();
    let missing: Vec<i64> = classes
        .iter()
        .copied()
        .filter(|c| !class_names.contains_key(c))
        .collect();
    if !missing.is_empty() {
        let found = class::Entity::find()
            .filter(class::Column::Id.is_in(missing))
            .all(db)
            .await?;
        class_names.extend(found.into_iter().map(|c| (c.id, c.name)));
    }
    // A facilitator picks from everyone in scope; the others see only the
    // people of the pairs shown.
    let pool = if can_manage {
        pool(state, &classes).await?
    } else {
        let mut people: Vec<i64> = pairs.iter().flat_map(|p| [p.mentor_id, p.mentee_id]).collect();
        people.sort_unstable();
        people.dedup();
        pool_of(state, &classes, &people).await?
    };
    Ok(MentoringData {
        pool,
        scope: scope.iter().map(ClassRef::from).collect(),
        class_names,
        goals: store::goals(db, ids.clone())
            .await?
            .into_iter()
            .map(Goal::from)
            .collect(),
        sessions: store::sessions(db, ids)
            .await?
            .into_iter()
            .map(Session::from)
            .collect(),
        unpaired: if can_manage {
            store::unpaired(db, class.id).await?
        } else {
            Vec::new()
        },
        class: ClassRef::from(&class),
        can_manage,
        is_participant,
        me: caller.user_id,
        pairs: pairs.into_iter().map(Pair::of).collect(),
    })
}
