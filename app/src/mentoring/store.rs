//! Reverse-mentoring pairs in the database. A pair belongs to the mentee's
//! class and names the mentor's (the same one, or another class of the
//! programme). A proposal replaces the pairs in its scope still waiting for
//! the mentee (confirmed pairs stay, and their people are not proposed
//! again); the mentee confirms or declines; the facilitator can set a
//! mentee's mentor by hand. Confirmed pairs keep goals and a log of
//! sessions; every write a pair makes carries the client's key.
use super::domain::pairing::{propose as pair_up, role_of, Candidate, Unpaired};
use super::scope::pool;
use crate::entities::{mentoring_goal, mentoring_pair, mentoring_run, mentoring_session};
use crate::error::{AppError, AppResult};
use crate::i18n::said;
use crate::i18n::P;
use crate::state::AppState;
use chrono::{NaiveDate, Utc};
use sea_orm::{prelude::*, sea_query::OnConflict, ActiveValue::Set, Condition, QueryOrder};
use std::collections::HashMap;

pub const PROPOSED: &str = "proposed";
pub const CONFIRMED: &str = "confirmed";
pub const DECLINED: &str = "declined";
/// A pair the facilitator replaced after it had goals or sessions (kept for its history).
pub const REPLACED: &str = "replaced";

/// The pairs of a class: its mentees' pairs and those its mentors hold in
/// another class of the programme.
pub async fn pairs<C: ConnectionTrait>(db: &C, class_id: i64) -> AppResult<Vec<mentoring_pair::Model>> {
    pairs_touching(db, &[class_id]).await
}

pub async fn pairs_touching<C: ConnectionTrait>(
    db: &C,
    classes: &[i64],
) -> AppResult<Vec<mentoring_pair::Model>> {
    Ok(mentoring_pair::Entity::find()
        .filter(
            Condition::any()
                .add(mentoring_pair::Column::ClassId.is_in(classes.to_vec()))
                .add(mentoring_pair::Column::MentorClassId.is_in(classes.to_vec())),
        )
        .order_by_asc(mentoring_pair::Column::Id)
        .all(db)
        .await?)
}

/// Both the mentee's and the mentor's class are among `classes`.
fn within(pair: &mentoring_pair::Model, classes: &[i64]) -> bool {
    classes.contains(&pair.class_id) && pair.mentor_class_id.is_none_or(|c| classes.contains(&c))
}

/// Proposes pairs across `classes` (the first is the one asking) for
/// everyone not already in a confirmed pair. Proposals that reach a class
/// outside the scope are left alone, and their people are not proposed again.
pub async fn propose(state: &AppState, classes: &[i64], allow_same_unit: bool) -> AppResult<()> {
    let pool = pool(state, classes).await?;
    // Which pairs stay and the new ones are decided and written as one serializable unit: two facilitators pressing at once on two servers give one set of pairs.
    crate::write_txn!(&state.db, |txn| {
        let mut kept = Vec::new();
        for pair in pairs_touching(txn, classes).await? {
            let waiting = pair.status == PROPOSED || pair.status == DECLINED;
            if waiting && within(&pair, classes) {
                mentoring_pair::Entity::delete_by_id(pair.id).exec(txn).await?;
            } else if pair.status == PROPOSED || pair.status == CONFIRMED {
                kept.extend([pair.mentor_id, pair.mentee_id]);
            }
        }
        let free: Vec<Candidate> = pool
            .candidates
            .iter()
            .filter(|c| !kept.contains(&c.id))
            .cloned()
            .collect();
        let proposal = pair_up(&free, allow_same_unit);
        let wants: HashMap<i64, &Vec<String>> = free.iter().map(|c| (c.id, &c.wants)).collect();
        let home = |id: i64| pool.home.get(&id).copied().unwrap_or(classes[0]);
        for (mentor, mentee, _) in &proposal.pairs {
            let ends = Ends {
                class_id: home(*mentee),
                mentor_class_id: home(*mentor),
                mentor: *mentor,
                mentee: *mentee,
            };
            insert_pair(txn, ends, wants.get(mentee).map(|w| w.as_slice())).await?;
        }
        let mut unpaired: Vec<(i64, &str)> = proposal
            .unpaired
            .iter()
            .map(|(id, why)| (*id, why.code()))
            .collect();
        unpaired.extend(pool.unanswered.iter().map(|id| (*id, Unpaired::NoSurvey.code())));
        for &class_id in classes {
            let own: Vec<&(i64, &str)> = unpaired.iter().filter(|(id, _)| home(*id) == class_id).collect();
            save_run(
                txn,
                class_id,
                serde_json::to_string(&own).unwrap_or_default(),
                allow_same_unit,
            )
            .await?;
        }
        Ok(())
    })
}

