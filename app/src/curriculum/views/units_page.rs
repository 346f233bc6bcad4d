use crate::classes::views::class_id_param;
use crate::curriculum::api::get_class_units;
use crate::curriculum::domain::progress::Release;
use crate::curriculum::view_model::{ClassUnits, UnitCard};
use crate::i18n::{fill, fmt_date, K};
use crate::ui::{t, use_locale, PageError};
use leptos::prelude::*;

#[component]
pub fn UnitsPage() -> impl IntoView {
    let id = class_id_param();
    let units = Resource::new_blocking(move || id.get(), get_class_units);
    view! {
        <Suspense fallback=move || view! { <p>{t(K::Loading)}</p> }>
            {move || Suspend::new(async move {
                match units.await {
                    Ok(data) => view! { <UnitList data /> }.into_any(),
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn UnitList(data: ClassUnits) -> impl IntoView {
    let locale = use_locale();
    let class_id = data.class_id;
    let overall = data.overall_percent;
    let next = data.continue_at.clone();
    let participant = data.is_participant;
    view! {
        <header class="page-head">
            <p class="muted"><a href=format!("/classes/{class_id}")>{data.class_name.clone()}</a></p>
            <h1>{t(K::LearnTitle)}</h1>
            <Show when=move || participant>
                <p>{move || fill(K::LearnOverall.t(locale.get()), &[overall.to_string()])}</p>
                // A native progress bar: inline styles are blocked by the CSP, and
                // screen readers already know this element.
                <progress class="meter" max="100" value=overall>{format!("{overall} %")}</progress>
                {match next.clone() {
                    Some(key) => view! {
                        <a class="button primary" href=format!("/classes/{class_id}/learn/{key}")>{t(K::LearnContinue)}</a>
                    }.into_any(),
                    None => view! { <p class="notice">{t(K::LearnAllDone)}</p> }.into_any(),
                }}
            </Show>
            <Show when=move || !participant>
                <p class="notice">{t(K::LearnPreviewNote)}</p>
            </Show>
        </header>
        <ol class="units">
            {data.units.into_iter().map(|unit| view! { <UnitItem unit class_id participant /> }).collect_view()}
        </ol>
    }
}

#[component]
fn UnitItem(unit: UnitCard, class_id: i64, participant: bool) -> impl IntoView {
    let locale = use_locale();
    let percent = unit.percent;
    let minutes = unit.minutes;
    let release = unit.release;
    let title = unit.title.clone();
    let objective = unit.objective.clone();
    let status = move || match release {
        Release::Open => None,
        Release::OnDate(day) => Some(fill(
            K::LearnOpensOn.t(locale.get()),
            &[fmt_date(day, locale.get())],
        )),
        Release::Hidden => Some(K::LearnHidden.t(locale.get()).to_string()),
    };
    view! {
        <li class="card unit">
            <h2>{move || title.get(locale.get()).to_string()}</h2>
            <p class="muted">
                {move || fill(K::LearnMinutes.t(locale.get()), &[minutes.to_string()])}
                {participant.then(|| view! { " · " {move || fill(K::LearnUnitProgress.t(locale.get()), &[percent.to_string()])} })}
            </p>
            {move || status().map(|s| view! { <p class="badge">{s}</p> })}
            <p><strong>{t(K::LearnObjective)}": "</strong>{move || objective.get(locale.get()).to_string()}</p>
            <ol class="lessons">
                {unit.lessons.into_iter().map(|lesson| {
                    let title = lesson.title.clone();
                    let href = format!("/classes/{class_id}/learn/{}", lesson.key);
                    let done = lesson.completed;
                    view! {
                        <li class:done=done>
                            <a href=href>{move || title.get(locale.get()).to_string()}</a>
                            <span class="muted">" · "{move || fill(K::LearnMinutes.t(locale.get()), &[lesson.minutes.to_string()])}</span>
                            {done.then(|| view! { <span class="badge ok">"✓ "{t(K::LearnLessonDone)}</span> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </li>
    }
}
