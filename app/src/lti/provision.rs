//! A launch's context becomes a Sinergi class (created on first launch,
//! linked afterwards) and its user an account (matched by the platform's
//! user id; else the account a custom `nip` claim proposes, only where
//! `domain::identity` allows it; else created), with the memberships their
//! LTI roles give in that class. One transaction.
use super::domain::claims::IdToken;
use super::domain::identity::{self, Candidate, Link};
use super::domain::roles;
use crate::classes::domain::nip::Nip;
use crate::entities::{
    class, class_member, lti_account, lti_context, lti_identity_log, lti_platform, programme, user, user_role,
};
use crate::error::AppResult;
use chrono::{Duration, Utc};
use sea_orm::{prelude::*, ActiveValue::Set, QueryOrder};

/// Who launched, into which class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Provisioned {
    pub user_id: i64,
    pub class_id: i64,
    /// How the identity was linked in this launch (None: linked before).
    pub link: Option<Link>,
}

/// `today`: the organisation's date (a new class starts on it).
pub async fn provision(
    db: &DatabaseConnection,
    platform: i64,
    t: &IdToken,
    today: chrono::NaiveDate,
) -> AppResult<Provisioned> {
    // Someone else's launch or roster sync may make the same class or
    // account at the same moment, on any server: the reads and writes are one
    // serializable unit, and the run that collided runs again and finds theirs.
    crate::write_txn!(db, |txn| {
        let class_id = class_for(txn, platform, t, today).await?;
        let (user_id, link) = link_for(txn, platform, &Person::of(t)).await?;
        for m in roles::memberships(&t.roles) {
            crate::classes::import::grant(txn, user_id, class_id, m).await?;
        }
        Ok(Provisioned {
            user_id,
            class_id,
            link,
        })
    })
}

