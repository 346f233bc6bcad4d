//! Empathy scenarios: branching exercises scored on four empathy dimensions,
//! played one node at a time with every step saved as it is taken; authored
//! in the browser or as text files; analysed by generation.
#[cfg(feature = "ssr")]
pub mod analytics;
pub mod api;
#[cfg(feature = "ssr")]
pub mod assign;
pub mod authoring_api;
pub mod domain;
pub mod model;
#[cfg(feature = "ssr")]
pub mod page_data;
#[cfg(feature = "ssr")]
pub mod store;
pub mod views;
