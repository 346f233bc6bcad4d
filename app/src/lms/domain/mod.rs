//! Grade and statement formats without any framework: which item a grade
//! belongs to, the score and comment an LMS receives, xAPI statements.
pub mod grades;
pub mod items;
pub mod xapi;
