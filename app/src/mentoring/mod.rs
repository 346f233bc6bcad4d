//! Reverse mentoring: a younger colleague who is stronger in a digital skill
//! mentors an older one who asked for it. The pure pairing proposal
//! (`domain`), pairs in the database, and the mentoring page.
pub mod api;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod page_data;
#[cfg(feature = "ssr")]
pub mod scope;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
mod views;
