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
    fn from(e: sea_orm::DbErr) -> Self {
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
            ServerFnErrorErr::ServerError(_) | ServerFnErrorErr::MiddlewareError(_) => {
                AppError::Internal("-".into())
            }
            _ => AppError::Transport,
        }
    }
}

pub type AppResult<T> = Result<T, AppError>;
