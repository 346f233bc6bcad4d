//! Scenario operations for start-up and the command line, and the scenario
//! downloads (a scenario's file, an assignment's decisions as CSV).
use crate::download;
use app::auth::{guard, model::Role, policy::ClassAccess};
use app::error::AppError;
use app::scenarios::domain::format::{export, parse};
use app::scenarios::store;
use app::state::{AppState, RequestAuth};
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Extension;
use sea_orm::{DatabaseConnection, TransactionTrait};

/// Loads and publishes the shipped scenarios into an empty database, and
/// assigns them to the demo class if there is one without scenarios.
pub async fn load_shipped_if_empty(db: &DatabaseConnection) -> Result<bool, String> {
    let txn = db.begin().await.map_err(|e| format!("scenarios: {e}"))?;
    let loaded = store::load_shipped_if_empty(&txn)
        .await
        .map_err(|e| format!("scenarios: {e:?}"))?;
    txn.commit().await.map_err(|e| format!("scenarios: {e}"))?;
    if loaded {
        app::seed::assign_demo_scenarios(db)
            .await
            .map_err(|e| format!("scenarios: {e:?}"))?;
    }
    Ok(loaded)
}

/// `server import-scenario FILE`: reads a scenario file into a draft and, when
/// it passes every rule, publishes it; prints each problem with its line.
pub async fn import_file(db: &DatabaseConnection, file: &std::path::Path) -> Result<(), String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let name = file.display().to_string();
    let parsed = parse(&name, &text).map_err(|issues| {
        for i in &issues {
            eprintln!("{}:{}: {} ({})", i.file, i.line, i.code, i.detail);
        }
        format!("{} problems found; nothing was imported", issues.len())
    })?;
    let txn = db.begin().await.map_err(|e| e.to_string())?;
    let row = store::save_draft(&txn, &parsed.scenario)
        .await
        .map_err(|e| format!("{e:?}"))?;
    let outcome = store::publish(&txn, &row).await.map_err(|e| format!("{e:?}"))?;
    txn.commit().await.map_err(|e| e.to_string())?;
    match outcome {
        Ok(version) => println!("imported {} and published version {version}", row.key),
        Err(problems) => {
            for p in &problems {
                let line = parsed.line_of(p.node.as_deref());
                eprintln!(
                    "{name}:{line}: {} {} ({})",
                    p.node.as_deref().unwrap_or("-"),
                    p.code,
                    p.detail
                );
            }
            println!(
                "imported {} as a draft; {} problems keep it from being published",
                row.key,
                problems.len()
            );
        }
    }
    Ok(())
}

/// `server export-scenarios DIR`: every scenario's draft, one file per key.
pub async fn export_dir(db: &DatabaseConnection, dir: &std::path::Path) -> Result<(), String> {
    let all = store::all(db).await.map_err(|e| format!("{e:?}"))?;
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for (row, draft) in &all {
        let path = dir.join(format!("{}.toml", row.key));
        std::fs::write(&path, export(draft)).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    println!("exported {} scenarios to {}", all.len(), dir.display());
    Ok(())
}

/// `GET /scenarios/{key}/export.toml`: the draft in the portable format, for
/// facilitators and admins.
pub async fn export_toml(
    State(state): State<AppState>,
    Extension(auth): Extension<RequestAuth>,
    Path(key): Path<String>,
) -> Response {
    let Some(caller) = download::caller(&auth) else {
        return download::error(auth.locale, app::error::AppError::Unauthenticated);
    };
    if !(caller.has(Role::Admin) || caller.has(Role::Facilitator)) {
        return download::error(auth.locale, AppError::Forbidden);
    }
    match store::by_key(&state.db, &key).await {
        Ok((row, draft)) => download::attachment(
            "application/toml; charset=utf-8",
            &format!("{}.toml", row.key),
            export(&draft),
        ),
        Err(e) => download::error(auth.locale, e),
    }
}

/// `GET /classes/{id}/scenarios/{assignment}/decisions.csv`: every saved step
/// of an assignment, for the class's facilitators and admins.
pub async fn decisions_csv(
    State(state): State<AppState>,
    Extension(auth): Extension<RequestAuth>,
    Path((class_id, assignment)): Path<(i64, i64)>,
) -> Response {
    let Some(caller) = download::caller(&auth) else {
        return download::error(auth.locale, app::error::AppError::Unauthenticated);
    };
    let allowed = match guard::memberships(&state.db, caller.user_id, class_id).await {
        Ok(m) => guard::check_access(caller, &m, ClassAccess::Manage).and_then(|a| {
            if a == ClassAccess::Manage {
                Ok(())
            } else {
                Err(AppError::Forbidden)
            }
        }),
        Err(e) => Err(e),
    };
    if let Err(e) = allowed {
        return download::error(auth.locale, e);
    }
    match app::scenarios::analytics::decisions_csv(&state, class_id, assignment).await {
        Ok(csv) => download::attachment(
            "text/csv; charset=utf-8",
            &format!("keputusan-skenario-{assignment}.csv"),
            format!("\u{feff}{csv}"),
        ),
        Err(e) => download::error(auth.locale, e),
    }
}
