//! Team tasks and their submissions in the database. A submission and its
//! files are written in one transaction; the client's key makes a retried
//! post store one version.
use super::upload::SubmissionForm;
use crate::entities::{submission_file, task_submission, team_task};
use crate::error::{AppError, AppResult};
use crate::i18n::said;
use crate::i18n::P;
use crate::teams::domain::deliverable::{self, DeliverableProblem};
use crate::teams::domain::submissions::{LatePolicy, Version};
use chrono::{DateTime, Utc};
use sea_orm::{prelude::*, ActiveValue::Set, QueryOrder, QuerySelect};

/// A new task as the facilitator wrote it, already checked.
pub struct NewTask {
    pub title: String,
    pub brief: String,
    pub due_at: DateTime<Utc>,
    pub policy: LatePolicy,
    pub rubric_id: Option<i64>,
}

/// A team's versions of a task, each with its files (id, name, size).
pub type Versions = Vec<StoredVersion>;

/// One version of a task, with its files (id, name, size).
pub type StoredVersion = (task_submission::Model, Vec<(i64, String, i64)>);

/// A version's files as links: (where it is downloaded, name, size).
pub fn file_links(class_id: i64, files: &[(i64, String, i64)]) -> Vec<(String, String, i64)> {
    files
        .iter()
        .map(|(id, name, size)| (format!("/classes/{class_id}/files/{id}"), name.clone(), *size))
        .collect()
}

/// The version that counts for scoring (the task's late policy decides), if any.
pub fn counting_of<'a>(task: &team_task::Model, versions: &'a Versions) -> Option<&'a StoredVersion> {
    let all: Vec<_> = versions.iter().map(|(s, _)| version_of(s)).collect();
    let counts =
        crate::teams::domain::submissions::counting(&all, task.due_at, policy_of(task)).map(|v| v.number);
    versions.iter().find(|(s, _)| counts == Some(s.number as u32))
}

pub fn policy_of(t: &team_task::Model) -> LatePolicy {
    match (t.late_policy.as_str(), t.late_until) {
        ("accepted", _) => LatePolicy::Accepted,
        ("until", Some(end)) => LatePolicy::AcceptedUntil(end),
        _ => LatePolicy::Refused,
    }
}

pub fn version_of(s: &task_submission::Model) -> Version {
    Version {
        number: s.number as u32,
        submitted_at: s.submitted_at,
    }
}

