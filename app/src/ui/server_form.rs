//! Forms that post to a server fn: a plain `<form method="post">` without
//! JavaScript, a fetch once hydrated.
//!
//! Written instead of Leptos' `ActionForm` + `ServerAction` because those are
//! generic over each server fn's input and output: every form compiled its own
//! query-string decoder, encoder and action machinery into the WASM. Here the
//! browser sends the form fields as they are (exactly what the no-JS post sends)
//! and only success or the one `AppError` type comes back, so one copy of the
//! code serves every form. Forms that need data back reload it through their
//! resources, which depend on `version()`.
use super::save_state::Save;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server::ServerActionError;
use leptos::server_fn::error::ServerFnUrlError;

/// Submission state of one form: last result, successful submissions so far,
/// in flight, and where its saves stand for the save indicator.
#[derive(Clone, Copy)]
pub struct FormAction {
    url: &'static str,
    value: RwSignal<Option<Result<(), AppError>>>,
    version: RwSignal<usize>,
    pending: RwSignal<bool>,
    save: RwSignal<Save>,
}

impl FormAction {
    /// `url` is the server fn's `PATH`. An error carried back in the URL after a
    /// no-JS post (`__path`/`__err`) becomes this form's first value.
    pub fn new(url: &'static str) -> Self {
        let from_url = use_context::<ServerActionError>()
            .and_then(|e| (e.path() == url).then(|| Err(ServerFnUrlError::<AppError>::decode_err(e.err()))));
        FormAction {
            url,
            value: RwSignal::new(from_url),
            version: RwSignal::new(0),
            pending: RwSignal::new(false),
            save: RwSignal::new(Save::Idle),
        }
    }

    /// As `new`, for one of several forms posting to the same server fn (one per
    /// unit, per row…): an error carried back in the URL is this form's only when
    /// the URL names its slot too (`__slot`, see `ui::SlotField`), or names none.
    #[cfg(feature = "ssr")]
    pub fn for_slot(url: &'static str, slot: &str) -> Self {
        let action = Self::new(url);
        let named = use_context::<http::request::Parts>()
            .and_then(|p| p.uri.query().map(str::to_string))
            .and_then(|q| {
                q.split('&')
                    .find_map(|pair| pair.strip_prefix("__slot=").map(str::to_string))
            });
        if named.is_some_and(|n| n != slot) {
            action.value.set(None);
        }
        action
    }

    pub fn value(&self) -> RwSignal<Option<Result<(), AppError>>> {
        self.value
    }

    pub fn version(&self) -> RwSignal<usize> {
        self.version
    }

    pub fn pending(&self) -> RwSignal<bool> {
        self.pending
    }

    /// Where this form's saves stand on the page shown (see `SaveIndicator`).
    pub fn save(&self) -> RwSignal<Save> {
        self.save
    }

    pub fn url(&self) -> &'static str {
        self.url
    }
}

/// The `FormAction` of server fn `S`.
pub fn form_action<S: leptos::server_fn::ServerFn>() -> FormAction {
    FormAction::new(S::PATH)
}

/// The `FormAction` of server fn `S` for the form whose error slot is `slot`.
#[cfg(feature = "ssr")]
pub fn slot_action<S: leptos::server_fn::ServerFn>(slot: &str) -> FormAction {
    FormAction::for_slot(S::PATH, slot)
}

#[component]
pub fn ServerForm(action: FormAction, children: Children) -> impl IntoView {
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        client::submit(action, ev);
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    view! {
        <form action=action.url() method="post" on:submit=on_submit>
            {children()}
        </form>
    }
}

#[cfg(feature = "hydrate")]
pub(super) mod client {
    use super::{FormAction, Save};
    use crate::error::AppError;
    use leptos::prelude::*;
    use leptos::server_fn::client::{browser::BrowserClient, Client};
    use leptos::server_fn::error::FromServerFnError;
    use leptos::server_fn::request::{browser::BrowserRequest, ClientReq};
    use leptos::server_fn::response::ClientRes;
    use leptos::wasm_bindgen::JsCast;
    use std::cell::RefCell;
    use web_sys::{FormData, HtmlButtonElement, HtmlFormElement, SubmitEvent, UrlSearchParams};

    pub fn submit(action: FormAction, ev: SubmitEvent) {
        submit_then(action, ev, true);
    }

