//! Sign-in throttling, in the database so that several app servers share it.
//!
//! **What we chose, and why.** Failures are counted per *account*, whichever
//! identifier was typed (e-mail and NIP of one person count together, under
//! `acct:<user id>`), and per client IP. A run of failures on an account is
//! answered with a *pause*, never a lock: after `ACCOUNT_FREE_FAILURES`
//! failures each further attempt must wait `pause_after(failures)` (1, 2, 4,
//! then at most `MAX_PAUSE_SECS` seconds) after the previous one, and is told
//! how long ("tunggu N detik"). The right password is never refused because of
//! someone else's guesses for longer than that pause.
//!
//! A lock per account (the old rule: five failures locked the owner out for
//! 15 minutes) let anyone who knows a colleague's NIP — printed on letters and
//! rosters — lock them out at will. The pause still bounds guessing on one
//! account to one try per `MAX_PAUSE_SECS` whatever the number of addresses
//! (the turn is claimed with a conditional update, so parallel guesses cannot
//! share it), each try costs an argon2 hash, and one address that guesses too
//! much is locked by `IP_MAX_FAILURES` as before.
//!
//! Failures that follow each other within `THROTTLE_WINDOW` count together;
//! the window slides from the last failure (`window_start` holds its time).
use crate::entities::login_attempt;
use crate::error::AppResult;
use chrono::{Duration, Utc};
use sea_orm::{prelude::*, sea_query::OnConflict, ActiveValue::Set};

pub const ACCOUNT_FREE_FAILURES: i32 = 5;
pub const MAX_PAUSE_SECS: i64 = 5;
pub const IP_MAX_FAILURES: i32 = 30;
pub const THROTTLE_WINDOW: Duration = Duration::minutes(15);

/// The key failures of one account are counted under; an identifier that
/// names no account is counted on its own (it has no owner to protect).
pub fn account_key(user_id: Option<i64>, identifier: &str) -> String {
    match user_id {
        Some(id) => format!("acct:{id}"),
        None => format!("acct:?{identifier}"),
    }
}

pub fn ip_key(ip: &str) -> String {
    format!("ip:{ip}")
}

/// How long an account waits between attempts after `failures` failures.
pub fn pause_after(failures: i32) -> Duration {
    if failures < ACCOUNT_FREE_FAILURES {
        return Duration::zero();
    }
    let doubling = (failures - ACCOUNT_FREE_FAILURES).min(8) as u32;
    Duration::seconds((1i64 << doubling).min(MAX_PAUSE_SECS))
}

/// An attempt allowed to check its password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Turn {
    /// Not paused: a failure is recorded afterwards.
    Free,
    /// Paused and this attempt took the turn; it was counted as a failure
    /// already, and a success clears it.
    Claimed,
}

/// Whether this attempt on the account may check its password now, or the
/// seconds to wait first.
pub async fn take_turn(db: &DatabaseConnection, key: &str) -> AppResult<Result<Turn, i64>> {
    let Some(row) = login_attempt::Entity::find_by_id(key.to_string()).one(db).await? else {
        return Ok(Ok(Turn::Free));
    };
    let now = Utc::now();
    let pause = pause_after(row.failures);
    if now - row.window_start > THROTTLE_WINDOW || pause.is_zero() {
        return Ok(Ok(Turn::Free));
    }
    let ready = row.window_start + pause;
    if now < ready {
        return Ok(Err(seconds_up(ready - now)));
    }
    // Only one attempt takes this turn: the row must still hold what was read.
    let taken = login_attempt::Entity::update_many()
        .col_expr(login_attempt::Column::Failures, Expr::value(row.failures + 1))
        .col_expr(login_attempt::Column::WindowStart, Expr::value(now))
        .filter(login_attempt::Column::Key.eq(key))
        .filter(login_attempt::Column::Failures.eq(row.failures))
        .exec(db)
        .await?;
    Ok(if taken.rows_affected == 1 {
        Ok(Turn::Claimed)
    } else {
        Err(seconds_up(pause_after(row.failures + 1)))
    })
}

fn seconds_up(d: Duration) -> i64 {
    (d.num_milliseconds() + 999).div_euclid(1000).max(1)
}

/// Minutes until the key may try again, if it has `max` failures in the window.
pub async fn locked_for(db: &DatabaseConnection, key: &str, max: i32) -> AppResult<Option<i64>> {
    let Some(row) = login_attempt::Entity::find_by_id(key.to_string()).one(db).await? else {
        return Ok(None);
    };
    let until = row.window_start + THROTTLE_WINDOW;
    let now = Utc::now();
    if row.failures >= max && until > now {
        Ok(Some(((until - now).num_seconds() + 59) / 60))
    } else {
        Ok(None)
    }
}

/// One more failure under `key`, in one statement each way: counted on in the
/// window, or started again after it.
pub async fn record_failure(db: &DatabaseConnection, key: &str) -> AppResult<()> {
    let now = Utc::now();
    let counted = login_attempt::Entity::update_many()
        .col_expr(
            login_attempt::Column::Failures,
            sea_orm::sea_query::ExprTrait::add(Expr::col(login_attempt::Column::Failures), 1),
        )
        .col_expr(login_attempt::Column::WindowStart, Expr::value(now))
        .filter(login_attempt::Column::Key.eq(key))
        .filter(login_attempt::Column::WindowStart.gt(now - THROTTLE_WINDOW))
        .exec(db)
        .await?;
    if counted.rows_affected == 0 {
        login_attempt::Entity::insert(login_attempt::ActiveModel {
            key: Set(key.to_string()),
            window_start: Set(now),
            failures: Set(1),
        })
        .on_conflict(
            OnConflict::column(login_attempt::Column::Key)
                .update_columns([
                    login_attempt::Column::WindowStart,
                    login_attempt::Column::Failures,
                ])
                .to_owned(),
        )
        .exec(db)
        .await?;
    }
    Ok(())
}

pub async fn clear_failures(db: &DatabaseConnection, key: &str) -> AppResult<()> {
    login_attempt::Entity::delete_by_id(key.to_string())
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pause_grows_and_is_capped() {
        let secs: Vec<i64> = (3..=12).map(|f| pause_after(f).num_seconds()).collect();
        assert_eq!(secs, [0, 0, 1, 2, 4, 5, 5, 5, 5, 5]);
        assert_eq!(pause_after(i32::MAX).num_seconds(), MAX_PAUSE_SECS);
    }
}
