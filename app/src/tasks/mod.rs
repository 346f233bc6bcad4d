//! Team tasks: a facilitator sets a task (brief in Markdown, due time, late
//! policy, the rubric that will score it); any member of a team hands in
//! text, links and files; every submission is a version and nothing is
//! overwritten; the version on time counts, late ones are marked.
pub mod api;
#[cfg(feature = "ssr")]
pub mod new_task;
#[cfg(feature = "ssr")]
pub mod page_data;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
mod upload;
#[cfg(feature = "ssr")]
pub(crate) mod views;