async fn class_for<C: ConnectionTrait>(
    db: &C,
    platform: i64,
    t: &IdToken,
    today: chrono::NaiveDate,
) -> AppResult<i64> {
    let context = t.context.clone().unwrap_or_default();
    // A launch without a context (allowed by LTI) is kept per resource link.
    let key = if context.id.is_empty() {
        format!(
            "link:{}",
            t.resource_link.as_ref().map(|r| r.id.as_str()).unwrap_or("-")
        )
    } else {
        context.id.clone()
    };
    let linked = lti_context::Entity::find()
        .filter(lti_context::Column::PlatformId.eq(platform))
        .filter(lti_context::Column::ContextId.eq(&key))
        .one(db)
        .await?;
    if let Some(l) = linked {
        remember_services(db, &l, t).await?;
        return Ok(l.class_id);
    }
    let name = context
        .title
        .or(context.label)
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| format!("LMS {key}"));
    let class = class::ActiveModel {
        programme_id: Set(programme_for(db).await?),
        name: Set(plain_text(&name)),
        description: Set(String::new()),
        starts_on: Set(today),
        ends_on: Set(today + Duration::days(90)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    lti_context::ActiveModel {
        platform_id: Set(platform),
        context_id: Set(key),
        class_id: Set(class.id),
        lineitems_url: Set(services(t).0),
        memberships_url: Set(services(t).1),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(class.id)
}

/// The course's grade (AGS line items) and roster (NRPS) URLs, if sent.
fn services(t: &IdToken) -> (String, String) {
    (
        t.ags
            .as_ref()
            .and_then(|a| a.lineitems.clone())
            .unwrap_or_default(),
        t.nrps
            .as_ref()
            .map(|n| n.context_memberships_url.clone())
            .unwrap_or_default(),
    )
}

/// Keeps the newest service URLs the platform sent for the course.
async fn remember_services<C: ConnectionTrait>(
    db: &C,
    linked: &lti_context::Model,
    t: &IdToken,
) -> AppResult<()> {
    let (lineitems, memberships) = services(t);
    let changed = (!lineitems.is_empty() && lineitems != linked.lineitems_url)
        || (!memberships.is_empty() && memberships != linked.memberships_url);
    if changed {
        let mut row: lti_context::ActiveModel = linked.clone().into();
        if !lineitems.is_empty() {
            row.lineitems_url = Set(lineitems);
        }
        if !memberships.is_empty() {
            row.memberships_url = Set(memberships);
        }
        row.update(db).await?;
    }
    Ok(())
}

/// Classes from an LMS join the oldest programme (the one the admin set up
/// first); an empty installation gets one.
async fn programme_for<C: ConnectionTrait>(db: &C) -> AppResult<i64> {
    if let Some(p) = programme::Entity::find()
        .order_by_asc(programme::Column::Id)
        .one(db)
        .await?
    {
        return Ok(p.id);
    }
    Ok(programme::ActiveModel {
        name: Set("Pelatihan dari LMS".into()),
        description: Set(String::new()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?
    .id)
}

/// Who the platform says someone is (from a launch or the roster).
#[derive(Debug, Clone, Default)]
pub struct Person {
    pub sub: String,
    pub name: Option<String>,
    pub email: Option<String>,
    /// The custom `nip` parameter, as sent.
    pub nip: Option<String>,
}

impl Person {
    pub fn of(t: &IdToken) -> Person {
        Person {
            sub: t.sub.clone().unwrap_or_default(),
            name: t.name.clone(),
            email: t.email.clone(),
            nip: t.custom("nip"),
        }
    }
}

/// The account for the platform's user: linked before, else the account its
/// NIP proposes when `identity::decide` allows it, else a new one. Every new
/// link, and every proposal refused, is logged for /admin/lti.
pub async fn account_for<C: ConnectionTrait>(db: &C, platform: i64, t: &Person) -> AppResult<i64> {
    Ok(link_for(db, platform, t).await?.0)
}

/// As `account_for`, also saying how the identity was linked (None: before).
pub async fn link_for<C: ConnectionTrait>(
    db: &C,
    platform: i64,
    t: &Person,
) -> AppResult<(i64, Option<Link>)> {
    let sub = t.sub.clone();
    let linked = lti_account::Entity::find()
        .filter(lti_account::Column::PlatformId.eq(platform))
        .filter(lti_account::Column::Sub.eq(&sub))
        .one(db)
        .await?;
    if let Some(a) = linked {
        return Ok((a.user_id, None));
    }
    let nip = t.nip.as_deref().and_then(|n| Nip::parse(n).ok());
    let proposed = match &nip {
        Some(n) => {
            user::Entity::find()
                .filter(user::Column::Nip.eq(n.as_str()))
                .one(db)
                .await?
        }
        None => None,
    };
    let candidate = match &proposed {
        Some(u) => Some(candidate(db, u.id).await?),
        None => None,
    };
    let trusted = lti_platform::Entity::find_by_id(platform)
        .one(db)
        .await?
        .is_some_and(|p| p.trust_identity);
    let link = identity::decide(trusted, candidate);
    let user_id = match (link, &proposed) {
        (Link::Existing, Some(u)) => u.id,
        // The NIP belongs to the proposed account: the new one goes without.
        (Link::Refused(_), _) => create_user(db, t, None).await?,
        _ => create_user(db, t, nip.clone()).await?,
    };
    lti_account::ActiveModel {
        platform_id: Set(platform),
        sub: Set(sub.clone()),
        user_id: Set(user_id),
        ..Default::default()
    }
    .insert(db)
    .await?;
    log_link(
        db,
        LogEntry {
            platform,
            sub: &sub,
            user_id,
            proposed: proposed.as_ref().map(|u| u.id),
            nip: nip.as_ref().map(|n| n.as_str()).unwrap_or_default(),
            outcome: link.code(),
            by_admin: None,
        },
    )
    .await?;
    Ok((user_id, Some(link)))
}

/// What the rule needs to know of the account a NIP points at.
async fn candidate<C: ConnectionTrait>(db: &C, user_id: i64) -> AppResult<Candidate> {
    const STAFF: [&str; 3] = ["admin", "facilitator", "evaluator"];
    let staff_role = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user_id))
        .filter(user_role::Column::Role.is_in(STAFF))
        .one(db)
        .await?
        .is_some();
    let staff_member = class_member::Entity::find()
        .filter(class_member::Column::UserId.eq(user_id))
        .filter(class_member::Column::Role.is_in(STAFF))
        .one(db)
        .await?
        .is_some();
    let linked = lti_account::Entity::find()
        .filter(lti_account::Column::UserId.eq(user_id))
        .one(db)
        .await?
        .is_some();
    Ok(Candidate {
        staff: staff_role || staff_member,
        linked,
    })
}

/// One line of the identity log.
pub struct LogEntry<'a> {
    pub platform: i64,
    pub sub: &'a str,
    pub user_id: i64,
    pub proposed: Option<i64>,
    pub nip: &'a str,
    pub outcome: &'a str,
    pub by_admin: Option<i64>,
}

pub async fn log_link<C: ConnectionTrait>(db: &C, e: LogEntry<'_>) -> AppResult<()> {
    tracing::info!(
        platform = e.platform,
        sub = e.sub,
        user = e.user_id,
        proposed = ?e.proposed,
        outcome = e.outcome,
        "lti: identity linked"
    );
    lti_identity_log::ActiveModel {
        platform_id: Set(e.platform),
        sub: Set(e.sub.chars().take(300).collect()),
        user_id: Set(e.user_id),
        proposed_user_id: Set(e.proposed),
        nip: Set(e.nip.to_string()),
        outcome: Set(e.outcome.to_string()),
        by_admin: Set(e.by_admin),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// `account_for` in a transaction of its own (a roster sync), run again when
/// a launch or another sync linked the same person first (see `provision`).
pub async fn account_alone(db: &DatabaseConnection, platform: i64, p: &Person) -> AppResult<i64> {
    crate::write_txn!(db, |txn| account_for(txn, platform, p).await)
}

async fn create_user<C: ConnectionTrait>(db: &C, t: &Person, nip: Option<Nip>) -> AppResult<i64> {
    // An e-mail already used by another account is not taken over: accounts
    // are matched only by the platform's id or the NIP.
    let email = match t
        .email
        .as_deref()
        .map(|e| e.trim().to_lowercase())
        .filter(|e| e.contains('@') && e.len() <= 254 && !e.chars().any(char::is_control))
    {
        Some(e) => {
            let taken = user::Entity::find()
                .filter(user::Column::Email.eq(&e))
                .one(db)
                .await?
                .is_some();
            (!taken).then_some(e)
        }
        None => None,
    };
    let name = t
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .unwrap_or("Pengguna LMS");
    Ok(user::ActiveModel {
        email: Set(email),
        nip: Set(nip.as_ref().map(|n| n.as_str().to_string())),
        full_name: Set(plain_text(name)),
        password_hash: Set(None),
        gender: Set(nip
            .as_ref()
            .and_then(|n| n.gender)
            .map(|g| crate::classes::store::gender_to_db(g).to_string())),
        birth_date: Set(nip.as_ref().map(|n| n.birth_date)),
        unit_kerja: Set(String::new()),
        jabatan: Set(String::new()),
        golongan: Set(None),
        active: Set(true),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?
    .id)
}

/// A name from the LMS as Sinergi stores names: no control characters (a NUL
/// cannot be stored by PostgreSQL, and a newline has no place in a name), at
/// most 200 characters, as every name typed into Sinergi.
fn plain_text(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect::<String>()
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_lms_name_is_stored_as_plain_text() {
        assert_eq!(super::plain_text(" Hasan\0 Basri\n"), "Hasan Basri");
        assert_eq!(super::plain_text(&"x".repeat(300)).len(), 200);
    }
}
