//! What a form's action did, told where the person acted.
//!
//! Every action form names a slot: the element beside it (`data-error-slot`)
//! where its error is shown, and, after a success, its outcome (the slot's
//! `data-done` text, "Hasil dirilis: peserta kini melihatnya"). Without
//! JavaScript the server's redirect comes back to that slot (`#slot`, with
//! `__done=slot` in the query, see the server's `outcome` module), so the page
//! scrolls there and renders the outcome. Once hydrated, a success is
//! remembered here until the page's data has been shown again, then written
//! into the slot (scrolled into view if it is not) and into the page's one
//! live region, so a screen reader announces it too.
use leptos::prelude::*;

/// The id of the page's polite live region (`Announcer`).
pub const ANNOUNCER: &str = "announcer";

/// The page's one live region for outcomes, present from the first render so
/// screen readers announce what is later written into it. (Polite, without
/// the `status` role: the visible slot beside the form is the status.)
#[component]
pub fn Announcer() -> impl IntoView {
    view! { <div id=ANNOUNCER class="sr-only" aria-live="polite" aria-atomic="true"></div> }
}

/// The slot a plain post came back to with success (`__done` in the page's
/// URL). Read from the request on the server (also inside `render_html`,
/// which has no router) and from the address bar in the browser, so the
/// hydrated page agrees with the one the server sent.
pub fn done_slot() -> Option<String> {
    #[cfg(feature = "ssr")]
    let query = use_context::<http::request::Parts>().and_then(|p| p.uri.query().map(str::to_string));
    #[cfg(feature = "hydrate")]
    let query = window().location().search().ok();
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    let query: Option<String> = None;
    query.and_then(|q| {
        q.trim_start_matches('?')
            .split('&')
            .find_map(|pair| pair.strip_prefix("__done=").map(str::to_string))
    })
}

/// The slot of a form that is not server-rendered HTML (a Leptos view): it
/// carries only the outcome (the form shows its own errors beside its
/// fields), rendered the same on the server and once hydrated.
#[component]
pub fn OutcomeSlot(#[prop(into)] id: String, done: crate::i18n::K) -> impl IntoView {
    let text = done.text(super::use_locale().get_untracked());
    let landed = done_slot().is_some_and(|s| s == id);
    let class = if landed { "outcome-ok" } else { "outcome" };
    view! { <p id=id class=class role="status" hidden=!landed data-done=text>{landed.then_some(text)}</p> }
}

/// A hidden field naming the slot of the form it is in (see the module's text).
#[component]
pub fn SlotInput(#[prop(into)] id: String) -> impl IntoView {
    view! { <input type="hidden" name="__slot" value=id /> }
}

#[cfg(feature = "hydrate")]
pub mod client {
    use leptos::prelude::document;
    use leptos::wasm_bindgen::JsCast;
    use std::cell::RefCell;
    use web_sys::{HtmlElement, HtmlFormElement, ScrollIntoViewOptions, ScrollLogicalPosition};

    thread_local! {
        /// The slot of the form whose save succeeded, until it is shown, with
        /// when (a page that never renders it again must not show it later).
        static PENDING: RefCell<Option<(String, f64)>> = const { RefCell::new(None) };
    }

    /// A save of `form` succeeded: its outcome is shown once the page is
    /// rendered again (`show_pending`), or at once when it is not (`reload` false).
    /// An autosaving form (a score, a rubric) or one sent again until the
    /// network is back (a scenario step) has its own save indicator, and must
    /// not move the page under someone working: it is left out.
    pub fn succeeded(form: Option<&HtmlFormElement>, reload: bool) {
        let quiet = |f: &&HtmlFormElement| f.has_attribute("data-autosave") || f.has_attribute("data-retry");
        let Some(form) = form.filter(|f| !quiet(f)) else {
            return;
        };
        let Some(slot) = form.get_attribute("data-error-slot") else {
            return;
        };
        // Shown now (a view that stays), and again once reloaded server HTML
        // has replaced the slot.
        show(&slot);
        if reload {
            PENDING.with(|p| *p.borrow_mut() = Some((slot, js_sys::Date::now())));
        }
    }

    /// Shows the remembered outcome, if its slot is on the page now.
    /// Shows the remembered outcome once its slot is on the page.
    pub fn show_pending() {
        let Some((slot, at)) = PENDING.with(|p| p.borrow().clone()) else {
            return;
        };
        if js_sys::Date::now() - at > 15_000.0 || show(&slot) {
            PENDING.with(|p| *p.borrow_mut() = None);
        }
    }

    /// Writes the slot's outcome (`data-done`) into it and into the live
    /// region, and brings the slot into view when it is not (a slot without
    /// `data-done`, such as a quick check's feedback, renders its own outcome
    /// and is only brought into view). False when it is not on the page.
    fn show(id: &str) -> bool {
        let Some(slot) = document()
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        else {
            return false;
        };
        if let Some(text) = slot.get_attribute("data-done") {
            slot.set_text_content(Some(&text));
            slot.set_class_name("outcome-ok");
            let _ = slot.set_attribute("role", "status");
            let _ = slot.remove_attribute("hidden");
            if let Some(live) = document().get_element_by_id(super::ANNOUNCER) {
                live.set_text_content(Some(&text));
            }
        }
        if !in_view(&slot) {
            let options = ScrollIntoViewOptions::new();
            options.set_block(ScrollLogicalPosition::Center);
            slot.scroll_into_view_with_scroll_into_view_options(&options);
        }
        true
    }

    fn in_view(el: &HtmlElement) -> bool {
        let rect = el.get_bounding_client_rect();
        let height = leptos::prelude::window()
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(0.0);
        rect.top() >= 0.0 && rect.bottom() <= height
    }
}
