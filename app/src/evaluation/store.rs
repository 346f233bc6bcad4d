//! Evaluation in the database: how a target is scored (rubric, method,
//! discrepancy rules, release), who scores it (evaluators with a role and a
//! role weight), the scores themselves (drafts, then submitted and locked),
//! the facilitator's moderation, and the audit log of every change to a
//! submitted score.
use super::target::Target;
use crate::entities::{evaluation_setting, evaluator_assignment, moderation, score, score_audit, team_task};
use crate::error::{AppError, AppResult};
use crate::i18n::P;
use crate::i18n::{said, said_with};
use crate::rubrics::domain::aggregate::{Method, Threshold};
use crate::rubrics::domain::rubric::{pick, weighted_total, Pick, PickProblem, Rubric};
use crate::rubrics::store::{freeze, FrozenVersions, Version};
use chrono::Utc;
use sea_orm::{prelude::*, sea_query::OnConflict, ActiveValue::Set, QueryOrder};
use std::collections::BTreeMap;

pub const LIVE: &str = "live";
pub const REFERENCE: &str = "reference";
pub const PRACTICE: &str = "practice";
pub const DRAFT: &str = "draft";
pub const SUBMITTED: &str = "submitted";
pub const RESCORE: &str = "rescore";
pub const ROLES: [&str; 4] = ["coach", "mentor", "penguji", "peer"];

pub async fn settings<C: ConnectionTrait>(
    db: &C,
    t: &Target,
) -> AppResult<Option<evaluation_setting::Model>> {
    Ok(evaluation_setting::Entity::find()
        .filter(evaluation_setting::Column::Kind.eq(t.kind))
        .filter(evaluation_setting::Column::TargetId.eq(t.id))
        .one(db)
        .await?)
}

/// The method and discrepancy rules of a target (defaults when unset).
pub fn rules_of(s: Option<&evaluation_setting::Model>) -> (Method, Threshold) {
    let Some(s) = s else {
        return (Method::Mean, Threshold::default());
    };
    let method = Method::from_code(&s.method).unwrap_or_default();
    let threshold = Threshold {
        levels: s.level_gap.and_then(|g| usize::try_from(g).ok()),
        share: s.share_gap.map(|p| f64::from(p) / 100.0),
    };
    (method, threshold)
}

pub struct SettingsInput {
    pub rubric_id: Option<i64>,
    pub method: Method,
    pub level_gap: Option<i32>,
    pub share_gap: Option<i32>,
}

/// Sets how the target is scored. The rubric cannot change once someone
/// has scored against it (their scores would no longer compare).
pub async fn set_settings(db: &DatabaseConnection, t: &Target, input: SettingsInput) -> AppResult<()> {
    if let Some(rubric) = input.rubric_id {
        crate::rubrics::store::load(db, t.class_id, rubric).await?;
    }
    // The check (no scores yet) and the change are one serializable unit: a
    // first score arriving meanwhile makes this run again and refuse.
    crate::write_txn!(db, |txn| {
        let current = settings(txn, t).await?;
        let changes_rubric = current
            .as_ref()
            .map_or(input.rubric_id.is_some(), |c| c.rubric_id != input.rubric_id);
        if changes_rubric && !scores(txn, t).await?.is_empty() {
            return Err(AppError::field("rubric", said(P::ErrRubricInUse)));
        }
        let row = evaluation_setting::ActiveModel {
            kind: Set(t.kind.to_string()),
            target_id: Set(t.id),
            class_id: Set(t.class_id),
            rubric_id: Set(input.rubric_id),
            method: Set(input.method.code().to_string()),
            level_gap: Set(input.level_gap),
            share_gap: Set(input.share_gap),
            released_at: Set(current.as_ref().and_then(|c| c.released_at)),
            scores_open: Set(current.as_ref().is_some_and(|c| c.scores_open)),
            ..Default::default()
        };
        evaluation_setting::Entity::insert(row)
            .on_conflict(
                OnConflict::columns([
                    evaluation_setting::Column::Kind,
                    evaluation_setting::Column::TargetId,
                ])
                .update_columns([
                    evaluation_setting::Column::RubricId,
                    evaluation_setting::Column::Method,
                    evaluation_setting::Column::LevelGap,
                    evaluation_setting::Column::ShareGap,
                ])
                .to_owned(),
            )
            .exec(txn)
            .await?;
        if t.kind == super::target::TASK {
            team_task::Entity::update_many()
                .col_expr(team_task::Column::RubricId, Expr::value(input.rubric_id))
                .filter(team_task::Column::Id.eq(t.id))
                .exec(txn)
                .await?;
        }
        Ok(())
    })
}

