//! The accounts table, rendered on the server only (see `ui::render_html`); its
//! activate/deactivate forms are sent by fetch through the page's `ServerHtml`.
use crate::admin::api::{SetUserActive, SetUserPassword};
use crate::admin::model::UserRow;
use crate::i18n::K;
use crate::i18n::P;
use crate::ui::{form_action, slot_action, t, use_locale, CsrfField, ErrorSlot, ServerForm, SlotField};
use leptos::prelude::*;

pub fn users_table(users: Vec<UserRow>) -> impl IntoView {
    let locale = use_locale();
    let toggle = form_action::<SetUserActive>();
    view! {
        <div class="table-wrap" tabindex="0">
            <table>
                <thead><tr>
                    <th scope="col">{t(K::UsersName)}</th>
                    <th scope="col">{t(K::UsersEmail)}</th>
                    <th scope="col">{t(K::UsersNip)}</th>
                    <th scope="col">{t(K::UsersRoles)}</th>
                    <th scope="col">{t(K::UsersStatus)}</th>
                    <th scope="col">{crate::ui::tp(P::UsersSetPassword)}</th>
                </tr></thead>
                <tbody>
                    {users.into_iter().map(|u| {
                        let roles = u.roles.clone();
                        let roles = move || roles.iter().map(|r| r.label().t(locale.get())).collect::<Vec<_>>().join(", ");
                        let (status, action) = if u.active { (P::UsersActive, P::UsersDeactivate) } else { (P::UsersInactive, P::UsersActivate) };
                        view! { <tr>
                            <th scope="row">{u.full_name.clone()}</th>
                            <td>{u.email.clone().unwrap_or_default()}</td>
                            <td class="mono">{u.nip.clone().unwrap_or_default()}</td>
                            <td>{roles}</td>
                            <td>
                                {crate::ui::tp(status)}" "
                                <ServerForm action=toggle attr:class="inline-form" attr:data-error-slot=format!("active-{}", u.id)>
                                    <CsrfField />
                                    <SlotField id=format!("active-{}", u.id) />
                                    <input type="hidden" name="user_id" value=u.id />
                                    <input type="hidden" name="active" value=(!u.active).to_string() />
                                    <button type="submit" class="link-button">{crate::ui::tp(action)}</button>
                                </ServerForm>
                                <ErrorSlot id=format!("active-{}", u.id) action={slot_action::<SetUserActive>(&format!("active-{}", u.id))} done=P::OutcomeSaved />
                            </td>
                            <td>{password_form(u.id)}</td>
                        </tr> }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// A new password for one account; its error shows in its own slot (see `ServerHtml`).
fn password_form(user_id: i64) -> impl IntoView {
    let field = format!("password-{user_id}");
    let slot = format!("{field}-error");
    let action = slot_action::<SetUserPassword>(&slot);
    let slot_ref = slot.clone();
    view! {
        <ServerForm action attr:class="inline-form" attr:data-error-slot=slot_ref>
            <CsrfField />
            <SlotField id=slot.clone() />
            <input type="hidden" name="user_id" value=user_id />
            <label class="sr-only" for=field.clone()>{crate::ui::tp(P::UsersSetPassword)}</label>
            <input id=field name="password" type="password" autocomplete="new-password" minlength="10" required />
            <button type="submit" class="link-button">{crate::ui::tp(P::UsersSetPasswordSave)}</button>
            <ErrorSlot id=slot action />
        </ServerForm>
    }
}
