use crate::classes::views::class_id_param;
use crate::curriculum::api::{units_page_html, SetRelease};
use crate::ui::{form_action, html_page_data, use_locale, HtmlPage};
use leptos::prelude::*;

/// The units come as server-rendered HTML (`units_body`); the release forms in
/// it are sent by fetch once hydrated, and a success reloads the list.
#[component]
pub fn UnitsPage() -> impl IntoView {
    let id = class_id_param();
    let release = form_action::<SetRelease>();
    let locale = use_locale();
    let page = html_page_data(
        move || (id.get(), locale.get(), release.version().get()),
        |(id, _, _)| units_page_html(id),
    );
    view! { <HtmlPage page forms=Some(release) /> }
}
