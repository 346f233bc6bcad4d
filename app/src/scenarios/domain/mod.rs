//! Pure scenario logic (no framework).
pub mod graph;
