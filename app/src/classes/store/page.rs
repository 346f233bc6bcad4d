//! The class page's one query: the class, its programme's name and its
//! members, each with the few account columns the page shows.
use super::gender_from_db;
use crate::auth::policy::Membership;
use crate::classes::domain::composition::{compose, Composition, Person};
use crate::classes::domain::generation::{GenerationScheme, PRE_BOOMER_CODE, UNKNOWN_CODE};
use crate::classes::model::RosterEntry;
use crate::entities::{class, class_member, programme, user};
use crate::error::AppResult;
use chrono::{Datelike, NaiveDate};
use sea_orm::{prelude::*, JoinType, QueryResult, QuerySelect, QueryTrait};

/// A member as the class page shows them: no e-mail, no password hash.
pub struct PagePerson {
    pub user_id: i64,
    pub role: String,
    pub full_name: String,
    pub nip: Option<String>,
    pub gender: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub unit_kerja: String,
    pub jabatan: String,
}

impl PagePerson {
    pub fn of(m: &class_member::Model, u: &user::Model) -> PagePerson {
        PagePerson {
            user_id: u.id,
            role: m.role.clone(),
            full_name: u.full_name.clone(),
            nip: u.nip.clone(),
            gender: u.gender.clone(),
            birth_date: u.birth_date,
            unit_kerja: u.unit_kerja.clone(),
            jabatan: u.jabatan.clone(),
        }
    }
}

/// The class page's columns, in the order read back by position: the class
/// and its programme (read from the first row only: they repeat on every
/// row), then one member per row (empty for a class without members).
const CLASS_COLUMNS: usize = 8;

/// The class, its programme's name and its members, in one query: the class
/// page is the busiest page, and every round trip to SQLite costs a thread
/// hand-off. Columns are read by position, and the class's only once.
pub async fn class_page<C: ConnectionTrait>(
    db: &C,
    class_id: i64,
) -> AppResult<Option<(class::Model, Option<String>, Vec<PagePerson>)>> {
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
    let query = class::Entity::find_by_id(class_id)
        .select_only()
        .columns([
            Cl::Id,
            Cl::ProgrammeId,
            Cl::Name,
            Cl::Description,
            Cl::StartsOn,
            Cl::EndsOn,
            Cl::CreatedAt,
        ])
        .column(programme::Column::Name)
        .column(class_member::Column::Role)
        .columns([
            U::Id,
            U::Nip,
            U::FullName,
            U::Gender,
            U::BirthDate,
            U::UnitKerja,
            U::Jabatan,
        ])
        .join(JoinType::LeftJoin, to_programme)
        .join_rev(JoinType::LeftJoin, to_members)
        .join(JoinType::LeftJoin, class_member::Relation::User.def())
        .build(db.get_database_backend());
    let rows = db.query_all_raw(query).await?;
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let class = class::Model {
        id: first.try_get_by_index(0)?,
        programme_id: first.try_get_by_index(1)?,
        name: first.try_get_by_index(2)?,
        description: first.try_get_by_index(3)?,
        starts_on: first.try_get_by_index(4)?,
        ends_on: first.try_get_by_index(5)?,
        created_at: first.try_get_by_index(6)?,
    };
    let programme: Option<String> = first.try_get_by_index(7)?;
    let mut members = Vec::with_capacity(rows.len());
    for row in &rows {
        if let Some(person) = member_of(row)? {
            members.push(person);
        }
    }
    Ok(Some((class, programme, members)))
}

/// The member on one row of the class page query, if the class has any.
fn member_of(row: &QueryResult) -> AppResult<Option<PagePerson>> {
    let at = |i: usize| CLASS_COLUMNS + i;
    let Some(role) = row.try_get_by_index::<Option<String>>(at(0))? else {
        return Ok(None);
    };
    Ok(Some(PagePerson {
        role,
        user_id: row.try_get_by_index(at(1))?,
        nip: row.try_get_by_index(at(2))?,
        full_name: row.try_get_by_index(at(3))?,
        gender: row.try_get_by_index(at(4))?,
        birth_date: row.try_get_by_index(at(5))?,
        unit_kerja: row.try_get_by_index(at(6))?,
        jabatan: row.try_get_by_index(at(7))?,
    }))
}

/// One person's memberships among a class's members.
pub fn memberships_of(members: &[PagePerson], user_id: i64) -> Vec<Membership> {
    members
        .iter()
        .filter(|m| m.user_id == user_id)
        .filter_map(|m| Membership::from_code(&m.role))
        .collect()
}

/// One member's roster entry; NIP and birth date only when `personal`.
pub fn entry(p: PagePerson, scheme: &GenerationScheme, personal: bool) -> RosterEntry {
    let generation = p
        .birth_date
        .map(|d| scheme.classify(d.year()).to_string())
        .unwrap_or_else(|| UNKNOWN_CODE.to_string());
    let generation_label = scheme.label_of(&generation).unwrap_or(match generation.as_str() {
        PRE_BOOMER_CODE => "Pre-Boomer",
        _ => "?",
    });
    RosterEntry {
        user_id: p.user_id,
        full_name: p.full_name,
        nip: if personal { p.nip } else { None },
        birth_date: if personal { p.birth_date } else { None },
        generation_label: generation_label.to_string(),
        generation,
        gender: gender_from_db(p.gender.as_deref()),
        unit_kerja: p.unit_kerja,
        jabatan: p.jabatan,
        role: p.role,
    }
}

/// The composition of the class's participants.
pub fn composition_of(members: &[PagePerson], scheme: &GenerationScheme) -> Composition {
    let people: Vec<Person> = members
        .iter()
        .filter(|m| m.role == Membership::Participant.code())
        .map(|m| Person {
            birth_year: m.birth_date.map(|d| d.year()),
            gender: gender_from_db(m.gender.as_deref()),
            unit: &m.unit_kerja,
        })
        .collect();
    compose(&people, scheme)
}
