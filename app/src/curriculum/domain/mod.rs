//! Pure curriculum logic (no framework): the portable file format and its rules.
#[cfg(feature = "ssr")]
pub mod authoring;
#[cfg(feature = "ssr")]
pub mod block_source;
#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod format;
pub mod progress;
pub mod rules;

#[cfg(all(test, feature = "ssr"))]
mod format_tests;
