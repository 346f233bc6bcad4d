//! Reverse-mentoring pairs in the database. A pair belongs to the mentee's
//! class and names the mentor's (the same one, or another class of the
//! programme). A proposal replaces the pairs in its scope still waiting for
//! the mentee (confirmed pairs stay, and their people are not proposed
//! again); the mentee confirms or declines; the facilitator can set a
//! mentee's mentor by hand. Confirmed pairs keep goals and a log of
//! sessions; every write a pair makes carries the client's key.
use crate::entities::mentoring_pair;
use crate::error::AppResult;
use sea_orm::{prelude::*, Condition, QueryOrder};

mod proposing;
pub use proposing::*;
mod pairing;
pub use pairing::*;

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
