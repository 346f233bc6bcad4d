//! Reverse mentoring (issue 5, in progress): so far the pure pairing proposal.
pub mod domain;
