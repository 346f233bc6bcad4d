//! Queries for classes and rosters (server only). Rows are turned into wire types here.
use super::domain::generation::{GenerationScheme, PRE_BOOMER_CODE};
use super::domain::nip::Gender;
use super::model::{ClassSummary, RosterEntry, RosterSort};
use crate::auth::policy::Membership;
use crate::entities::{class, class_member, generation_scheme, programme, user};
use crate::error::AppResult;
use sea_orm::{prelude::*, JoinType, QueryOrder, QuerySelect};
use std::collections::HashMap;

pub mod page;
pub use page::{class_page, composition_of, memberships_of, PagePerson};

pub const SCHEME_ROW_ID: i64 = 1;

/// The active generation scheme; the article's default until an admin saves one.
pub async fn active_scheme<C: ConnectionTrait>(db: &C) -> AppResult<GenerationScheme> {
    let row = generation_scheme::Entity::find_by_id(SCHEME_ROW_ID)
        .one(db)
        .await?;
    Ok(row
        .and_then(|r| {
            serde_json::from_str(&r.ranges_json)
                .ok()
                .map(|ranges| GenerationScheme { name: r.name, ranges })
        })
        .unwrap_or_else(GenerationScheme::article_default))
}

/// How long one server trusts its copy of the generation scheme. The scheme changes
/// a few times a year; on a multi-server deployment another server's edit shows
/// here within this time (this server's own edits show at once).
pub const SCHEME_CACHE_TTL: std::time::Duration = std::time::Duration::from_secs(10);

/// The active generation scheme with the time it was read (see `SCHEME_CACHE_TTL`).
#[derive(Default)]
pub struct SchemeCache(std::sync::RwLock<Option<(std::time::Instant, GenerationScheme)>>);

impl SchemeCache {
    fn fresh(&self) -> Option<GenerationScheme> {
        let guard = self.0.read().ok()?;
        let (read_at, scheme) = guard.as_ref()?;
        (read_at.elapsed() < SCHEME_CACHE_TTL).then(|| scheme.clone())
    }

    /// Keeps `scheme`, or (`None`) forgets the copy so the next read goes to the database.
    pub fn remember(&self, scheme: Option<GenerationScheme>) {
        if let Ok(mut guard) = self.0.write() {
            *guard = scheme.map(|s| (std::time::Instant::now(), s));
        }
    }
}

/// The active scheme for read-only views, from this server's short-lived cache.
pub async fn active_scheme_cached(state: &crate::state::AppState) -> AppResult<GenerationScheme> {
    let cache = state.cache::<SchemeCache>();
    if let Some(scheme) = cache.fresh() {
        return Ok(scheme);
    }
    let scheme = active_scheme(&state.db).await?;
    cache.remember(Some(scheme.clone()));
    Ok(scheme)
}

pub fn gender_from_db(code: Option<&str>) -> Option<Gender> {
    match code {
        Some("M") => Some(Gender::Male),
        Some("F") => Some(Gender::Female),
        _ => None,
    }
}

pub fn gender_to_db(g: Gender) -> &'static str {
    match g {
        Gender::Male => "M",
        Gender::Female => "F",
    }
}

pub async fn summaries<C: ConnectionTrait>(
    db: &C,
    classes: Vec<class::Model>,
) -> AppResult<Vec<ClassSummary>> {
    let programmes: HashMap<i64, String> = programme::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let ids: Vec<i64> = classes.iter().map(|c| c.id).collect();
    let members = class_member::Entity::find()
        .filter(class_member::Column::ClassId.is_in(ids))
        .filter(class_member::Column::Role.eq(Membership::Participant.code()))
        .all(db)
        .await?;
    let mut counts: HashMap<i64, u32> = HashMap::new();
    for m in members {
        *counts.entry(m.class_id).or_default() += 1;
    }
    Ok(classes
        .into_iter()
        .map(|c| ClassSummary {
            id: c.id,
            programme: programmes.get(&c.programme_id).cloned().unwrap_or_default(),
            participants: counts.get(&c.id).copied().unwrap_or(0),
            name: c.name,
            starts_on: c.starts_on,
            ends_on: c.ends_on,
        })
        .collect())
}

