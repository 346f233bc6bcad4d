//! Empathy scenarios (issue 4, in progress): branching exercises. So far only
//! the pure graph checks that every scenario must pass before it is published.
pub mod domain;
