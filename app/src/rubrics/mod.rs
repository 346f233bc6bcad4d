//! Rubrics and multi-evaluator scoring. The pure parts (`domain`): rubric
//! shape and validation, scoring a rubric, aggregating evaluators, flagging
//! discrepancies, predicate bands and inter-rater reliability. The
//! templates shipped with the module, and rubrics in the database.
#[cfg(feature = "ssr")]
pub mod api;
pub mod domain;
#[cfg(feature = "ssr")]
mod form;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod templates;
#[cfg(feature = "ssr")]
mod views;
