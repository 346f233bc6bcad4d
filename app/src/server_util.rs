//! Small server-only helpers shared by server fns.
use crate::state::AppState;
use cookie::{Cookie, SameSite};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

pub fn build_cookie(name: &str, value: &str, max_age: Option<chrono::Duration>, secure: bool) -> String {
    let mut c = Cookie::build((name.to_string(), value.to_string()))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure);
    if let Some(age) = max_age {
        c = c.max_age(cookie::time::Duration::seconds(age.num_seconds()));
    }
    c.build().to_string()
}

pub fn set_cookie(name: &str, value: &str, max_age: Option<chrono::Duration>, state: &AppState) {
    if let Some(res) = use_context::<ResponseOptions>() {
        let header = build_cookie(name, value, max_age, state.secure_cookies);
        if let Ok(v) = http::HeaderValue::from_str(&header) {
            res.append_header(http::header::SET_COOKIE, v);
        }
    }
}

pub fn clear_cookie(name: &str, state: &AppState) {
    set_cookie(name, "", Some(chrono::Duration::zero()), state);
}

/// The `file` field of a multipart form: its name and bytes, at most
/// `max_bytes`. Errors: `Invalid(file)` when it is missing, empty or too large.
pub async fn read_file_field(
    data: server_fn::codec::MultipartData,
    max_bytes: usize,
) -> crate::error::AppResult<(String, Vec<u8>)> {
    use crate::error::AppError;
    use crate::i18n::{Msg, K};
    let mut multipart = data
        .into_inner()
        .ok_or_else(|| AppError::rule(K::ErrBadRequest))?;
    while let Ok(Some(mut field)) = multipart.next_field().await {
        if field.name() != Some("file") {
            continue;
        }
        let name = field.file_name().unwrap_or_default().to_string();
        let mut bytes = Vec::new();
        while let Ok(Some(chunk)) = field.chunk().await {
            bytes.extend_from_slice(&chunk);
            if bytes.len() > max_bytes {
                return Err(AppError::field("file", Msg::new(K::ImportTooLarge)));
            }
        }
        if bytes.is_empty() {
            break;
        }
        return Ok((name, bytes));
    }
    Err(AppError::field("file", Msg::new(K::ImportNoFile)))
}

/// A transaction that will write, and (on SQLite) this process's turn to write.
pub struct WriteTxn {
    txn: sea_orm::DatabaseTransaction,
    _turn: Option<tokio::sync::MutexGuard<'static, ()>>,
}

impl std::ops::Deref for WriteTxn {
    type Target = sea_orm::DatabaseTransaction;
    fn deref(&self) -> &Self::Target {
        &self.txn
    }
}

impl WriteTxn {
    pub async fn commit(self) -> Result<(), sea_orm::DbErr> {
        self.txn.commit().await
    }

    pub async fn rollback(self) -> Result<(), sea_orm::DbErr> {
        self.txn.rollback().await
    }
}

/// Begins a transaction whose writes are all *conditional statements*
/// (`INSERT … ON CONFLICT`, `UPDATE … WHERE version = $seen`): correct on
/// PostgreSQL under its default isolation, because each statement decides on
/// the row as it is when it runs. Code that reads, decides in Rust and then
/// writes uses [`write`] instead.
///
/// SQLite has one writer at a time: waiting writers there poll with growing
/// sleeps (tens of milliseconds each under load), and a transaction that
/// reads first and writes later cannot wait at all (its snapshot is stale:
/// "database is locked" at once). So on SQLite, writers queue in-process for
/// their turn, and the first statement takes the database's write lock (it
/// changes nothing), which another server process on the same file waits for
/// (busy timeout) instead of failing.
pub async fn begin_write(db: &sea_orm::DatabaseConnection) -> Result<WriteTxn, sea_orm::DbErr> {
    begin(db, None).await
}

async fn begin(
    db: &sea_orm::DatabaseConnection,
    isolation: Option<sea_orm::IsolationLevel>,
) -> Result<WriteTxn, sea_orm::DbErr> {
    use sea_orm::{ConnectionTrait, TransactionTrait};
    static TURN: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    if db.get_database_backend() != sea_orm::DatabaseBackend::Sqlite {
        return Ok(WriteTxn {
            txn: db.begin_with_config(isolation, None).await?,
            _turn: None,
        });
    }
    let turn = TURN.lock().await;
    let txn = db.begin().await?;
    txn.execute_unprepared("UPDATE scores SET revision = revision WHERE 0 = 1")
        .await?;
    Ok(WriteTxn {
        txn,
        _turn: Some(turn),
    })
}

