//! Pages that are server-rendered HTML and nothing else in the browser (the
//! class's units, progress board and reflections, and every scenario page)
//! share one hydrated component, `HtmlRoute`, and one server fn, `page_html`,
//! which answers each path with the page server fn that serves it (and its
//! access checks). One resource and one client stub in the WASM serve them
//! all, instead of one of each per page.
use crate::error::AppError;
use crate::ui::{
    form_action, html_page_data, use_locale, FormAction, HtmlPage, HtmlPageData, Save, SaveIndicator,
};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_router::hooks::use_location;

/// The HTML of the page at `path` (with its `query`, e.g. `?generation=z`).
#[server(input = GetUrl, prefix = "/api", endpoint = "page_html")]
pub async fn page_html(path: String, query: String) -> Result<String, AppError> {
    use crate::curriculum::api::{progress_page_html, reflections_page_html, units_page_html};
    use crate::scenarios::api::{class_scenarios_page, scenario_analytics_page, scenario_play_page};
    use crate::scenarios::authoring_api::{scenario_editor_page, scenarios_page};
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    let id = |i: usize| {
        parts
            .get(i)
            .and_then(|p| p.parse::<i64>().ok())
            .ok_or(AppError::NotFound)
    };
    let param = |name: &str| {
        query
            .trim_start_matches('?')
            .split('&')
            .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
            .filter(|g| !g.is_empty())
            .map(str::to_string)
    };
    let generation = param("generation");
    // The evaluation pages' path segment names what is scored.
    let evaluated = |segment: &str| {
        if segment == "scenarios" {
            "reflection"
        } else {
            "task"
        }
        .to_string()
    };
    match parts.as_slice() {
        ["classes", _, "learn"] => units_page_html(id(1)?).await,
        ["classes", _, "progress"] => progress_page_html(id(1)?, generation).await,
        ["classes", _, "reflections", lesson] => reflections_page_html(id(1)?, lesson.to_string()).await,
        ["scenarios"] => scenarios_page().await,
        ["scenarios", key] => scenario_editor_page(key.to_string()).await,
        ["classes", _, "scenarios"] => class_scenarios_page(id(1)?).await,
        ["classes", _, "scenarios", _] => scenario_play_page(id(1)?, id(3)?).await,
        ["classes", _, "scenarios", _, "analytics"] => scenario_analytics_page(id(1)?, id(3)?).await,
        ["classes", _, "teams"] => crate::teams::api::teams_page(id(1)?).await,
        ["classes", _, "mentoring"] => crate::mentoring::api::mentoring_page(id(1)?).await,
        ["classes", _, "tasks"] => crate::tasks::api::tasks_page(id(1)?).await,
        ["classes", _, "tasks", _] => crate::tasks::api::task_page(id(1)?, id(3)?).await,
        ["classes", _, kind @ ("tasks" | "scenarios"), _, "evaluation"] => {
            crate::evaluation::api::evaluation_page(id(1)?, id(3)?, Some(evaluated(kind))).await
        }
        ["classes", _, kind @ ("tasks" | "scenarios"), _, "score", _] => {
            let kind = Some(evaluated(kind));
            crate::evaluation::api::score_page(id(1)?, id(3)?, id(5)?, param("purpose"), kind).await
        }
        ["admin", "bands"] => crate::evaluation::bands_api::bands_page().await,
        ["admin", "lti"] => crate::lti::admin::lti_admin_page(param("invite")).await,
        ["classes", _, "rubrics"] => crate::rubrics::api::rubrics_page(id(1)?).await,
        ["classes", _, "rubrics", _] => crate::rubrics::api::rubric_page(id(1)?, id(3)?).await,
        _ => Err(AppError::NotFound),
    }
}

