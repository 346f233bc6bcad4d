//! Authoring pages: server-rendered HTML (`authoring_body`) whose forms post by
//! fetch once hydrated; a success reloads the HTML.
use crate::curriculum::authoring_api::{
    authoring_outline_html, lesson_editor_html, MoveContent, SaveBlockText,
};
use crate::i18n::{fill, K};
use crate::ui::{form_action, html_page_data, use_locale, Alert, HtmlPage};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn AuthoringPage() -> impl IntoView {
    let edits = form_action::<MoveContent>();
    let error = Signal::derive(move || edits.value().get().and_then(|r| r.err()));
    let locale = use_locale();
    let page = html_page_data(
        move || (locale.get(), edits.version().get()),
        |_| authoring_outline_html(),
    );
    // After an import the server sends the browser here with the counts.
    let query = use_query_map();
    let imported = move || {
        let counts = query.with(|q| q.get("imported"))?;
        let counts: Vec<String> = counts.split(',').map(str::to_string).collect();
        Some(fill(K::CurImportDone.t(locale.get()), &counts))
    };
    view! {
        {move || imported().map(|text| view! { <div class="alert alert-ok" role="status">{text}</div> })}
        <Alert error />
        <HtmlPage page forms=Some(edits) />
    }
}

#[component]
pub fn LessonEditorPage() -> impl IntoView {
    let params = use_params_map();
    let key = Memo::new(move |_| params.with(|p| p.get("lesson").unwrap_or_default()));
    let edits = form_action::<SaveBlockText>();
    let error = Signal::derive(move || edits.value().get().and_then(|r| r.err()));
    let locale = use_locale();
    let page = html_page_data(
        move || (key.get(), locale.get(), edits.version().get()),
        |(key, _, _)| lesson_editor_html(key),
    );
    view! {
        <Alert error />
        <HtmlPage page forms=Some(edits) />
    }
}
