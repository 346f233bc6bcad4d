//! Shared components: layout, form helpers, error display.
#[cfg(feature = "hydrate")]
pub mod autosave;
mod forms;
pub mod outcome;
mod page_data;
#[cfg(feature = "ssr")]
pub mod rendered;
mod save_state;
mod server_form;
mod server_html;
mod session_state;
mod textarea;

pub use forms::{Alert, CsrfField, FieldError, Notice, PageError};
#[cfg(feature = "hydrate")]
pub use outcome::client::show_pending as show_pending_outcome;
pub use outcome::{done_slot, Announcer, OutcomeSlot, SlotInput};
pub use page_data::{html_page_data, page_data, CarriesHtml, HtmlPageData, PageData};
pub use save_state::{Save, SaveIndicator};
#[cfg(feature = "ssr")]
pub use server_form::slot_action;
pub use server_form::{form_action, FormAction, ServerForm};
#[cfg(feature = "ssr")]
pub use server_html::{render_html, ErrorSlot, SlotField};
pub use server_html::{HtmlPage, MarkdownPreview, ServerHtml};
pub use textarea::textarea_text;

pub use session_state::{bump_session_on_success, SessionResource, SessionVersion};

/// What a form inside server-rendered HTML gets back when it saved and the
/// page stays as it is (`data-keep`): a `text` for the element the form's
/// `data-result` names (a running total), and new values for some of the
/// form's own fields (the `base` revision the next save starts from).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FormAnswer {
    pub text: String,
    pub fields: Vec<(String, String)>,
}

/// Gives the form's `save_key` field a new random value: the idempotency key of
/// the save about to be sent (see `save_version`).
#[cfg(feature = "hydrate")]
pub fn fresh_save_key(form: &web_sys::HtmlFormElement) {
    use leptos::wasm_bindgen::JsCast;
    let input = form
        .query_selector("input[name=save_key]")
        .ok()
        .flatten()
        .and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok());
    if let Some(input) = input {
        let random = || (js_sys::Math::random() * 4_294_967_296.0) as u64;
        input.set_value(&format!(
            "{:08x}{:08x}{:08x}",
            random(),
            random(),
            js_sys::Date::now() as u64
        ));
    }
}
use crate::i18n::{Locale, Msg, K};
use crate::session::UserInfo;
use leptos::prelude::*;

pub fn use_locale() -> Memo<Locale> {
    use_context::<Memo<Locale>>().unwrap_or_else(|| Memo::new(|_| Locale::Id))
}

/// A reactive translation: `{t(K::NavHome)}` in a view.
pub fn t(key: K) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let locale = use_locale();
    move || key.t(locale.get())
}

pub fn tm(msg: Msg) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    let locale = use_locale();
    move || msg.render(locale.get())
}

pub fn use_session() -> SessionResource {
    expect_context::<SessionResource>()
}

/// The logged-in user, if any (reactive).
pub fn use_user() -> Signal<Option<UserInfo>> {
    let session = use_session();
    Signal::derive(move || session.get().and_then(|s| s.ok()).and_then(|s| s.user))
}

/// The class id of the page's route (`/classes/:id/…`), 0 when it has none.
pub fn class_id_param() -> Memo<i64> {
    let params = leptos_router::hooks::use_params_map();
    Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| s.parse().ok()).unwrap_or(0)))
}

pub fn use_csrf() -> Signal<String> {
    if let Some(server_html::RenderedCsrf(token)) = use_context::<server_html::RenderedCsrf>() {
        return Signal::derive(move || token.clone());
    }
    let session = use_session();
    Signal::derive(move || {
        session
            .get()
            .and_then(|s| s.ok())
            .map(|s| s.csrf)
            .unwrap_or_default()
    })
}

/// As `t`, for text that only server-rendered parts show (`i18n::P`).
#[cfg(feature = "ssr")]
pub fn tp(key: crate::i18n::P) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let locale = use_locale();
    move || key.t(locale.get())
}
