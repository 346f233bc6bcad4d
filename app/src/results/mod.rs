//! A scored target's stored scores and its released results: what the
//! evaluation feature writes, and what the task and scenario pages read to
//! show a participant their result. It knows nothing of tasks, scenarios or
//! the LMS, so those features can sit above it and below evaluation.
pub mod released;
pub mod report;
pub mod sheet;
pub mod store;
pub mod target;
