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

/// The page's query with a plain post's outcome in it (`__done`, `__slot`,
/// `__path`, `__err`, `__kept`): on the server the request's (the outcome's
/// cookie was read into it, see the server's `outcome` module; also inside
/// `render_html`, which has no router), in the browser the address bar's plus
/// the outcome the server handed over (`client::adopt`), so the hydrated page
/// agrees with the one the server sent.
fn page_query() -> Option<String> {
    #[cfg(feature = "ssr")]
    let query = use_context::<http::request::Parts>().and_then(|p| p.uri.query().map(str::to_string));
    #[cfg(feature = "hydrate")]
    let query = Some(client::page_query());
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    let query: Option<String> = None;
    query
}

fn query_value(query: &str, key: &str) -> Option<String> {
    query
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix(key)?.strip_prefix('=').map(str::to_string))
}

/// The outcome part of this request's query, for the page to hand to the
/// browser (`<body data-outcome>`): none when there is none.
pub fn outcome_query() -> Option<String> {
    const KEYS: [&str; 5] = ["__path", "__err", "__slot", "__done", "__kept"];
    let query = page_query()?;
    let pairs: Vec<&str> = query
        .split('&')
        .filter(|p| KEYS.contains(&p.split('=').next().unwrap_or_default()))
        .collect();
    (!pairs.is_empty()).then(|| pairs.join("&"))
}

/// The slot a plain post came back to with success (`__done`).
pub fn done_slot() -> Option<String> {
    query_value(&page_query()?, "__done")
}

