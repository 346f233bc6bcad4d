//! SeaORM entities. Server-only: rows never cross the wire.
pub mod check_answer;
pub mod class;
pub mod class_member;
pub mod class_unit_release;
pub mod cur_block;
pub mod cur_lesson;
pub mod cur_unit;
pub mod generation_scheme;
pub mod lesson_completion;
pub mod login_attempt;
pub mod programme;
pub mod reflection;
pub mod roster_upload;
pub mod session;
pub mod user;
pub mod user_role;
