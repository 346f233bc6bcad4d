//! The one error type that crosses the wire. Messages are translation keys,
//! never English strings or driver text.
use crate::i18n::{Msg, K};
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Bad input: field name → messages, rendered beside the field.
    #[error("invalid input")]
    Invalid(BTreeMap<String, Vec<Msg>>),
    /// A business rule refused the request.
    #[error("rule")]
    Rule(Msg),
    #[error("not found")]
    NotFound,
    #[error("conflict")]
    Conflict(Msg),
    #[error("unauthenticated")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    /// Something failed on our side; the reference ties the message to the log line.
    #[error("internal error {0}")]
    Internal(String),
    /// The request never reached us or the answer never came back (network, decoding).
    #[error("transport")]
    Transport,
}

impl AppError {
    pub fn field(field: &str, msg: Msg) -> Self {
        let mut map = BTreeMap::new();
        map.insert(field.to_string(), vec![msg]);
        AppError::Invalid(map)
    }

    pub fn rule(key: K) -> Self {
        AppError::Rule(Msg::new(key))
    }

    /// Messages for one field, if this is a validation error.
    pub fn field_messages(&self, field: &str) -> Vec<Msg> {
        match self {
            AppError::Invalid(map) => map.get(field).cloned().unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// Every message: each field's for a validation error, else the alert.
    pub fn messages(&self) -> Vec<Msg> {
        match self {
            AppError::Invalid(map) => map.values().flatten().cloned().collect(),
            other => other.alert().into_iter().collect(),
        }
    }

    /// Every message as text; a field named `…:line` (a problem in an edited
    /// file or block source) is prefixed with its line, and a message's first
    /// argument (the detail) follows in parentheses when its text has no place for it.
    pub fn located_messages(&self, locale: crate::i18n::Locale) -> Vec<String> {
        let AppError::Invalid(map) = self else {
            return self.messages().iter().map(|m| m.render(locale)).collect();
        };
        let mut out = Vec::new();
        for (field, msgs) in map {
            let line = field.rsplit_once(':').and_then(|(_, l)| l.parse::<u32>().ok());
            for m in msgs {
                let mut text = m.render(locale);
                if let Some(detail) = m
                    .args
                    .first()
                    .filter(|d| !d.is_empty() && !text.contains(d.as_str()))
                {
                    text = format!("{text} ({detail})");
                }
                out.push(match line {
                    Some(l) if l > 0 => {
                        crate::i18n::fill(K::CurIssueAtLine.t(locale), &[l.to_string(), text])
                    }
                    _ => text,
                });
            }
        }
        out
    }

    /// The message shown in the page-level alert (None for pure field errors).
    pub fn alert(&self) -> Option<Msg> {
        match self {
            AppError::Invalid(_) => Some(Msg::new(K::ErrFixFields)),
            AppError::Rule(m) | AppError::Conflict(m) => Some(m.clone()),
            AppError::NotFound => Some(Msg::new(K::ErrNotFound)),
            AppError::Unauthenticated => Some(Msg::new(K::ErrUnauthenticated)),
            AppError::Forbidden => Some(Msg::new(K::ErrForbidden)),
            AppError::Internal(r) => Some(Msg::with(K::ErrInternal, [r.clone()])),
            AppError::Transport => Some(Msg::new(K::ErrTransport)),
        }
    }

    /// The HTTP status this error is answered with: the one mapping from error
    /// to status (`server::hardening::server_fn_status` applies it to every
    /// server-fn answer and to the middleware's own refusals). A request that
    /// could not be read is 400, a refused rule or field 422, a sign-in that
    /// must wait 429; only our own faults are 500.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Rule(m) if m.key == K::ErrBadRequest => 400,
            AppError::Rule(m) if m.key == K::ErrCsrf => 403,
            // The sign-in pause (auth::throttle): the request was fine, only early.
            AppError::Rule(m) if m.key == K::ErrTooManyAttempts => 429,
            AppError::Invalid(_) | AppError::Rule(_) => 422,
            AppError::Unauthenticated => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::Conflict(_) => 409,
            AppError::Internal(_) => 500,
            // Made by the browser's client only; on the server a request that
            // never arrived whole.
            AppError::Transport => 400,
        }
    }