/// How often [`write_txn!`](crate::write_txn) runs its work before it tells the person to try again.
pub const WRITE_ATTEMPTS: u32 = 8;

/// Begins the transaction of one run of [`write_txn!`](crate::write_txn):
/// serializable on PostgreSQL, the write lock first on SQLite.
pub async fn begin_serializable(db: &sea_orm::DatabaseConnection) -> Result<WriteTxn, sea_orm::DbErr> {
    begin(db, Some(sea_orm::IsolationLevel::Serializable)).await
}

/// Ends one run of [`write_txn!`](crate::write_txn): commits its work when it
/// succeeded, else rolls it back (a failed statement already ended it on
/// PostgreSQL; either way nothing of this run is kept).
pub async fn settle<T>(txn: WriteTxn, outcome: crate::error::AppResult<T>) -> crate::error::AppResult<T> {
    match outcome {
        Ok(value) => txn.commit().await.map(|()| value).map_err(Into::into),
        Err(e) => {
            let _ = txn.rollback().await;
            Err(e)
        }
    }
}

/// Runs a block as one unit that behaves as if it were alone: a read that
/// decides a write stays true until the commit. `crate::write_txn!(db, |txn| { … })`
/// gives the block `txn: &DatabaseTransaction` and evaluates to its
/// `AppResult`. On SQLite the transaction holds the write lock from its first
/// statement (see [`begin_write`]); on PostgreSQL it is `SERIALIZABLE`, and
/// when the database finds it collided with another transaction
/// (serialization failure, deadlock, a unique index another request filled a
/// moment earlier) the whole block runs again on the new state, a few times
/// with a short random pause. Only when that keeps failing does the person get
/// `Conflict(ErrBusy)` ("try again"), never `Internal`. See docs/concurrency.md.
///
/// The block may run more than once, so it must not do anything outside the
/// transaction (no HTTP calls, no in-memory caches written), and values it
/// consumes must be cloned. (A macro rather than a function taking an async
/// closure: such a closure's future cannot be proved `Send` for every
/// lifetime of the transaction it borrows, which server fns need.)
#[macro_export]
macro_rules! write_txn {
    ($db:expr, |$txn:ident| $body:expr) => {{
        let mut attempt = 1u32;
        loop {
            let outcome = match $crate::server_util::begin_serializable($db).await {
                Err(e) => Err($crate::error::AppError::from(e)),
                Ok(unit) => {
                    let result: $crate::error::AppResult<_> = async {
                        let $txn: &sea_orm::DatabaseTransaction = &unit;
                        $body
                    }
                    .await;
                    $crate::server_util::settle(unit, result).await
                }
            };
            match outcome {
                Err(e)
                    if $crate::server_util::is_contention(&e)
                        && attempt < $crate::server_util::WRITE_ATTEMPTS =>
                {
                    $crate::server_util::pause_before_retry(attempt).await;
                    attempt += 1;
                }
                other => break other,
            }
        }
    }};
}

/// A random pause that grows with each attempt, so that the transactions
/// that collided do not collide again in step.
pub async fn pause_before_retry(attempt: u32) {
    use rand::Rng;
    let ceiling = 4u64 << attempt.min(6);
    let ms = rand::thread_rng().gen_range(1..=ceiling);
    tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
}

/// An error made from such a refusal (see `From<DbErr> for AppError`).
pub fn is_contention(e: &crate::error::AppError) -> bool {
    matches!(e, crate::error::AppError::Conflict(m) if m.key == crate::i18n::K::ErrBusy)
}

#[cfg(test)]
mod tests {
    /// Every transaction is opened by `begin_write` or `write` (see
    /// docs/concurrency.md): a plain `begin()` that reads and then writes
    /// fails at once on SQLite when another writer is active, and races on
    /// PostgreSQL. The demo seed runs once, before the server serves.
    #[test]
    fn every_transaction_goes_through_the_write_helpers() {
        let mut offenders = Vec::new();
        for (rel, text) in crate::source_tree::rust_files() {
            if rel == "server_util.rs" || rel == "seed/mod.rs" {
                continue;
            }
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or_default();
                if [
                    ".begin()",
                    ".begin_with_config(",
                    ".transaction::<",
                    ".transaction(",
                    "transaction_with_config",
                ]
                .iter()
                .any(|p| code.contains(p))
                {
                    offenders.push(format!("{rel}:{}: {}", n + 1, line.trim()));
                }
            }
        }
        assert!(
            offenders.is_empty(),
            "open write transactions with server_util::write or begin_write:\n{}",
            offenders.join("\n")
        );
    }
}
