use crate::classes::api::my_classes_html;
use crate::i18n::K;
use crate::ui::{html_page_data, t, use_locale, HtmlPage};
use leptos::prelude::*;

#[component]
pub fn ClassesPage() -> impl IntoView {
    view! {
        <h1>{t(K::ClassesTitle)}</h1>
        <MyClassList home=false />
    }
}

/// The caller's classes as server-rendered cards (`class_list`).
#[component]
pub fn MyClassList(home: bool) -> impl IntoView {
    let locale = use_locale();
    let page = html_page_data(move || locale.get(), move |_| my_classes_html(home));
    view! { <HtmlPage page /> }
}
