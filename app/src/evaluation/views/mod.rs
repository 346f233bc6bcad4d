//! The evaluation pages, rendered on the server from what `page_data`
//! loaded: a target's evaluation (settings, evaluators, results with flags
//! and moderation, agreement, release) and the scoring page (the submission
//! beside the rubric).
mod evaluation_page;
mod results;
mod scoring;
mod todo;

pub use evaluation_page::evaluation_body;
pub use scoring::{running_total, scoring_body};
pub use todo::todo_body;
