//! Scores: drafts saved with their version, submitted and locked, and the audit of every change.
use super::*;
use crate::entities::{score, score_audit};
use crate::error::{AppError, AppResult};
use crate::i18n::P;
use crate::i18n::{said, said_with};
use crate::results::target::Target;
use crate::rubrics::domain::rubric::{pick, weighted_total, Pick, PickProblem, Rubric};
use crate::rubrics::store::{freeze, FrozenVersions, Version};
use chrono::Utc;
use sea_orm::{sea_query::OnConflict, ActiveValue::Set, QueryOrder};
use std::collections::BTreeMap;

/// The submitted reference (calibration) score of a subject, if any.
pub fn reference(scores: &[score::Model], subject: i64) -> Option<&score::Model> {
    scores
        .iter()
        .find(|s| s.subject_id == subject && s.purpose == REFERENCE && s.status == SUBMITTED)
}

pub async fn scores<C: ConnectionTrait>(db: &C, t: &Target) -> AppResult<Vec<score::Model>> {
    Ok(score::Entity::find()
        .filter(score::Column::Kind.eq(t.kind))
        .filter(score::Column::TargetId.eq(t.id))
        .order_by_asc(score::Column::Id)
        .all(db)
        .await?)
}

/// The rubric version a score uses: the one it started on, else the
/// target's rubric's newest.
pub async fn version_for<C: ConnectionTrait>(
    db: &C,
    frozen: &FrozenVersions,
    t: &Target,
    existing: Option<&score::Model>,
) -> AppResult<(Version, std::sync::Arc<Rubric>)> {
    if let Some(s) = existing {
        return crate::rubrics::store::version_body(db, frozen, s.version_id).await;
    }
    let rubric = settings(db, t)
        .await?
        .and_then(|s| s.rubric_id)
        .ok_or_else(|| AppError::Rule(said(P::ErrNoRubricYet)))?;
    let loaded = crate::rubrics::store::load(db, t.class_id, rubric).await?;
    let version = Version {
        id: loaded.version.id,
        frozen: loaded.version.frozen,
    };
    Ok((version, std::sync::Arc::new(loaded.body)))
}

/// What the scoring form posts: per criterion a level (from 0) and points
/// (None for a fixed level), a comment; an overall comment.
pub struct ScoreInput {
    pub levels: Vec<Option<usize>>,
    pub points: Vec<Option<u32>>,
    pub comments: Vec<String>,
    pub overall: String,
    /// The score's revision the page started from (0: none yet); see `save_version`.
    pub base: i64,
    /// This save's idempotency key: the same save sent again is not written twice.
    pub key: String,
    pub submit: bool,
}

/// A stored save: the running total and the score's revision now.
#[derive(Debug, PartialEq)]
pub struct Saved {
    pub running: Running,
    pub revision: i64,
}

/// The weighted total of the criteria picked so far, as the scoring page
/// shows it while the evaluator works.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Running {
    pub total: f64,
    pub picked: usize,
    pub criteria: usize,
}

fn find_score(t: &Target, subject: i64, evaluator: i64, purpose: &str) -> sea_orm::Select<score::Entity> {
    score::Entity::find()
        .filter(score::Column::Kind.eq(t.kind))
        .filter(score::Column::TargetId.eq(t.id))
        .filter(score::Column::SubjectId.eq(subject))
        .filter(score::Column::EvaluatorId.eq(evaluator))
        .filter(score::Column::Purpose.eq(purpose))
}

