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
/// that id, next to the form, instead of the page's alert.
#[component]
pub fn ServerHtml(
    html: String,
    #[prop(optional_no_strip)] forms: Option<super::FormAction>,
) -> impl IntoView {
    let slot = RwSignal::new(None::<String>);
    #[cfg(feature = "hydrate")]
    if let Some(action) = forms {
        let locale = super::use_locale();
        Effect::new(move |_| {
            if let (Some(Err(error)), Some(id)) = (action.value().get(), slot.get_untracked()) {
                client::show_in_slot(&id, &error, locale.get_untracked());
            }
        });
    }
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        if let Some(action) = forms {
            slot.set(client::error_slot(&ev));
            super::server_form::client::submit(action, ev);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, forms, slot);
    };
    view! { <div class="server-html" inner_html=html on:submit=on_submit></div> }
}

#[cfg(feature = "hydrate")]
mod client {
    use crate::error::AppError;
    use crate::i18n::Locale;
    use leptos::wasm_bindgen::JsCast;
    use web_sys::HtmlFormElement;

    pub fn error_slot(ev: &leptos::ev::SubmitEvent) -> Option<String> {
        let form: HtmlFormElement = ev.target()?.dyn_into().ok()?;
        form.get_attribute("data-error-slot")
    }

    pub fn show_in_slot(id: &str, error: &AppError, locale: Locale) {
        let Some(slot) = leptos::prelude::document().get_element_by_id(id) else {
            return;
        };
        let text: Vec<String> = error.messages().iter().map(|m| m.render(locale)).collect();
        slot.set_text_content(Some(&text.join(" ")));
        let _ = slot.remove_attribute("hidden");
    }
}

/// The CSRF token for forms inside server-rendered HTML (see `ui::use_csrf`).
#[derive(Clone)]
pub struct RenderedCsrf(pub String);

/// Renders a view to HTML in the caller's language (read from the request).
#[cfg(feature = "ssr")]
pub fn render_html<V: IntoView + 'static>(view: impl FnOnce() -> V) -> crate::error::AppResult<String> {
    let auth = crate::auth::guard::request_auth()?;
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
        <Suspense fallback=move || view! { <p>{super::t(K::Loading)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(html) => view! { <ServerHtml html forms /> }.into_any(),
                    Err(error) => view! { <super::PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
