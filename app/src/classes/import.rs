//! Roster import: stage the upload, preview every row, commit all or nothing.
use super::domain::roster_csv::{parse_roster, RosterRow, RowIssue};
use super::identity;
use super::model::{ImportPreview, PreviewRow};
use crate::auth::model::Role;
use crate::auth::policy::Membership;
use crate::entities::{class_member, roster_upload, user, user_role};
use crate::error::{AppError, AppResult};
use crate::i18n::{Msg, K};
use chrono::{Duration, Utc};
use leptos::server_fn::codec::MultipartData;
use sea_orm::{prelude::*, ActiveValue::Set};
use std::collections::{HashMap, HashSet};

pub const MAX_UPLOAD_BYTES: usize = 1024 * 1024;
const UPLOAD_TTL: Duration = Duration::hours(24);

pub struct UploadForm {
    pub class_id: i64,
    pub content: Vec<u8>,
}

/// Reads the multipart fields; the CSRF field was already checked by the middleware.
pub async fn read_upload(data: MultipartData) -> AppResult<UploadForm> {
    let mut multipart = data
        .into_inner()
        .ok_or_else(|| AppError::rule(K::ErrBadRequest))?;
    let (mut class_id, mut content) = (None, Vec::new());
    while let Ok(Some(mut field)) = multipart.next_field().await {
        match field.name().unwrap_or_default() {
            "class_id" => {
                let text = field.text().await.map_err(|_| AppError::rule(K::ErrBadRequest))?;
                class_id = text.trim().parse::<i64>().ok();
            }
            "file" => {
                while let Ok(Some(chunk)) = field.chunk().await.map_err(|_| ()) {
                    let chunk: axum::body::Bytes = chunk;
                    content.extend_from_slice(&chunk);
                    if content.len() > MAX_UPLOAD_BYTES {
                        return Err(AppError::field("file", Msg::new(K::ImportTooLarge)));
                    }
                }
            }
            _ => {}
        }
    }
    let class_id = class_id.ok_or_else(|| AppError::rule(K::ErrBadRequest))?;
    if content.is_empty() {
        return Err(AppError::field("file", Msg::new(K::ImportNoFile)));
    }
    Ok(UploadForm { class_id, content })
}

