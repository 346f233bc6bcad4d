//! The HTML shell, the root component and the route table.
use crate::admin::views::{GenerationsPage, ProgrammesPage, UsersPage};
use crate::auth::api::get_session_info;
use crate::auth::views::{LoginPage, PasswordPage};
use crate::classes::views::{ClassPage, ClassesPage, ImportPage};
use crate::curriculum::views::{AuthoringPage, LessonEditorPage, LessonPage};
use crate::home::HomePage;
use crate::i18n::{Locale, K};
use crate::layout::{Layout, NotFound};
use crate::pages::HtmlRoute;
use crate::ui::page_data;
use crate::ui::{SessionResource, SessionVersion};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_content_security_policy();
    // In the shell, not the app: the shell is rendered on the server only,
    // where the build's content hashes are known.
    #[cfg(feature = "ssr")]
    let stylesheet = crate::assets::stylesheet_href(&options);
    #[cfg(not(feature = "ssr"))]
    let stylesheet = "";
    view! {
        <!DOCTYPE html>
        // No lang here: leptos_meta's <Html> below sets the reader's language.
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="stylesheet" id="leptos" href=stylesheet />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            // A plain post's outcome, for the browser to read while hydrating.
            <body data-outcome=crate::ui::outcome::outcome_query()>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let version = RwSignal::new(0u32);
    provide_context(SessionVersion(version));
    let session: SessionResource = page_data(move || version.get(), |_| get_session_info());
    provide_context(session);
    let locale = Memo::new(move |_| {
        session
            .get()
            .and_then(|s| s.ok())
            .map(|s| s.locale)
            .unwrap_or(Locale::Id)
    });
    provide_context(locale);
    provide_context(crate::ui::MarkdownPreview(
        <crate::curriculum::authoring_api::PreviewMarkdown as leptos::server_fn::ServerFn>::PATH,
    ));
    mark_hydrated();

    view! {
        // Plain values inside one reactive block: leptos_axum reads the title after the
        // app's reactive owner is gone, so a closure there panics under load.
        {move || {
            let l = locale.get();
            view! {
                <Title text=K::AppName.t(l) />
                <leptos_meta::Html attr:lang=l.code() />
            }
        }}
        <Router>
            <Layout>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async />
                    <Route path=path!("/account/password") view=PasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/users") view=UsersPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/programmes") view=ProgrammesPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/bands") view=HtmlRoute ssr=SsrMode::Async />
                    <Route path=path!("/admin/lti") view=HtmlRoute ssr=SsrMode::Async />
                    <Route path=path!("/admin/generations") view=GenerationsPage ssr=SsrMode::Async />
                    <Route path=path!("/curriculum") view=AuthoringPage ssr=SsrMode::Async />
                    <Route path=path!("/curriculum/lessons/:lesson") view=LessonEditorPage ssr=SsrMode::Async />
                    <Route path=path!("/scenarios") view=HtmlRoute ssr=SsrMode::Async />
                    <Route path=path!("/scenarios/:key") view=HtmlRoute ssr=SsrMode::Async />
                    <Route path=path!("/classes") view=ClassesPage ssr=SsrMode::Async />
                    <Route path=path!("/classes/:id") view=ClassPage ssr=SsrMode::Async />
                    <Route path=path!("/classes/:id/import") view=ImportPage ssr=SsrMode::Async />
                    <Route path=path!("/classes/:id/learn") view=HtmlRoute ssr=SsrMode::Async />
                    <Route path=path!("/classes/:id/learn/:lesson") view=LessonPage ssr=SsrMode::Async />
                    <Route path=path!("/classes/:id/progress") view=HtmlRoute ssr=SsrMode::Async />
                    <Route path=path!("/classes/:id/scenarios") view=HtmlRoute ssr=SsrMode::Async />
                    <Route path=path!("/classes/:id/scenarios/:assignment") view=HtmlRoute ssr=SsrMode::Async />
                    <Route path=path!("/classes/:id/scenarios/:assignment/analytics") view=HtmlRoute ssr=SsrMode::Async />
                    <Route path=path!("/classes/:id/reflections/:lesson") view=HtmlRoute ssr=SsrMode::Async />
                    <Route path=path!("/classes/:id/teams") view=HtmlRoute ssr=SsrMode::Async />
                    <Route path=path!("/classes/:id/tasks") view=HtmlRoute ssr=SsrMode::Async />
                    <Route path=path!("/classes/:id/mentoring") view=HtmlRoute ssr=SsrMode::Async />
                    <Route path=path!("/classes/:id/tasks/:task") view=HtmlRoute ssr=SsrMode::Async />
                    // A team task's or a scenario's reflections: `tasks` or `scenarios`.
                    <Route path=path!("/classes/:id/:kind/:target/evaluation") view=HtmlRoute ssr=SsrMode::Async />
                    <Route path=path!("/classes/:id/:kind/:target/score/:subject") view=HtmlRoute ssr=SsrMode::Async />
                    <Route path=path!("/classes/:id/rubrics") view=HtmlRoute ssr=SsrMode::Async />
                    <Route path=path!("/classes/:id/rubrics/:rubric") view=HtmlRoute ssr=SsrMode::Async />
                    <Route path=path!("/to-score") view=HtmlRoute ssr=SsrMode::Async />
                </Routes>
            </Layout>
        </Router>
    }
}

/// The CSP carries this response's nonce, so only our own hydration scripts run.
#[cfg(feature = "ssr")]
fn set_content_security_policy() {
    use leptos::nonce::use_nonce;
    let (Some(nonce), Some(res)) = (use_nonce(), use_context::<leptos_axum::ResponseOptions>()) else {
        return;
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors 'none'"
    );
    if let Ok(value) = http::HeaderValue::from_str(&policy) {
        res.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

/// Lets people (and the browser tests) tell that the page is now interactive.
fn mark_hydrated() {
    #[cfg(feature = "hydrate")]
    Effect::new(|_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "1");
        }
    });
}

/// The server fns whose body is `multipart/form-data`. server_fn's decoder
/// panics when such a body has no boundary, so the server refuses those
/// requests before decoding (`server::middleware::multipart_guard`). The
/// registry does not say which fns are multipart; a test reads the sources for
/// `input = MultipartFormData` and fails when one is missing here.
#[cfg(feature = "ssr")]
pub fn multipart_paths() -> [&'static str; 5] {
    use server_fn::ServerFn;
    [
        <crate::tasks::api::SubmitTask as ServerFn>::PATH,
        <crate::rubrics::api::ImportRubric as ServerFn>::PATH,
        <crate::scenarios::authoring_api::ImportScenario as ServerFn>::PATH,
        <crate::classes::api::UploadRoster as ServerFn>::PATH,
        <crate::curriculum::authoring_api::ImportCurriculum as ServerFn>::PATH,
    ]
}
