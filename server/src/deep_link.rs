//! The deep-linking picker inside the LMS frame: the facilitator ticks the
//! class's activities; the answer page posts the signed response back to
//! the LMS (by itself once scripts run, by a button without them).
use crate::lti::{escape, page};
use app::error::AppError;
use app::i18n::Locale;
use app::lti::{deep_linking, text};
use app::state::{AppState, RequestAuth};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Extension;

fn failure(locale: Locale, e: AppError) -> Response {
    let status = match e {
        AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
        AppError::NotFound | AppError::Forbidden => StatusCode::NOT_FOUND,
        _ => {
            tracing::error!(error = %e, "lti: deep linking");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    };
    let body = format!(
        r#"<p class="error" role="alert">{}</p>"#,
        escape(&e.messages().first().map(|m| m.render(locale)).unwrap_or_default())
    );
    (status, Html(page(locale, text::pick_title(locale), &body))).into_response()
}

pub async fn picker(
    State(state): State<AppState>,
    Extension(auth): Extension<RequestAuth>,
    Path(id): Path<i64>,
) -> Response {
    let locale = auth.locale;
    let Some(caller) = auth.caller.as_ref() else {
        return failure(locale, AppError::Unauthenticated);
    };
    let shown = async {
        let req = deep_linking::request(&state.db, id, caller.user_id).await?;
        deep_linking::choices(&state.db, req.class_id, locale).await
    };
    let choices = match shown.await {
        Ok(c) => c,
        Err(e) => return failure(locale, e),
    };
    let rows: String = choices
        .iter()
        .enumerate()
        .map(|(i, (item, title))| {
            let code = item.code();
            format!(
                r#"<li><label class="check"><input type="checkbox" name="item" value="{code}" id="pick-{i}"> <span class="tag">{kind}</span> {title}</label></li>"#,
                code = escape(&code),
                kind = text::pick_kind(&code, locale),
                title = escape(title),
            )
        })
        .collect();
    let list = if choices.is_empty() {
        format!("<p>{}</p>", text::pick_none(locale))
    } else {
        format!(r#"<ul class="plain-list" id="lti-choices">{rows}</ul>"#)
    };
    let body = format!(
        r#"<p>{hint}</p>
<form method="post" action="/lti/deep-link/{id}" class="stack">
<input type="hidden" name="csrf" value="{csrf}">
{list}
<button type="submit" class="button primary">{submit}</button>
</form>"#,
        hint = text::pick_hint(locale),
        csrf = escape(&auth.csrf),
        submit = text::pick_submit(locale),
    );
    Html(page(locale, text::pick_title(locale), &body)).into_response()
}

pub async fn answer(
    State(state): State<AppState>,
    Extension(auth): Extension<RequestAuth>,
    headers: HeaderMap,
    Path(id): Path<i64>,
    body: String,
) -> Response {
    let locale = auth.locale;
    let Some(caller) = auth.caller.as_ref() else {
        return failure(locale, AppError::Unauthenticated);
    };
    // `item` repeats, which a struct form cannot hold: read the pairs.
    let chosen: Vec<String> = serde_urlencoded::from_str::<Vec<(String, String)>>(&body)
        .unwrap_or_default()
        .into_iter()
        .filter(|(k, _)| k == "item")
        .map(|(_, v)| v)
        .collect();
    let base = app::lti::public_base(&headers, state.secure_cookies);
    let answered = async {
        let req = deep_linking::request(&state.db, id, caller.user_id).await?;
        deep_linking::respond(&state.db, &req, &chosen, locale, &base).await
    };
    let (return_url, jwt) = match answered.await {
        Ok(a) => a,
        Err(e) => return failure(locale, e),
    };
    tracing::info!(request = id, items = chosen.len(), "lti: deep linking answered");
    let body = format!(
        r#"<form method="post" action="{url}" id="lti-return">
<input type="hidden" name="JWT" value="{jwt}">
<button type="submit" class="button primary">{button}</button>
</form>
<script src="/lti/return.js" defer></script>"#,
        url = escape(&return_url),
        jwt = escape(&jwt),
        button = text::return_button(locale),
    );
    let mut res = Html(page(locale, text::returning(locale), &body)).into_response();
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    res
}

pub async fn return_js() -> Response {
    const JS: &str =
        "(function () { var f = document.getElementById('lti-return'); if (f) f.submit(); })();\n";
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], JS).into_response()
}
