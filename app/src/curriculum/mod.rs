//! The intergenerational-communication curriculum: units, micro-lessons, blocks.
pub mod domain;
pub mod model;
#[cfg(feature = "ssr")]
pub mod store;
