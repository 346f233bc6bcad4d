//! Pages that are server-rendered HTML and nothing else in the browser (the
//! class's units, progress board and reflections, every scenario page, the
//! teams, tasks, evaluation and rubric pages) are typed in `Page`.
//! They share one hydrated component, `HtmlRoute`,
//! and one server fn, `page_html`, which renders the page `Page::parse`
//! finds (with its access checks). One resource and one client stub in the
//! WASM serve them all, instead of one of each per page.
use crate::error::AppError;
use crate::ui::{
    form_action, html_page_data, use_locale, FormAction, HtmlPage, HtmlPageData, Save, SaveIndicator,
};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use leptos_router::hooks::use_location;

/// Every page that is server-rendered HTML, typed: `page_html` renders the
/// page this enum parses a path into. The route table in `app.rs` names the
/// same paths (`view=HtmlRoute`, so the server renders them with their
/// status before sending); a test (server `authz_matrix`) fails when the two
/// disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    /// `/classes/{id}/learn`: the class's units.
    Units(i64),
    /// `/classes/{id}/progress`: the progress board.
    Progress(i64),
    /// `/classes/{id}/reflections/{lesson}`.
    Reflections(i64, String),
    /// `/scenarios`: the scenario library.
    Scenarios,
    /// `/scenarios/{key}`: a scenario's editor.
    ScenarioEditor(String),
    /// `/classes/{id}/scenarios`.
    ClassScenarios(i64),
    /// `/classes/{id}/scenarios/{assignment}`: the player.
    Play(i64, i64),
    /// `/classes/{id}/scenarios/{assignment}/analytics`.
    Analytics(i64, i64),
    /// `/classes/{id}/teams`.
    Teams(i64),
    /// `/classes/{id}/mentoring`.
    Mentoring(i64),
    /// `/classes/{id}/tasks`.
    Tasks(i64),
    /// `/classes/{id}/tasks/{task}`.
    Task(i64, i64),
    /// `/classes/{id}/{tasks|scenarios}/{target}/evaluation`.
    Evaluation { class: i64, kind: Scored, target: i64 },
    /// `/classes/{id}/{tasks|scenarios}/{target}/score/{subject}`.
    Score {
        class: i64,
        kind: Scored,
        target: i64,
        subject: i64,
    },
    /// `/admin/bands`: predicate bands.
    Bands,
    /// `/admin/lti`: the LMS platforms.
    Lti,
    /// `/classes/{id}/rubrics`.
    Rubrics(i64),
    /// `/classes/{id}/rubrics/{rubric}`.
    Rubric(i64, i64),
    /// `/to-score`: what the caller still has to score ("Perlu dinilai").
    ToScore,
}

/// What an evaluation page scores: a team task, or a scenario's reflections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scored {
    Task,
    Reflection,
}

impl Scored {
    fn segment(self) -> &'static str {
        match self {
            Scored::Task => "tasks",
            Scored::Reflection => "scenarios",
        }
    }

    #[cfg(feature = "ssr")]
    fn kind(self) -> String {
        match self {
            Scored::Task => "task",
            Scored::Reflection => "reflection",
        }
        .to_string()
    }
}