pub async fn create<C: ConnectionTrait>(db: &C, class_id: i64, t: NewTask) -> AppResult<i64> {
    let (policy, until) = match t.policy {
        LatePolicy::Refused => ("refused", None),
        LatePolicy::Accepted => ("accepted", None),
        LatePolicy::AcceptedUntil(end) => ("until", Some(end)),
    };
    let row = team_task::ActiveModel {
        class_id: Set(class_id),
        title: Set(t.title),
        brief: Set(t.brief),
        due_at: Set(t.due_at),
        late_policy: Set(policy.into()),
        late_until: Set(until),
        rubric_id: Set(t.rubric_id),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

pub async fn tasks<C: ConnectionTrait>(db: &C, class_id: i64) -> AppResult<Vec<team_task::Model>> {
    Ok(team_task::Entity::find()
        .filter(team_task::Column::ClassId.eq(class_id))
        .order_by_asc(team_task::Column::DueAt)
        .all(db)
        .await?)
}

pub async fn task<C: ConnectionTrait>(db: &C, class_id: i64, id: i64) -> AppResult<team_task::Model> {
    team_task::Entity::find_by_id(id)
        .filter(team_task::Column::ClassId.eq(class_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Every version of the task (of one team, or of all), oldest first, with
/// its files' (id, name, size) but not their content.
pub async fn versions<C: ConnectionTrait>(
    db: &C,
    task_id: i64,
    team_id: Option<i64>,
) -> AppResult<Vec<(task_submission::Model, Vec<(i64, String, i64)>)>> {
    let mut q = task_submission::Entity::find().filter(task_submission::Column::TaskId.eq(task_id));
    if let Some(team) = team_id {
        q = q.filter(task_submission::Column::TeamId.eq(team));
    }
    let rows = q.order_by_asc(task_submission::Column::Id).all(db).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let files: Vec<(i64, i64, String, i64)> = submission_file::Entity::find()
        .select_only()
        .columns([
            submission_file::Column::Id,
            submission_file::Column::SubmissionId,
            submission_file::Column::Name,
            submission_file::Column::Size,
        ])
        .filter(submission_file::Column::SubmissionId.is_in(ids))
        .order_by_asc(submission_file::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let mine = files
                .iter()
                .filter(|f| f.1 == r.id)
                .map(|f| (f.0, f.2.clone(), f.3))
                .collect();
            (r, mine)
        })
        .collect())
}

fn problem(p: DeliverableProblem) -> AppError {
    let (field, key) = match p {
        DeliverableProblem::Empty => ("body", P::ErrSubmissionEmpty),
        DeliverableProblem::TextTooLong => ("body", P::ErrSubmissionTooLong),
        DeliverableProblem::BadLink => ("links", P::ErrBadLink),
        DeliverableProblem::TooManyLinks => ("links", P::ErrTooManyLinks),
        DeliverableProblem::TooManyFiles | DeliverableProblem::FileKind => ("file", P::ErrTooManyFiles),
    };
    AppError::field(field, said(key))
}

/// Stores one version for `team_id` by `user_id`. A key seen before stores
/// nothing (the first post already did).
pub async fn submit(
    db: &DatabaseConnection,
    task: &team_task::Model,
    team_id: i64,
    user_id: i64,
    form: SubmissionForm,
) -> AppResult<()> {
    let links = deliverable::parse_links(&form.links).map_err(problem)?;
    deliverable::check(&form.body, &links, form.files.len()).map_err(problem)?;
    // Numbered inside the serializable unit: two members handing in at the
    // deadline, on any server, get versions n and n + 1 (`write` runs the
    // loser again when both took the same number).
    crate::write_txn!(db, |txn| {
        let seen = task_submission::Entity::find()
            .filter(task_submission::Column::ClientKey.eq(&form.key))
            .one(txn)
            .await?;
        if let Some(s) = seen {
            return if s.task_id == task.id && s.team_id == team_id {
                Ok(())
            } else {
                Err(AppError::rule(crate::i18n::K::ErrBadRequest))
            };
        }
        let last: Option<i32> = task_submission::Entity::find()
            .select_only()
            .column_as(task_submission::Column::Number.max(), "n")
            .filter(task_submission::Column::TaskId.eq(task.id))
            .filter(task_submission::Column::TeamId.eq(team_id))
            .into_tuple::<Option<i32>>()
            .one(txn)
            .await?
            .flatten();
        let row = task_submission::ActiveModel {
            task_id: Set(task.id),
            team_id: Set(team_id),
            number: Set(last.unwrap_or(0) + 1),
            user_id: Set(user_id),
            body: Set(form.body.clone()),
            links: Set(links.join("\n")),
            submitted_at: Set(Utc::now()),
            client_key: Set(form.key.clone()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        for f in &form.files {
            submission_file::ActiveModel {
                submission_id: Set(row.id),
                name: Set(f.name.clone()),
                mime: Set(f.mime.to_string()),
                size: Set(f.bytes.len() as i64),
                content: Set(f.bytes.clone()),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
        Ok(())
    })
}

/// A file with the task, class and team it belongs to, for the download's
/// access check.
pub async fn file<C: ConnectionTrait>(
    db: &C,
    file_id: i64,
) -> AppResult<(submission_file::Model, task_submission::Model, team_task::Model)> {
    let f = submission_file::Entity::find_by_id(file_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let s = task_submission::Entity::find_by_id(f.submission_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let t = team_task::Entity::find_by_id(s.task_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((f, s, t))
}
