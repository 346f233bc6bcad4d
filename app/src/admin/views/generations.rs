use crate::admin::api::{get_scheme, SaveScheme};
use crate::admin::model::SchemeRowInput;
use crate::admin::scheme_form::field_name;
use crate::auth::model::Role;
use crate::classes::domain::generation::GenerationScheme;
use crate::error::AppError;
use crate::i18n::{fill, K};
use crate::ui::page_data;
use crate::ui::{form_action, FormAction, ServerForm};
use crate::ui::{t, use_locale, use_user, Alert, CsrfField, FieldError, PageError};
use leptos::prelude::*;

/// Spare empty rows so a range can be added without JavaScript.
const SPARE_ROWS: usize = 2;

#[component]
pub fn GenerationsPage() -> impl IntoView {
    let save = form_action::<SaveScheme>();
    let scheme = page_data(move || save.version().get(), |_| get_scheme());
    let user = use_user();
    view! {
        <h1>{t(K::GenSchemeTitle)}</h1>
        <Suspense fallback=move || view! { <p>{t(K::Loading)}</p> }>
            {move || Suspend::new(async move {
                let is_admin = user.get().map(|u| u.has(Role::Admin)).unwrap_or(false);
                match scheme.await {
                    Ok(_) if !is_admin => view! { <PageError error=AppError::Forbidden /> }.into_any(),
                    Ok(s) => view! { <SchemeForm scheme=s.scheme save /> }.into_any(),
                    Err(e) => view! { <PageError error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SchemeForm(scheme: GenerationScheme, save: FormAction) -> impl IntoView {
    let locale = use_locale();
    let error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let mut rows: Vec<SchemeRowInput> = scheme
        .ranges
        .iter()
        .map(|r| SchemeRowInput {
            code: r.code.clone(),
            label: r.label.clone(),
            start: r.start_year.to_string(),
            end: r.end_year.map(|y| y.to_string()).unwrap_or_default(),
        })
        .collect();
    rows.extend(std::iter::repeat_n(SchemeRowInput::default(), SPARE_ROWS));
    view! {
        <section class="card">
            <p>{t(K::GenSchemeHelp)}</p>
            <Alert error />
            <ServerForm action=save attr:class="stack" attr:data-error-slot="scheme-outcome">
                <CsrfField />
                <crate::ui::SlotInput id="scheme-outcome" />
                <div class="field">
                    <label for="scheme-name">{t(K::GenSchemeName)}</label>
                    <input id="scheme-name" name="name" value=scheme.name.clone() required />
                    <FieldError error field="name" />
                </div>
                <FieldError error field="rows" />
                {rows.into_iter().enumerate().map(|(i, r)| {
                    let input = move |field: &'static str, label: K, value: String, kind: &'static str| {
                        let name = field_name(i, field);
                        let id = format!("gen-{i}-{field}");
                        view! {
                            <div class="field">
                                <label for=id.clone()>{t(label)}</label>
                                <input id=id name=name.clone() value=value type=kind inputmode=if kind == "text" { "text" } else { "numeric" } />
                                <FieldError error field=name />
                            </div>
                        }
                    };
                    view! {
                        <fieldset class="gen-row">
                            <legend>{move || fill(K::GenRow.t(locale.get()), &[(i + 1).to_string()])}</legend>
                            {input("code", K::GenCode, r.code, "text")}
                            {input("label", K::GenLabel, r.label, "text")}
                            {input("start", K::GenStart, r.start, "text")}
                            {input("end", K::GenEnd, r.end, "text")}
                        </fieldset>
                    }
                }).collect_view()}
                <div class="button-row">
                    <button type="submit" class="button primary">{t(K::GenSave)}</button>
                    <button type="submit" name="preset" value="article" class="button">{t(K::GenPresetArticle)}</button>
                    <button type="submit" name="preset" value="bkn" class="button">{t(K::GenPresetBkn)}</button>
                </div>
                <crate::ui::OutcomeSlot id="scheme-outcome" done=K::GenSaved />
            </ServerForm>
        </section>
    }
}
