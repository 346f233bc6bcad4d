//! The Sinergi server: axum + leptos_axum, sessions, security, operators' commands.
pub mod cli;
pub mod config;
pub mod curriculum;
pub mod db;
pub mod deep_link;
pub mod download;
pub mod evaluation;
pub mod hardening;
pub mod lti;
pub mod lti_storage;
pub mod middleware;
pub mod outcome;
pub mod rubrics;
pub mod scenarios;
pub mod tasks;
pub mod text_guard;

use app::app::{shell, App};
use app::state::AppState;
use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::http::{HeaderName, StatusCode};
use axum::routing::{get, post};
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, handle_server_fns_with_context, LeptosRoutes};
use sea_orm::ConnectionTrait;
use tower::Layer;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Builds the whole application router: pages, server fns, health, static files.
pub fn router(state: AppState, trust_proxy: bool) -> Router {
    let routes = generate_route_list(App);
    let context = {
        let state = state.clone();
        move || {
            provide_context(state.clone());
            leptos::nonce::provide_nonce();
        }
    };
    let fn_context = {
        let state = state.clone();
        move || provide_context(state.clone())
    };
    let server_fns = move |req: axum::extract::Request| {
        let ctx = fn_context.clone();
        async move { handle_server_fns_with_context(ctx, req).await }
    };
    let options = state.leptos_options.clone();
    // Worked out once, for the shell and for pages written outside Leptos.
    app::assets::stylesheet_href(&options);
    Router::new()
        .route("/healthz", get(healthz))
        .route("/curriculum/export.zip", get(curriculum::export_zip))
        .route("/scenarios/{key}/export.toml", get(scenarios::export_toml))
        .route("/classes/{id}/scenarios/{assignment}/decisions.csv", get(scenarios::decisions_csv))
        .route("/classes/{id}/files/{file}", get(tasks::submission_file))
        .route("/classes/{id}/rubrics/{rubric}/{file}", get(rubrics::export))
        .route("/classes/{id}/tasks/{task}/export/{file}", get(evaluation::export_task))
        .route("/classes/{id}/scenarios/{assignment}/export/{file}", get(evaluation::export_reflections))
        .route(lti::LOGIN_PATH, get(lti::login_get).post(lti::login_post))
        .route(lti::LAUNCH_PATH, post(lti::launch_post))
        .route("/lti/launch.js", get(lti::launch_js))
        .route("/lti/storage.js", get(lti_storage::storage_js))
        .route("/lti/check", get(lti::check))
        .route("/lti/enter", get(lti::enter))
        .route("/lti/jwks", get(lti::jwks))
        .route("/lti/register", get(lti::register))
        .route("/lti/deep-link/{id}", get(deep_link::picker).post(deep_link::answer))
        .route("/lti/return.js", get(deep_link::return_js))
        .route("/lti/register.js", get(lti::register_js))
        .route("/.well-known/jwks.json", get(lti::jwks))
        .nest_service("/pkg", static_files(&options))
        .route("/api/{*fn_name}", get(server_fns.clone()).post(server_fns))
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(context, shell))
        .layer(axum::middleware::from_fn(outcome::adopt))
        .layer(axum::middleware::from_fn(text_guard::check_text))
        .layer(axum::middleware::from_fn(hardening::multipart_guard))
        .layer(axum::middleware::from_fn(hardening::server_fn_status))
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::csrf))
        .layer(axum::middleware::from_fn_with_state((state.clone(), trust_proxy), middleware::session))
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::security_headers))
        .layer(axum::middleware::from_fn_with_state(state.clone(), hardening::cache_and_transport))
        .layer(axum::middleware::from_fn(middleware::server_timing))
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(hardening::on_panic))
        .layer(CompressionLayer::new())
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &axum::extract::Request| {
            let id = req.headers().get(REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("-");
            tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %id)
        }))
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
        .with_state(state)
}

/// The WASM, JS and CSS bundle. In a release build each is stored compressed
/// (brotli at its best level, and gzip) and sent so when the browser takes it,
/// instead of being compressed again on every request. When the build named
/// the files after their content (`hash-files`), a name never changes
/// meaning, so browsers keep them for a year without asking again; without
/// hashes the names are stable and browsers revalidate (cheap 304s).
fn static_files(options: &leptos::config::LeptosOptions) -> Router {
    let dir = format!("{}/{}", options.site_root, options.site_pkg_dir);
    let serve = ServeDir::new(dir).precompressed_br().precompressed_gzip();
    let kept = if options.hash_files {
        ASSET_KEPT
    } else {
        ASSET_REVALIDATED
    };
    let cache = move |res: &axum::http::Response<tower_http::services::fs::ServeFileSystemResponseBody>| {
        Some(HeaderValue::from_static(asset_cache_control(res.status(), kept)))
    };
    // The same URL answers by Accept-Encoding: caches on the way must know.
    let vary =
        SetResponseHeaderLayer::if_not_present(header::VARY, HeaderValue::from_static("accept-encoding"));
    let cached = SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, cache);
    Router::new().fallback_service(vary.layer(cached.layer(serve)))
}

const ASSET_KEPT: &str = "public, max-age=31536000, immutable";
const ASSET_REVALIDATED: &str = "no-cache";

/// A missing file is never kept: the next build may bring it.
fn asset_cache_control(status: StatusCode, kept: &'static str) -> &'static str {
    if status.is_success() || status == StatusCode::NOT_MODIFIED {
        kept
    } else {
        ASSET_REVALIDATED
    }
}

/// 200 when the database answers, 503 otherwise (for load balancers).
async fn healthz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match state.db.execute_unprepared("SELECT 1").await {
        Ok(_) => (StatusCode::OK, "ok"),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
