//! Connecting, migrating and seeding.
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};
use std::time::Duration;

/// Opens the pool. SQLite gets WAL, NORMAL sync, foreign keys and a generous busy
/// timeout on every pooled connection; its data folder is created if missing;
/// its WAL is checkpointed in the background (see `checkpoint_in_background`).
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let sqlite = url.starts_with("sqlite:");
    if let Some(path) = sqlite_path(url) {
        if let Some(dir) = std::path::Path::new(&path)
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir)
                .map_err(|e| DbErr::Custom(format!("cannot create {}: {e}", dir.display())))?;
        }
    }
    let mut opts = ConnectOptions::new(url.to_string());
    // SINERGI_LOG_SQL=1 logs every statement (at info, under `sqlx::query`):
    // how to count what a page asks the database.
    let log_sql = std::env::var_os("SINERGI_LOG_SQL").is_some();
    opts.sqlx_logging(log_sql)
        .sqlx_logging_level(tracing::log::LevelFilter::Info)
        .max_connections(pool_size())
        // PostgreSQL connections are slow to open (a handshake and a login):
        // opening them all at start keeps the first burst of requests from
        // waiting on them. A SQLite connection opens in microseconds.
        .min_connections(if sqlite { 1 } else { pool_size() })
        .acquire_timeout(Duration::from_secs(10));
    // sqlx pings a connection every time it leaves the pool: one more round
    // trip to the connection's thread (SQLite) or the server (PostgreSQL)
    // for each statement outside a transaction. A SQLite file never drops a
    // connection; a PostgreSQL one can be dropped by a restart or a firewall,
    // which only shows after a while idle, so only those are pinged.
    if sqlite {
        opts.test_before_acquire(false);
    } else {
        opts.test_before_acquire_if_idle_for(Duration::from_secs(30));
    }
    opts.map_sqlx_sqlite_opts(|o| {
        use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
        o.journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            .pragma("wal_autocheckpoint", "0")
    });
    opts.map_sqlx_sqlite_pool_opts(|o| o.after_connect(|conn, _| Box::pin(stable_plans(conn))));
    let db = Database::connect(opts).await?;
    if sqlite {
        checkpoint_in_background(db.clone());
    }
    Ok(db)
}

/// Turns on SQLite's query planner stability guarantee for one connection.
///
/// Without it, SQLite plans a statement with `LIMIT ?` (SeaORM's `.one()` and
/// `find_by_id`) using the bound limit, and marks the prepared statement stale
/// whenever its parameters are bound again: every such statement was parsed
/// and planned afresh at each run (a sixth of a lesson page's SQLite time,
/// `perf` on `make bench`). With the guarantee, a cached statement keeps its
/// plan. Our plans do not depend on parameter values: there are no `ANALYZE`
/// statistics and no `LIKE ?` filters.
async fn stable_plans(conn: &mut sea_orm::sqlx::SqliteConnection) -> Result<(), sea_orm::sqlx::Error> {
    use libsqlite3_sys::{sqlite3_db_config, SQLITE_DBCONFIG_ENABLE_QPSG, SQLITE_OK};
    let mut handle = conn.lock_handle().await?;
    let db = handle.as_raw_handle().as_ptr();
    let mut now_on: std::ffi::c_int = 0;
    // SAFETY: `db` is this connection's open handle, held exclusively by the
    // lock above for the duration of the call; the setting takes an int and
    // an int out-pointer, which `now_on` outlives.
    let rc = unsafe { sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_QPSG, 1 as std::ffi::c_int, &mut now_on) };
    if rc != SQLITE_OK || now_on != 1 {
        return Err(sea_orm::sqlx::Error::Configuration(
            format!("SQLite refused the query planner stability guarantee (code {rc})").into(),
        ));
    }
    Ok(())
}

/// Whether the query planner stability guarantee is on for a pooled connection
/// of `db` (a SQLite pool): for tests.
pub async fn plans_are_stable(db: &DatabaseConnection) -> Result<bool, DbErr> {
    use libsqlite3_sys::{sqlite3_db_config, SQLITE_DBCONFIG_ENABLE_QPSG};
    let mut conn = db
        .get_sqlite_connection_pool()
        .acquire()
        .await
        .map_err(|e| DbErr::Custom(e.to_string()))?;
    let mut handle = conn
        .lock_handle()
        .await
        .map_err(|e| DbErr::Custom(e.to_string()))?;
    let mut on: std::ffi::c_int = 0;
    // SAFETY: as in `stable_plans`; -1 only reads the setting.
    unsafe {
        sqlite3_db_config(
            handle.as_raw_handle().as_ptr(),
            SQLITE_DBCONFIG_ENABLE_QPSG,
            -1 as std::ffi::c_int,
            &mut on,
        )
    };
    Ok(on == 1)
}

