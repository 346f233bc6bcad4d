//! Scoring team tasks with rubrics by several evaluators: settings and
//! assignments, blind scoring with autosaved drafts and a locking submit,
//! aggregation with discrepancy flags, moderation, agreement statistics,
//! release to participants, and an audit log of every change to a score.
pub mod api;
pub mod bands_api;
mod bands_view;
pub mod export;
pub mod gather;
pub mod lms;
pub mod page_data;
pub mod subjects;
pub mod todo;
#[cfg(feature = "ssr")]
pub mod todo_data;
pub mod views;
