//! A target's evaluation (a team task, or a scenario's reflections) as CSV or XLSX (scores per criterion and evaluator,
//! results with predicates, agreement), for the class's facilitators and admins:
//! `scores.xlsx` holds the three tables as sheets; `scores.csv`, `results.csv`
//! and `agreement.csv` are one table each.
use crate::download;
use app::error::AppError;
use app::evaluation::export::{csv_file, target_tables, to_csv, Table};
use app::results::target::Target;
use app::state::{AppState, RequestAuth};
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Extension;
use sea_orm::EntityTrait;

/// `/classes/{id}/tasks/{task}/export/{file}`.
pub async fn export_task(
    state: State<AppState>,
    auth: Extension<RequestAuth>,
    Path((class_id, task_id, file)): Path<(i64, i64, String)>,
) -> Response {
    export(state, auth, Target::task(class_id, task_id), file).await
}

/// `/classes/{id}/scenarios/{assignment}/export/{file}`: the reflections' scores.
pub async fn export_reflections(
    state: State<AppState>,
    auth: Extension<RequestAuth>,
    Path((class_id, assignment, file)): Path<(i64, i64, String)>,
) -> Response {
    export(state, auth, Target::reflection(class_id, assignment), file).await
}

async fn export(
    State(state): State<AppState>,
    Extension(auth): Extension<RequestAuth>,
    target: Target,
    file: String,
) -> Response {
    let class_id = target.class_id;
    let Some(caller) = download::caller(&auth) else {
        return download::error(auth.locale, AppError::Unauthenticated);
    };
    let result = async {
        download::require_manager(&state.db, caller, class_id).await?;
        let class = app::entities::class::Entity::find_by_id(class_id)
            .one(&state.db)
            .await?
            .ok_or(AppError::NotFound)?;
        target_tables(&state, &class, target, auth.locale).await
    }
    .await;
    let tables = match result {
        Ok(t) => t,
        Err(e) => return download::error(auth.locale, e),
    };
    let (bytes, mime) = if file == "scores.xlsx" {
        match xlsx(&tables) {
            Ok(b) => (
                b,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
            Err(e) => return download::error(auth.locale, AppError::internal(e)),
        }
    } else if let Some(table) = csv_file(&tables, &file) {
        match to_csv(table) {
            Ok(text) => (text.into_bytes(), "text/csv; charset=utf-8"),
            Err(e) => return download::error(auth.locale, AppError::internal(e)),
        }
    } else {
        return download::error(auth.locale, AppError::NotFound);
    };
    let what = if target.kind == app::results::target::REFLECTION {
        "refleksi"
    } else {
        "tugas"
    };
    let name = format!("penilaian-{what}-{}-{file}", target.id);
    download::attachment(mime, &name, bytes)
}

/// One worksheet per table, every row as wide as its header (a row of
/// another width is an error, not a ragged sheet); plain numbers (as `csv_out` reads them) are written
/// as numbers so they sum in a spreadsheet, everything else with `write_string`,
/// which is never a formula (so no `'` is needed here).
fn xlsx(tables: &[Table]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for table in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(table.name)?;
        for (c, title) in table.header.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, title, &bold)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            if row.len() != table.header.len() {
                return Err(rust_xlsxwriter::XlsxError::ParameterError(format!(
                    "{}: a row of {} cells under a header of {}",
                    table.name,
                    row.len(),
                    table.header.len()
                )));
            }
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32 + 1, c as u16);
                match cell.parse::<f64>() {
                    Ok(n) if app::csv_out::is_plain_number(cell) => sheet.write_number(r, c, n)?,
                    _ => sheet.write_string(r, c, cell)?,
                };
            }
        }
        sheet.autofit();
    }
    book.save_to_buffer()
}
