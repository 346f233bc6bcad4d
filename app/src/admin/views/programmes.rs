use crate::admin::api::{programmes_page, CreateClass, CreateProgramme};
use crate::admin::model::ProgrammesPageView;
use crate::i18n::K;
use crate::ui::html_page_data;
use crate::ui::{form_action, use_locale, FormAction, ServerForm, ServerHtml};
use crate::ui::{t, Alert, CsrfField, FieldError, PageError};
use leptos::prelude::*;

#[component]
pub fn ProgrammesPage() -> impl IntoView {
    let create_programme = form_action::<CreateProgramme>();
    let create_class = form_action::<CreateClass>();
    let locale = use_locale();
    let data = html_page_data(
        move || {
            (
                create_programme.version().get(),
                create_class.version().get(),
                locale.get(),
            )
        },
        |_| programmes_page(),
    );
    view! {
        <h1>{t(K::ProgrammesTitle)}</h1>
        <Suspense fallback=move || view! { <p>{t(K::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => view! { <Programmes data=d create_programme create_class /> }.into_any(),
                    Err(e) => view! { <PageError error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Programmes(
    data: ProgrammesPageView,
    create_programme: FormAction,
    create_class: FormAction,
) -> impl IntoView {
    let p_err = Signal::derive(move || create_programme.value().get().and_then(|r| r.err()));
    let c_err = Signal::derive(move || create_class.value().get().and_then(|r| r.err()));
    let options = data
        .programmes
        .iter()
        .map(|(id, name)| view! { <option value=*id>{name.clone()}</option> })
        .collect_view();
    let facilitators = data
        .facilitators
        .iter()
        .map(|(id, name)| view! { <option value=*id>{name.clone()}</option> })
        .collect_view();
    view! {
        <ServerHtml html=data.html />
        <div class="two-col">
            <section class="card" aria-labelledby="new-programme">
                <h2 id="new-programme">{t(K::ProgrammeCreate)}</h2>
                <Alert error=p_err />
                <ServerForm action=create_programme attr:class="stack" attr:data-error-slot="programme-outcome">
                    <CsrfField />
                    <crate::ui::SlotInput id="programme-outcome" />
                    <div class="field">
                        <label for="programme-name">{t(K::ProgrammeName)}</label>
                        <input id="programme-name" name="name" required />
                        <FieldError error=p_err field="name" />
                    </div>
                    <div class="field">
                        <label for="programme-desc">{t(K::ProgrammeDescription)}</label>
                        <textarea id="programme-desc" name="description" rows="2"></textarea>
                    </div>
                    <button type="submit" class="button">{t(K::ProgrammeCreate)}</button>
                    <crate::ui::OutcomeSlot id="programme-outcome" done=K::OutcomeProgrammeCreated />
                </ServerForm>
            </section>
            <section class="card" aria-labelledby="new-class">
                <h2 id="new-class">{t(K::ClassCreate)}</h2>
                <Alert error=c_err />
                <ServerForm action=create_class attr:class="stack" attr:data-error-slot="class-outcome">
                    <CsrfField />
                    <crate::ui::SlotInput id="class-outcome" />
                    <div class="field">
                        <label for="class-programme">{t(K::ClassProgramme)}</label>
                        <select id="class-programme" name="programme_id">{options}</select>
                        <FieldError error=c_err field="programme_id" />
                    </div>
                    <div class="field">
                        <label for="new-class-name">{t(K::ClassName)}</label>
                        <input id="new-class-name" name="name" required />
                        <FieldError error=c_err field="name" />
                    </div>
                    <div class="field-row">
                        <div class="field">
                            <label for="new-class-start">{t(K::ClassStarts)}</label>
                            <input id="new-class-start" name="starts_on" type="date" required />
                            <FieldError error=c_err field="starts_on" />
                        </div>
                        <div class="field">
                            <label for="new-class-end">{t(K::ClassEnds)}</label>
                            <input id="new-class-end" name="ends_on" type="date" required />
                            <FieldError error=c_err field="ends_on" />
                        </div>
                    </div>
                    <div class="field">
                        <label for="new-class-facilitator">{t(K::ClassFacilitator)}</label>
                        <select id="new-class-facilitator" name="facilitator_id">{facilitators}</select>
                    </div>
                    <div class="field">
                        <label for="new-class-desc">{t(K::ClassDescription)}</label>
                        <textarea id="new-class-desc" name="description" rows="2"></textarea>
                    </div>
                    <button type="submit" class="button">{t(K::ClassCreate)}</button>
                    <crate::ui::OutcomeSlot id="class-outcome" done=K::OutcomeClassCreated />
                </ServerForm>
            </section>
        </div>
    }
}
