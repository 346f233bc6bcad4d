//! xAPI statements to a Learning Record Store, when one is configured
//! (`SINERGI_LRS_URL`): each scenario decision, each finished attempt, each
//! lesson read and each released rubric result (the features build their
//! statements with `queue`; the released result's is here, as evaluation
//! and the LMS grade share it). They go through the LMS
//! outbox (kind `xapi`, no platform) in the transaction of what they record,
//! so an LRS that is down loses nothing and holds up no one.
use super::domain::xapi::{self as x, Activity, Actor, Lrs, Statement, Verb};
use super::outbox;
use crate::entities::{class, lti_outbox, user};
use crate::error::{AppError, AppResult};
use sea_orm::{ConnectionTrait, EntityTrait};
use serde_json::Value;
use std::sync::{Arc, RwLock};

/// Set once at start-up. A global rather than a field of `AppState`
/// because statements are queued deep inside transactions that carry only
/// a connection (a scenario step, a lesson read).
static LRS: RwLock<Option<Arc<Lrs>>> = RwLock::new(None);

pub fn configure(lrs: Option<Lrs>) {
    if let Ok(mut slot) = LRS.write() {
        *slot = lrs.map(Arc::new);
    }
}

pub fn lrs() -> Option<Arc<Lrs>> {
    LRS.read().ok().and_then(|l| l.clone())
}

/// Who acted and in which class: read once for the statements of one event.
pub struct Who {
    pub person: user::Model,
    pub class_id: i64,
    pub class: Activity,
}

pub async fn who<C: ConnectionTrait>(db: &C, lrs: &Lrs, user_id: i64, class_id: i64) -> AppResult<Who> {
    let class = class::Entity::find_by_id(class_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    who_in(db, lrs, user_id, class_id, &class.name).await
}

/// `who` when the class's name is known already.
pub async fn who_in<C: ConnectionTrait>(
    db: &C,
    lrs: &Lrs,
    user_id: i64,
    class_id: i64,
    class_name: &str,
) -> AppResult<Who> {
    let person = user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Who {
        person,
        class_id,
        class: Activity {
            id: lrs.page(&format!("/classes/{class_id}")),
            name: class_name.to_string(),
            kind: x::COURSE,
        },
    })
}

/// What a statement is about, besides who and its verb.
pub struct About {
    pub object: Value,
    pub parent: Option<Activity>,
    pub result: Value,
}

/// Queues one statement under `key` (the same key again is ignored).
pub async fn queue<C: ConnectionTrait>(
    db: &C,
    lrs: &Lrs,
    who: &Who,
    key: &str,
    verb: &Verb,
    about: About,
) -> AppResult<bool> {
    let id = uuid::Uuid::new_v4().to_string();
    let actor = Actor {
        user_id: who.person.id,
        name: &who.person.full_name,
        nip: who.person.nip.as_deref(),
    };
    let statement = x::statement(
        lrs,
        &Statement {
            id: &id,
            actor: &actor,
            verb,
            object: about.object,
            result: about.result,
            parent: about.parent.as_ref(),
            class: &who.class,
            timestamp: &chrono::Utc::now().to_rfc3339(),
        },
    );
    outbox::enqueue_raw(
        db,
        outbox::Raw {
            kind: outbox::XAPI,
            platform: outbox::NO_PLATFORM,
            user: who.person.id,
            class: who.class_id,
            dedupe_key: key,
            payload: statement.to_string(),
        },
    )
    .await
}

/// A released rubric result: "scored" on the task or the reflection, the
/// weighted total out of 100 and the predicate as response.
pub struct Scored<'a> {
    pub class_id: i64,
    pub class_name: &'a str,
    /// The result's page, below the class (`tasks/3`, `scenarios/5/reflection`).
    pub path: String,
    pub label: &'a str,
    pub total: f64,
    pub predicate: &'a str,
}

pub async fn result_released<C: ConnectionTrait>(db: &C, user_id: i64, r: &Scored<'_>) -> AppResult<()> {
    let Some(lrs) = lrs() else { return Ok(()) };
    let about = About {
        object: x::activity(&Activity {
            id: lrs.page(&format!("/classes/{}/{}", r.class_id, r.path)),
            name: r.label.to_string(),
            kind: x::ASSESSMENT,
        }),
        parent: None,
        result: x::result(true, Some(r.total), Some(r.predicate)),
    };
    let key = format!("xapi:scored:{}:{}:{user_id}:{:.2}", r.class_id, r.path, r.total);
    let who = who_in(db, &lrs, user_id, r.class_id, r.class_name).await?;
    queue(db, &lrs, &who, &key, &x::SCORED, about).await?;
    Ok(())
}

/// Stores a queued statement in the LRS. PUT with its id: a retry after a
/// lost answer stores nothing twice; 409 means the LRS already has it.
pub async fn send(http: &reqwest::Client, row: &lti_outbox::Model) -> Result<(), super::ags::CallError> {
    let lrs = lrs().ok_or_else(|| "lrs: not configured any more".to_string())?;
    let id = serde_json::from_str::<Value>(&row.payload)
        .ok()
        .and_then(|s| s["id"].as_str().map(String::from))
        .ok_or_else(|| "statement: no id".to_string())?;
    let res = http
        .put(lrs.statement_url(&id))
        .basic_auth(&lrs.key, Some(&lrs.secret))
        .header("X-Experience-API-Version", x::VERSION)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .body(row.payload.clone())
        .send()
        .await
        .map_err(|e| format!("lrs: {e}"))?;
    match res.status().as_u16() {
        200..=299 | 409 => Ok(()),
        code => Err(format!("lrs: HTTP {code}")),
    }
}
