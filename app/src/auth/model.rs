//! Wire types for accounts and sessions.

pub use crate::session::{Role, SessionInfo, UserInfo};

pub const MIN_PASSWORD_LEN: usize = 10;