    /// As `submit`; with `reload` false a success leaves `version` alone, so the
    /// page's data is not fetched again (see `ServerHtml`'s `data-keep`).
    pub fn submit_then(action: FormAction, ev: SubmitEvent, reload: bool) {
        if ev.default_prevented() || !is_post(&ev) {
            return;
        }
        // Each submit is a new save (a retry below resends the same body).
        if let Some(form) = ev.target().and_then(|t| t.dyn_into::<HtmlFormElement>().ok()) {
            crate::ui::fresh_save_key(&form);
        }
        let Some(body) = form_body(&ev) else {
            return; // let the browser post the form itself
        };
        // The form's own target: a `ServerForm` posts to `action.url`, a form in
        // server-rendered HTML (`ServerHtml`) to the server fn it names.
        let url = form_attr(&ev, "action").unwrap_or_else(|| action.url.to_string());
        let retry = retries(&ev);
        let shown = Shown {
            reload,
            result_in: form_attr(&ev, "data-result"),
            form: ev.target().and_then(|t| t.dyn_into::<HtmlFormElement>().ok()),
        };
        ev.prevent_default();
        action.pending.set(true);
        // Saving, or still retrying when an earlier save waits for the network.
        action.save.update(|s| *s = s.edited());
        let job = Job {
            action,
            url,
            body,
            shown,
            retry,
        };
        if let Some(job) = behind_in_flight(job) {
            send(job, 1_000);
        }
    }

    /// What a success changes on the page: `reload` its data, and the text a
    /// server fn answers (a scoring form's running total) goes into the
    /// element the form's `data-result` names.
    #[derive(Clone)]
    struct Shown {
        reload: bool,
        result_in: Option<String>,
        /// The form that was sent: a `FormAnswer`'s fields go back into it.
        form: Option<HtmlFormElement>,
    }

    /// One submit of a form, to be posted.
    struct Job {
        action: FormAction,
        url: String,
        body: String,
        shown: Shown,
        retry: bool,
    }

    thread_local! {
        /// The forms with a save in flight, each with the submit that waits
        /// for it (the newest: each carries the whole form, so it supersedes
        /// an older one still waiting). A list: a few forms per page.
        static IN_FLIGHT: RefCell<Vec<(HtmlFormElement, Option<Job>)>> = const { RefCell::new(Vec::new()) };
    }

    /// Saves of one form never race: while one is in flight the next waits
    /// (`None`: queued), so it starts from the revision the first one's answer
    /// gave. `Some`: nothing in flight, send it now.
    fn behind_in_flight(job: Job) -> Option<Job> {
        let Some(form) = job.shown.form.clone() else {
            return Some(job);
        };
        IN_FLIGHT.with(|f| {
            let mut f = f.borrow_mut();
            match f.iter_mut().find(|(busy, _)| *busy == form) {
                Some(entry) => {
                    entry.1 = Some(job);
                    None
                }
                None => {
                    f.push((form, None));
                    Some(job)
                }
            }
        })
    }

