//! Queries for classes and rosters (server only). Rows are turned into wire types here.
use super::domain::composition::{compose, Person};
use super::domain::generation::{GenerationScheme, PRE_BOOMER_CODE, UNKNOWN_CODE};
use super::domain::nip::Gender;
use super::model::{ClassSummary, RosterEntry, RosterSort};
use crate::auth::policy::Membership;
use crate::entities::{class, class_member, generation_scheme, programme, user};
use crate::error::AppResult;
use chrono::Datelike;
use sea_orm::{prelude::*, JoinType, QueryOrder, QuerySelect};
use std::collections::HashMap;

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

/// One person's memberships among a class's member rows.
pub fn memberships_of(members: &[(class_member::Model, user::Model)], user_id: i64) -> Vec<Membership> {
    members
        .iter()
        .filter(|(m, _)| m.user_id == user_id)
        .filter_map(|(m, _)| Membership::from_code(&m.role))
        .collect()
}

pub fn roster_entry(
    m: &class_member::Model,
    u: &user::Model,
    scheme: &GenerationScheme,
    personal: bool,
) -> RosterEntry {
    let generation = u
        .birth_date
        .map(|d| scheme.classify(d.year()).to_string())
        .unwrap_or_else(|| UNKNOWN_CODE.to_string());
    let generation_label = scheme.label_of(&generation).unwrap_or(match generation.as_str() {
        PRE_BOOMER_CODE => "Pre-Boomer",
        _ => "?",
    });
    RosterEntry {
        user_id: u.id,
        full_name: u.full_name.clone(),
        nip: if personal { u.nip.clone() } else { None },
        birth_date: if personal { u.birth_date } else { None },
        generation_label: generation_label.to_string(),
        generation,
        gender: gender_from_db(u.gender.as_deref()),
        unit_kerja: u.unit_kerja.clone(),
        jabatan: u.jabatan.clone(),
        role: m.role.clone(),
    }
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

pub fn composition_of(
    entries: &[RosterEntry],
    users: &HashMap<i64, user::Model>,
    scheme: &GenerationScheme,
) -> super::domain::composition::Composition {
    let people: Vec<Person> = entries
        .iter()
        .filter_map(|e| users.get(&e.user_id))
        .map(|u| Person {
            birth_year: u.birth_date.map(|d| d.year()),
            gender: gender_from_db(u.gender.as_deref()),
            unit: &u.unit_kerja,
        })
        .collect();
    compose(&people, scheme)
}

/// One row of the class page query: the class, its programme's name, and one
/// member with their account (member columns are empty for a class without members).
#[derive(Debug, sea_orm::FromQueryResult)]
struct ClassPageRow {
    c_id: i64,
    c_programme_id: i64,
    c_name: String,
    c_description: String,
    c_starts_on: Date,
    c_ends_on: Date,
    c_created_at: DateTimeUtc,
    p_name: Option<String>,
    m_role: Option<String>,
    u_id: Option<i64>,
    u_email: Option<String>,
    u_nip: Option<String>,
    u_full_name: Option<String>,
    u_gender: Option<String>,
    u_birth_date: Option<Date>,
    u_unit_kerja: Option<String>,
    u_jabatan: Option<String>,
    u_golongan: Option<String>,
    u_active: Option<bool>,
    u_created_at: Option<DateTimeUtc>,
}

/// The class, its programme's name and its members with their accounts, in one
/// query: the class page is the busiest page, and every round trip to SQLite costs
/// a thread hand-off. Accounts come without password hashes (never needed here).
pub async fn class_page<C: ConnectionTrait>(
    db: &C,
    class_id: i64,
) -> AppResult<
    Option<(
        class::Model,
        Option<String>,
        Vec<(class_member::Model, user::Model)>,
    )>,
> {
    use class::Column as Cl;
    use user::Column as U;
    let to_programme: RelationDef = class::Entity::belongs_to(programme::Entity)
        .from(Cl::ProgrammeId)
        .to(programme::Column::Id)
        .into();
    let to_members: RelationDef = class_member::Entity::belongs_to(class::Entity)
        .from(class_member::Column::ClassId)
        .to(Cl::Id)
        .into();
    let rows = class::Entity::find_by_id(class_id)
        .select_only()
        .column_as(Cl::Id, "c_id")
        .column_as(Cl::ProgrammeId, "c_programme_id")
        .column_as(Cl::Name, "c_name")
        .column_as(Cl::Description, "c_description")
        .column_as(Cl::StartsOn, "c_starts_on")
        .column_as(Cl::EndsOn, "c_ends_on")
        .column_as(Cl::CreatedAt, "c_created_at")
        .column_as(programme::Column::Name, "p_name")
        .column_as(class_member::Column::Role, "m_role")
        .column_as(U::Id, "u_id")
        .column_as(U::Email, "u_email")
        .column_as(U::Nip, "u_nip")
        .column_as(U::FullName, "u_full_name")
        .column_as(U::Gender, "u_gender")
        .column_as(U::BirthDate, "u_birth_date")
        .column_as(U::UnitKerja, "u_unit_kerja")
        .column_as(U::Jabatan, "u_jabatan")
        .column_as(U::Golongan, "u_golongan")
        .column_as(U::Active, "u_active")
        .column_as(U::CreatedAt, "u_created_at")
        .join(JoinType::LeftJoin, to_programme)
        .join_rev(JoinType::LeftJoin, to_members)
        .join(JoinType::LeftJoin, class_member::Relation::User.def())
        .into_model::<ClassPageRow>()
        .all(db)
        .await?;
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let class = class::Model {
        id: first.c_id,
        programme_id: first.c_programme_id,
        name: first.c_name.clone(),
        description: first.c_description.clone(),
        starts_on: first.c_starts_on,
        ends_on: first.c_ends_on,
        created_at: first.c_created_at,
    };
    let programme = first.p_name.clone();
    let members = rows
        .into_iter()
        .filter_map(|r| {
            let member = class_member::Model {
                class_id: r.c_id,
                user_id: r.u_id?,
                role: r.m_role?,
            };
            let account = user::Model {
                id: r.u_id?,
                email: r.u_email,
                nip: r.u_nip,
                full_name: r.u_full_name?,
                password_hash: None,
                gender: r.u_gender,
                birth_date: r.u_birth_date,
                unit_kerja: r.u_unit_kerja?,
                jabatan: r.u_jabatan?,
                golongan: r.u_golongan,
                active: r.u_active?,
                created_at: r.u_created_at?,
            };
            Some((member, account))
        })
        .collect();
    Ok(Some((class, programme, members)))
}