/// The page at the current path as server-rendered HTML. Its forms post by
/// fetch once hydrated; a success reloads the HTML. The scenario player also
/// shows where the last decision stands (saving, saved, waiting to retry).
#[component]
pub fn HtmlRoute() -> impl IntoView {
    let location = use_location();
    let path = Memo::new(move |_| location.pathname.get());
    let query = Memo::new(move |_| location.search.get());
    let action = form_action::<PageHtml>();
    let locale = use_locale();
    #[cfg(feature = "hydrate")]
    drag_to_move();
    let page = html_page_data(
        move || (path.get(), query.get(), locale.get(), action.version().get()),
        |(path, query, _, _)| page_html(path, query),
    );
    // /classes/{id}/scenarios/{assignment}: the player; /classes/{id}/tasks/{task}/score/{team}: scoring.
    let playing = move || {
        path.with(|p| {
            p.starts_with("/classes/")
                && ((p.contains("/scenarios/") && p.split('/').count() == 5) || p.contains("/score/"))
        })
    };
    view! {
        <Show when=playing><SaveState action page path /></Show>
        <HtmlPage page forms=Some(action) />
    }
}

/// Where the page's saves stand: only what happened on the page shown.
/// Nothing on a page just opened, no "saved" on a page without a save of its
/// own (a scenario's summary, even right after the last step's save brought
/// it); a new path starts from nothing.
#[component]
fn SaveState(
    action: FormAction,
    page: HtmlPageData<Result<String, AppError>>,
    path: Memo<String>,
) -> impl IntoView {
    Effect::new(move |was: Option<String>| {
        let now = path.get();
        if was.is_some_and(|was| was != now) {
            action.save().set(Save::Idle);
        }
        now
    });
    // The HTML of a page just opened is not in the hydration data (empty):
    // whatever was saved on it is its own. After a reload or a navigation it
    // is, and a page saves when it has a step or a score form.
    let has_save = move || {
        page.with(|p| match p {
            Some(Ok(html)) => html.is_empty() || html.contains("step-form") || html.contains("score-form"),
            _ => false,
        })
    };
    // A save still on its way or refused is always said; "saved" only where
    // the page has a save of its own (not on the summary the last step led to).
    let state = Signal::derive(move || match action.save().get() {
        Save::Saved(..) if !has_save() => Save::Idle,
        state => state,
    });
    view! { <SaveIndicator state /> }
}

/// On the teams page, dropping a member's name on another team's card fills
/// the move form (which works without JavaScript too) and submits it. One
/// handler for the three events keeps the WASM small.
#[cfg(feature = "hydrate")]
fn drag_to_move() {
    use wasm_bindgen::JsCast;
    fn closest(e: &web_sys::Event, selector: &str) -> Option<web_sys::Element> {
        let el: web_sys::Element = e.target()?.dyn_into().ok()?;
        el.closest(selector).ok().flatten()
    }
    fn set_value(id: &str, value: Option<String>) -> Option<()> {
        let el = document().get_element_by_id(id)?;
        js_sys::Reflect::set(&el, &"value".into(), &value?.into()).ok()?;
        Some(())
    }
    fn on_drag(e: web_sys::Event) {
        if e.type_() == "dragstart" {
            // The dragged person goes straight into the move form's select.
            set_value(
                "move-person",
                closest(&e, "[data-person]").and_then(|el| el.get_attribute("data-person")),
            );
            return;
        }
        let Some(card) = closest(&e, ".team-card[data-team]") else {
            return;
        };
        e.prevent_default();
        if e.type_() == "drop" && set_value("move-team", card.get_attribute("data-team")).is_some() {
            if let Some(form) = document()
                .get_element_by_id("move-form")
                .and_then(|f| f.dyn_into::<web_sys::HtmlFormElement>().ok())
            {
                let _ = form.request_submit();
            }
        }
    }
    let handles = ["dragstart", "dragover", "drop"].map(|name| window_event_listener_untyped(name, on_drag));
    on_cleanup(move || handles.into_iter().for_each(|h| h.remove()));
}
