//! The course outline for authors, rendered on the server only (see
//! `ui::render_html`): units and lessons to reorder, edit, add and retire, and
//! the curriculum's export and import. Every form posts to a server fn: a plain
//! post without JavaScript, a fetch once hydrated, its error in its own slot.
use super::authoring_forms::{field, move_buttons, retire_button};
use crate::curriculum::authoring_api::{AddLesson, AddUnit, ImportCurriculum, SaveUnit};
use crate::curriculum::model::{Curriculum, Unit};
use crate::error::AppError;
use crate::i18n::{fill, P};
use crate::ui::{
    form_action, slot_action, use_csrf, use_locale, CsrfField, ErrorSlot, ServerForm, SlotField,
};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

pub fn outline_body(
    curriculum: Curriculum,
    retired: Vec<crate::curriculum::store::retired::Retired>,
    classes: u64,
) -> impl IntoView {
    // A page menu: the outline runs to 7,000 px on a phone.
    let l = use_locale().get_untracked();
    let mut menu: Vec<(String, String)> = curriculum
        .units
        .iter()
        .map(|u| (format!("outline-{}", u.key), u.title.get(l).to_string()))
        .collect();
    for (id, key) in [
        ("new-unit-section", P::AuthorAddUnit),
        ("retired-section", P::AuthorRetiredTitle),
        ("transfer-section", P::CurTransferTitle),
    ] {
        menu.push((id.to_string(), key.t(l).to_string()));
    }
    view! {
        <header class="page-head">
            <h1>{crate::ui::tp(P::AuthorTitle)}</h1>
            <p>{crate::ui::tp(P::AuthorIntro)}</p>
        </header>
        {crate::ui::rendered::page_nav(menu)}
        <ol class="units">
            {curriculum.units.into_iter().map(|u| unit_card(u, classes)).collect_view()}
        </ol>
        <div id="new-unit-section">{add_form::<AddUnit>("new-unit", None, P::AuthorAddUnit)}</div>
        {super::authoring_forms::retired_section(retired.into_iter().filter(|r| r.level != "block").collect())}
        {transfer_section()}
    }
}

/// Download as .zip; upload a .zip or .toml (a plain multipart form, also with
/// JavaScript on). After a refused upload the problems come back in the URL
/// and are listed here with file, line and reason.
fn transfer_section() -> impl IntoView {
    let error = form_action::<ImportCurriculum>()
        .value()
        .get_untracked()
        .and_then(|r| r.err());
    let csrf = use_csrf().get_untracked();
    view! {
        <section class="card" id="transfer-section" aria-labelledby="transfer-title">
            <h2 id="transfer-title">{crate::ui::tp(P::CurTransferTitle)}</h2>
            <p class="hint">{crate::ui::tp(P::CurTransferHelp)}</p>
            <p><a class="button" href="/curriculum/export.zip" download>{crate::ui::tp(P::CurExport)}</a></p>
            {error.map(import_problems)}
            <form method="post" action=ImportCurriculum::url() enctype="multipart/form-data" class="stack">
                <input type="hidden" name="csrf" value=csrf />
                <div class="field">
                    <label for="curriculum-file">{crate::ui::tp(P::CurImportFile)}</label>
                    <input id="curriculum-file" name="file" type="file" accept=".zip,.toml" required />
                </div>
                <button type="submit" class="button primary">{crate::ui::tp(P::CurImportSubmit)}</button>
            </form>
        </section>
    }
}

fn import_problems(error: AppError) -> impl IntoView {
    let l = use_locale().get_untracked();
    let AppError::Invalid(fields) = error else {
        let text = error.alert().map(|m| m.render(l)).unwrap_or_default();
        return view! { <div class="alert alert-error" role="alert">{text}</div> }.into_any();
    };
    let rows = fields.into_iter().flat_map(|(place, msgs)| {
        let (file, line) = match place.rsplit_once(':') {
            Some((file, line)) => (file.to_string(), line.parse::<u32>().unwrap_or(0)),
            None => (String::new(), 0),
        };
        msgs.into_iter().map(move |m| {
            let detail = m.args.first().cloned().unwrap_or_default();
            let line = if line == 0 {
                String::new()
            } else {
                line.to_string()
            };
            view! {
                <tr class="issue-row">
                    <td>{file.clone()}</td>
                    <td>{line}</td>
                    <td>{m.key.t(l)}</td>
                    <td class="mono">{detail}</td>
                </tr>
            }
        })
    });
    view! {
        <div class="alert alert-error" role="alert">{crate::ui::tp(P::CurImportProblems)}</div>
        <div class="table-wrap" tabindex="0">
            <table class="issues">
                <thead><tr>
                    <th scope="col">{crate::ui::tp(P::CurIssueFile)}</th>
                    <th scope="col">{crate::ui::tp(P::CurIssueLine)}</th>
                    <th scope="col">{crate::ui::tp(P::CurIssueProblem)}</th>
                    <th scope="col">{crate::ui::tp(P::CurIssueDetail)}</th>
                </tr></thead>
                <tbody>{rows.collect_view()}</tbody>
            </table>
        </div>
    }
    .into_any()
}

