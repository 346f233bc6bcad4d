pub mod api;
pub mod domain;
pub mod messages;
pub mod model;
pub mod views;

#[cfg(feature = "ssr")]
pub mod identity;
#[cfg(feature = "ssr")]
pub mod import;
#[cfg(feature = "ssr")]
pub mod store;
