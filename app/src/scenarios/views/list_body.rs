//! The scenarios of a class, rendered on the server: a card per assignment
//! with the caller's progress, and for facilitators the assignment form.
use super::text::{tr, tx};
use crate::i18n::{fill, P};
use crate::scenarios::api::{AssignScenario, UpdateAssignment};
use crate::scenarios::page_data::{ListData, ListItem};
use crate::ui::{form_action, slot_action, CsrfField, ErrorSlot, SlotField};
use chrono::{DateTime, Utc};
use leptos::prelude::*;

pub fn class_list_body(data: ListData) -> impl IntoView {
    let class_id = data.class_id;
    let empty = data.items.is_empty();
    view! {
        <header class="page-head">
            <p class="muted"><a href=format!("/classes/{class_id}")>{data.class_name.clone()}</a></p>
            <h1>{tr(P::ScenariosTitle)}</h1>
            <p>{tr(P::ScenariosIntro)}</p>
        </header>
        {empty.then(|| view! { <p class="notice">{tr(P::ScenariosNone)}</p> })}
        <ul class="card-list">
            {data.items.into_iter().map(|item| card(class_id, data.can_manage, data.evaluates, item)).collect_view()}
        </ul>
        {data.can_manage.then(|| assign_form(class_id, data.assignable))}
    }
}

fn card(class_id: i64, can_manage: bool, evaluates: bool, item: ListItem) -> impl IntoView {
    let play = format!("/classes/{class_id}/scenarios/{}", item.assignment_id);
    let analytics = format!("{play}/analytics");
    let evaluation = format!("{play}/evaluation");
    let attempts = match item.max_attempts {
        0 => tr(P::AttemptsUnlimited).to_string(),
        n => n.to_string(),
    };
    let mut window = fill(
        tr(P::OpenWindow),
        &[crate::ui::rendered::local_date(item.opens_at)],
    );
    if let Some(closes) = item.closes_at {
        window = format!(
            "{window}, {}",
            fill(tr(P::CloseWindow), &[crate::ui::rendered::local_date(closes)])
        );
    }
    let (status, action) = match &item.mine {
        Some(m) => match (m.in_progress, m.finished) {
            (Some(p), _) => (fill(tr(P::InProgress), &[p.to_string()]), P::Resume),
            (None, 0) => (tr(P::NotStarted).to_string(), P::Play),
            (None, n) => (fill(tr(P::FinishedTimes), &[n.to_string()]), P::ViewSummary),
        },
        None => (String::new(), P::Play),
    };
    view! {
        <li class="card">
            <h2><a href=play.clone()>{tx(&item.title).to_string()}</a></h2>
            <p>{tx(&item.summary).to_string()}</p>
            <p class="muted">
                {fill(tr(P::Minutes), &[item.minutes.to_string()])}" · "{window}" · "
                {fill(tr(P::AttemptsPolicy), &[attempts])}
            </p>
            {item.mine.is_some().then(|| view! { <p class="status">{status}</p> })}
            <p class="actions">
                <a class="button primary" href=play>{tr(action)}</a>
                {can_manage.then(|| view! { <a class="button" href=analytics>{tr(P::Analytics)}</a> })}
                {evaluates.then(|| view! { <a class="button" href=evaluation>{tr(P::EvalReflectionsLink)}</a> })}
            </p>
            {can_manage.then(|| schedule_form(class_id, item.assignment_id, item.opens_at, item.closes_at, item.max_attempts))}
        </li>
    }
}

fn day(t: DateTime<Utc>) -> String {
    crate::ui::rendered::date_value(t)
}

/// Change the window or policy of an assignment (to close it today, set the
/// closing date to today).
fn schedule_form(
    class_id: i64,
    assignment: i64,
    opens_at: DateTime<Utc>,
    closes_at: Option<DateTime<Utc>>,
    max_attempts: i32,
) -> impl IntoView {
    let slot = format!("schedule-{assignment}");
    let id = |name: &str| format!("{name}-{assignment}");
    view! {
        <details>
            <summary>{tr(P::ScheduleTitle)}</summary>
            <form method="post" action="/api/update_assignment" class="stack" data-error-slot=slot.clone()>
                <CsrfField />
                <SlotField id=slot.clone() />
                <input type="hidden" name="class_id" value=class_id />
                <input type="hidden" name="assignment" value=assignment />
                <label for=id("opens")>{tr(P::AssignOpens)}</label>
                <input id=id("opens") name="opens_on" type="date" required value=day(opens_at) />
                <label for=id("closes")>{tr(P::AssignCloses)}</label>
                <input id=id("closes") name="closes_on" type="date" value=closes_at.map(day).unwrap_or_default() />
                <label for=id("attempts")>{tr(P::AssignAttempts)}</label>
                <input id=id("attempts") name="max_attempts" type="number" min="0" max="20" value=max_attempts required />
                <button type="submit" class="button">{tr(P::ScheduleSave)}</button>
            </form>
            <ErrorSlot id=slot.clone() action={slot_action::<UpdateAssignment>(&slot)} />
        </details>
    }
}

fn assign_form(
    class_id: i64,
    assignable: Vec<(String, crate::scenarios::model::Bilingual)>,
) -> impl IntoView {
    let action = form_action::<AssignScenario>();
    let today = crate::ui::rendered::today_value();
    // Every scenario is assigned already: say so and where to go, not an empty list.
    if assignable.is_empty() {
        return view! {
            <section class="panel">
                <h2>{tr(P::AssignTitle)}</h2>
                <p>{tr(P::AssignAllAssigned)}</p>
                <a class="button" href="/scenarios">{tr(P::AssignToLibrary)}</a>
            </section>
        }
        .into_any();
    }
    view! {
        <section class="panel">
            <h2>{tr(P::AssignTitle)}</h2>
            <form method="post" action="/api/assign_scenario" class="stack" data-error-slot="assign-error">
                <CsrfField />
                <crate::ui::SlotInput id="assign-error" />
                <input type="hidden" name="class_id" value=class_id />
                <label for="assign-scenario">{tr(P::AssignScenario)}</label>
                <select id="assign-scenario" name="scenario" required>
                    {assignable.into_iter().map(|(key, title)| view! { <option value=key>{tx(&title).to_string()}</option> }).collect_view()}
                </select>
                <label for="assign-opens">{tr(P::AssignOpens)}</label>
                <input id="assign-opens" name="opens_on" type="date" required value=today />
                <label for="assign-closes">{tr(P::AssignCloses)}</label>
                <input id="assign-closes" name="closes_on" type="date" />
                <label for="assign-attempts">{tr(P::AssignAttempts)}</label>
                <input id="assign-attempts" name="max_attempts" type="number" min="0" max="20" value="1" required />
                <button type="submit" class="button primary">{tr(P::AssignSubmit)}</button>
            </form>
            <ErrorSlot id="assign-error".into() action />
        </section>
    }
    .into_any()
}
