//! The scenario pages. Their content is rendered on the server (`*_body`, text
//! from `i18n::P`); the hydrated page only fetches it and posts its forms.
#[cfg(feature = "ssr")]
mod analytics_body;
#[cfg(feature = "ssr")]
mod authoring_body;
#[cfg(feature = "ssr")]
mod graph_svg;
#[cfg(feature = "ssr")]
mod list_body;
#[cfg(feature = "ssr")]
mod play_body;
#[cfg(feature = "ssr")]
pub mod text;

#[cfg(feature = "ssr")]
pub use {
    analytics_body::analytics_body,
    authoring_body::{editor_body, scenarios_body},
    list_body::class_list_body,
    play_body::play_body,
};
