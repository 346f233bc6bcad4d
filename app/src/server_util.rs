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
}

/// Begins a transaction that will write. SQLite has one writer at a time:
/// waiting writers there poll with growing sleeps (tens of milliseconds each
/// under load), and a transaction that reads first and writes later cannot
/// wait at all (its snapshot is stale: "database is locked" at once). So on
/// SQLite, writers through here queue in-process for their turn, and the
/// first statement takes the write lock (it changes nothing). PostgreSQL
/// needs neither.
pub async fn begin_write(db: &sea_orm::DatabaseConnection) -> Result<WriteTxn, sea_orm::DbErr> {
    use sea_orm::{ConnectionTrait, TransactionTrait};
    static TURN: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    if db.get_database_backend() != sea_orm::DatabaseBackend::Sqlite {
        return Ok(WriteTxn {
            txn: db.begin().await?,
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

/// A unique index refused an insert: someone else's request wrote the same
/// row a moment earlier. `Conflict` (shown as "changed meanwhile"); any other
/// database error stays internal.
pub fn conflict_on_race(e: sea_orm::DbErr) -> crate::error::AppError {
    use crate::error::AppError;
    if matches!(e.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_))) {
        AppError::Conflict(crate::scenarios::said(crate::i18n::P::ErrStale))
    } else {
        e.into()
    }
}

/// Runs `work` once more when it lost such a race: the second run finds
/// what the other request made.
pub async fn once_more_on_race<T, Fut>(work: impl Fn() -> Fut) -> crate::error::AppResult<T>
where
    Fut: std::future::Future<Output = crate::error::AppResult<T>>,
{
    match work().await {
        Err(crate::error::AppError::Conflict(_)) => work().await,
        other => other,
    }
}
