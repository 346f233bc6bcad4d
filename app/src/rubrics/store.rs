//! Rubrics in the database: a rubric of a class with numbered versions.
//! The newest version is edited in place until a score uses it; then it is
//! frozen and saving makes the next version, so every score keeps naming
//! the exact criteria it was given against.
use super::domain::rubric::{check, Problem, Rubric};
use crate::entities::{rubric, rubric_version};
use crate::error::{AppError, AppResult};
use chrono::Utc;
use sea_orm::{prelude::*, ActiveValue::Set, QueryOrder};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

/// A rubric with its newest version, read.
pub struct Loaded {
    pub rubric: rubric::Model,
    pub version: rubric_version::Model,
    pub body: Rubric,
}

/// Rule problems of a rubric, as one error the form can place field by field.
#[derive(Debug)]
pub struct Refused(pub Vec<Problem>);

pub async fn create(
    db: &DatabaseConnection,
    class_id: i64,
    author: i64,
    body: &Rubric,
    template: Option<&str>,
) -> AppResult<Result<i64, Refused>> {
    let problems = check(body);
    if !problems.is_empty() {
        return Ok(Err(Refused(problems)));
    }
    let id = crate::write_txn!(db, |txn| {
        let row = rubric::ActiveModel {
            class_id: Set(class_id),
            title: Set(body.title.trim().to_string()),
            template: Set(template.map(str::to_string)),
            created_by: Set(author),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        insert_version(txn, row.id, 1, body).await?;
        Ok(row.id)
    })?;
    Ok(Ok(id))
}

async fn insert_version<C: ConnectionTrait>(
    db: &C,
    rubric_id: i64,
    number: i32,
    body: &Rubric,
) -> AppResult<rubric_version::Model> {
    Ok(rubric_version::ActiveModel {
        rubric_id: Set(rubric_id),
        number: Set(number),
        body: Set(serde_json::to_string(body).map_err(AppError::internal)?),
        frozen: Set(false),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// The class's rubric `rubric_id` with its newest version.
pub async fn load<C: ConnectionTrait>(db: &C, class_id: i64, rubric_id: i64) -> AppResult<Loaded> {
    let rubric = rubric::Entity::find_by_id(rubric_id)
        .filter(rubric::Column::ClassId.eq(class_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let version = rubric_version::Entity::find()
        .filter(rubric_version::Column::RubricId.eq(rubric_id))
        .order_by_desc(rubric_version::Column::Number)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let body = body_of(&version)?;
    Ok(Loaded {
        rubric,
        version,
        body,
    })
}

/// What a score needs of its rubric version.
#[derive(Clone, Copy, Debug)]
pub struct Version {
    pub id: i64,
    pub frozen: bool,
}

/// Parsed bodies of frozen versions, per server. A frozen version never
/// changes (and ids are never reused), so it is read and parsed once: every
/// autosave of every evaluator needs it, and a query and a JSON parse per
/// save showed in the scoring benchmark.
#[derive(Default)]
pub struct FrozenVersions(RwLock<HashMap<i64, Arc<Rubric>>>);

/// A version and its body.
/// A version's text as stored now, bypassing the cache of frozen versions
/// (for a transaction that has just frozen it and may still roll back).
pub async fn stored_body<C: ConnectionTrait>(db: &C, id: i64) -> AppResult<Arc<Rubric>> {
    let row = rubric_version::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Arc::new(body_of(&row)?))
}

pub async fn version_body<C: ConnectionTrait>(
    db: &C,
    frozen: &FrozenVersions,
    id: i64,
) -> AppResult<(Version, Arc<Rubric>)> {
    if let Some(body) = frozen.0.read().ok().and_then(|c| c.get(&id).cloned()) {
        return Ok((Version { id, frozen: true }, body));
    }
    let row = rubric_version::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let body = Arc::new(body_of(&row)?);
    if row.frozen {
        if let Ok(mut c) = frozen.0.write() {
            c.insert(id, body.clone());
        }
    }
    Ok((
        Version {
            id,
            frozen: row.frozen,
        },
        body,
    ))
}

pub fn body_of(version: &rubric_version::Model) -> AppResult<Rubric> {
    serde_json::from_str(&version.body).map_err(AppError::internal)
}

/// Saves an edit: in place while the newest version is unused, else as the
/// next version. Returns the version now newest.
pub async fn save(
    db: &DatabaseConnection,
    class_id: i64,
    rubric_id: i64,
    body: &Rubric,
) -> AppResult<Result<i32, Refused>> {
    let problems = check(body);
    if !problems.is_empty() {
        return Ok(Err(Refused(problems)));
    }
    let json = serde_json::to_string(body).map_err(AppError::internal)?;
    let number = crate::write_txn!(db, |txn| {
        let current = load(txn, class_id, rubric_id).await?;
        // In place only while no score uses the version: the condition is in
        // the statement, so a first score freezing it at the same moment (see
        // `evaluation::store::save_score`) sends this edit to a new version.
        let edited_in_place = !current.version.frozen
            && rubric_version::Entity::update_many()
                .col_expr(rubric_version::Column::Body, Expr::value(json.clone()))
                .filter(rubric_version::Column::Id.eq(current.version.id))
                .filter(rubric_version::Column::Frozen.eq(false))
                .exec(txn)
                .await?
                .rows_affected
                == 1;
        let number = if edited_in_place {
            current.version.number
        } else {
            insert_version(txn, rubric_id, current.version.number + 1, body)
                .await?
                .number
        };
        let mut head: rubric::ActiveModel = current.rubric.into();
        head.title = Set(body.title.trim().to_string());
        head.update(txn).await?;
        Ok(number)
    })?;
    Ok(Ok(number))
}

/// Marks a version used (a score names it): it is never edited again.
pub async fn freeze<C: ConnectionTrait>(db: &C, version_id: i64) -> AppResult<()> {
    rubric_version::Entity::update_many()
        .col_expr(rubric_version::Column::Frozen, Expr::value(true))
        .filter(rubric_version::Column::Id.eq(version_id))
        .exec(db)
        .await?;
    Ok(())
}

/// The class's rubrics, newest first, each with its newest version.
pub async fn list<C: ConnectionTrait>(db: &C, class_id: i64) -> AppResult<Vec<Loaded>> {
    let rubrics = rubric::Entity::find()
        .filter(rubric::Column::ClassId.eq(class_id))
        .order_by_desc(rubric::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(rubrics.len());
    for r in rubrics {
        out.push(load(db, class_id, r.id).await?);
    }
    Ok(out)
}
