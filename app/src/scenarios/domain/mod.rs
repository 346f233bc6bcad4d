//! Pure scenario logic (no framework): the graph and publishing rules, the
//! player's state machine and the portable text format.
pub mod analytics;
pub mod engine;
#[cfg(feature = "ssr")]
pub mod export;
#[cfg(test)]
mod fixture;
#[cfg(feature = "ssr")]
pub mod format;
pub mod grade;
pub mod graph;
pub mod rules;
