use crate::ui::page_data;
use super::chart::BarChart;
use super::messages::generation_label;
use super::roster_table::RosterTable;
use crate::classes::api::{get_class_detail, EnrolMember, UpdateClass};
use crate::classes::domain::composition::Share;
use crate::classes::model::{ClassDetail, RosterSort};
use crate::i18n::{fill, fmt_date, Locale, K};
use crate::ui::{form_action, FormAction, ServerForm};
use crate::ui::{t, use_locale, Alert, CsrfField, FieldError, PageError};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

pub fn class_id_param() -> Memo<i64> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| s.parse().ok()).unwrap_or(0)))
}

#[component]
pub fn ClassPage() -> impl IntoView {
    let id = class_id_param();
    let query = use_query_map();
    let sort = Memo::new(move |_| RosterSort::from_code(&query.with(|q| q.get("sort").unwrap_or_default())));
    let imported = Memo::new(move |_| query.with(|q| q.get("imported")));
    let update = form_action::<UpdateClass>();
    let enrol = form_action::<EnrolMember>();
    let detail = page_data(
        move || {
            (
                id.get(),
                sort.get(),
                update.version().get(),
                enrol.version().get(),
            )
        },
        |(id, sort, _, _)| get_class_detail(id, Some(sort.code().to_string())),
    );
    let locale = use_locale();
    view! {
        <Suspense fallback=move || view! { <p>{t(K::Loading)}</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(d) => {
                        let done = imported.get().map(|n| fill(K::ImportDone.t(locale.get()), &[n]));
                        view! {
                            {done.map(|text| view! { <div class="alert alert-ok" role="status">{text}</div> })}
                            <ClassView detail=d sort=sort.get() update enrol />
                        }.into_any()
                    }
                    Err(e) => view! { <PageError error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ClassView(detail: ClassDetail, sort: RosterSort, update: FormAction, enrol: FormAction) -> impl IntoView {
    let locale = use_locale();
    let s = detail.summary.clone();
    let id = s.id;
    let manage = detail.can_manage;
    let period = move || {
        fill(
            K::ClassPeriod.t(locale.get()),
            &[
                fmt_date(s.starts_on, locale.get()),
                fmt_date(s.ends_on, locale.get()),
            ],
        )
    };
    let comp = detail.composition.clone();
    let scheme = comp.scheme_name.clone();
    view! {
        <header class="page-head">
            <p class="muted">{detail.summary.programme.clone()}</p>
            <h1>{detail.summary.name.clone()}</h1>
            <p>{period}" · "{move || fill(K::ClassParticipants.t(locale.get()), &[s.participants.to_string()])}</p>
            <p>{detail.description.clone()}</p>
            <p class="actions">
                <a class="button primary" href=format!("/classes/{id}/learn")>{t(K::LearnOpen)}</a>
                <Show when=move || manage>
                    " "<a class="button" href=format!("/classes/{id}/import")>{t(K::RosterImport)}</a>
                </Show>
            </p>
        </header>
        <section aria-labelledby="composition-title">
            <h2 id="composition-title">{t(K::CompositionTitle)}</h2>
            <p class="muted scheme-name">{move || fill(K::CompositionScheme.t(locale.get()), std::slice::from_ref(&scheme))}</p>
            <div class="chart-grid">
                <BarChart id="chart-generation" title=K::CompositionByGeneration shares=comp.by_generation label=gen_share_label class_prefix="gen" />
                <BarChart id="chart-gender" title=K::CompositionByGender shares=comp.by_gender label=gender_share_label class_prefix="gender" />
                <BarChart id="chart-unit" title=K::CompositionByUnit shares=comp.by_unit label=plain_label class_prefix="unit" />
            </div>
        </section>
        <section aria-labelledby="roster-title">
            <h2 id="roster-title">{t(K::RosterTitle)}</h2>
            {if detail.roster.is_empty() {
                view! { <p>{t(K::RosterEmpty)}</p> }.into_any()
            } else {
                view! { <RosterTable class_id=id entries=detail.roster.clone() sort personal=manage /> }.into_any()
            }}
        </section>
        <Show when=move || manage>
            <ManageForms detail=detail.clone() update enrol />
        </Show>
    }
}

fn gen_share_label(s: &Share, l: Locale) -> String {
    generation_label(&s.key, &s.label, l)
}

fn gender_share_label(s: &Share, l: Locale) -> String {
    match s.key.as_str() {
        "male" => K::GenderMale.t(l).to_string(),
        "female" => K::GenderFemale.t(l).to_string(),
        _ => K::GenderUnknown.t(l).to_string(),
    }
}

fn plain_label(s: &Share, l: Locale) -> String {
    if s.key == "unknown" {
        K::GenUnknown.t(l).to_string()
    } else {
        s.label.clone()
    }
}

#[component]
fn ManageForms(detail: ClassDetail, update: FormAction, enrol: FormAction) -> impl IntoView {
    let s = detail.summary;
    let update_err = Signal::derive(move || update.value().get().and_then(|r| r.err()));
    let enrol_err = Signal::derive(move || enrol.value().get().and_then(|r| r.err()));
    view! {
        <section class="card" aria-labelledby="edit-title">
            <h2 id="edit-title">{t(K::ClassEdit)}</h2>
            <Alert error=update_err />
            <ServerForm action=update attr:class="stack">
                <CsrfField />
                <input type="hidden" name="id" value=s.id />
                <div class="field">
                    <label for="class-name">{t(K::ClassName)}</label>
                    <input id="class-name" name="name" value=s.name.clone() required />
                    <FieldError error=update_err field="name" />
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for="class-start">{t(K::ClassStarts)}</label>
                        <input id="class-start" name="starts_on" type="date" value=s.starts_on.to_string() required />
                        <FieldError error=update_err field="starts_on" />
                    </div>
                    <div class="field">
                        <label for="class-end">{t(K::ClassEnds)}</label>
                        <input id="class-end" name="ends_on" type="date" value=s.ends_on.to_string() required />
                        <FieldError error=update_err field="ends_on" />
                    </div>
                </div>
                <div class="field">
                    <label for="class-desc">{t(K::ClassDescription)}</label>
                    <textarea id="class-desc" name="description" rows="3">{detail.description.clone()}</textarea>
                </div>
                <button type="submit" class="button">{t(K::ClassSave)}</button>
            </ServerForm>
        </section>
        <section class="card" aria-labelledby="enrol-title">
            <h2 id="enrol-title">{t(K::RosterColRole)}</h2>
            <Alert error=enrol_err />
            <ServerForm action=enrol attr:class="stack">
                <CsrfField />
                <input type="hidden" name="class_id" value=s.id />
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
            </ServerForm>
            <ul class="staff">
                {detail.staff.into_iter().map(|m| {
                    let role = match m.role.as_str() { "facilitator" => K::RoleFacilitator, _ => K::RoleEvaluator };
                    view! { <li>{m.full_name}" — "{t(role)}</li> }
                }).collect_view()}
            </ul>
        </section>
    }
}