/// A field's value as typed before a plain post that failed, when its form
/// asked to keep it (`__keep`): the login's NIP is not typed twice.
pub fn kept(name: &str) -> Option<String> {
    let kept = query_value(&page_query()?, "__kept")?;
    #[cfg(feature = "ssr")]
    let pairs: Vec<(String, String)> = {
        let once: Vec<(String, String)> = serde_urlencoded::from_str(&format!("k={kept}")).ok()?;
        serde_urlencoded::from_str(&once.first()?.1).ok()?
    };
    #[cfg(feature = "hydrate")]
    let pairs: Vec<(String, String)> = {
        let once = web_sys::UrlSearchParams::new_with_str(&format!("k={kept}"))
            .ok()?
            .get("k")?;
        let params = web_sys::UrlSearchParams::new_with_str(&once).ok()?;
        params
            .get(name)
            .map(|v| vec![(name.to_string(), v)])
            .unwrap_or_default()
    };
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    let pairs: Vec<(String, String)> = {
        let _ = kept;
        Vec::new()
    };
    pairs.into_iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

/// The hidden field asking the server to hand `names` (comma-separated)
/// back after a failed plain post (see `kept`). Never a password.
#[component]
pub fn KeepFields(names: &'static str) -> impl IntoView {
    view! { <input type="hidden" name="__keep" value=names /> }
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
        /// The outcome of a plain post the server rendered this page with
        /// (`<body data-outcome>`), and the page's path: it is this page's only.
        static FLASH: RefCell<Option<(String, String)>> = const { RefCell::new(None) };
        /// Which action's outcome is being settled: a later action's outcome
        /// takes over, and an earlier one's pending checks stand down (they
        /// would scroll the page away from where the person now acts).
        static ACTION: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    }

    /// The address bar's query, with the outcome the server handed over
    /// while the browser is still on the page it was for.
    pub fn page_query() -> String {
        let location = leptos::prelude::window().location();
        let search = location.search().unwrap_or_default();
        let path = location.pathname().unwrap_or_default();
        let flash = FLASH.with(|f| f.borrow().clone().filter(|(p, _)| *p == path).map(|(_, q)| q));
        match flash {
            Some(q) if search.is_empty() => q,
            Some(q) => format!("{}&{q}", search.trim_start_matches('?')),
            None => search.trim_start_matches('?').to_string(),
        }
    }

    /// Before hydrating: takes the outcome the server rendered the page with
    /// (kept out of the address bar, see the server's `outcome` module) and
    /// shows it to the router in the address for as long as hydrating takes
    /// (the router reads a plain post's error from there). Returns the
    /// address to put back.
    pub fn adopt() -> Option<String> {
        let flash = document().body()?.get_attribute("data-outcome")?;
        let location = leptos::prelude::window().location();
        let (path, search, hash) = (
            location.pathname().ok()?,
            location.search().ok()?,
            location.hash().ok()?,
        );
        if search.contains(&flash) {
            return None;
        }
        FLASH.with(|f| *f.borrow_mut() = Some((path.clone(), flash.clone())));
        let sep = if search.is_empty() { "?" } else { "&" };
        let history = leptos::prelude::window().history().ok()?;
        let shown = format!("{path}{search}{sep}{flash}{hash}");
        history
            .replace_state_with_url(&leptos::wasm_bindgen::JsValue::NULL, "", Some(&shown))
            .ok()?;
        Some(format!("{path}{search}{hash}"))
    }

    /// After hydrating: the address as the person saw it.
    pub fn restore(address: &str) {
        if let Ok(history) = leptos::prelude::window().history() {
            let _ = history.replace_state_with_url(&leptos::wasm_bindgen::JsValue::NULL, "", Some(address));
        }
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
        ACTION.with(|a| a.set(a.get().wrapping_add(1)));
        show(&slot);
        if reload {
            PENDING.with(|p| *p.borrow_mut() = Some((slot, js_sys::Date::now())));
        }
    }

    /// Shows the remembered outcome once its slot is on the page.
    pub fn show_pending() {
        let Some((slot, at)) = PENDING.with(|p| p.borrow().clone()) else {
            return;
        };
        if js_sys::Date::now() - at > 15_000.0 {
            PENDING.with(|p| *p.borrow_mut() = None);
        } else if show(&slot) {
            PENDING.with(|p| *p.borrow_mut() = None);
            settle(slot);
        }
    }

    /// The page may still change after the outcome is shown: a second part
    /// of it rendered again, a list grown by the row the action moved there.
    /// For a moment the slot is kept on screen and its outcome kept written
    /// (an element rendered anew has lost it), without announcing it twice.
    fn settle(slot: String) {
        let action = ACTION.with(std::cell::Cell::get);
        for delay in [150, 500, 1_200] {
            let slot = slot.clone();
            leptos::prelude::set_timeout(
                move || {
                    if ACTION.with(std::cell::Cell::get) != action {
                        return;
                    }
                    let Some(el) = element(&slot) else {
                        return;
                    };
                    let blank = el.text_content().is_none_or(|t| t.is_empty());
                    if let (Some(text), true) = (el.get_attribute("data-done"), blank) {
                        write(&el, &text);
                    }
                    if !in_view(&el) {
                        reveal(&el);
                    }
                },
                std::time::Duration::from_millis(delay),
            );
        }
    }

    fn element(id: &str) -> Option<HtmlElement> {
        document()
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    }

    fn write(slot: &HtmlElement, text: &str) {
        slot.set_text_content(Some(text));
        slot.set_class_name("outcome-ok");
        let _ = slot.set_attribute("role", "status");
        let _ = slot.remove_attribute("hidden");
    }

    fn reveal(slot: &HtmlElement) {
        let options = ScrollIntoViewOptions::new();
        options.set_block(ScrollLogicalPosition::Center);
        slot.scroll_into_view_with_scroll_into_view_options(&options);
    }

    /// Writes the slot's outcome (`data-done`) into it and into the live
    /// region, and brings the slot into view when it is not (a slot without
    /// `data-done`, such as a quick check's feedback, renders its own outcome
    /// and is only brought into view). False when it is not on the page.
    fn show(id: &str) -> bool {
        let Some(slot) = element(id) else {
            return false;
        };
        if let Some(text) = slot.get_attribute("data-done") {
            write(&slot, &text);
            if let Some(live) = document().get_element_by_id(super::ANNOUNCER) {
                live.set_text_content(Some(&text));
            }
        }
        if !in_view(&slot) {
            reveal(&slot);
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
