use crate::classes::api::{get_class_page, EnrolMember, UpdateClass};
use crate::classes::model::{ClassEdit, RosterSort};
use crate::i18n::{fill, K};
use crate::ui::class_id_param;
use crate::ui::{form_action, html_page_data, FormAction, ServerForm, ServerHtml};
use crate::ui::{t, use_locale, Alert, CsrfField, FieldError, PageError};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The roster and composition come as server-rendered HTML (`class_body`);
/// only the two management forms hydrate.
#[component]
pub fn ClassPage() -> impl IntoView {
    let id = class_id_param();
    let query = use_query_map();
    let sort = Memo::new(move |_| RosterSort::from_code(&query.with(|q| q.get("sort").unwrap_or_default())));
    let imported = Memo::new(move |_| query.with(|q| q.get("imported")));
    let update = form_action::<UpdateClass>();
    let enrol = form_action::<EnrolMember>();
    let locale = use_locale();
    let page = html_page_data(
        move || {
            (
                id.get(),
                sort.get(),
                locale.get(),
                update.version().get(),
                enrol.version().get(),
            )
        },
        |(id, sort, _, _, _)| get_class_page(id, Some(sort.code().to_string())),
    );
    let done = move || imported.get().map(|n| fill(K::ImportDone.t(locale.get()), &[n]));
    // Only the page data is read inside: the HTML embedded for hydration is empty
    // (see `ui::CarriesHtml`), so this must re-run only with fresh data.
    view! {
        {move || done().map(|text| view! { <div class="alert alert-ok" role="status">{text}</div> })}
        <Suspense fallback=move || view! { <p>{t(K::Loading)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => view! {
                        <ServerHtml html=p.html />
                        {p.edit.map(|edit| view! { <ManageForms edit update enrol /> })}
                    }.into_any(),
                    Err(e) => view! { <PageError error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ManageForms(edit: ClassEdit, update: FormAction, enrol: FormAction) -> impl IntoView {
    let update_err = Signal::derive(move || update.value().get().and_then(|r| r.err()));
    let enrol_err = Signal::derive(move || enrol.value().get().and_then(|r| r.err()));
    view! {
        <section class="card" aria-labelledby="edit-title">
            <h2 id="edit-title">{t(K::ClassEdit)}</h2>
            <Alert error=update_err />
            <ServerForm action=update attr:class="stack" attr:data-error-slot="class-settings-outcome">
                <CsrfField />
                <crate::ui::SlotInput id="class-settings-outcome" />
                <input type="hidden" name="id" value=edit.id />
                <div class="field">
                    <label for="class-name">{t(K::ClassName)}</label>
                    <input id="class-name" name="name" value=edit.name required />
                    <FieldError error=update_err field="name" />
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for="class-start">{t(K::ClassStarts)}</label>
                        <input id="class-start" name="starts_on" type="date" value=edit.starts_on.to_string() required />
                        <FieldError error=update_err field="starts_on" />
                    </div>
                    <div class="field">
                        <label for="class-end">{t(K::ClassEnds)}</label>
                        <input id="class-end" name="ends_on" type="date" value=edit.ends_on.to_string() required />
                        <FieldError error=update_err field="ends_on" />
                    </div>
                </div>
                <div class="field">
                    <label for="class-desc">{t(K::ClassDescription)}</label>
                    <textarea id="class-desc" name="description" rows="3">{crate::ui::textarea_text(edit.description)}</textarea>
                </div>
                <button type="submit" class="button">{t(K::ClassSave)}</button>
                <crate::ui::OutcomeSlot id="class-settings-outcome" done=K::OutcomeClassSaved />
            </ServerForm>
        </section>
        <section class="card" aria-labelledby="enrol-title">
            <h2 id="enrol-title">{t(K::RosterColRole)}</h2>
            <Alert error=enrol_err />
            <ServerForm action=enrol attr:class="stack" attr:data-error-slot="enrol-outcome">
                <CsrfField />
                <crate::ui::SlotInput id="enrol-outcome" />
                <input type="hidden" name="class_id" value=edit.id />
                <div class="field">
                    <label for="enrol-identifier">{t(K::LoginIdentifier)}</label>
                    <input id="enrol-identifier" name="identifier" required />
                    <FieldError error=enrol_err field="identifier" />
                </div>
                <div class="field">
                    <label for="enrol-role">{t(K::RosterColRole)}</label>
                    <select id="enrol-role" name="role">
                        <option value="evaluator">{t(K::RoleEvaluator)}</option>
                        <option value="participant">{t(K::RoleParticipant)}</option>
                    </select>
                </div>
                <button type="submit" class="button">{t(K::Submit)}</button>
                <crate::ui::OutcomeSlot id="enrol-outcome" done=K::OutcomeMemberEnrolled />
            </ServerForm>
        </section>
    }
}
