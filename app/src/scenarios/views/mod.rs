//! The scenario pages. Their content is rendered on the server (`*_body`, text
//! from `i18n::P`); the hydrated page only fetches it and posts its forms.
#[cfg(feature = "ssr")]
mod analytics_body;
#[cfg(feature = "ssr")]
mod authoring_body;
#[cfg(feature = "ssr")]
mod data;
#[cfg(feature = "ssr")]
mod graph_svg;
#[cfg(feature = "ssr")]
mod list_body;
#[cfg(feature = "ssr")]
mod play_body;
#[cfg(feature = "ssr")]
pub mod text;

#[cfg(feature = "ssr")]
pub use {
    analytics_body::analytics_body,
    authoring_body::{editor_body, scenarios_body},
    data::{list_data, play_data},
    list_body::class_list_body,
    play_body::play_body,
};

use crate::classes::views::class_id_param;
use crate::i18n::K;
use crate::scenarios::api::{
    class_scenarios_page, scenario_analytics_page, scenario_play_page, AssignScenario, ScenarioStep,
};
use crate::scenarios::authoring_api::{scenario_editor_page, scenarios_page, SaveScenarioNode};
use crate::ui::{form_action, html_page_data, t, use_locale, FormAction, HtmlPage};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

fn param(name: &'static str) -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get(name).unwrap_or_default()))
}

fn id_param(name: &'static str) -> Memo<i64> {
    let text = param(name);
    Memo::new(move |_| text.with(|t| t.parse().unwrap_or(0)))
}

#[component]
pub fn ClassScenariosPage() -> impl IntoView {
    let id = class_id_param();
    let assign = form_action::<AssignScenario>();
    let locale = use_locale();
    let page = html_page_data(
        move || (id.get(), locale.get(), assign.version().get()),
        |(id, _, _)| class_scenarios_page(id),
    );
    view! { <HtmlPage page forms=Some(assign) /> }
}

/// One node at a time. Every post (start, step) goes through `step`, whose
/// successes reload the node; the save state above it says where the last
/// decision stands, including while it is being retried offline.
#[component]
pub fn ScenarioPlayPage() -> impl IntoView {
    let id = class_id_param();
    let assignment = id_param("assignment");
    let step = form_action::<ScenarioStep>();
    let locale = use_locale();
    let page = html_page_data(
        move || (id.get(), assignment.get(), locale.get(), step.version().get()),
        |(id, assignment, _, _)| scenario_play_page(id, assignment),
    );
    view! {
        <SaveState action=step />
        <HtmlPage page forms=Some(step) />
    }
}

#[component]
fn SaveState(action: FormAction) -> impl IntoView {
    let text = move || match (action.pending().get(), action.value().get()) {
        (true, Some(Err(crate::error::AppError::Transport))) => K::LearnUnsaved,
        (true, _) => K::LearnSaving,
        _ => K::LearnSaved,
    };
    let locale = use_locale();
    view! { <p class="save-state" role="status" aria-live="polite">{move || text().t(locale.get())}</p> }
}

#[component]
pub fn ScenarioAnalyticsPage() -> impl IntoView {
    let id = class_id_param();
    let assignment = id_param("assignment");
    let locale = use_locale();
    let page = html_page_data(
        move || (id.get(), assignment.get(), locale.get()),
        |(id, assignment, _)| scenario_analytics_page(id, assignment),
    );
    view! { <HtmlPage page /> }
}

#[component]
pub fn ScenariosPage() -> impl IntoView {
    let locale = use_locale();
    let page = html_page_data(move || locale.get(), |_| scenarios_page());
    view! { <HtmlPage page /> }
}

#[component]
pub fn ScenarioEditorPage() -> impl IntoView {
    let key = param("key");
    let save = form_action::<SaveScenarioNode>();
    let locale = use_locale();
    let page = html_page_data(
        move || (key.get(), locale.get(), save.version().get()),
        |(key, _, _)| scenario_editor_page(key),
    );
    let _ = t;
    view! { <HtmlPage page forms=Some(save) /> }
}
