//! Every integration test in one binary: each module was a test crate of its
//! own, and each of those linked the whole server again.
#[macro_use]
mod common;
mod lti_sim;

mod auth;
mod authoring;
mod authz_matrix;
mod curriculum;
mod evaluation;
mod exports_roundtrip;
mod hostile;
mod learning;
mod lti;
mod malformed;
mod page_queries;
mod plain_posts;
mod races;
mod roster_import;
mod rubrics;
mod scenarios;
mod security;
mod teamwork;
mod upgrade;
mod xapi;
