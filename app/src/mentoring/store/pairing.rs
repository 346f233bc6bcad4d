//! A pair's own life: the mentee's and mentor's answers, goals, and sessions.
use super::*;
use crate::entities::{mentoring_goal, mentoring_pair, mentoring_session};
use crate::error::{AppError, AppResult};
use crate::i18n::said;
use crate::i18n::P;
use crate::state::AppState;
use chrono::{NaiveDate, Utc};
use sea_orm::{ActiveValue::Set, Condition, QueryOrder};

/// The pair `pair_id` of the class if `user` is in it.
pub async fn pair_of_member<C: ConnectionTrait>(
    db: &C,
    class_id: i64,
    pair_id: i64,
    user: i64,
) -> AppResult<mentoring_pair::Model> {
    let pair = mentoring_pair::Entity::find_by_id(pair_id)
        .filter(
            Condition::any()
                .add(mentoring_pair::Column::ClassId.eq(class_id))
                .add(mentoring_pair::Column::MentorClassId.eq(class_id)),
        )
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if pair.mentor_id != user && pair.mentee_id != user {
        return Err(AppError::Forbidden);
    }
    Ok(pair)
}

/// The mentee answers a proposal (or changes their mind).
pub async fn respond(
    state: &AppState,
    class_id: i64,
    pair_id: i64,
    user: i64,
    accept: bool,
) -> AppResult<()> {
    // Read and answer as one unit: a facilitator replacing the pair at the
    // same moment either comes first (and this is refused) or after.
    crate::write_txn!(&state.db, |txn| {
        let pair = pair_of_member(txn, class_id, pair_id, user).await?;
        if pair.mentee_id != user {
            return Err(AppError::Forbidden);
        }
        if pair.status == REPLACED {
            return Err(AppError::NotFound);
        }
        // A declined proposal the facilitator has since replaced by another
        // (adjust leaves declined pairs alone) cannot come back to life: a
        // mentee has one pair at a time.
        let other_open = mentoring_pair::Entity::find()
            .filter(mentoring_pair::Column::MenteeId.eq(user))
            .filter(mentoring_pair::Column::Id.ne(pair.id))
            .filter(mentoring_pair::Column::Status.is_in([PROPOSED, CONFIRMED]))
            .count(txn)
            .await?;
        if accept && other_open > 0 {
            return Err(AppError::Conflict(said(P::ErrPairSuperseded)));
        }
        let mut row: mentoring_pair::ActiveModel = pair.into();
        row.status = Set(if accept { CONFIRMED } else { DECLINED }.into());
        row.update(txn).await?;
        Ok(())
    })
}

/// The confirmed pair `user` belongs to. Writes that hang on the pair check it
/// inside their own write transaction: a facilitator's adjustment may remove
/// the pair between a check and the insert (found by the two-server races).
async fn confirmed_pair<C: ConnectionTrait>(
    db: &C,
    class_id: i64,
    pair_id: i64,
    user: i64,
) -> AppResult<mentoring_pair::Model> {
    let pair = pair_of_member(db, class_id, pair_id, user).await?;
    if pair.status != CONFIRMED {
        return Err(AppError::Rule(said(P::ErrPairNotConfirmed)));
    }
    Ok(pair)
}

/// Either member of a confirmed pair adds a goal (a retried post adds one).
pub async fn add_goal(
    state: &AppState,
    class_id: i64,
    pair_id: i64,
    user: i64,
    title: &str,
    key: String,
) -> AppResult<()> {
    let title = title.trim();
    if title.is_empty() || title.chars().count() > 200 {
        return Err(AppError::field("title", said(P::ErrGoalTitle)));
    }
    crate::write_txn!(&state.db, |txn| {
        let pair = confirmed_pair(txn, class_id, pair_id, user).await?;
        mentoring_goal::Entity::insert(mentoring_goal::ActiveModel {
            pair_id: Set(pair.id),
            title: Set(title.to_string()),
            met: Set(false),
            client_key: Set(key.clone()),
            ..Default::default()
        })
        .on_conflict_do_nothing_on([mentoring_goal::Column::ClientKey])
        .exec(txn)
        .await?;
        Ok(())
    })
}

pub async fn set_goal_met(
    state: &AppState,
    class_id: i64,
    goal_id: i64,
    user: i64,
    met: bool,
) -> AppResult<()> {
    crate::write_txn!(&state.db, |txn| {
        let goal = mentoring_goal::Entity::find_by_id(goal_id)
            .one(txn)
            .await?
            .ok_or(AppError::NotFound)?;
        confirmed_pair(txn, class_id, goal.pair_id, user).await?;
        // One statement on one column: a goal ticked on two phones at once
        // ends as the later tick, and nothing else of the goal is written back.
        mentoring_goal::Entity::update_many()
            .col_expr(mentoring_goal::Column::Met, Expr::value(met))
            .filter(mentoring_goal::Column::Id.eq(goal.id))
            .exec(txn)
            .await?;
        Ok(())
    })
}

/// One mentoring session as logged by a member of the pair.
#[derive(Clone)]
pub struct SessionEntry {
    pub held_on: NaiveDate,
    pub minutes: i32,
    pub topic: String,
    pub practised: String,
    pub mentor_learned: String,
}

pub async fn log_session(
    state: &AppState,
    class_id: i64,
    pair_id: i64,
    user: i64,
    entry: SessionEntry,
    key: String,
) -> AppResult<()> {
    crate::write_txn!(&state.db, |txn| {
        let pair = confirmed_pair(txn, class_id, pair_id, user).await?;
        let entry = entry.clone();
        mentoring_session::Entity::insert(mentoring_session::ActiveModel {
            pair_id: Set(pair.id),
            held_on: Set(entry.held_on),
            minutes: Set(entry.minutes),
            topic: Set(entry.topic),
            practised: Set(entry.practised),
            mentor_learned: Set(entry.mentor_learned),
            logged_by: Set(user),
            client_key: Set(key.clone()),
            created_at: Set(Utc::now()),
            ..Default::default()
        })
        .on_conflict_do_nothing_on([mentoring_session::Column::ClientKey])
        .exec(txn)
        .await?;
        Ok(())
    })
}

pub async fn goals<C: ConnectionTrait>(db: &C, pair_ids: Vec<i64>) -> AppResult<Vec<mentoring_goal::Model>> {
    // No pair, nothing to ask (a participant before pairing).
    if pair_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(mentoring_goal::Entity::find()
        .filter(mentoring_goal::Column::PairId.is_in(pair_ids))
        .order_by_asc(mentoring_goal::Column::Id)
        .all(db)
        .await?)
}

pub async fn sessions<C: ConnectionTrait>(
    db: &C,
    pair_ids: Vec<i64>,
) -> AppResult<Vec<mentoring_session::Model>> {
    if pair_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(mentoring_session::Entity::find()
        .filter(mentoring_session::Column::PairId.is_in(pair_ids))
        .order_by_desc(mentoring_session::Column::HeldOn)
        .all(db)
        .await?)
}
