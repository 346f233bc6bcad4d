//! A list of classes as cards, rendered on the server only (see `ui::render_html`).
use crate::classes::model::ClassSummary;
use crate::i18n::{fill, fmt_date, K};
use crate::ui::{t, use_locale};
use leptos::prelude::*;

/// The cards, or `empty` when there are none.
pub fn class_list(classes: Vec<ClassSummary>, empty: K) -> impl IntoView {
    if classes.is_empty() {
        return view! { <p>{t(empty)}</p> }.into_any();
    }
    view! { <ClassList classes /> }.into_any()
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
