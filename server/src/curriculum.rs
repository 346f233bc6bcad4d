//! Curriculum operations for the command line and for start-up.
use app::curriculum::domain::export::export_curriculum;
use app::curriculum::domain::format::parse_curriculum;
use app::curriculum::store;
use sea_orm::{DatabaseConnection, TransactionTrait};
use std::path::Path;

/// Loads the shipped curriculum into an empty database, in one transaction.
pub async fn load_shipped_if_empty(db: &DatabaseConnection) -> Result<bool, String> {
    let txn = db.begin().await.map_err(|e| format!("curriculum: {e}"))?;
    let loaded = store::load_shipped_if_empty(&txn)
        .await
        .map_err(|e| format!("curriculum: {e:?}"))?;
    txn.commit().await.map_err(|e| format!("curriculum: {e}"))?;
    Ok(loaded)
}

/// Reads every `*.toml` file of a folder as `(file name, contents)`.
pub fn read_dir(dir: &Path) -> Result<Vec<(String, String)>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_some_and(|x| x == "toml") {
            let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            files.push((name, text));
        }
    }
    Ok(files)
}

pub async fn import_dir(db: &DatabaseConnection, dir: &Path) -> Result<(), String> {
    let curriculum = parse_curriculum(&read_dir(dir)?).map_err(|issues| {
        for i in &issues {
            eprintln!("{}:{}: {} ({})", i.file, i.line, i.code, i.detail);
        }
        format!("{} problems found; nothing was imported", issues.len())
    })?;
    let txn = db.begin().await.map_err(|e| e.to_string())?;
    let counts = store::import(&txn, &curriculum)
        .await
        .map_err(|e| format!("{e:?}"))?;
    txn.commit().await.map_err(|e| e.to_string())?;
    println!(
        "imported {} units, {} lessons, {} blocks; {} no longer present were retired",
        counts.units, counts.lessons, counts.blocks, counts.retired
    );
    Ok(())
}

pub async fn export_dir(db: &DatabaseConnection, dir: &Path) -> Result<(), String> {
    let curriculum = store::export(db).await.map_err(|e| format!("{e:?}"))?;
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for (name, text) in export_curriculum(&curriculum) {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    println!("exported {} units to {}", curriculum.units.len(), dir.display());
    Ok(())
}

/// `GET /curriculum/export.zip`: the live curriculum as a .zip of unit files, for
/// facilitators and admins (the same files as `export-curriculum DIR`).
pub async fn export_zip(
    axum::extract::State(state): axum::extract::State<app::state::AppState>,
    axum::Extension(auth): axum::Extension<app::state::RequestAuth>,
) -> axum::response::Response {
    use app::auth::model::Role;
    let Some(caller) = crate::download::caller(&auth) else {
        return crate::download::error(auth.locale, app::error::AppError::Unauthenticated);
    };
    if !(caller.has(Role::Admin) || caller.has(Role::Facilitator)) {
        return crate::download::error(auth.locale, app::error::AppError::Forbidden);
    }
    let zipped = match store::export(&state.db).await {
        Ok(curriculum) => app::curriculum::transfer::zip_files(&export_curriculum(&curriculum)),
        Err(e) => Err(e),
    };
    match zipped {
        Ok(bytes) => crate::download::attachment("application/zip", "sinergi-kurikulum.zip", bytes),
        Err(e) => crate::download::error(auth.locale, e),
    }
}
