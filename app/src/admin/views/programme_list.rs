//! Programmes with their classes, rendered on the server only (see `ui::render_html`).
use crate::admin::model::ProgrammeView;
use crate::classes::model::ClassSummary;
use crate::i18n::K;
use leptos::prelude::*;

pub fn programme_list(programmes: Vec<ProgrammeView>) -> impl IntoView {
    programmes
        .into_iter()
        .map(|p| {
            view! {
                <section class="programme">
                    <h2>{p.name}</h2>
                    <p class="muted">{p.description}</p>
                    {ClassSummary::card_list(&p.classes, K::ClassesEmpty)}
                </section>
            }
        })
        .collect_view()
}