pub async fn stage(
    db: &DatabaseConnection,
    class_id: i64,
    user_id: i64,
    content: Vec<u8>,
) -> AppResult<String> {
    let cutoff = Utc::now() - UPLOAD_TTL;
    roster_upload::Entity::delete_many()
        .filter(roster_upload::Column::CreatedAt.lt(cutoff))
        .exec(db)
        .await?;
    let id = uuid::Uuid::new_v4().to_string();
    roster_upload::ActiveModel {
        id: Set(id.clone()),
        class_id: Set(class_id),
        user_id: Set(user_id),
        content: Set(content),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(id)
}

async fn load_upload<C: ConnectionTrait>(
    db: &C,
    class_id: i64,
    upload_id: &str,
) -> AppResult<roster_upload::Model> {
    roster_upload::Entity::find_by_id(upload_id.to_string())
        .one(db)
        .await?
        .filter(|u| u.class_id == class_id && Utc::now() - u.created_at < UPLOAD_TTL)
        .ok_or_else(|| AppError::rule(K::ImportExpired))
}

/// Every row with every problem. `admin` decides what a known person's row
/// means: an admin sees (and commits) the changes to them, anyone else only
/// that they exist and will be enrolled as they are.
pub async fn preview<C: ConnectionTrait>(
    db: &C,
    class_id: i64,
    upload_id: &str,
    admin: bool,
) -> AppResult<ImportPreview> {
    let upload = load_upload(db, class_id, upload_id).await?;
    let parsed = parse_roster(&upload.content, Utc::now().date_naive());
    let mut issues = parsed.issues;
    let known = known_users(db, &parsed.rows).await?;
    let enrolled = participants_of(db, class_id).await?;
    issues.extend(email_conflicts(db, &parsed.rows, &known, admin).await?);
    issues.sort_by_key(|i| i.row);
    let rows = parsed
        .rows
        .into_iter()
        .map(|row| {
            let existing = known.get(&row.nip);
            PreviewRow {
                known: existing.is_some(),
                changes: existing
                    .filter(|_| admin)
                    .map(|u| identity::changes(u, &row))
                    .unwrap_or_default(),
                kept: existing.is_some() && !admin,
                in_class: existing.is_some_and(|u| enrolled.contains(&u.id)),
                row,
            }
        })
        .collect();
    Ok(ImportPreview {
        class_id,
        upload_id: upload_id.to_string(),
        rows,
        issues,
    })
}

async fn known_users<C: ConnectionTrait>(
    db: &C,
    rows: &[RosterRow],
) -> AppResult<HashMap<String, user::Model>> {
    let nips: Vec<String> = rows.iter().map(|r| r.nip.clone()).collect();
    let mut known = HashMap::new();
    for chunk in nips.chunks(500) {
        for u in user::Entity::find()
            .filter(user::Column::Nip.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            if let Some(nip) = u.nip.clone() {
                known.insert(nip, u);
            }
        }
    }
    Ok(known)
}

/// The class's participants. Someone in a roster uploaded again is one of
/// them: not a problem with the file, only a row the import leaves out.
async fn participants_of<C: ConnectionTrait>(db: &C, class_id: i64) -> AppResult<HashSet<i64>> {
    Ok(class_member::Entity::find()
        .filter(class_member::Column::ClassId.eq(class_id))
        .filter(class_member::Column::Role.eq(Membership::Participant.code()))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect())
}

/// A problem only the database can see: an e-mail owned by someone else.
async fn email_conflicts<C: ConnectionTrait>(
    db: &C,
    rows: &[RosterRow],
    known: &HashMap<String, user::Model>,
    admin: bool,
) -> AppResult<Vec<RowIssue>> {
    let mut issues = Vec::new();
    for row in rows {
        let existing = known.get(&row.nip);
        // A known person's e-mail is only set by an admin; otherwise it is ignored.
        if let Some(email) = row.email.as_ref().filter(|_| existing.is_none() || admin) {
            let owner = user::Entity::find()
                .filter(user::Column::Email.eq(email.clone()))
                .one(db)
                .await?;
            if owner.is_some_and(|o| o.nip.as_deref() != Some(row.nip.as_str())) {
                issues.push(issue(row.row, "email", "email_conflict", email));
            }
        }
    }
    Ok(issues)
}

fn issue(row: u32, column: &str, code: &str, value: &str) -> RowIssue {
    RowIssue {
        row,
        column: column.into(),
        code: code.into(),
        value: value.chars().take(60).collect(),
    }
}

/// Runs inside the caller's transaction: any error rolls every row back.
/// Known people are enrolled; only an admin's import changes them (the
/// changes its preview showed).
pub async fn commit<C: ConnectionTrait>(
    db: &C,
    class_id: i64,
    upload_id: &str,
    admin: bool,
) -> AppResult<u32> {
    let preview = preview(db, class_id, upload_id, admin).await?;
    if !preview.issues.is_empty() {
        return Err(invalid_row_count(preview.issues.len()));
    }
    let known = known_users(
        db,
        &preview.rows.iter().map(|r| r.row.clone()).collect::<Vec<_>>(),
    )
    .await?;
    for PreviewRow { row, in_class, .. } in &preview.rows {
        // Already in the class: an admin's changes to them still apply (the
        // preview showed them), but their enrolment is not made again.
        if *in_class && !admin {
            continue;
        }
        let id = match known.get(&row.nip) {
            Some(existing) if admin => {
                identity::apply(db, existing, row).await?;
                existing.id
            }
            Some(existing) => existing.id,
            None => identity::create(db, row).await?,
        };
        grant(db, id, class_id, Membership::Participant).await?;
    }
    roster_upload::Entity::delete_by_id(upload_id.to_string())
        .exec(db)
        .await?;
    Ok(preview.to_enrol() as u32)
}

/// Adds the account role and the class membership, leaving existing ones alone.
pub async fn grant<C: ConnectionTrait>(
    db: &C,
    user_id: i64,
    class_id: i64,
    member: Membership,
) -> AppResult<()> {
    let role = match member {
        Membership::Facilitator => Role::Facilitator,
        Membership::Evaluator => Role::Evaluator,
        Membership::Participant => Role::Participant,
    };
    user_role::Entity::insert(user_role::ActiveModel {
        user_id: Set(user_id),
        role: Set(role.code().into()),
    })
    .on_conflict_do_nothing_on([user_role::Column::UserId, user_role::Column::Role])
    .exec(db)
    .await?;
    class_member::Entity::insert(class_member::ActiveModel {
        class_id: Set(class_id),
        user_id: Set(user_id),
        role: Set(member.code().into()),
    })
    .on_conflict_do_nothing_on([
        class_member::Column::ClassId,
        class_member::Column::UserId,
        class_member::Column::Role,
    ])
    .exec(db)
    .await?;
    Ok(())
}

pub async fn enrol_existing(
    db: &DatabaseConnection,
    class_id: i64,
    identifier: &str,
    role: &str,
) -> AppResult<()> {
    let member = match Membership::from_code(role) {
        Some(m @ (Membership::Participant | Membership::Evaluator)) => m,
        _ => return Err(AppError::field("role", Msg::new(K::ErrInvalidValue))),
    };
    let id = identifier.trim().to_lowercase().replace(' ', "");
    let column = if id.contains('@') {
        user::Column::Email
    } else {
        user::Column::Nip
    };
    let found = user::Entity::find().filter(column.eq(id)).one(db).await?;
    let user = found.ok_or_else(|| AppError::field("identifier", Msg::new(K::ErrNotFound)))?;
    grant(db, user.id, class_id, member).await
}

/// The refusal of an import whose preview still lists `n` bad rows.
fn invalid_row_count(n: usize) -> AppError {
    AppError::Rule(Msg::with(K::ImportHasErrors, [n.to_string()]))
}
