//! Read-only page parts rendered to HTML on the server.
//!
//! A table, a chart or a board that only displays data needs no code in the
//! browser: the server fn renders it with the caller's language and sends the
//! HTML, and the page shows it as is. Only its forms and live widgets hydrate.
//! This keeps the WASM download small for trainers on slow island networks
//! (see `make bench`), and client-side navigation still works: the router
//! fetches the HTML through the same server fn.
use leptos::prelude::*;

/// Shows HTML rendered by `render_html` on the server. Once hydrated, its post
/// forms are sent by fetch through `forms`, whose `version` the page's data
/// follows and whose `value` holds the last result. A form with a
/// `data-error-slot` attribute gets its error written into the element with
/// that id, next to the form, instead of the page's alert. A form marked
/// `data-keep` saves what is on screen already (an editor's text): its success
/// does not reload the HTML, so nothing typed meanwhile is replaced. A form
/// marked `data-autosave` sends itself a moment after each change, and its
/// changes set `forms`' save state to saving (see `SaveIndicator`).
/// Where a textarea's live preview (`data-preview`) is rendered: the path
/// of the server fn that renders Markdown as a page will show it. The app
/// provides it: the kit does not know which feature's server fn that is.
/// It is posted like a form (the CSRF token in the body, which the
/// middleware checks), so no fn takes the token as an argument.
#[derive(Clone, Copy)]
pub struct MarkdownPreview(pub &'static str);

#[component]
pub fn ServerHtml(
    html: String,
    #[prop(optional_no_strip)] forms: Option<super::FormAction>,
) -> impl IntoView {
    let slot = RwSignal::new(None::<String>);
    #[cfg(feature = "hydrate")]
    if let Some(action) = forms {
        let locale = super::use_locale();
        // A success's outcome replaces the form's earlier error in its slot,
        // written by `ui::outcome` (at once, or once the page is reloaded).
        // A success clears an earlier error (an autosaving form tells no
        // outcome, and a page kept on screen is not rendered again to clear it).
        Effect::new(move |_| match (action.value().get(), slot.get_untracked()) {
            (Some(Err(error)), Some(id)) => client::show_in_slot(&id, &error, locale.get_untracked()),
            (Some(Ok(())), Some(id)) => client::clear_error(&id),
            _ => {}
        });
    }
    // A save that reloaded this HTML tells its outcome now that it is shown.
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        let _ = leptos::prelude::request_animation_frame_with_handle(super::outcome::client::show_pending);
    });
    #[cfg(feature = "hydrate")]
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        if let Some(action) = forms {
            // An autosave form is sent whole now: its autosave still waiting
            // would only follow it (after "Kirim nilai", to be refused).
            if let (true, Some(handle)) = (client::autosaves(&ev), timer.get_value()) {
                handle.clear();
            }
            slot.set(client::error_slot(&ev));
            let reload = !client::keeps_page(&ev);
            super::server_form::client::submit_then(action, ev, reload);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, forms, slot);
    };
    // Live preview: a textarea with `data-preview` shows its Markdown, rendered
    // and sanitised by the server, in the element that attribute names.
    // Autosave: a form marked `data-autosave` (an evaluator's scoring) posts
    // itself a moment after the last change.
    let csrf = super::use_csrf();
    let preview = use_context::<MarkdownPreview>();
    let on_input = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            if let Some(preview) = preview {
                client::live_preview(&ev, csrf.get_untracked(), preview);
            }
            // A change about to be saved: the indicator no longer says "saved".
            if let (true, Some(action)) = (client::autosave(&ev, timer), forms) {
                action.save().update(|s| *s = s.edited());
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, csrf, preview);
    };
    view! { <div class="server-html" inner_html=html on:submit=on_submit on:input=on_input></div> }
}

#[cfg(feature = "hydrate")]
mod client {
    use crate::error::AppError;
    use crate::i18n::Locale;
    use leptos::prelude::{set_timeout_with_handle, TimeoutHandle};
    use leptos::wasm_bindgen::JsCast;
    use std::cell::RefCell;
    use std::time::Duration;
    use web_sys::{HtmlFormElement, HtmlTextAreaElement};

    /// One preview: its element id, pending debounce timer and latest request's
    /// number (so a slow earlier answer never replaces a newer one).
    type Preview = (String, Option<TimeoutHandle>, u32);

    thread_local! {
        // A few per page: a list is smaller in the WASM than a HashMap.
        static PREVIEWS: RefCell<Vec<Preview>> = const { RefCell::new(Vec::new()) };
    }

    fn with_preview<R>(id: &str, f: impl FnOnce(&mut Preview) -> R) -> R {
        PREVIEWS.with(|p| {
            let mut p = p.borrow_mut();
            let index = match p.iter().position(|e| e.0 == id) {
                Some(i) => i,
                None => {
                    p.push((id.to_string(), None, 0));
                    p.len() - 1
                }
            };
            f(&mut p[index])
        })
    }