impl Page {
    /// The page at `path`, or None (not found). Ids are whole numbers.
    pub fn parse(path: &str) -> Option<Page> {
        let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
        let n = |i: usize| parts.get(i).and_then(|p| p.parse::<i64>().ok());
        let scored = |s: &str| match s {
            "tasks" => Some(Scored::Task),
            "scenarios" => Some(Scored::Reflection),
            _ => None,
        };
        Some(match parts.as_slice() {
            ["classes", _, "learn"] => Page::Units(n(1)?),
            ["classes", _, "progress"] => Page::Progress(n(1)?),
            ["classes", _, "reflections", lesson] if !lesson.is_empty() => {
                Page::Reflections(n(1)?, lesson.to_string())
            }
            ["scenarios"] => Page::Scenarios,
            ["scenarios", key] if !key.is_empty() => Page::ScenarioEditor(key.to_string()),
            ["classes", _, "scenarios"] => Page::ClassScenarios(n(1)?),
            ["classes", _, "scenarios", _] => Page::Play(n(1)?, n(3)?),
            ["classes", _, "scenarios", _, "analytics"] => Page::Analytics(n(1)?, n(3)?),
            ["classes", _, "teams"] => Page::Teams(n(1)?),
            ["classes", _, "mentoring"] => Page::Mentoring(n(1)?),
            ["classes", _, "tasks"] => Page::Tasks(n(1)?),
            ["classes", _, "tasks", _] => Page::Task(n(1)?, n(3)?),
            ["classes", _, kind, _, "evaluation"] => Page::Evaluation {
                class: n(1)?,
                kind: scored(kind)?,
                target: n(3)?,
            },
            ["classes", _, kind, _, "score", _] => Page::Score {
                class: n(1)?,
                kind: scored(kind)?,
                target: n(3)?,
                subject: n(5)?,
            },
            ["admin", "bands"] => Page::Bands,
            ["admin", "lti"] => Page::Lti,
            ["classes", _, "rubrics"] => Page::Rubrics(n(1)?),
            ["classes", _, "rubrics", _] => Page::Rubric(n(1)?, n(3)?),
            ["to-score"] => Page::ToScore,
            _ => return None,
        })
    }

    /// One of each page (both kinds of evaluation), for tests: the route
    /// table and this enum must agree (server `authz_matrix` checks it).
    pub fn examples() -> Vec<Page> {
        // A new variant does not compile until it is in this match: give it an example below too.
        let _ = |p: &Page| match p {
            Page::Units(_) | Page::Progress(_) | Page::Reflections(..) | Page::Scenarios => (),
            Page::ScenarioEditor(_) | Page::ClassScenarios(_) | Page::Play(..) | Page::Analytics(..) => (),
            Page::Teams(_) | Page::Mentoring(_) | Page::Tasks(_) | Page::Task(..) => (),
            Page::Evaluation { .. } | Page::Score { .. } | Page::Bands | Page::Lti => (),
            Page::Rubrics(_) | Page::Rubric(..) | Page::ToScore => (),
        };
        vec![
            Page::Units(1),
            Page::Progress(2),
            Page::Reflections(3, "kenali-generasi".into()),
            Page::Scenarios,
            Page::ScenarioEditor("rapat-pagi".into()),
            Page::ClassScenarios(4),
            Page::Play(5, 6),
            Page::Analytics(7, 8),
            Page::Teams(9),
            Page::Mentoring(10),
            Page::Tasks(11),
            Page::Task(12, 13),
            Page::Evaluation {
                class: 14,
                kind: Scored::Task,
                target: 15,
            },
            Page::Evaluation {
                class: 14,
                kind: Scored::Reflection,
                target: 16,
            },
            Page::Score {
                class: 17,
                kind: Scored::Task,
                target: 18,
                subject: 19,
            },
            Page::Score {
                class: 17,
                kind: Scored::Reflection,
                target: 20,
                subject: 21,
            },
            Page::Bands,
            Page::Lti,
            Page::Rubrics(22),
            Page::Rubric(23, 24),
            Page::ToScore,
        ]
    }

    /// The page's path (what `parse` reads back).
    pub fn path(&self) -> String {
        match self {
            Page::Units(c) => format!("/classes/{c}/learn"),
            Page::Progress(c) => format!("/classes/{c}/progress"),
            Page::Reflections(c, lesson) => format!("/classes/{c}/reflections/{lesson}"),
            Page::Scenarios => "/scenarios".into(),
            Page::ScenarioEditor(key) => format!("/scenarios/{key}"),
            Page::ClassScenarios(c) => format!("/classes/{c}/scenarios"),
            Page::Play(c, a) => format!("/classes/{c}/scenarios/{a}"),
            Page::Analytics(c, a) => format!("/classes/{c}/scenarios/{a}/analytics"),
            Page::Teams(c) => format!("/classes/{c}/teams"),
            Page::Mentoring(c) => format!("/classes/{c}/mentoring"),
            Page::Tasks(c) => format!("/classes/{c}/tasks"),
            Page::Task(c, t) => format!("/classes/{c}/tasks/{t}"),
            Page::Evaluation { class, kind, target } => {
                format!("/classes/{class}/{}/{target}/evaluation", kind.segment())
            }
            Page::Score {
                class,
                kind,
                target,
                subject,
            } => {
                format!("/classes/{class}/{}/{target}/score/{subject}", kind.segment())
            }
            Page::Bands => "/admin/bands".into(),
            Page::Lti => "/admin/lti".into(),
            Page::Rubrics(c) => format!("/classes/{c}/rubrics"),
            Page::Rubric(c, r) => format!("/classes/{c}/rubrics/{r}"),
            Page::ToScore => "/to-score".into(),
        }
    }