fn unit_card(unit: Unit, classes: u64) -> impl IntoView {
    let l = use_locale().get_untracked();
    let key = unit.key.clone();
    view! {
        <li class="card unit" id=format!("outline-{key}")>
            <div class="author-row">
                <h2>{unit.title.get(l).to_string()}</h2>
                {move_buttons("unit", unit.key.clone(), unit.title.get(l).to_string())}
                {retire_button("unit", unit.key.clone(), classes)}
            </div>
            <p class="muted">{fill(P::LearnMinutes.t(l), &[unit.minutes.to_string()])}</p>
            <details>
                <summary>{crate::ui::tp(P::AuthorEditUnit)}</summary>
                {unit_form(unit.clone())}
            </details>
            <ol class="lessons">
                {unit.lessons.into_iter().map(|lesson| view! {
                    <li class="author-row">
                        <a href=format!("/curriculum/lessons/{}", lesson.key)>{lesson.title.get(l).to_string()}</a>
                        <span class="muted">{fill(P::LearnMinutes.t(l), &[lesson.minutes.to_string()])}</span>
                        {move_buttons("lesson", lesson.key.clone(), lesson.title.get(l).to_string())}
                        {retire_button("lesson", lesson.key.clone(), classes)}
                    </li>
                }).collect_view()}
            </ol>
            {add_form::<AddLesson>(&format!("new-lesson-{key}"), Some(("unit", key.clone())), P::AuthorAddLesson)}
        </li>
    }
}

fn unit_form(unit: Unit) -> impl IntoView {
    let id = format!("unit-{}", unit.key);
    let action = slot_action::<SaveUnit>(&format!("{id}-error"));
    let fields = view! {
        <div class="field-row">
            {field(&id, "title_id", P::AuthorTitleId, unit.title.id.clone())}
            {field(&id, "title_en", P::AuthorTitleEn, unit.title.en.clone())}
        </div>
        <div class="field-row">
            {field(&id, "objective_id", P::AuthorObjectiveId, unit.objective.id.clone())}
            {field(&id, "objective_en", P::AuthorObjectiveEn, unit.objective.en.clone())}
        </div>
    };
    let minutes_id = format!("{id}-minutes");
    let slot = format!("{id}-error");
    let slot_ref = slot.clone();
    view! {
        <ServerForm action attr:class="stack" attr:data-error-slot=slot_ref>
            <CsrfField />
            <SlotField id=slot.clone() />
            <input type="hidden" name="unit" value=unit.key />
            {fields}
            <div class="field">
                <label for=minutes_id.clone()>{crate::ui::tp(P::AuthorUnitMinutes)}</label>
                <input id=minutes_id name="minutes" type="number" min="1" max="600" value=unit.minutes.to_string() required />
            </div>
            <ErrorSlot id=slot action />
            <button type="submit" class="button">{crate::ui::tp(P::AuthorSave)}</button>
        </ServerForm>
    }
}

/// "Add …" with a title in both languages; `parent` is the hidden (name, key).
fn add_form<S: leptos::server_fn::ServerFn>(
    id: &str,
    parent: Option<(&'static str, String)>,
    label: P,
) -> impl IntoView {
    let slot = format!("{id}-error");
    let action = slot_action::<S>(&slot);
    let slot_ref = slot.clone();
    let hidden = parent.map(|(name, key)| view! { <input type="hidden" name=name value=key /> });
    let titles = view! {
        <div class="field-row">
            {field(id, "title_id", P::AuthorTitleId, String::new())}
            {field(id, "title_en", P::AuthorTitleEn, String::new())}
        </div>
    };
    view! {
        <details class="add-item">
            <summary>{crate::ui::tp(label)}</summary>
            <ServerForm action attr:class="stack" attr:data-error-slot=slot_ref>
                <CsrfField />
                <SlotField id=slot.clone() />
                {hidden}
                {titles}
                <ErrorSlot id=slot action />
                <button type="submit" class="button">{crate::ui::tp(label)}</button>
            </ServerForm>
        </details>
    }
}
