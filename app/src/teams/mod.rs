//! Multigenerational teams: the pure optimiser (`domain`), the class survey
//! that feeds it, team sets in the database that a facilitator forms, adjusts
//! and publishes, and the teams page.
pub mod api;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod labels;
#[cfg(feature = "ssr")]
pub mod page_data;
#[cfg(feature = "ssr")]
pub mod settings;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod survey;
#[cfg(feature = "ssr")]
pub mod views;
