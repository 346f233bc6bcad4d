//! Pure rubric logic: no framework, no database.
pub mod aggregate;
pub mod agreement;
pub mod bands;
pub mod io;
pub mod rubric;
