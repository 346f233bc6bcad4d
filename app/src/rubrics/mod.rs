//! Rubrics and multi-evaluator scoring. The pure parts (`domain`): rubric
//! shape and validation, scoring a rubric, aggregating evaluators, flagging
//! discrepancies, predicate bands and inter-rater reliability.
pub mod domain;