/// Releases the results to participants, or (`open`) lets evaluators see
/// each other's scores before they submit their own.
pub async fn set_flags(
    db: &DatabaseConnection,
    t: &Target,
    release: Option<bool>,
    open: Option<bool>,
) -> AppResult<()> {
    // One statement per flag, each on the row as it is: a release and an
    // "open" pressed at once on two servers both stay.
    let mut update = evaluation_setting::Entity::update_many()
        .filter(evaluation_setting::Column::Kind.eq(t.kind))
        .filter(evaluation_setting::Column::TargetId.eq(t.id));
    if let Some(release) = release {
        update = update.col_expr(
            evaluation_setting::Column::ReleasedAt,
            Expr::value(release.then(Utc::now)),
        );
    }
    if let Some(open) = open {
        update = update.col_expr(evaluation_setting::Column::ScoresOpen, Expr::value(open));
    }
    if release.is_none() && open.is_none() {
        return Ok(());
    }
    let changed = update.exec(db).await?.rows_affected;
    if changed == 0 {
        return Err(AppError::Rule(said(P::ErrNoRubricYet)));
    }
    Ok(())
}

pub async fn assignments<C: ConnectionTrait>(
    db: &C,
    t: &Target,
) -> AppResult<Vec<evaluator_assignment::Model>> {
    Ok(evaluator_assignment::Entity::find()
        .filter(evaluator_assignment::Column::Kind.eq(t.kind))
        .filter(evaluator_assignment::Column::TargetId.eq(t.id))
        .order_by_asc(evaluator_assignment::Column::Id)
        .all(db)
        .await?)
}

/// One evaluator's assignments on the target (what each save checks: a
/// task with hundreds of evaluators need not be read whole every time).
pub async fn assignments_of<C: ConnectionTrait>(
    db: &C,
    t: &Target,
    evaluator: i64,
) -> AppResult<Vec<evaluator_assignment::Model>> {
    Ok(evaluator_assignment::Entity::find()
        .filter(evaluator_assignment::Column::Kind.eq(t.kind))
        .filter(evaluator_assignment::Column::TargetId.eq(t.id))
        .filter(evaluator_assignment::Column::EvaluatorId.eq(evaluator))
        .all(db)
        .await?)
}

/// Assigns (or re-weighs) an evaluator for one subject, or the whole target (`subject` 0).
pub async fn assign(
    db: &DatabaseConnection,
    t: &Target,
    subject: i64,
    evaluator: i64,
    role: &str,
    weight: f64,
) -> AppResult<()> {
    if !ROLES.contains(&role) {
        return Err(AppError::field("role", said(P::ErrEvaluatorRole)));
    }
    if !(weight.is_finite() && (0.1..=10.0).contains(&weight)) {
        return Err(AppError::field("weight", said(P::ErrRoleWeight)));
    }
    evaluator_assignment::Entity::insert(evaluator_assignment::ActiveModel {
        kind: Set(t.kind.to_string()),
        target_id: Set(t.id),
        subject_id: Set(subject),
        evaluator_id: Set(evaluator),
        role: Set(role.to_string()),
        role_weight: Set(weight),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            evaluator_assignment::Column::Kind,
            evaluator_assignment::Column::TargetId,
            evaluator_assignment::Column::SubjectId,
            evaluator_assignment::Column::EvaluatorId,
        ])
        .update_columns([
            evaluator_assignment::Column::Role,
            evaluator_assignment::Column::RoleWeight,
        ])
        .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}

