//! Evaluation in the database: how a target is scored (rubric, method,
//! discrepancy rules, release), who scores it (evaluators with a role and a
//! role weight), the scores themselves (drafts, then submitted and locked),
//! the facilitator's moderation, and the audit log of every change to a
//! submitted score.
use super::target::Target;
use crate::entities::{evaluation_setting, evaluator_assignment, team_task};
use crate::error::{AppError, AppResult};
use crate::i18n::said;
use crate::i18n::P;
use crate::rubrics::domain::aggregate::{Method, Threshold};
use chrono::Utc;
use sea_orm::{prelude::*, sea_query::OnConflict, ActiveValue::Set, QueryOrder};

mod scores;
pub use scores::*;
mod moderating;
pub use moderating::*;

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