    pub fn live_preview(ev: &leptos::ev::Event, csrf: String, preview: super::MarkdownPreview) {
        let Some(area) = ev.target().and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok()) else {
            return;
        };
        let Some(target) = area.get_attribute("data-preview") else {
            return;
        };
        let text = area.value();
        let seq = with_preview(&target, |entry| {
            if let Some(old) = entry.1.take() {
                old.clear();
            }
            entry.2 += 1;
            entry.2
        });
        let id = target.clone();
        let timer = set_timeout_with_handle(
            move || {
                leptos::task::spawn_local(async move {
                    let Ok(html) = super::super::server_form::client::post_fields(
                        preview.0,
                        &[("csrf", &csrf), ("text", &text)],
                    )
                    .await
                    else {
                        return;
                    };
                    // A server fn answers its String as JSON.
                    let Ok(html) = serde_json::from_str::<String>(&html) else {
                        return;
                    };
                    let latest = with_preview(&id, |entry| entry.2 == seq);
                    if let (true, Some(el)) = (latest, leptos::prelude::document().get_element_by_id(&id)) {
                        el.set_inner_html(&html);
                    }
                });
            },
            Duration::from_millis(400),
        )
        .ok();
        with_preview(&target, |entry| entry.1 = timer);
    }

    /// Schedules the autosave of the form `ev` changed, if it has one.
    pub fn autosave(
        ev: &leptos::ev::Event,
        timer: leptos::prelude::StoredValue<Option<TimeoutHandle>>,
    ) -> bool {
        let form = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("form[data-autosave]").ok().flatten())
            .and_then(|f| f.dyn_into::<HtmlFormElement>().ok());
        let Some(form) = form else {
            return false;
        };
        crate::ui::autosave::schedule(timer, form, Duration::from_millis(800));
        true
    }

    pub fn autosaves(ev: &leptos::ev::SubmitEvent) -> bool {
        ev.target()
            .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
            .is_some_and(|f| f.has_attribute("data-autosave"))
    }

    pub fn keeps_page(ev: &leptos::ev::SubmitEvent) -> bool {
        ev.target()
            .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
            .is_some_and(|f| f.has_attribute("data-keep"))
    }

    pub fn error_slot(ev: &leptos::ev::SubmitEvent) -> Option<String> {
        let form: HtmlFormElement = ev.target()?.dyn_into().ok()?;
        form.get_attribute("data-error-slot")
    }

    /// Hides the slot if it shows an error (not an outcome written meanwhile).
    pub fn clear_error(id: &str) {
        if let Some(slot) = leptos::prelude::document().get_element_by_id(id) {
            if slot.class_name() == "field-error" {
                slot.set_text_content(None);
                let _ = slot.set_attribute("hidden", "");
            }
        }
    }

    /// Shows `error` in the slot (in place of an earlier outcome).
    pub fn show_in_slot(id: &str, error: &AppError, locale: Locale) {
        let Some(slot) = leptos::prelude::document().get_element_by_id(id) else {
            return;
        };
        slot.set_text_content(Some(&error.located_messages(locale).join(" ")));
        slot.set_class_name("field-error");
        let _ = slot.set_attribute("role", "alert");
        let _ = slot.remove_attribute("hidden");
    }
}

/// Where a form inside server-rendered HTML shows its error (name it in the
/// form's `data-error-slot`) and, after a success, its outcome: `done`, or
/// "Tersimpan." (see `ui::outcome`). Filled on the server after a plain post
/// (the outcome comes back in the URL), and by the browser once hydrated.
#[cfg(feature = "ssr")]
#[component]
pub fn ErrorSlot(
    id: String,
    action: super::FormAction,
    #[prop(optional)] done: Option<crate::i18n::P>,
) -> impl IntoView {
    let locale = super::use_locale().get_untracked();
    let error = action
        .value()
        .get_untracked()
        .and_then(|r| r.err())
        .map(|e| e.located_messages(locale).join(" "));
    let done = done.unwrap_or(crate::i18n::P::OutcomeSaved).t(locale);
    let landed = super::done_slot().is_some_and(|s| s == id);
    let (text, class, role) = match (error, landed) {
        (Some(error), _) => (Some(error), "field-error", "alert"),
        (None, true) => (Some(done.to_string()), "outcome-ok", "status"),
        (None, false) => (None, "field-error", "alert"),
    };
    let hidden = text.is_none();
    view! { <p id=id class=class role=role hidden=hidden data-done=done>{text}</p> }
}

/// Names the form's slot to the server, so that after a plain post the page
/// comes back to it and shows the error or the outcome beside this form only
/// (see `FormAction::for_slot` and `ui::outcome`).
#[cfg(feature = "ssr")]
#[component]
pub fn SlotField(id: String) -> impl IntoView {
    view! { <input type="hidden" name="__slot" value=id /> }
}

/// The CSRF token for forms inside server-rendered HTML (see `ui::use_csrf`).
#[derive(Clone)]
pub struct RenderedCsrf(pub String);

/// Renders a view to HTML in the caller's language (read from the request).
#[cfg(feature = "ssr")]
pub fn render_html<V: IntoView + 'static>(view: impl FnOnce() -> V) -> crate::error::AppResult<String> {
    let auth = crate::state::request_auth()?;
    let locale = auth.locale;
    let owner = Owner::new();
    Ok(owner.with(|| {
        provide_context(Memo::new(move |_| locale));
        provide_context(RenderedCsrf(auth.csrf));
        view().to_html()
    }))
}

/// A whole page rendered on the server: its HTML, or the error page.
#[component]
pub fn HtmlPage(
    page: super::HtmlPageData<Result<String, crate::error::AppError>>,
    #[prop(optional_no_strip)] forms: Option<super::FormAction>,
) -> impl IntoView {
    use crate::i18n::K;
    view! {
        // A transition: while a save's reload is on its way the page shown
        // stays (a fallback would fold it up and throw the reader to the top).
        <Transition fallback=move || view! { <p>{super::t(K::Loading)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(html) => view! { <ServerHtml html forms /> }.into_any(),
                    Err(error) => view! { <super::PageError error /> }.into_any(),
                }
            })}
        </Transition>
    }
}
