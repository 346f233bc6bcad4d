//! Sinergi: the cross-generation module for ASN leadership training.
//! Compiled twice: with `ssr` for the server and with `hydrate` for the browser.
#![recursion_limit = "256"]

pub mod admin;
pub mod app;
#[cfg(feature = "ssr")]
pub mod assets;
pub mod auth;
pub mod calendar;
pub mod classes;
pub mod csv_out;
pub mod curriculum;
pub mod error;
#[cfg(feature = "ssr")]
pub mod evaluation;
pub mod home;
pub mod i18n;
pub mod layout;
#[cfg(feature = "ssr")]
pub mod lms;
#[cfg(feature = "ssr")]
pub mod lti;
#[cfg(feature = "ssr")]
pub mod markdown;
pub mod mentoring;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod results;
pub mod rubrics;
pub mod save_version;
pub mod scenarios;
pub mod session;
#[cfg(test)]
mod source_tree;
pub mod tasks;
pub mod teams;
pub mod text_limits;
pub mod ui;
pub mod web;

#[cfg(feature = "ssr")]
pub mod entities;
#[cfg(feature = "ssr")]
pub mod seed;
#[cfg(feature = "ssr")]
pub mod server_util;
#[cfg(feature = "ssr")]
pub mod state;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // A plain post's outcome, handed over by the server outside the address
    // bar, is shown to the router while the page hydrates, then taken out.
    let address = ui::outcome::client::adopt();
    leptos::mount::hydrate_body(app::App);
    if let Some(address) = address {
        ui::outcome::client::restore(&address);
    }
}
