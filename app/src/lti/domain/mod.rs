//! LTI 1.3 rules without any framework: what an id_token must say, and how
//! the platform's roles become Sinergi memberships.
pub mod claims;
pub mod identity;
pub mod roles;