/// Saves a draft or submits (which locks). Every problem names its criterion.
///
/// The write is conditional (see `save_version`): the insert does nothing
/// when the score appeared meanwhile, the update only happens while the row
/// is still at the revision the page started from and not submitted. So two
/// saves at once, on any number of servers, never both win, and the one that
/// lost is told (`Conflict`), never acknowledged and dropped.
pub async fn save_score(
    db: &DatabaseConnection,
    frozen: &FrozenVersions,
    t: &Target,
    subject: i64,
    evaluator: i64,
    purpose: &str,
    input: ScoreInput,
) -> AppResult<Saved> {
    use crate::save_version::{decide, usable_key, Decision, Stored};
    let key = usable_key(&input.key).to_string();
    let txn = crate::server_util::begin_write(db).await?;
    let existing = find_score(t, subject, evaluator, purpose).one(&*txn).await?;
    let decision = decide(
        existing.as_ref().map(|e| Stored {
            revision: e.revision,
            key: &e.save_key,
        }),
        input.base,
        &key,
    );
    let (version, mut rubric) = version_for(&*txn, frozen, t, existing.as_ref()).await?;
    if !version.frozen {
        // Freeze first, then read what was frozen: an edit of the rubric in
        // progress either finished before (we read its text) or, finding the
        // version frozen, goes to a new version (`rubrics::store::save`).
        freeze(&*txn, version.id).await?;
        rubric = crate::rubrics::store::stored_body(&*txn, version.id).await?;
    }
    let picks = checked_picks(&rubric, &input)?;
    let running = Running {
        total: weighted_total(&rubric, &picks),
        picked: picks.iter().flatten().count(),
        criteria: picks.len(),
    };
    match (decision, &existing) {
        (Decision::Replay { revision }, _) => return Ok(Saved { running, revision }),
        (_, Some(e)) if e.status == SUBMITTED => return Err(AppError::Rule(said(P::ErrScoreLocked))),
        (Decision::Stale { .. }, _) => return Err(changed_elsewhere()),
        _ => {}
    }
    let status = if input.submit { SUBMITTED } else { DRAFT };
    let comments: Vec<String> = (0..rubric.criteria.len())
        .map(|i| {
            input
                .comments
                .get(i)
                .map_or(String::new(), |c| c.trim().chars().take(2000).collect())
        })
        .collect();
    let total = (running.picked == running.criteria).then_some(running.total);
    let now = Utc::now();
    let revision = match decision {
        Decision::Update { next } => next,
        _ => 1,
    };
    let row = score::ActiveModel {
        kind: Set(t.kind.to_string()),
        target_id: Set(t.id),
        subject_id: Set(subject),
        evaluator_id: Set(evaluator),
        purpose: Set(purpose.to_string()),
        version_id: Set(version.id),
        picks: Set(serde_json::to_string(&picks).map_err(AppError::internal)?),
        comments: Set(serde_json::to_string(&comments).map_err(AppError::internal)?),
        overall: Set(input.overall.trim().chars().take(5000).collect()),
        total: Set(total),
        status: Set(status.to_string()),
        revision: Set(revision),
        save_key: Set(key.clone()),
        updated_at: Set(now),
        submitted_at: Set(input.submit.then_some(now)),
        ..Default::default()
    };
    let written = match &existing {
        None => {
            score::Entity::insert(row)
                .on_conflict(
                    OnConflict::columns([
                        score::Column::Kind,
                        score::Column::TargetId,
                        score::Column::SubjectId,
                        score::Column::EvaluatorId,
                        score::Column::Purpose,
                    ])
                    .do_nothing()
                    .to_owned(),
                )
                .exec_without_returning(&*txn)
                .await?
        }
        Some(old) => {
            score::Entity::update_many()
                .set(row)
                .filter(score::Column::Id.eq(old.id))
                .filter(score::Column::Revision.eq(input.base))
                .filter(score::Column::Status.ne(SUBMITTED))
                .exec(&*txn)
                .await?
                .rows_affected
        }
    };
    if written == 0 {
        // Another request wrote this score between our read and our write.
        txn.rollback().await?;
        return after_lost_race(db, t, subject, evaluator, purpose, &key, running).await;
    }
    let saved = find_score(t, subject, evaluator, purpose)
        .one(&*txn)
        .await?
        .ok_or_else(|| AppError::internal("a score just written is missing"))?;
    // Drafts change as they are typed; what is audited is every change to a
    // score that was submitted (or asked to re-score).
    match &existing {
        Some(old) if input.submit || old.status == RESCORE => {
            audit(&*txn, old, &saved, evaluator, status, "").await?
        }
        None if input.submit => audit_new(&*txn, &saved, evaluator).await?,
        _ => {}
    }
    txn.commit().await?;
    Ok(Saved {
        running,
        revision: saved.revision,
    })
}

