//! Empathy scenarios: branching exercises scored on four empathy dimensions,
//! played one node at a time with every step saved as it is taken.
pub mod domain;
pub mod model;
