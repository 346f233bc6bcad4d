//! Calls to the LMS (and xAPI statements to an LRS, see `xapi`) kept in the
//! database until they succeed: a grade is
//! queued where it is released (never sent inline, so a slow or failing LMS
//! never blocks the facilitator) and delivered by a worker, retried with
//! backoff, given up after `MAX_ATTEMPTS` (the facilitator sees the status).
use super::ags;
use super::domain::grades::backoff_secs;
use crate::entities::{lti_outbox, lti_platform};
use crate::error::AppResult;
use crate::state::AppState;
use chrono::{Duration, Utc};
use sea_orm::{prelude::*, sea_query::OnConflict, ActiveValue::Set, PaginatorTrait, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};

pub const SCORE: &str = "ags_score";
/// An xAPI statement for the LRS (see `xapi`): it belongs to no platform.
pub const XAPI: &str = "xapi";
pub const NO_PLATFORM: i64 = 0;
pub const PENDING: &str = "pending";
pub const SENT: &str = "sent";
pub const FAILED: &str = "failed";
pub const MAX_ATTEMPTS: i32 = 10;
const BATCH: u64 = 50;

/// A grade to post: where, which line item, and the score document.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ScoreCall {
    pub lineitems_url: String,
    pub resource_id: String,
    pub label: String,
    pub score: serde_json::Value,
}

/// Queues a grade; the same `dedupe_key` again is ignored (a re-release of
/// the same result). Returns whether a row was added.
pub async fn enqueue<C: ConnectionTrait>(
    db: &C,
    platform: i64,
    user: i64,
    class: i64,
    dedupe_key: &str,
    call: &ScoreCall,
) -> AppResult<bool> {
    let raw = Raw {
        kind: SCORE,
        platform,
        user,
        class,
        dedupe_key,
        payload: serde_json::to_string(call).unwrap_or_default(),
    };
    enqueue_raw(db, raw).await
}

/// A call of any kind, its payload ready to send.
pub struct Raw<'a> {
    pub kind: &'static str,
    pub platform: i64,
    pub user: i64,
    pub class: i64,
    pub dedupe_key: &'a str,
    pub payload: String,
}

