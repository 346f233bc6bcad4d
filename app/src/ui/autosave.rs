//! Saves a form a moment after typing stops (browser only).
use crate::ui::FormAction;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use std::time::Duration;
use web_sys::{HtmlFormElement, HtmlInputElement};

const DEBOUNCE: Duration = Duration::from_millis(800);

/// Saves a moment after typing stops. A save the network dropped is sent
/// again by the form itself (`data-retry`, see `ui::server_form`); one the
/// server refused is not: the next change sends a new one.
pub fn on_input(action: FormAction, dirty: RwSignal<bool>) -> impl Fn(leptos::ev::Event) + 'static {
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let form_of_block = StoredValue::new_local(None::<HtmlFormElement>);
    flush_when_leaving(action, dirty, form_of_block);
    Effect::new(move |_| {
        if matches!(action.save().get(), crate::ui::Save::Saved(..)) {
            dirty.set(false);
        }
    });
    move |ev: leptos::ev::Event| {
        dirty.set(true);
        action.save().update(|s| *s = s.edited());
        let form = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("form").ok().flatten())
            .and_then(|f| f.dyn_into::<HtmlFormElement>().ok());
        if let Some(form) = form {
            form_of_block.set_value(Some(form.clone()));
            schedule(timer, form, DEBOUNCE);
        }
    }
}

/// Leaving the page (reload, close, switching apps on a phone) before the
/// debounce fired would drop the last words: send them as a beacon, which the
/// browser delivers even as the page goes away.
fn flush_when_leaving(
    action: FormAction,
    dirty: RwSignal<bool>,
    form: StoredValue<Option<HtmlFormElement>, LocalStorage>,
) {
    let handle = window_event_listener(leptos::ev::pagehide, move |_| {
        if !dirty.try_get_untracked().unwrap_or(false) {
            return;
        }
        let Some(form) = form.try_get_value().flatten() else {
            return;
        };
        let Some(params) = web_sys::FormData::new_with_form(&form)
            .ok()
            .and_then(|data| web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data).ok())
        else {
            return;
        };
        crate::ui::fresh_save_key(&form);
        if let Some(key) = form
            .query_selector("input[name=save_key]")
            .ok()
            .flatten()
            .and_then(|i| i.dyn_into::<HtmlInputElement>().ok())
        {
            params.set("save_key", &key.value());
        }
        let _ = window()
            .navigator()
            .send_beacon_with_opt_url_search_params(action.url(), Some(&params));
    });
    on_cleanup(move || handle.remove());
}

pub fn schedule(timer: StoredValue<Option<TimeoutHandle>>, form: HtmlFormElement, delay: Duration) {
    if let Some(handle) = timer.get_value() {
        handle.clear();
    }
    let handle = set_timeout_with_handle(
        move || {
            // A new save: the submit handler gives it a fresh key.
            let _ = form.request_submit();
        },
        delay,
    )
    .ok();
    timer.set_value(handle);
}
