//! The unit list with progress and, for facilitators, the release plan forms;
//! rendered on the server only (see `ui::render_html`).
use crate::curriculum::api::SetRelease;
use crate::curriculum::domain::progress::Release;
use crate::curriculum::view_model::{ClassUnits, UnitCard};
use crate::i18n::{fill, fmt_date, P};
use crate::ui::{slot_action, use_locale, CsrfField, FieldError, ServerForm, SlotField};
use leptos::prelude::*;

pub fn units_body(data: ClassUnits) -> impl IntoView {
    let locale = use_locale();
    let class_id = data.class_id;
    let overall = data.overall_percent;
    let next = data.continue_at.clone();
    let participant = data.is_participant;
    let manage = data.can_manage;
    view! {
        <header class="page-head">
            <p class="muted"><a href=format!("/classes/{class_id}")>{data.class_name.clone()}</a></p>
            <h1>{crate::ui::tp(P::LearnTitle)}</h1>
            <Show when=move || participant>
                <p>{move || fill(P::LearnOverall.t(locale.get()), &[overall.to_string()])}</p>
                // A native progress bar: inline styles are blocked by the CSP, and
                // screen readers already know this element.
                <progress class="meter" max="100" value=overall>{format!("{overall} %")}</progress>
                {match next.clone() {
                    Some(key) => view! {
                        <a class="button primary" href=format!("/classes/{class_id}/learn/{key}")>{crate::ui::tp(P::LearnContinue)}</a>
                    }.into_any(),
                    None => view! { <p class="notice">{crate::ui::tp(P::LearnAllDone)}</p> }.into_any(),
                }}
            </Show>
            <Show when=move || !participant>
                <p class="notice">{crate::ui::tp(P::LearnPreviewNote)}</p>
            </Show>
            <Show when=move || manage>
                <a class="button" href=format!("/classes/{class_id}/progress")>{crate::ui::tp(P::LearnProgressBoard)}</a>
            </Show>
        </header>
        <ol class="units">
            {data.units.into_iter().map(|unit| view! { <UnitItem unit class_id participant manage /> }).collect_view()}
        </ol>
    }
}

#[component]
fn UnitItem(unit: UnitCard, class_id: i64, participant: bool, manage: bool) -> impl IntoView {
    let locale = use_locale();
    let percent = unit.percent;
    let minutes = unit.minutes;
    let plan = unit.release;
    let unit_key = unit.key.clone();
    let title = unit.title.clone();
    let objective = unit.objective.clone();
    let status = move || match plan {
        Release::Open => None,
        Release::OnDate(day) => Some(fill(
            P::LearnOpensOn.t(locale.get()),
            &[fmt_date(day, locale.get())],
        )),
        Release::Hidden => Some(P::LearnHidden.t(locale.get()).to_string()),
    };
    view! {
        <li class="card unit">
            <h2>{move || title.get(locale.get()).to_string()}</h2>
            <p class="muted">
                {move || fill(P::LearnMinutes.t(locale.get()), &[minutes.to_string()])}
                {participant.then(|| view! { " · " {move || fill(P::LearnUnitProgress.t(locale.get()), &[percent.to_string()])} })}
            </p>
            {move || status().map(|s| view! { <p class="badge">{s}</p> })}
            <p><strong>{crate::ui::tp(P::LearnObjective)}": "</strong>{move || objective.get(locale.get()).to_string()}</p>
            {manage.then(|| view! { <ReleaseForm class_id unit_key plan /> })}
            <ol class="lessons">
                {unit.lessons.into_iter().map(|lesson| {
                    let title = lesson.title.clone();
                    let href = format!("/classes/{class_id}/learn/{}", lesson.key);
                    let reflections = format!("/classes/{class_id}/reflections/{}", lesson.key);
                    let done = lesson.completed;
                    view! {
                        <li class:done=done>
                            <a href=href>{move || title.get(locale.get()).to_string()}</a>
                            <span class="muted">" · "{move || fill(P::LearnMinutes.t(locale.get()), &[lesson.minutes.to_string()])}</span>
                            {done.then(|| view! { <span class="badge ok">"✓ "{crate::ui::tp(P::LearnLessonDone)}</span> })}
                            {manage.then(|| view! { " · "<a href=reflections>{crate::ui::tp(P::ReflectionsLink)}</a> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </li>
    }
}

/// The facilitator's release plan for one unit: open now, from a date, or hidden.
/// Once hydrated, its error is written into its own slot (see `ui::ServerHtml`),
/// so it shows under the unit it is about.
#[component]
fn ReleaseForm(class_id: i64, unit_key: String, plan: Release) -> impl IntoView {
    let field = format!("release-{unit_key}");
    let slot = format!("{field}-error-slot");
    let action = slot_action::<SetRelease>(&slot);
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let slot_ref = slot.clone();
    let date_field = format!("{field}-date");
    let choice = move |value: &'static str, key: P| {
        view! { <option value=value selected=plan.mode_code() == value>{crate::ui::tp(key)}</option> }
    };
    view! {
        <ServerForm action attr:class="release-form" attr:data-error-slot=slot_ref>
            <CsrfField />
            <SlotField id=slot.clone() />
            <input type="hidden" name="class_id" value=class_id />
            <input type="hidden" name="unit" value=unit_key />
            <div class="field">
                <label for=field.clone()>{crate::ui::tp(P::ReleaseLabel)}</label>
                <select id=field name="mode">
                    {choice("open", P::ReleaseOpen)}
                    {choice("date", P::ReleaseDate)}
                    {choice("hidden", P::ReleaseHidden)}
                </select>
            </div>
            <div class="field">
                <label for=date_field.clone()>{crate::ui::tp(P::ReleaseDateLabel)}</label>
                <input id=date_field type="date" name="opens_on" value=plan.opens_on().map(|d| d.to_string()).unwrap_or_default() />
                <FieldError error field="opens_on" />
            </div>
            {outcome_slot(slot)}
            <button type="submit" class="button">{crate::ui::tp(P::ReleaseSave)}</button>
        </ServerForm>
    }
}

/// The release form's slot: its field errors show beside the date (above), so
/// the slot carries a script's error or, after a plain post came back here,
/// the outcome.
fn outcome_slot(id: String) -> impl IntoView {
    let done = crate::ui::tp(P::OutcomeReleasePlanSaved);
    let landed = crate::ui::done_slot().is_some_and(|s| s == id);
    let (class, role) = if landed {
        ("outcome-ok", "status")
    } else {
        ("field-error", "alert")
    };
    view! { <p id=id class=class role=role hidden=!landed data-done=done>{landed.then_some(done)}</p> }
}