    /// The submit that waited for this form's save, now that it is answered,
    /// with the `base` that answer put in the form (it keeps its own
    /// `save_key`); `None` when none waits, and the form is free again.
    fn next_after(form: Option<&HtmlFormElement>) -> Option<Job> {
        let form = form?;
        let mut job = IN_FLIGHT.with(|f| {
            let mut f = f.borrow_mut();
            let i = f.iter().position(|(busy, _)| busy == form)?;
            let next = f[i].1.take();
            if next.is_none() {
                f.swap_remove(i);
            }
            next
        })?;
        let base = form
            .query_selector("input[name=base]")
            .ok()
            .flatten()
            .and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok());
        if let (Some(base), Ok(params)) = (base, UrlSearchParams::new_with_str(&job.body)) {
            if params.has("base") {
                params.set("base", &base.value());
                job.body = params.to_string().into();
            }
        }
        Some(job)
    }

    /// Posts the form's body. A form marked `data-retry` (a scenario step, a
    /// score, a reflection) is sent again while the network is down, and only
    /// then, waiting longer each time (up to half a minute), with the same
    /// body: its idempotency key makes a repeat harmless. A refusal is not
    /// sent again. (A timer rather than an async sleep: no extra future
    /// machinery in the WASM.)
    fn send(job: Job, delay: u64) {
        leptos::task::spawn_local(async move {
            let action = job.action;
            let result = post(&job.url, job.body.clone()).await;
            let again = job.retry && matches!(result, Err(AppError::Transport));
            // Only a success changes what the page shows; after an error the page
            // keeps what was typed (and where the error is shown) as it is.
            let saved = result.is_ok();
            if let Ok(answer) = &result {
                show_answer(&job.shown, answer);
            }
            let state = Save::after(&result, again);
            action.value.set(Some(result.map(|_| ())));
            if again {
                action.save.set(state);
                let next = (delay * 2).min(30_000);
                set_timeout(move || send(job, next), std::time::Duration::from_millis(delay));
                return;
            }
            if saved {
                crate::ui::outcome::client::succeeded(job.shown.form.as_ref(), job.shown.reload);
            }
            if saved && job.shown.reload {
                action.version.update(|v| *v += 1);
            }
            match next_after(job.shown.form.as_ref()) {
                // A newer change waits: not saved yet, whatever this answer was.
                Some(next) => {
                    action.save.set(Save::Saving);
                    send(next, 1_000);
                }
                None => {
                    action.save.set(state);
                    action.pending.set(false);
                }
            }
        });
    }

    fn retries(ev: &SubmitEvent) -> bool {
        ev.target()
            .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
            .is_some_and(|f| f.has_attribute("data-retry"))
    }

    /// GET forms (filters) and file uploads are left to the browser.
    fn is_post(ev: &SubmitEvent) -> bool {
        ev.target()
            .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
            .is_some_and(|f| f.method().eq_ignore_ascii_case("post") && !f.enctype().contains("multipart"))
    }

    fn form_attr(ev: &SubmitEvent, name: &str) -> Option<String> {
        let form: HtmlFormElement = ev.target()?.dyn_into().ok()?;
        form.get_attribute(name)
    }

    /// A server fn's `FormAnswer`: its text into the element the form's
    /// `data-result` names, its fields into the form (the revision the next
    /// save starts from). Any other answer changes nothing here.
    fn show_answer(shown: &Shown, json: &str) {
        let Ok(answer) = serde_json::from_str::<crate::ui::FormAnswer>(json) else {
            return;
        };
        if let (false, Some(el)) = (
            answer.text.is_empty(),
            shown
                .result_in
                .as_ref()
                .and_then(|id| document().get_element_by_id(id)),
        ) {
            el.set_text_content(Some(&answer.text));
        }
        let Some(form) = &shown.form else {
            return;
        };
        for (name, value) in &answer.fields {
            let input = form
                .query_selector(&format!("input[name={name}]"))
                .ok()
                .flatten()
                .and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok());
            if let Some(input) = input {
                input.set_value(value);
            }
        }
    }

    /// The fields as `application/x-www-form-urlencoded`, with the button that
    /// submitted the form (FormData leaves it out, and some forms use its value).
    fn form_body(ev: &SubmitEvent) -> Option<String> {
        let form: HtmlFormElement = ev.target()?.dyn_into().ok()?;
        let data = FormData::new_with_form(&form).ok()?;
        let params = UrlSearchParams::new_with_str_sequence_sequence(&data).ok()?;
        if let Some(button) = ev
            .submitter()
            .and_then(|s| s.dyn_into::<HtmlButtonElement>().ok())
        {
            if !button.name().is_empty() {
                params.append(&button.name(), &button.value());
            }
        }
        Some(params.to_string().into())
    }

    /// Posts `fields` url-encoded, as a form would, and answers the response's text.
    pub async fn post_fields(url: &str, fields: &[(&str, &str)]) -> Result<String, AppError> {
        let params = UrlSearchParams::new().map_err(|_| AppError::Transport)?;
        for (name, value) in fields {
            params.append(name, value);
        }
        post(url, params.to_string().into()).await
    }

    /// Posts and answers the response's text.
    async fn post(url: &str, body: String) -> Result<String, AppError> {
        let req = <BrowserRequest as ClientReq<AppError>>::try_new_post(
            url,
            "application/x-www-form-urlencoded",
            "application/json",
            body,
        )?;
        let res = <BrowserClient as Client<AppError>>::send(req).await?;
        let status = ClientRes::<AppError>::status(&res);
        let location = ClientRes::<AppError>::location(&res);
        let redirect = ClientRes::<AppError>::has_redirect(&res);
        let text = ClientRes::<AppError>::try_into_string(res).await?;
        if (400..=599).contains(&status) {
            return Err(AppError::de(text.into()));
        }
        if (300..=399).contains(&status) || redirect {
            leptos::server_fn::redirect::call_redirect_hook(&location);
        }
        Ok(text)
    }
}
