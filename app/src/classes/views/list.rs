use crate::ui::page_data;
use crate::classes::api::my_classes;
use crate::classes::model::ClassSummary;
use crate::i18n::{fill, fmt_date, K};
use crate::ui::{t, use_locale, PageError};
use leptos::prelude::*;

#[component]
pub fn ClassesPage() -> impl IntoView {
    let classes = page_data(|| (), |_| my_classes());
    view! {
        <h1>{t(K::ClassesTitle)}</h1>
        <Suspense fallback=move || view! { <p>{t(K::Loading)}</p> }>
            {move || Suspend::new(async move {
                match classes.await {
                    Ok(list) if list.is_empty() => view! { <p>{t(K::ClassesEmpty)}</p> }.into_any(),
                    Ok(list) => view! { <ClassList classes=list /> }.into_any(),
                    Err(e) => view! { <PageError error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn ClassList(classes: Vec<ClassSummary>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <ul class="card-list">
            {classes.into_iter().map(|c| {
                let period = move || fill(K::ClassPeriod.t(locale.get()), &[fmt_date(c.starts_on, locale.get()), fmt_date(c.ends_on, locale.get())]);
                let count = move || fill(K::ClassParticipants.t(locale.get()), &[c.participants.to_string()]);
                view! {
                    <li class="card">
                        <h3><a href=format!("/classes/{}", c.id)>{c.name.clone()}</a></h3>
                        <p class="muted">{c.programme.clone()}</p>
                        <p>{period}" · "{count}</p>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
