//! Demo data for an empty database: one programme, one class of 30 participants
//! across four generations, a facilitator, two evaluators and an admin.
use crate::auth::model::Role;
use crate::auth::password::hash_blocking;
use crate::auth::policy::Membership;
use crate::classes::import::grant;
use crate::entities::{class, programme, user, user_role};
use crate::error::{AppError, AppResult};
use chrono::{NaiveDate, Utc};
use sea_orm::{prelude::*, ActiveValue::Set, PaginatorTrait, TransactionTrait};

mod people;
pub(crate) use people::PARTICIPANTS;

pub struct DemoLogin {
    pub role: &'static str,
    pub login: String,
    pub name: String,
}

/// A PNS NIP: birth date, first appointment month (at 23, or 2026 at the latest), sex, serial.
pub fn demo_nip(birth: &str, sex: u8, serial: usize) -> String {
    let year: i32 = birth[..4].parse().unwrap_or(1980);
    let appointed = (year + 23).min(2025);
    format!("{birth}{appointed}03{sex}{serial:03}")
}

pub async fn is_empty(db: &DatabaseConnection) -> AppResult<bool> {
    Ok(user::Entity::find().count(db).await? == 0)
}

pub async fn seed_demo(db: &DatabaseConnection, password: &str) -> AppResult<Vec<DemoLogin>> {
    let hash = hash_blocking(password)?;
    let txn = db.begin().await?;
    let mut logins = Vec::new();
    let staff = [
        ("admin", "Admin Penyelenggara", "admin@sinergi.test", Role::Admin),
        (
            "facilitator",
            "Dra. Marlina Kusuma, M.Si.",
            "widyaiswara@sinergi.test",
            Role::Facilitator,
        ),
        (
            "evaluator",
            "Ir. Sudirman Hakim",
            "coach@sinergi.test",
            Role::Evaluator,
        ),
        (
            "evaluator",
            "Ratna Dewi, S.Psi.",
            "penguji@sinergi.test",
            Role::Evaluator,
        ),
    ];
    let programme = programme::ActiveModel {
        name: Set("PKA Angkatan II 2026".into()),
        description: Set("Pelatihan Kepemimpinan Administrator, BKPSDMD Kepulauan Bangka Belitung".into()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let class = class::ActiveModel {
        programme_id: Set(programme.id),
        name: Set("PKA Angkatan II 2026 — Kelas A".into()),
        description: Set("Modul lintas generasi: komunikasi, empati, dan kolaborasi antargenerasi.".into()),
        starts_on: Set(NaiveDate::from_ymd_opt(2026, 11, 2).unwrap_or_default()),
        ends_on: Set(NaiveDate::from_ymd_opt(2026, 12, 18).unwrap_or_default()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for (label, name, email, role) in staff {
        let id = insert_user(&txn, name, Some(email), None, &hash, ("", "", None)).await?;
        add_role(&txn, id, role).await?;
        match role {
            Role::Facilitator => grant(&txn, id, class.id, Membership::Facilitator).await?,
            Role::Evaluator => grant(&txn, id, class.id, Membership::Evaluator).await?,
            _ => {}
        }
        logins.push(DemoLogin {
            role: label,
            login: ToString::to_string(email),
            name: ToString::to_string(name),
        });
    }
    for (i, (name, birth, sex, unit, jabatan, gol)) in PARTICIPANTS.iter().enumerate() {
        let nip = demo_nip(birth, *sex, i + 1);
        let id = insert_user(
            &txn,
            name,
            None,
            Some((&nip, birth, *sex)),
            &hash,
            (unit, jabatan, Some(gol)),
        )
        .await?;
        grant(&txn, id, class.id, Membership::Participant).await?;
        demo_survey(&txn, class.id, id, i, birth).await?;
        if i == 0 || i == PARTICIPANTS.len() - 1 {
            logins.push(DemoLogin {
                role: "participant",
                login: nip,
                name: ToString::to_string(name),
            });
        }
    }
    crate::teams::survey::set_open(&txn, class.id, true).await?;
    txn.commit().await?;
    Ok(logins)
}

/// A demo participant's self-ratings per topic and wished-for topics.
pub(crate) fn demo_ratings(i: usize, birth: &str) -> (Vec<(String, u8)>, Vec<String>) {
    use crate::teams::domain::survey::TOPICS;
    let year: i32 = birth.get(..4).and_then(|y| y.parse().ok()).unwrap_or(1980);
    let base: i32 = match year {
        ..1965 => 1,
        1965..1981 => 2,
        _ => 4,
    };
    let skills: Vec<(String, u8)> = TOPICS
        .iter()
        .enumerate()
        .map(|(t, topic)| {
            (
                String::from(*topic),
                (base + ((i + t) % 3) as i32 - 1 + i32::from(t == 2)).clamp(1, 5) as u8,
            )
        })
        .collect();
    let mut lowest: Vec<&(String, u8)> = skills.iter().collect();
    lowest.sort_by_key(|(_, r)| *r);
    let wants: Vec<String> = if year < 1981 {
        lowest.iter().take(2).map(|(t, _)| t.clone()).collect()
    } else {
        Vec::new()
    };
    (skills, wants)
}

/// Survey answers for a demo participant: digital self-ratings that rise
/// with youth (with some spread), and the older ones asking for the two
/// topics they rate lowest, so teams and mentoring pairs have data to use.
async fn demo_survey<C: ConnectionTrait>(
    db: &C,
    class_id: i64,
    user_id: i64,
    i: usize,
    birth: &str,
) -> AppResult<()> {
    use crate::entities::survey_answer;
    use crate::teams::domain::survey::{AVAILABILITY, STYLES};
    let (skills, wants) = demo_ratings(i, birth);
    survey_answer::ActiveModel {
        class_id: Set(class_id),
        user_id: Set(user_id),
        skills: Set(serde_json::to_string(&skills).unwrap_or_default()),
        wants: Set(serde_json::to_string(&wants).unwrap_or_default()),
        style: Set(String::from(STYLES[i % STYLES.len()])),
        availability: Set(String::from(AVAILABILITY[i % AVAILABILITY.len()])),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

async fn insert_user<C: ConnectionTrait>(
    db: &C,
    name: &str,
    email: Option<&str>,
    nip: Option<(&str, &str, u8)>,
    hash: &str,
    (unit, jabatan, golongan): (&str, &str, Option<&str>),
) -> AppResult<i64> {
    let birth = nip.and_then(|(_, b, _)| NaiveDate::parse_from_str(b, "%Y%m%d").ok());
    let saved = user::ActiveModel {
        email: Set(email.map(str::to_string)),
        nip: Set(nip.map(|(n, _, _)| n.to_string())),
        full_name: Set(name.to_string()),
        password_hash: Set(Some(hash.to_string())),
        gender: Set(nip.map(|(_, _, s)| if s == 1 { "M" } else { "F" }.to_string())),
        birth_date: Set(birth),
        unit_kerja: Set(unit.to_string()),
        jabatan: Set(jabatan.to_string()),
        golongan: Set(golongan.map(str::to_string)),
        active: Set(true),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(saved.id)
}

pub async fn add_role<C: ConnectionTrait>(db: &C, user_id: i64, role: Role) -> AppResult<()> {
    user_role::ActiveModel {
        user_id: Set(user_id),
        role: Set(role.code().into()),
    }
    .insert(db)
    .await
    .map(|_| ())
    .map_err(AppError::from)
}

/// Assigns every published scenario to the demo class (the first class), open
/// from today, two attempts each, when that class has no scenarios yet.
pub async fn assign_demo_scenarios(db: &DatabaseConnection) -> AppResult<()> {
    use crate::entities::scenario_assignment;
    use crate::scenarios::assign::{assign, Window};
    use sea_orm::QueryOrder;
    let Some(class) = class::Entity::find()
        .order_by_asc(class::Column::Id)
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let assigned = scenario_assignment::Entity::find()
        .filter(scenario_assignment::Column::ClassId.eq(class.id))
        .count(db)
        .await?;
    if assigned > 0 {
        return Ok(());
    }
    // Demo data: the default zone's today.
    let zone = crate::calendar::Zone::default();
    let today = crate::calendar::Clock::default().today(zone).to_string();
    let window = Window::parse(zone, &today, "", 2)?;
    for (row, _) in crate::scenarios::store::all(db).await? {
        assign(db, class.id, &row.key, window).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classes::domain::nip::Nip;

    #[test]
    fn every_demo_nip_is_valid_and_matches_its_person() {
        for (i, (_, birth, sex, ..)) in PARTICIPANTS.iter().enumerate() {
            let nip = Nip::parse(&demo_nip(birth, *sex, i + 1)).expect("valid demo NIP");
            assert_eq!(nip.birth_date.format("%Y%m%d").to_string(), *birth);
        }
    }
}
