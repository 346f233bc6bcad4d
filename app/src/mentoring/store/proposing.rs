//! Proposing mentoring pairs for a class (or across a programme's classes), and adjusting them by hand.
use super::*;
use crate::entities::{mentoring_pair, mentoring_run};
use crate::error::{AppError, AppResult};
use crate::i18n::said;
use crate::i18n::P;
use crate::mentoring::domain::pairing::{propose as pair_up, role_of, Candidate, Unpaired};
use crate::mentoring::scope::pool;
use crate::state::AppState;
use chrono::Utc;
use sea_orm::{sea_query::OnConflict, ActiveValue::Set};
use std::collections::HashMap;

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
