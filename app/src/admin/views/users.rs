use crate::ui::page_data;
use crate::admin::api::{list_users, CreateUser, SetUserActive};
use crate::admin::model::UserRow;
use crate::auth::model::Role;
use crate::i18n::K;
use crate::ui::{form_action, FormAction, ServerForm};
use crate::ui::{t, use_locale, Alert, CsrfField, FieldError, Notice, PageError};
use leptos::prelude::*;

#[component]
pub fn UsersPage() -> impl IntoView {
    let create = form_action::<CreateUser>();
    let toggle = form_action::<SetUserActive>();
    let users = page_data(
        move || (create.version().get(), toggle.version().get()),
        |_| list_users(),
    );
    view! {
        <h1>{t(K::UsersTitle)}</h1>
        <Suspense fallback=move || view! { <p>{t(K::Loading)}</p> }>
            {move || Suspend::new(async move {
                match users.await {
                    Ok(list) => view! { <CreateUserForm create /> <UserTable users=list toggle /> }.into_any(),
                    Err(e) => view! { <PageError error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CreateUserForm(create: FormAction) -> impl IntoView {
    let error = Signal::derive(move || create.value().get().and_then(|r| r.err()));
    let done = Signal::derive(move || matches!(create.value().get(), Some(Ok(_))));
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
            <Notice show=done key=K::UsersCreated />
            <Alert error />
            <ServerForm action=create attr:class="stack">
                <CsrfField />
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
            </ServerForm>
        </section>
    }
}

#[component]
fn UserTable(users: Vec<UserRow>, toggle: FormAction) -> impl IntoView {
    let locale = use_locale();
    let error = Signal::derive(move || toggle.value().get().and_then(|r| r.err()));
    view! {
        <Alert error />
        <div class="table-wrap" tabindex="0">
            <table>
                <thead><tr>
                    <th scope="col">{t(K::UsersName)}</th>
                    <th scope="col">{t(K::UsersEmail)}</th>
                    <th scope="col">{t(K::UsersNip)}</th>
                    <th scope="col">{t(K::UsersRoles)}</th>
                    <th scope="col">{t(K::UsersStatus)}</th>
                </tr></thead>
                <tbody>
                    {users.into_iter().map(|u| {
                        let roles = u.roles.clone();
                        let roles = move || roles.iter().map(|r| r.label().t(locale.get())).collect::<Vec<_>>().join(", ");
                        let (status, action) = if u.active { (K::UsersActive, K::UsersDeactivate) } else { (K::UsersInactive, K::UsersActivate) };
                        view! { <tr>
                            <th scope="row">{u.full_name.clone()}</th>
                            <td>{u.email.clone().unwrap_or_default()}</td>
                            <td class="mono">{u.nip.clone().unwrap_or_default()}</td>
                            <td>{roles}</td>
                            <td>
                                {t(status)}" "
                                <ServerForm action=toggle attr:class="inline-form">
                                    <CsrfField />
                                    <input type="hidden" name="user_id" value=u.id />
                                    <input type="hidden" name="active" value=(!u.active).to_string() />
                                    <button type="submit" class="link-button">{t(action)}</button>
                                </ServerForm>
                            </td>
                        </tr> }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