async fn save_run<C: ConnectionTrait>(
    db: &C,
    class_id: i64,
    unpaired: String,
    allow_same_unit: bool,
) -> AppResult<()> {
    mentoring_run::Entity::insert(mentoring_run::ActiveModel {
        class_id: Set(class_id),
        unpaired: Set(unpaired),
        allow_same_unit: Set(allow_same_unit),
        created_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::column(mentoring_run::Column::ClassId)
            .update_columns([
                mentoring_run::Column::Unpaired,
                mentoring_run::Column::AllowSameUnit,
                mentoring_run::Column::CreatedAt,
            ])
            .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}

/// Who a new pair joins, and the classes they come from.
struct Ends {
    class_id: i64,
    mentor_class_id: i64,
    mentor: i64,
    mentee: i64,
}

async fn insert_pair<C: ConnectionTrait>(db: &C, ends: Ends, wants: Option<&[String]>) -> AppResult<()> {
    mentoring_pair::ActiveModel {
        class_id: Set(ends.class_id),
        mentor_class_id: Set(Some(ends.mentor_class_id)),
        mentor_id: Set(ends.mentor),
        mentee_id: Set(ends.mentee),
        status: Set(PROPOSED.into()),
        topics: Set(serde_json::to_string(&wants.unwrap_or_default()).unwrap_or_default()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The last proposal's unpaired people and why (people paired by hand since are left out).
pub async fn unpaired<C: ConnectionTrait>(db: &C, class_id: i64) -> AppResult<Vec<(i64, Unpaired)>> {
    let Some(run) = mentoring_run::Entity::find_by_id(class_id).one(db).await? else {
        return Ok(Vec::new());
    };
    let paired: Vec<i64> = pairs(db, class_id)
        .await?
        .iter()
        .filter(|p| p.status == PROPOSED || p.status == CONFIRMED)
        .flat_map(|p| [p.mentor_id, p.mentee_id])
        .collect();
    let stored: Vec<(i64, String)> = serde_json::from_str(&run.unpaired).unwrap_or_default();
    Ok(stored
        .into_iter()
        .filter(|(id, _)| !paired.contains(id))
        .filter_map(|(id, code)| Unpaired::from_code(&code).map(|u| (id, u)))
        .collect())
}

/// Facilitators: makes `mentor` the mentor of `mentee` (the mentee is asked
/// to confirm again). The mentee is a participant of the first of `classes`,
/// the mentor of any of them; both of the right generations. The mentor's
/// and the mentee's other pairs are dissolved, except that a mentor in a
/// confirmed pair with someone else is refused, and a pair with goals or
/// sessions is kept as "replaced", so its history stays.
pub async fn adjust(state: &AppState, classes: &[i64], mentee: i64, mentor: i64) -> AppResult<()> {
    let pool = pool(state, classes).await?;
    let role = |id: i64| pool.generation.get(&id).and_then(|g| role_of(g));
    if role(mentor) != Some(true) {
        return Err(AppError::field("mentor", said(P::ErrMentorGeneration)));
    }
    if role(mentee) != Some(false) || pool.home.get(&mentee) != Some(&classes[0]) {
        return Err(AppError::field("mentee", said(P::ErrMenteeGeneration)));
    }
    crate::write_txn!(&state.db, |txn| {
        let all: Vec<_> = pairs_touching(txn, classes)
            .await?
            .into_iter()
            .filter(|p| p.status != DECLINED && p.status != REPLACED)
            .collect();
        if all.iter().any(|p| p.mentor_id == mentor && p.mentee_id == mentee) {
            return Ok(());
        }
        if all.iter().any(|p| p.mentor_id == mentor && p.status == CONFIRMED) {
            return Err(AppError::field("mentor", said(P::ErrMentorBusy)));
        }
        let topics = all
            .iter()
            .find(|p| p.mentee_id == mentee)
            .map(|p| p.topics.clone());
        for old in all
            .into_iter()
            .filter(|p| p.mentee_id == mentee || p.mentor_id == mentor)
        {
            let has_history =
                !goals(txn, vec![old.id]).await?.is_empty() || !sessions(txn, vec![old.id]).await?.is_empty();
            if has_history {
                let mut row: mentoring_pair::ActiveModel = old.into();
                row.status = Set(REPLACED.into());
                row.update(txn).await?;
            } else {
                mentoring_pair::Entity::delete_by_id(old.id).exec(txn).await?;
            }
        }
        let wants: Vec<String> = topics
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default();
        let ends = Ends {
            class_id: classes[0],
            mentor_class_id: pool.home.get(&mentor).copied().unwrap_or(classes[0]),
            mentor,
            mentee,
        };
        insert_pair(txn, ends, Some(&wants)).await?;
        Ok(())
    })
}

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

async fn confirmed_pair(
    state: &AppState,
    class_id: i64,
    pair_id: i64,
    user: i64,
) -> AppResult<mentoring_pair::Model> {
    let pair = pair_of_member(&state.db, class_id, pair_id, user).await?;
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
    let pair = confirmed_pair(state, class_id, pair_id, user).await?;
    let title = title.trim();
    if title.is_empty() || title.chars().count() > 200 {
        return Err(AppError::field("title", said(P::ErrGoalTitle)));
    }
    mentoring_goal::Entity::insert(mentoring_goal::ActiveModel {
        pair_id: Set(pair.id),
        title: Set(title.to_string()),
        met: Set(false),
        client_key: Set(key),
        ..Default::default()
    })
    .on_conflict_do_nothing_on([mentoring_goal::Column::ClientKey])
    .exec(&state.db)
    .await?;
    Ok(())
}

pub async fn set_goal_met(
    state: &AppState,
    class_id: i64,
    goal_id: i64,
    user: i64,
    met: bool,
) -> AppResult<()> {
    let goal = mentoring_goal::Entity::find_by_id(goal_id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    confirmed_pair(state, class_id, goal.pair_id, user).await?;
    // One statement on one column: a goal ticked on two phones at once ends
    // as the later tick, and nothing else of the goal is written back.
    mentoring_goal::Entity::update_many()
        .col_expr(mentoring_goal::Column::Met, Expr::value(met))
        .filter(mentoring_goal::Column::Id.eq(goal.id))
        .exec(&state.db)
        .await?;
    Ok(())
}

/// One mentoring session as logged by a member of the pair.
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
    let pair = confirmed_pair(state, class_id, pair_id, user).await?;
    mentoring_session::Entity::insert(mentoring_session::ActiveModel {
        pair_id: Set(pair.id),
        held_on: Set(entry.held_on),
        minutes: Set(entry.minutes),
        topic: Set(entry.topic),
        practised: Set(entry.practised),
        mentor_learned: Set(entry.mentor_learned),
        logged_by: Set(user),
        client_key: Set(key),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .on_conflict_do_nothing_on([mentoring_session::Column::ClientKey])
    .exec(&state.db)
    .await?;
    Ok(())
}

pub async fn goals<C: ConnectionTrait>(db: &C, pair_ids: Vec<i64>) -> AppResult<Vec<mentoring_goal::Model>> {
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
    Ok(mentoring_session::Entity::find()
        .filter(mentoring_session::Column::PairId.is_in(pair_ids))
        .order_by_desc(mentoring_session::Column::HeldOn)
        .all(db)
        .await?)
}
