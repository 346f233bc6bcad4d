use crate::classes::views::class_id_param;
use crate::curriculum::api::reflections_page_html;
use crate::ui::{html_page_data, use_locale, HtmlPage};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// Read-only: the reflections come as server-rendered HTML (`boards::reflections_body`).
#[component]
pub fn ReflectionsPage() -> impl IntoView {
    let id = class_id_param();
    let params = use_params_map();
    let key = Memo::new(move |_| params.with(|p| p.get("lesson").unwrap_or_default()));
    let locale = use_locale();
    let page = html_page_data(
        move || (id.get(), key.get(), locale.get()),
        |(id, key, _)| reflections_page_html(id, key),
    );
    view! { <HtmlPage page /> }
}
