pub mod api;
pub mod model;
pub mod policy;
pub mod views;

#[cfg(feature = "ssr")]
pub mod class_guard;
#[cfg(feature = "ssr")]
pub mod guard;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod session_cache;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod throttle;
