//! An evaluator's "to score" list, loaded: every target they are assigned to
//! (in classes they still evaluate), with each subject's status for them.
use super::subjects::{resolve, subjects, Subject};
use super::todo::{counts, worklist, Counts, Covers, Status};
use crate::auth::policy::Membership;
use crate::entities::{class, class_member, evaluator_assignment, score};
use crate::error::AppResult;
use crate::results::store::LIVE;
use crate::results::target::{Target, REFLECTION};
use crate::state::AppState;
use sea_orm::{prelude::*, QueryOrder};
use std::collections::{BTreeMap, HashMap};

/// One target on the list.
pub struct TodoTarget {
    pub target: Target,
    pub class_name: String,
    pub title: crate::scenarios::model::Bilingual,
    pub list: Vec<(Subject, Status)>,
    pub counts: Counts,
}

impl TodoTarget {
    /// The first subject to open: asked to rescore first, then a draft, then new.
    pub fn first(&self) -> Option<&Subject> {
        [Status::Rescore, Status::Draft, Status::New]
            .iter()
            .find_map(|want| {
                self.list
                    .iter()
                    .find(|(_, s)| s == want)
                    .map(|(subject, _)| subject)
            })
    }
}

/// The caller's targets with something still open, class by class; targets
/// whose subjects are all submitted are left out.
pub async fn to_score(state: &AppState, evaluator: i64) -> AppResult<Vec<TodoTarget>> {
    let db = &state.db;
    let assignments = evaluator_assignment::Entity::find()
        .filter(evaluator_assignment::Column::EvaluatorId.eq(evaluator))
        .order_by_asc(evaluator_assignment::Column::Id)
        .all(db)
        .await?;
    if assignments.is_empty() {
        return Ok(Vec::new());
    }
    // Which subjects each target's assignments cover (0: all of them).
    let mut covered: BTreeMap<(String, i64), Vec<i64>> = BTreeMap::new();
    for a in &assignments {
        covered
            .entry((a.kind.clone(), a.target_id))
            .or_default()
            .push(a.subject_id);
    }
    let classes = evaluated_classes(db, evaluator).await?;
    let mut out = Vec::new();
    for ((kind, target_id), subject_ids) in covered {
        let Some(class_id) = class_of(db, &kind, target_id).await? else {
            continue;
        };
        let Some(class_name) = classes.get(&class_id) else {
            continue; // no longer an evaluator of that class
        };
        let resolved = resolve(state, class_id, &kind, target_id).await?;
        let target = resolved.target;
        let all = subjects(state, &target).await?;
        let mine = my_scores(db, &target, evaluator).await?;
        let order: Vec<i64> = all.iter().map(|s| s.id).collect();
        let statuses = worklist(&Covers::from_assignments(subject_ids), &order, &mine);
        let by_id: HashMap<i64, &Subject> = all.iter().map(|s| (s.id, s)).collect();
        let list: Vec<(Subject, Status)> = statuses
            .iter()
            .filter_map(|(id, st)| by_id.get(id).map(|s| ((*s).clone(), *st)))
            .collect();
        let counts = counts(&statuses);
        if counts.open > 0 {
            out.push(TodoTarget {
                target,
                class_name: class_name.clone(),
                title: resolved.title,
                list,
                counts,
            });
        }
    }
    Ok(out)
}

/// The classes the user evaluates (or runs), by id, with their names.
async fn evaluated_classes(db: &DatabaseConnection, user: i64) -> AppResult<HashMap<i64, String>> {
    let ids: Vec<i64> = class_member::Entity::find()
        .filter(class_member::Column::UserId.eq(user))
        // A facilitator may be assigned to score too.
        .filter(
            class_member::Column::Role.is_in([Membership::Evaluator.code(), Membership::Facilitator.code()]),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.class_id)
        .collect();
    Ok(class::Entity::find()
        .filter(class::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect())
}

/// The class a target belongs to (`None`: the task or assignment is gone).
async fn class_of(db: &DatabaseConnection, kind: &str, id: i64) -> AppResult<Option<i64>> {
    use crate::entities::{scenario_assignment, team_task};
    Ok(if kind == REFLECTION {
        scenario_assignment::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|a| a.class_id)
    } else {
        team_task::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|t| t.class_id)
    })
}

/// The evaluator's live score status per subject of the target.
pub async fn my_scores(
    db: &DatabaseConnection,
    t: &Target,
    evaluator: i64,
) -> AppResult<HashMap<i64, String>> {
    Ok(score::Entity::find()
        .filter(score::Column::Kind.eq(t.kind))
        .filter(score::Column::TargetId.eq(t.id))
        .filter(score::Column::EvaluatorId.eq(evaluator))
        .filter(score::Column::Purpose.eq(LIVE))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.subject_id, s.status))
        .collect())
}