    /// Pages that save as the person works (the player, scoring): they show
    /// the save indicator.
    pub fn saves(&self) -> bool {
        matches!(self, Page::Play(..) | Page::Score { .. })
    }

    /// Renders the page (its server fn checks who may see it).
    #[cfg(feature = "ssr")]
    async fn render(self, query: &str) -> Result<String, AppError> {
        use crate::curriculum::api::{progress_page_html, reflections_page_html, units_page_html};
        use crate::scenarios::api::{class_scenarios_page, scenario_analytics_page, scenario_play_page};
        use crate::scenarios::authoring_api::{scenario_editor_page, scenarios_page};
        let param = |name: &str| {
            query
                .trim_start_matches('?')
                .split('&')
                .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
                .filter(|g| !g.is_empty())
                .map(str::to_string)
        };
        match self {
            Page::Units(c) => units_page_html(c).await,
            Page::Progress(c) => progress_page_html(c, param("generation")).await,
            Page::Reflections(c, lesson) => reflections_page_html(c, lesson).await,
            Page::Scenarios => scenarios_page().await,
            Page::ScenarioEditor(key) => scenario_editor_page(key).await,
            Page::ClassScenarios(c) => class_scenarios_page(c).await,
            Page::Play(c, a) => scenario_play_page(c, a).await,
            Page::Analytics(c, a) => scenario_analytics_page(c, a).await,
            Page::Teams(c) => crate::teams::api::teams_page(c).await,
            Page::Mentoring(c) => crate::mentoring::api::mentoring_page(c).await,
            Page::Tasks(c) => crate::tasks::api::tasks_page(c).await,
            Page::Task(c, t) => crate::tasks::api::task_page(c, t).await,
            Page::Evaluation { class, kind, target } => {
                crate::evaluation::api::evaluation_page(class, target, Some(kind.kind())).await
            }
            Page::Score {
                class,
                kind,
                target,
                subject,
            } => {
                let kind = Some(kind.kind());
                crate::evaluation::api::score_page(class, target, subject, param("purpose"), kind).await
            }
            Page::Bands => crate::evaluation::bands_api::bands_page().await,
            Page::Lti => crate::lti::admin::lti_admin_page(param("invite")).await,
            Page::Rubrics(c) => crate::rubrics::api::rubrics_page(c).await,
            Page::Rubric(c, r) => crate::rubrics::api::rubric_page(c, r).await,
            Page::ToScore => crate::evaluation::api::todo_page(param("embed").is_some()).await,
        }
    }
}

/// The HTML of the page at `path` (with its `query`, e.g. `?generation=z`).
#[server(input = GetUrl, prefix = "/api", endpoint = "page_html")]
pub async fn page_html(path: String, query: String) -> Result<String, AppError> {
    Page::parse(&path).ok_or(AppError::NotFound)?.render(&query).await
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
    let known = move || path.with(|p| Page::parse(p).is_some());
    let playing = move || path.with(|p| Page::parse(p).is_some_and(|page| page.saves()));
    view! {
        <Show when=known fallback=crate::layout::NotFound>
            <Show when=playing><SaveState action page path /></Show>
            <HtmlPage page forms=Some(action) />
        </Show>
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

#[cfg(test)]
#[path = "pages_tests.rs"]
mod tests;
