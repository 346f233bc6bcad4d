use crate::classes::views::class_id_param;
use crate::curriculum::api::progress_page_html;
use crate::ui::{html_page_data, use_locale, HtmlPage};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Read-only: the board comes as server-rendered HTML (`boards::progress_body`).
#[component]
pub fn ProgressPage() -> impl IntoView {
    let id = class_id_param();
    let query = use_query_map();
    let generation = Memo::new(move |_| query.with(|q| q.get("generation")).filter(|g| !g.is_empty()));
    let locale = use_locale();
    let page = html_page_data(
        move || (id.get(), generation.get(), locale.get()),
        |(id, g, _)| progress_page_html(id, g),
    );
    view! { <HtmlPage page /> }
}