pub async fn enqueue_raw<C: ConnectionTrait>(db: &C, call: Raw<'_>) -> AppResult<bool> {
    let now = Utc::now();
    let row = lti_outbox::ActiveModel {
        kind: Set(call.kind.into()),
        platform_id: Set(call.platform),
        user_id: Set(call.user),
        class_id: Set(call.class),
        dedupe_key: Set(call.dedupe_key.chars().take(300).collect()),
        payload: Set(call.payload),
        status: Set(PENDING.into()),
        attempts: Set(0),
        next_at: Set(now),
        last_error: Set(String::new()),
        created_at: Set(now),
        sent_at: Set(None),
        ..Default::default()
    };
    let added = lti_outbox::Entity::insert(row)
        .on_conflict(
            OnConflict::column(lti_outbox::Column::DedupeKey)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(added > 0)
}

/// How long a server may take to send a row it claimed before another may.
const CLAIM_LEASE_SECS: i64 = 120;

/// Delivers what is due; returns how many calls succeeded.
pub async fn run_due(state: &AppState) -> AppResult<usize> {
    let due = lti_outbox::Entity::find()
        .filter(lti_outbox::Column::Status.eq(PENDING))
        .filter(lti_outbox::Column::NextAt.lte(Utc::now()))
        .order_by_asc(lti_outbox::Column::Id)
        .limit(BATCH)
        .all(&state.db)
        .await?;
    let mut sent = 0;
    // One access token per platform for the whole batch: a release of a
    // class queues dozens of grades for the same LMS.
    let mut tokens: std::collections::HashMap<i64, String> = std::collections::HashMap::new();
    for row in due {
        // Several servers run this worker: each row is claimed with one
        // conditional statement (this try counted, the next moved a lease
        // ahead), so only the server whose claim changed the row sends it. A
        // server that dies after claiming leaves the row to be tried again
        // when the lease ends.
        let claimed = lti_outbox::Entity::update_many()
            .col_expr(lti_outbox::Column::Attempts, Expr::value(row.attempts + 1))
            .col_expr(
                lti_outbox::Column::NextAt,
                Expr::value(Utc::now() + Duration::seconds(CLAIM_LEASE_SECS)),
            )
            .filter(lti_outbox::Column::Id.eq(row.id))
            .filter(lti_outbox::Column::Status.eq(PENDING))
            .filter(lti_outbox::Column::Attempts.eq(row.attempts))
            .exec(&state.db)
            .await?
            .rows_affected;
        if claimed == 0 {
            continue;
        }
        let outcome = if row.kind == XAPI {
            super::xapi::send(&state.http, &row).await
        } else {
            deliver(state, &row, &mut tokens).await
        };
        let mut update: lti_outbox::ActiveModel = row.clone().into();
        update.attempts = Set(row.attempts + 1);
        match outcome {
            Ok(()) => {
                update.status = Set(SENT.into());
                update.sent_at = Set(Some(Utc::now()));
                // The claim's lease is over.
                update.next_at = Set(Utc::now());
                update.last_error = Set(String::new());
                sent += 1;
            }
            Err(e) => {
                tracing::warn!(outbox = row.id, kind = %row.kind, attempt = row.attempts + 1, error = %e, "lti: call not delivered");
                let attempts = row.attempts + 1;
                update.last_error = Set(e.chars().take(500).collect());
                update.next_at = Set(Utc::now() + Duration::seconds(backoff_secs(attempts)));
                if attempts >= MAX_ATTEMPTS {
                    update.status = Set(FAILED.into());
                }
            }
        }
        update.update(&state.db).await?;
    }
    Ok(sent)
}

async fn deliver(
    state: &AppState,
    row: &lti_outbox::Model,
    tokens: &mut std::collections::HashMap<i64, String>,
) -> Result<(), ags::CallError> {
    let call: ScoreCall = serde_json::from_str(&row.payload).map_err(|e| format!("payload: {e}"))?;
    let platform = lti_platform::Entity::find_by_id(row.platform_id)
        .one(&state.db)
        .await
        .map_err(|e| format!("platform: {e}"))?
        .ok_or_else(|| "platform: removed".to_string())?;
    let token = match tokens.get(&platform.id) {
        Some(t) => t.clone(),
        None => {
            let scopes = [ags::SCOPE_LINEITEM, ags::SCOPE_SCORE];
            let t = ags::access_token(&state.db, &state.http, &platform, &scopes).await?;
            tokens.insert(platform.id, t.clone());
            t
        }
    };
    let item = ags::line_item(
        &state.http,
        &token,
        &call.lineitems_url,
        &call.resource_id,
        &call.label,
    )
    .await?;
    ags::post_score(&state.http, &token, &item, &call.score).await
}

/// Delivers due calls every `every` until the pool closes.
pub fn spawn_worker(state: AppState, every: std::time::Duration) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            if let Err(e) = run_due(&state).await {
                if state.db.ping().await.is_err() {
                    break;
                }
                tracing::warn!(error = %e, "lti: outbox run failed");
            }
        }
    });
}

/// The newest grade call per participant for one activity (`resource`,
/// e.g. `task:3`) of the class, for the facilitator's sync status.
pub async fn status_of(
    db: &DatabaseConnection,
    class_id: i64,
    resource: &str,
) -> AppResult<Vec<lti_outbox::Model>> {
    let rows = lti_outbox::Entity::find()
        .filter(lti_outbox::Column::ClassId.eq(class_id))
        .filter(lti_outbox::Column::Kind.eq(SCORE))
        .filter(lti_outbox::Column::DedupeKey.contains(format!(":{resource}:")))
        .order_by_desc(lti_outbox::Column::Id)
        .all(db)
        .await?;
    let mut seen = std::collections::HashSet::new();
    Ok(rows.into_iter().filter(|r| seen.insert(r.user_id)).collect())
}

/// How many calls of `kind` were sent, wait, and were given up.
pub async fn counts(db: &DatabaseConnection, kind: &str) -> AppResult<[u64; 3]> {
    let mut out = [0; 3];
    for (slot, status) in out.iter_mut().zip([SENT, PENDING, FAILED]) {
        *slot = lti_outbox::Entity::find()
            .filter(lti_outbox::Column::Kind.eq(kind))
            .filter(lti_outbox::Column::Status.eq(status))
            .count(db)
            .await?;
    }
    Ok(out)
}
