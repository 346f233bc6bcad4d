//! The intergenerational-communication curriculum: units, micro-lessons, blocks.
pub mod api;
pub mod authoring_api;
pub mod domain;
pub mod issues;
pub mod model;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod transfer;
pub mod view_model;
pub mod views;