/// Classes the user is a member of (any role), newest first.
pub async fn classes_of<C: ConnectionTrait>(db: &C, user_id: i64) -> AppResult<Vec<class::Model>> {
    let ids: Vec<i64> = class_member::Entity::find()
        .filter(class_member::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.class_id)
        .collect();
    Ok(class::Entity::find()
        .filter(class::Column::Id.is_in(ids))
        .order_by_desc(class::Column::StartsOn)
        .all(db)
        .await?)
}

pub async fn all_classes<C: ConnectionTrait>(db: &C) -> AppResult<Vec<class::Model>> {
    Ok(class::Entity::find()
        .order_by_desc(class::Column::StartsOn)
        .all(db)
        .await?)
}

/// Members of a class with their accounts, one entry per (person, role), in one joined query.
pub async fn members<C: ConnectionTrait>(
    db: &C,
    class_id: i64,
) -> AppResult<Vec<(class_member::Model, user::Model)>> {
    let rows = class_member::Entity::find()
        .filter(class_member::Column::ClassId.eq(class_id))
        .find_also_related(user::Entity)
        .all(db)
        .await?;
    Ok(rows.into_iter().filter_map(|(m, u)| u.map(|u| (m, u))).collect())
}

/// A class member as the pages that list people need them: no contact
/// details and no password hash, so a roster of forty decodes a few columns.
#[derive(Debug, Clone, sea_orm::FromQueryResult)]
pub struct Member {
    pub user_id: i64,
    pub role: String,
    pub full_name: String,
    pub gender: Option<String>,
    pub birth_date: Option<Date>,
    pub unit_kerja: String,
    pub golongan: Option<String>,
}

/// The class's members (only those in `role`, if given), in no set order.
pub async fn member_list<C: ConnectionTrait>(
    db: &C,
    class_id: i64,
    role: Option<&str>,
) -> AppResult<Vec<Member>> {
    let mut query = members_query(class_id);
    if let Some(role) = role {
        query = query.filter(class_member::Column::Role.eq(role));
    }
    Ok(query.into_model::<Member>().all(db).await?)
}

/// Only the members named in `people` (a team on a participant's page), in
/// no set order.
pub async fn members_among<C: ConnectionTrait>(
    db: &C,
    class_id: i64,
    people: &[i64],
) -> AppResult<Vec<Member>> {
    if people.is_empty() {
        return Ok(Vec::new());
    }
    Ok(members_query(class_id)
        .filter(class_member::Column::UserId.is_in(people.to_vec()))
        .into_model::<Member>()
        .all(db)
        .await?)
}

fn members_query(class_id: i64) -> sea_orm::Select<class_member::Entity> {
    use user::Column as U;
    class_member::Entity::find()
        .select_only()
        .column(class_member::Column::UserId)
        .column(class_member::Column::Role)
        .columns([U::FullName, U::Gender, U::BirthDate, U::UnitKerja, U::Golongan])
        .join(JoinType::InnerJoin, class_member::Relation::User.def())
        .filter(class_member::Column::ClassId.eq(class_id))
}

/// The summary of one class whose participants are already counted.
pub fn summary_with(c: class::Model, programme: Option<String>, participants: u32) -> ClassSummary {
    ClassSummary {
        id: c.id,
        programme: programme.unwrap_or_default(),
        participants,
        name: c.name,
        starts_on: c.starts_on,
        ends_on: c.ends_on,
    }
}

/// The roster entry of one member row with its account (see `page::entry`).
pub fn roster_entry(
    m: &class_member::Model,
    u: &user::Model,
    scheme: &GenerationScheme,
    personal: bool,
) -> RosterEntry {
    page::entry(page::PagePerson::of(m, u), scheme, personal)
}

pub fn sort_roster(entries: &mut [RosterEntry], sort: RosterSort, scheme: &GenerationScheme) {
    let rank = |code: &str| {
        scheme
            .ranges
            .iter()
            .position(|r| r.code == code)
            .map(|p| p as i64 + 1)
            .unwrap_or(if code == PRE_BOOMER_CODE { 0 } else { i64::MAX })
    };
    let name = |e: &RosterEntry| e.full_name.to_lowercase();
    match sort {
        RosterSort::Name => entries.sort_by_key(name),
        RosterSort::Nip => entries.sort_by(|a, b| a.nip.cmp(&b.nip).then(name(a).cmp(&name(b)))),
        RosterSort::Generation => entries.sort_by_key(|e| (rank(&e.generation), name(e))),
        RosterSort::Unit => entries.sort_by_key(|e| (e.unit_kerja.to_lowercase(), name(e))),
    }
}