/// `NotFound` when the target has no such assignment (another target's id included).
pub async fn unassign(db: &DatabaseConnection, t: &Target, id: i64) -> AppResult<()> {
    let done = evaluator_assignment::Entity::delete_many()
        .filter(evaluator_assignment::Column::Id.eq(id))
        .filter(evaluator_assignment::Column::Kind.eq(t.kind))
        .filter(evaluator_assignment::Column::TargetId.eq(t.id))
        .exec(db)
        .await?;
    if done.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// The evaluator's assignment for this subject (their own, else the whole target's).
pub fn assignment_for(
    all: &[evaluator_assignment::Model],
    subject: i64,
    user: i64,
) -> Option<&evaluator_assignment::Model> {
    let mine = |s: i64| all.iter().find(|a| a.evaluator_id == user && a.subject_id == s);
    mine(subject).or_else(|| mine(0))
}

/// `team` belongs to a published team set of the class.
pub async fn is_published_team<C: ConnectionTrait>(db: &C, class_id: i64, team: i64) -> AppResult<bool> {
    use crate::entities::{team, team_set};
    use sea_orm::sea_query::Query;
    // One query: the team, in a published set of this class.
    let published_sets = Query::select()
        .column(team_set::Column::Id)
        .from(team_set::Entity)
        .and_where(team_set::Column::ClassId.eq(class_id))
        .and_where(team_set::Column::PublishedAt.is_not_null())
        .to_owned();
    let found = team::Entity::find_by_id(team)
        .filter(team::Column::SetId.in_subquery(published_sets))
        .count(db)
        .await?;
    Ok(found > 0)
}

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

async fn audit<C: ConnectionTrait>(
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

/// The facilitator's decision on a subject: accept the scores as they are,
/// ask every evaluator of it to score again (their submitted scores reopen),
/// or set the final result, with a reason either way for the last two.
pub async fn moderate(
    db: &DatabaseConnection,
    t: &Target,
    subject: i64,
    moderator: i64,
    decision: &str,
    total: Option<f64>,
    reason: &str,
) -> AppResult<()> {
    let reason = reason.trim();
    if decision != "accepted" && reason.is_empty() {
        return Err(AppError::field("reason", said(P::ErrModerationReason)));
    }
    let total = match decision {
        "set" => Some(
            total
                .filter(|t| t.is_finite() && (0.0..=100.0).contains(t))
                .ok_or_else(|| AppError::field("total", said(P::ErrModeratedTotal)))?,
        ),
        "accepted" | "rescore" => None,
        _ => return Err(AppError::field("decision", said(P::ErrModerationDecision))),
    };
    // The decision and the scores it reopens are one serializable unit: a
    // score submitted at the same moment is either reopened or counted.
    crate::write_txn!(db, |txn| {
        moderation::ActiveModel {
            kind: Set(t.kind.to_string()),
            target_id: Set(t.id),
            subject_id: Set(subject),
            decision: Set(decision.to_string()),
            total: Set(total),
            reason: Set(reason.to_string()),
            moderator_id: Set(moderator),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        if decision == "rescore" {
            let live = scores(txn, t)
                .await?
                .into_iter()
                .filter(|s| s.subject_id == subject && s.purpose == LIVE && s.status == SUBMITTED);
            for old in live {
                let mut row: score::ActiveModel = old.clone().into();
                row.status = Set(RESCORE.into());
                // A change of state is a new revision: a page opened before it
                // cannot save over it unseen.
                row.revision = Set(old.revision + 1);
                row.save_key = Set(String::new());
                let new = row.update(txn).await?;
                audit(txn, &old, &new, moderator, RESCORE, reason).await?;
            }
        }
        Ok(())
    })
}

pub async fn moderations<C: ConnectionTrait>(db: &C, t: &Target) -> AppResult<Vec<moderation::Model>> {
    Ok(moderation::Entity::find()
        .filter(moderation::Column::Kind.eq(t.kind))
        .filter(moderation::Column::TargetId.eq(t.id))
        .order_by_asc(moderation::Column::Id)
        .all(db)
        .await?)
}

pub async fn audit_log<C: ConnectionTrait>(
    db: &C,
    score_ids: Vec<i64>,
) -> AppResult<Vec<score_audit::Model>> {
    Ok(score_audit::Entity::find()
        .filter(score_audit::Column::ScoreId.is_in(score_ids))
        .order_by_asc(score_audit::Column::Id)
        .all(db)
        .await?)
}
