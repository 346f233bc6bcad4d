use crate::auth::api::ChangePassword;
use crate::error::AppError;
use crate::i18n::K;
use crate::ui::{form_action, ServerForm};
use crate::ui::{t, use_user, Alert, CsrfField, FieldError, PageError};
use leptos::prelude::*;

#[component]
pub fn PasswordPage() -> impl IntoView {
    let user = use_user();
    let change = form_action::<ChangePassword>();
    let error = Signal::derive(move || change.value().get().and_then(|r| r.err()));
    view! {
        <Show when=move || user.get().is_some() fallback=|| view! { <PageError error=AppError::Unauthenticated /> }>
            <section class="card narrow">
                <h1>{t(K::PasswordTitle)}</h1>
                <Alert error />
                <ServerForm action=change attr:class="stack" attr:data-error-slot="password-outcome">
                    <CsrfField />
                    <crate::ui::SlotInput id="password-outcome" />
                    <PasswordField name="current" label=K::PasswordCurrent autocomplete="current-password" error />
                    <PasswordField name="new" label=K::PasswordNew autocomplete="new-password" error />
                    <p class="hint">{t(K::PasswordNewHint)}</p>
                    <PasswordField name="confirm" label=K::PasswordConfirm autocomplete="new-password" error />
                    <button type="submit" class="button primary">{t(K::PasswordSubmit)}</button>
                    <crate::ui::OutcomeSlot id="password-outcome" done=K::PasswordChanged />
                </ServerForm>
            </section>
        </Show>
    }
}

#[component]
fn PasswordField(
    name: &'static str,
    label: K,
    autocomplete: &'static str,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=name>{t(label)}</label>
            <input id=name name=name type="password" autocomplete=autocomplete required
                aria-describedby=format!("{name}-error") />
            <FieldError error field=name />
        </div>
    }
}
