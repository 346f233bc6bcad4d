//! SeaORM entities. Server-only: rows never cross the wire.
pub mod class;
pub mod class_member;
pub mod generation_scheme;
pub mod login_attempt;
pub mod programme;
pub mod roster_upload;
pub mod session;
pub mod user;
pub mod user_role;
