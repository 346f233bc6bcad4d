use crate::auth::api::Login;
use crate::i18n::K;
use crate::ui::bump_session_on_success;
use crate::ui::{form_action, ServerForm};
use crate::ui::{t, Alert, CsrfField, FieldError};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LoginPage() -> impl IntoView {
    let login = form_action::<Login>();
    bump_session_on_success(login);
    let error = Signal::derive(move || login.value().get().and_then(|r| r.err()));
    let next = move || use_query_map().with(|q| q.get("next")).unwrap_or_default();
    view! {
        <section class="card narrow">
            <h1>{t(K::LoginTitle)}</h1>
            <Alert error />
            <ServerForm action=login attr:class="stack" attr:novalidate=true>
                <CsrfField />
                <input type="hidden" name="next" value=next />
                // Without JavaScript a wrong password comes back with the NIP
                // still typed (the password never travels back).
                <crate::ui::outcome::KeepFields names="identifier" />
                <div class="field">
                    <label for="identifier">{t(K::LoginIdentifier)}</label>
                    <input id="identifier" name="identifier" type="text" autocomplete="username"
                        value=crate::ui::outcome::kept("identifier")
                        required aria-describedby="identifier-hint identifier-error" />
                    <p class="hint" id="identifier-hint">{t(K::LoginIdentifierHint)}</p>
                    <FieldError error field="identifier" />
                </div>
                <div class="field">
                    <label for="password">{t(K::LoginPassword)}</label>
                    <input id="password" name="password" type="password" autocomplete="current-password"
                        required aria-describedby="password-error" />
                    <FieldError error field="password" />
                </div>
                <button type="submit" class="button primary" disabled=move || login.pending().get()>
                    {t(K::LoginSubmit)}
                </button>
            </ServerForm>
        </section>
    }
}
