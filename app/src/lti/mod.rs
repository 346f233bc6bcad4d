//! Sinergi as an LTI 1.3 tool: the platforms it is registered in, its own
//! signing keys, and the OIDC login and launch. The rules live in `domain`
//! (no framework); the rest reads and writes the database and calls the LMS.
pub mod domain;
pub mod framing;
pub mod jwks;
pub mod keys;
pub mod launch;
pub mod provision;
pub mod registration;
pub mod store;
pub mod text;
