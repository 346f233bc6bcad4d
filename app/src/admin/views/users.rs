use crate::admin::api::{users_table_html, CreateUser, SetUserActive};
use crate::auth::model::Role;
use crate::i18n::K;
use crate::ui::html_page_data;
use crate::ui::{form_action, FormAction, ServerForm, ServerHtml};
use crate::ui::{t, use_locale, Alert, CsrfField, FieldError, Notice, PageError};
use leptos::prelude::*;

#[component]
pub fn UsersPage() -> impl IntoView {
    let create = form_action::<CreateUser>();
    let toggle = form_action::<SetUserActive>();
    let locale = use_locale();
    let users = html_page_data(
        move || (create.version().get(), toggle.version().get(), locale.get()),
        |_| users_table_html(),
    );
    let toggle_error = Signal::derive(move || toggle.value().get().and_then(|r| r.err()));
    let toggle_saved = Signal::derive(move || matches!(toggle.value().get(), Some(Ok(_))));
    view! {
        <h1>{t(K::UsersTitle)}</h1>
        <Suspense fallback=move || view! { <p>{t(K::Loading)}</p> }>
            {move || Suspend::new(async move {
                match users.await {
                    Ok(html) => view! {
                        <CreateUserForm create />
                        <Alert error=toggle_error />
                        <Notice show=toggle_saved key=K::UsersChangeSaved />
                        <ServerHtml html forms=Some(toggle) />
                    }.into_any(),
                    Err(e) => view! { <PageError error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CreateUserForm(create: FormAction) -> impl IntoView {
    let error = Signal::derive(move || create.value().get().and_then(|r| r.err()));
    let text = move |name: &'static str, label: K, kind: &'static str| {
        view! {
            <div class="field">
                <label for=name>{t(label)}</label>
                <input id=name name=name type=kind aria-describedby=format!("{name}-error") />
                <FieldError error field=name />
            </div>
        }
    };
    view! {
        <section class="card" aria-labelledby="create-user-title">
            <h2 id="create-user-title">{t(K::UsersCreate)}</h2>
            <Alert error />
            <ServerForm action=create attr:class="stack" attr:data-error-slot="user-outcome">
                <CsrfField />
                <crate::ui::SlotInput id="user-outcome" />
                {text("input[full_name]", K::UsersName, "text")}
                {text("input[email]", K::UsersEmail, "email")}
                {text("input[nip]", K::UsersNip, "text")}
                {text("input[password]", K::UsersInitialPassword, "password")}
                <fieldset>
                    <legend>{t(K::UsersRoles)}</legend>
                    {Role::ALL.into_iter().map(|r| {
                        let name = format!("input[{}]", r.code());
                        view! { <label class="check"><input type="checkbox" name=name />{t(r.label())}</label> }
                    }).collect_view()}
                    <FieldError error field="roles" />
                </fieldset>
                <button type="submit" class="button primary">{t(K::UsersCreate)}</button>
                <crate::ui::OutcomeSlot id="user-outcome" done=K::UsersCreated />
            </ServerForm>
        </section>
    }
}
