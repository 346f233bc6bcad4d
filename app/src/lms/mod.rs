//! What Sinergi sends back to the systems around it: grades to the LMS
//! courses a class is linked to (LTI Assignment and Grade Services) and xAPI
//! statements to a Learning Record Store, both through one outbox in the
//! database, and the tool's signing keys those calls are made with.
//!
//! It sits below every feature: curriculum, scenarios and evaluation work
//! out their own grades and statements and queue them here (each in its
//! `lms.rs`), so nothing here knows what a lesson or a rubric is, and the
//! LTI launch (`lti`) can sit above the features it opens.
pub mod ags;
pub mod domain;
pub mod grades;
pub mod keys;
pub mod outbox;
pub mod status;
pub mod xapi;