/// The conditional write found the score changed: this very save (its key,
/// sent twice at once) succeeded; else the person is told why not.
async fn after_lost_race(
    db: &DatabaseConnection,
    t: &Target,
    subject: i64,
    evaluator: i64,
    purpose: &str,
    key: &str,
    running: Running,
) -> AppResult<Saved> {
    let now = find_score(t, subject, evaluator, purpose).one(db).await?;
    match now {
        Some(s) if !key.is_empty() && s.save_key == key => Ok(Saved {
            running,
            revision: s.revision,
        }),
        Some(s) if s.status == SUBMITTED => Err(AppError::Rule(said(P::ErrScoreLocked))),
        _ => Err(changed_elsewhere()),
    }
}

fn changed_elsewhere() -> AppError {
    AppError::Conflict(said(P::ErrScoreChanged))
}

/// The picks, each checked against its criterion; on submit, every
/// criterion must have one.
fn checked_picks(rubric: &Rubric, input: &ScoreInput) -> AppResult<Vec<Option<Pick>>> {
    let mut errors: BTreeMap<String, Vec<crate::i18n::Msg>> = BTreeMap::new();
    let mut picks = Vec::with_capacity(rubric.criteria.len());
    for (i, c) in rubric.criteria.iter().enumerate() {
        let n = (i + 1).to_string();
        let level = input.levels.get(i).copied().flatten();
        let points = input.points.get(i).copied().flatten();
        match level.map(|l| pick(c, l, points)) {
            Some(Ok(p)) => picks.push(Some(p)),
            Some(Err(PickProblem::PointsOutside(lo, hi))) => {
                let args = [n.clone(), lo.to_string(), hi.to_string()];
                errors
                    .entry(format!("c{n}"))
                    .or_default()
                    .push(said_with(P::ErrPickPoints, &args));
                picks.push(None);
            }
            Some(Err(PickProblem::NoSuchLevel)) | None => {
                if input.submit {
                    errors
                        .entry(format!("c{n}"))
                        .or_default()
                        .push(said_with(P::ErrPickLevel, std::slice::from_ref(&n)));
                }
                picks.push(None);
            }
        }
    }
    if errors.is_empty() {
        Ok(picks)
    } else {
        Err(AppError::Invalid(errors))
    }
}

fn snapshot(s: &score::Model) -> String {
    serde_json::json!({
        "status": s.status, "picks": s.picks, "comments": s.comments,
        "overall": s.overall, "total": s.total, "version": s.version_id,
    })
    .to_string()
}

pub(super) async fn audit<C: ConnectionTrait>(
    db: &C,
    old: &score::Model,
    new: &score::Model,
    actor: i64,
    action: &str,
    reason: &str,
) -> AppResult<()> {
    score_audit::ActiveModel {
        score_id: Set(new.id),
        actor_id: Set(actor),
        action: Set(action.to_string()),
        old: Set(snapshot(old)),
        new: Set(snapshot(new)),
        reason: Set(reason.to_string()),
        at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

async fn audit_new<C: ConnectionTrait>(db: &C, new: &score::Model, actor: i64) -> AppResult<()> {
    score_audit::ActiveModel {
        score_id: Set(new.id),
        actor_id: Set(actor),
        action: Set(SUBMITTED.to_string()),
        old: Set(String::new()),
        new: Set(snapshot(new)),
        reason: Set(String::new()),
        at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
