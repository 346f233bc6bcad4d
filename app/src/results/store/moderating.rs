//! The facilitator's moderation of a subject, and the audit log read back.
use super::*;
use crate::entities::{moderation, score, score_audit};
use crate::error::{AppError, AppResult};
use crate::i18n::said;
use crate::i18n::P;
use crate::results::target::Target;
use chrono::Utc;
use sea_orm::{ActiveValue::Set, QueryOrder};

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