    /// Logs an internal failure under a fresh reference and hides its text from users.
    #[cfg(feature = "ssr")]
    pub fn internal(err: impl std::fmt::Display) -> Self {
        let reference = uuid::Uuid::new_v4().simple().to_string()[..8].to_string();
        tracing::error!(%reference, error = %err, "internal error");
        AppError::Internal(reference)
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    /// A statement refused because another transaction got there first (a
    /// serialization failure, a lock, a unique index just filled) is a
    /// conflict the person can retry, and `server_util::write` retries it
    /// itself; everything else is our fault.
    fn from(e: sea_orm::DbErr) -> Self {
        if is_contention_err(&e) {
            tracing::info!(error = %e, "write collided with another");
            return AppError::Conflict(Msg::new(K::ErrBusy));
        }
        AppError::internal(e)
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::TransactionError<AppError>> for AppError {
    fn from(e: sea_orm::TransactionError<AppError>) -> Self {
        match e {
            sea_orm::TransactionError::Connection(db) => AppError::internal(db),
            sea_orm::TransactionError::Transaction(app) => app,
        }
    }
}

impl From<validator::ValidationErrors> for AppError {
    fn from(errors: validator::ValidationErrors) -> Self {
        let mut map = BTreeMap::new();
        for (field, errs) in errors.field_errors() {
            let msgs = errs
                .iter()
                .map(|e| Msg::new(K::from_code(&e.code).unwrap_or(K::ErrInvalidValue)))
                .collect();
            map.insert(field.to_string(), msgs);
        }
        AppError::Invalid(map)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::Deserialization(_) => {
                AppError::rule(K::ErrBadRequest)
            }
            // On the server these mean the request itself was unreadable (a
            // broken body, a missing argument); in the browser, the network.
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Request(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_) => AppError::rule(K::ErrBadRequest),
            ServerFnErrorErr::ServerError(_) | ServerFnErrorErr::MiddlewareError(_) => {
                AppError::Internal("-".into())
            }
            _ if cfg!(feature = "ssr") => AppError::Internal("-".into()),
            _ => AppError::Transport,
        }
    }
}

pub type AppResult<T> = Result<T, AppError>;

#[cfg(feature = "ssr")]
/// The database refused this statement because of another transaction,
/// not because of anything wrong with it: trying again may succeed.
pub fn is_contention_err(e: &sea_orm::DbErr) -> bool {
    use sea_orm::{sqlx, DbErr, RuntimeErr};
    if matches!(e.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_))) {
        return true;
    }
    let (DbErr::Exec(RuntimeErr::SqlxError(inner))
    | DbErr::Query(RuntimeErr::SqlxError(inner))
    | DbErr::Conn(RuntimeErr::SqlxError(inner))) = e
    else {
        return false;
    };
    let sqlx::Error::Database(db) = &**inner else {
        return false;
    };
    // PostgreSQL: serialization_failure, deadlock_detected. SQLite (extended
    // codes): BUSY, LOCKED and their variants (BUSY_SNAPSHOT is 517).
    matches!(
        db.code().as_deref(),
        Some("40001" | "40P01" | "5" | "6" | "261" | "262" | "517" | "773")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_own_faults_are_500() {
        let statuses = [
            (AppError::rule(K::ErrBadRequest), 400),
            (AppError::Unauthenticated, 401),
            (AppError::Forbidden, 403),
            (AppError::rule(K::ErrCsrf), 403),
            (AppError::NotFound, 404),
            (AppError::Conflict(Msg::new(K::ErrFixFields)), 409),
            (AppError::field("title", Msg::new(K::ErrRequired)), 422),
            (AppError::rule(K::LoginFailed), 422),
            (
                AppError::Rule(Msg::with(K::ErrTooManyAttempts, ["3".to_string()])),
                429,
            ),
            (AppError::Internal("ref".into()), 500),
        ];
        for (err, status) in statuses {
            assert_eq!(err.status(), status, "{err:?}");
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn an_unreadable_request_is_the_callers_fault() {
        for e in [
            ServerFnErrorErr::Request("body".into()),
            ServerFnErrorErr::MissingArg("csrf".into()),
            ServerFnErrorErr::Args("x".into()),
        ] {
            assert_eq!(AppError::from_server_fn_error(e).status(), 400);
        }
        let e = ServerFnErrorErr::Serialization("x".into());
        assert_eq!(AppError::from_server_fn_error(e).status(), 500);
    }
}
