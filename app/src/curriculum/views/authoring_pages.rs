//! Authoring pages: server-rendered HTML (`authoring_body`) whose forms post by
//! fetch once hydrated; a success reloads the HTML.
use crate::curriculum::authoring_api::{
    authoring_outline_html, lesson_editor_html, MoveContent, SaveBlockText,
};
use crate::i18n::K;
use crate::ui::{form_action, html_page_data, use_locale, Alert, HtmlPage, Notice};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn AuthoringPage() -> impl IntoView {
    let edits = form_action::<MoveContent>();
    let error = Signal::derive(move || edits.value().get().and_then(|r| r.err()));
    let saved = Signal::derive(move || matches!(edits.value().get(), Some(Ok(()))));
    let locale = use_locale();
    let page = html_page_data(
        move || (locale.get(), edits.version().get()),
        |_| authoring_outline_html(),
    );
    view! {
        <Alert error />
        <Notice show=saved key=K::Saved />
        <HtmlPage page forms=Some(edits) />
    }
}

#[component]
pub fn LessonEditorPage() -> impl IntoView {
    let params = use_params_map();
    let key = Memo::new(move |_| params.with(|p| p.get("lesson").unwrap_or_default()));
    let edits = form_action::<SaveBlockText>();
    let error = Signal::derive(move || edits.value().get().and_then(|r| r.err()));
    let saved = Signal::derive(move || matches!(edits.value().get(), Some(Ok(()))));
    let locale = use_locale();
    let page = html_page_data(
        move || (key.get(), locale.get(), edits.version().get()),
        |(key, _, _)| lesson_editor_html(key),
    );
    view! {
        <Alert error />
        <Notice show=saved key=K::Saved />
        <HtmlPage page forms=Some(edits) />
    }
}
