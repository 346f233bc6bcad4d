//! Pure team formation (no framework): team sizes, scoring a team against the
//! class, and the search that maximises the worst team first.
pub mod deliverable;
pub mod explain;
pub mod optimise;
pub mod score;
pub mod sizes;
pub mod submissions;
pub mod survey;
