//! Empathy scenarios: branching exercises scored on four empathy dimensions,
//! played one node at a time with every step saved as it is taken; authored
//! in the browser or as text files; analysed by generation.
#[cfg(feature = "ssr")]
pub mod analytics;
pub mod api;
#[cfg(feature = "ssr")]
pub mod assign;
pub mod authoring_api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod domain;
pub mod model;
#[cfg(feature = "ssr")]
pub mod store;
pub mod views;

/// A scenario error message in the caller's language, translated here and
/// sent as text: its wording lives in `i18n::P`, which the browser's WASM
/// does not carry (the WASM download has a budget; see `make bench`).
#[cfg(feature = "ssr")]
pub fn said(key: crate::i18n::P) -> crate::i18n::Msg {
    said_with(key, &[])
}

/// As `said`, with the `{0}`… arguments filled in.
#[cfg(feature = "ssr")]
pub fn said_with(key: crate::i18n::P, args: &[String]) -> crate::i18n::Msg {
    let locale = crate::auth::guard::request_auth()
        .map(|a| a.locale)
        .unwrap_or_default();
    let text = crate::i18n::fill(key.t(locale), args);
    crate::i18n::Msg::with(crate::i18n::K::Verbatim, [text])
}