/// SQLite's automatic checkpoint runs inside whichever write happens to
/// commit when the WAL is full, and every other writer waits behind it
/// (hundreds of milliseconds under load, measured with 500 evaluators
/// scoring at once). Here a passive checkpoint runs once a second on its own
/// instead: it never blocks writers. It ends when the pool is closed.
fn checkpoint_in_background(db: DatabaseConnection) {
    use sea_orm::ConnectionTrait;
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(1));
        loop {
            tick.tick().await;
            // A busy moment just waits for the next tick; a closed pool ends it.
            let done = db.execute_unprepared("PRAGMA wal_checkpoint(PASSIVE)").await;
            if let Err(DbErr::ConnectionAcquire(sea_orm::error::ConnAcquireErr::ConnectionClosed)) = done {
                break;
            }
        }
    });
}

/// `SINERGI_DB_POOL` connections (default 8). Each SQLite connection runs on its own
/// thread, so more connections than cores mostly adds context switches.
fn pool_size() -> u32 {
    std::env::var("SINERGI_DB_POOL")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(8)
}

fn sqlite_path(url: &str) -> Option<String> {
    let rest = url.strip_prefix("sqlite://")?;
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && path != ":memory:").then(|| path.to_string())
}

pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// Seeds the demo programme into an empty database; returns the logins to print.
pub async fn seed_if_empty(
    db: &DatabaseConnection,
    password: &str,
) -> Result<Vec<app::seed::DemoLogin>, app::error::AppError> {
    if !app::seed::is_empty(db).await? {
        return Ok(Vec::new());
    }
    app::seed::seed_demo(db, password).await
}

pub async fn create_user(
    db: &DatabaseConnection,
    email: &str,
    name: &str,
    hash: &str,
) -> Result<i64, app::error::AppError> {
    use app::entities::user;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let saved = user::ActiveModel {
        email: Set(Some(email.trim().to_lowercase())),
        full_name: Set(name.trim().to_string()),
        password_hash: Set(Some(hash.to_string())),
        active: Set(true),
        unit_kerja: Set(String::new()),
        jabatan: Set(String::new()),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(saved.id)
}

/// The command-line import: same staging, checks and transaction as the web flow.
pub async fn import_roster(
    db: &DatabaseConnection,
    class_id: i64,
    bytes: Vec<u8>,
) -> Result<Result<u32, Vec<app::classes::domain::roster_csv::RowIssue>>, String> {
    use app::classes::import;
    use sea_orm::TransactionTrait;
    let class = app::entities::class::Entity::find_by_id(class_id);
    use sea_orm::EntityTrait;
    let _ = class
        .one(db)
        .await
        .map_err(|e| e.to_string())?
        .ok_or(format!("class {class_id} not found"))?;
    let upload = import::stage(db, class_id, 0, bytes)
        .await
        .map_err(|e| format!("{e:?}"))?;
    // Whoever runs the server's command line acts as an admin: known people's
    // data is updated from the file, as an admin's reviewed import would.
    let preview = import::preview(db, class_id, &upload, true)
        .await
        .map_err(|e| format!("{e:?}"))?;
    if !preview.issues.is_empty() {
        return Ok(Err(preview.issues));
    }
    let count = db
        .transaction::<_, u32, app::error::AppError>(|txn| {
            Box::pin(async move { import::commit(txn, class_id, &upload, true).await })
        })
        .await
        .map_err(|e| format!("{e:?}"))?;
    Ok(Ok(count))
}

#[cfg(test)]
mod tests {
    use super::sqlite_path;

    #[test]
    fn sqlite_paths_are_extracted() {
        assert_eq!(
            sqlite_path("sqlite://data/sinergi.db?mode=rwc").as_deref(),
            Some("data/sinergi.db")
        );
        assert_eq!(sqlite_path("sqlite::memory:"), None);
        assert_eq!(sqlite_path("postgres://x"), None);
    }
}
