//! A class's rubric as a CSV or JSON download (the documented columns, see
//! `app::rubrics::domain::io`), for the class's facilitators and admins.
use crate::download;
use app::error::AppError;
use app::rubrics::domain::io;
use app::state::{AppState, RequestAuth};
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Extension;

pub async fn export(
    State(state): State<AppState>,
    Extension(auth): Extension<RequestAuth>,
    Path((class_id, rubric_id, file)): Path<(i64, i64, String)>,
) -> Response {
    let Some(caller) = download::caller(&auth) else {
        return download::error(auth.locale, AppError::Unauthenticated);
    };
    let result = async {
        download::require_manager(&state.db, caller, class_id).await?;
        app::rubrics::store::load(&state.db, class_id, rubric_id).await
    }
    .await;
    let loaded = match result {
        Ok(l) => l,
        Err(e) => return download::error(auth.locale, e),
    };
    let (text, mime, ext) = match file.as_str() {
        "export.csv" => match io::to_csv(&loaded.body) {
            Ok(text) => (text, "text/csv; charset=utf-8", "csv"),
            Err(e) => return download::error(auth.locale, AppError::internal(e)),
        },
        "export.json" => (io::to_json(&loaded.body), "application/json", "json"),
        _ => return download::error(auth.locale, AppError::NotFound),
    };
    let name = format!("rubrik-{rubric_id}-v{}.{ext}", loaded.version.number);
    download::attachment(mime, &name, text)
}
