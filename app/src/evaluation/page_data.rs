//! What the evaluation pages show, loaded in a fixed number of queries:
//! a target's evaluation (`EvalData`) and one subject's scoring page
//! (`ScoreData`). The views in `views/` only render these.
use super::gather::{gather, Gathered};
use super::subjects::{Resolved, Subject, Written};
use crate::classes::model::ClassRef;
use crate::entities::{class, evaluation_setting, evaluator_assignment, score};
use crate::error::AppResult;
use crate::results::report::{self, agreement, Agreement, Entry, SubjectReport};
use crate::results::sheet::names;
use crate::results::store::{self, SUBMITTED};
use crate::results::target::{Target, REFLECTION};
use crate::rubrics::domain::rubric::Rubric;
use crate::rubrics::store::Loaded;
use crate::state::{AppState, Caller};
use std::collections::HashMap;

pub struct EvalData {
    pub class: ClassRef,
    pub target: Target,
    pub title: crate::scenarios::model::Bilingual,
    pub manages: bool,
    pub me: i64,
    pub settings: Option<evaluation_setting::Model>,
    pub rubric: Option<Loaded>,
    pub rubrics: Vec<(i64, String)>,
    pub assignments: Vec<evaluator_assignment::Model>,
    /// Evaluators and facilitators of the class: (id, name).
    pub candidates: Vec<(i64, String)>,
    pub names: HashMap<i64, String>,
    /// Every score of the target (for calibration references).
    pub scores: Vec<score::Model>,
    pub subjects: Vec<Subject>,
    pub reports: Vec<SubjectReport>,
    pub agreement: Option<(Agreement, Vec<Agreement>)>,
    pub my_scores: Vec<score::Model>,
    /// Facilitators: each LMS learner's grade for this target (name, status).
    pub lms: Vec<(String, String)>,
}

pub async fn load_evaluation(
    state: &AppState,
    caller: &Caller,
    class: class::Model,
    resolved: Resolved,
    manages: bool,
) -> AppResult<EvalData> {
    let db = &state.db;
    let Resolved { target, title } = resolved;
    let Gathered {
        settings,
        rubric,
        assignments,
        scores,
        subjects,
        reports,
    } = gather(state, &class, &target).await?;
    let rubrics = crate::rubrics::store::list(db, class.id)
        .await?
        .into_iter()
        .map(|l| (l.rubric.id, l.rubric.title))
        .collect();
    let agreement = rubric.as_ref().map(|r| agreement(&r.body, &reports));
    let members = crate::classes::store::members(db, class.id).await?;
    let mut candidates: Vec<(i64, String)> = members
        .iter()
        .filter(|(m, _)| m.role == "evaluator" || m.role == "facilitator")
        .map(|(_, u)| (u.id, u.full_name.clone()))
        .collect();
    candidates.sort();
    candidates.dedup();
    let names: HashMap<i64, String> = members.into_iter().map(|(_, u)| (u.id, u.full_name)).collect();
    let lms = if manages {
        let locale = crate::auth::guard::request_auth()?.locale;
        let item = super::lms::item_of(&target);
        crate::lms::status::grade_status(&state.db, target.class_id, &item, locale).await?
    } else {
        Vec::new()
    };
    Ok(EvalData {
        lms,
        names,
        my_scores: scores
            .iter()
            .filter(|s| s.evaluator_id == caller.user_id)
            .cloned()
            .collect(),
        scores,
        me: caller.user_id,
        class: ClassRef::from(&class),
        target,
        title,
        manages,
        settings,
        rubric,
        rubrics,
        assignments,
        candidates,
        subjects,
        reports,
        agreement,
    })
}

/// What a subject handed in: a team's versions of the task, or a
/// participant's reflections attempt by attempt.
pub enum HandedIn {
    /// The team's version that counts (the task's late policy decides), if any.
    Task(Option<Counted>),
    Reflections(Vec<Written>),
}

/// A task version as the scoring page shows it.
pub struct Counted {
    pub number: i32,
    pub submitted_at: chrono::DateTime<chrono::Utc>,
    pub body: String,
    pub links: String,
    /// (where it is downloaded, name, size)
    pub files: Vec<(String, String, i64)>,
}

pub struct ScoreData {
    pub class: ClassRef,
    pub target: Target,
    pub title: crate::scenarios::model::Bilingual,
    pub subject: Subject,
    pub handed_in: HandedIn,
    /// "live", "reference" or "practice".
    pub purpose: &'static str,
    /// The caller may score here (else the page is read-only).
    pub can_score: bool,
    pub rubric: Option<Rubric>,
    pub mine: Option<score::Model>,
    /// Practice, once submitted: the reference score to compare with.
    pub reference: Option<score::Model>,
    /// Others' submitted scores, when the caller may see them.
    pub others: Vec<(String, Entry)>,
    /// An evaluator scoring for real: the next subject they still have to
    /// score on this target, and how many besides this one are open.
    pub next: Option<Subject>,
    pub left: usize,
}

pub async fn load_scoring(
    state: &AppState,
    caller: &Caller,
    class: class::Model,
    resolved: Resolved,
    subject: i64,
    purpose: &'static str,
    can_score: bool,
) -> AppResult<ScoreData> {
    let db = &state.db;
    let Resolved { target, title } = resolved;
    let all = super::subjects::subjects(state, &target).await?;
    let subject = all
        .iter()
        .find(|s| s.id == subject)
        .cloned()
        .ok_or(crate::error::AppError::NotFound)?;
    let handed_in = if target.kind == REFLECTION {
        HandedIn::Reflections(
            super::subjects::written(
                state,
                &target,
                subject.id,
                crate::auth::guard::request_auth()?.locale,
            )
            .await?,
        )
    } else {
        let task = crate::tasks::store::task(db, class.id, target.id).await?;
        let versions = crate::tasks::store::versions(db, task.id, Some(subject.id)).await?;
        HandedIn::Task(
            crate::tasks::store::counting_of(&task, &versions).map(|(s, files)| Counted {
                number: s.number,
                submitted_at: s.submitted_at,
                body: s.body.clone(),
                links: s.links.clone(),
                files: crate::tasks::store::file_links(class.id, files),
            }),
        )
    };
    let subject_id = subject.id;
    let scores = store::scores(db, &target).await?;
    let mine = scores
        .iter()
        .find(|s| s.subject_id == subject_id && s.evaluator_id == caller.user_id && s.purpose == purpose)
        .cloned();
    let settings = store::settings(db, &target).await?;
    let rubric = match store::version_for(db, &state.cache(), &target, mine.as_ref()).await {
        Ok((_, body)) => Some(Rubric::clone(&body)),
        Err(_) => None,
    };
    let own_done = mine.as_ref().is_some_and(|s| s.status == SUBMITTED);
    let sees_others = purpose == store::LIVE
        && (!can_score || own_done || settings.as_ref().is_some_and(|s| s.scores_open));
    let reference = (purpose == store::PRACTICE && own_done)
        .then(|| store::reference(&scores, subject_id).cloned())
        .flatten();
    let assignments = store::assignments(db, &target).await?;
    let names = names(state, class.id).await?;
    let others = match (&rubric, sees_others) {
        (Some(r), true) => scores
            .iter()
            .filter(|s| s.subject_id == subject_id && s.evaluator_id != caller.user_id)
            .filter_map(|s| report::entry(s, &assignments, r))
            .map(|e| (names.get(&e.evaluator).cloned().unwrap_or_default(), e))
            .collect(),
        _ => Vec::new(),
    };
    let (next, left) = if can_score && purpose == store::LIVE {
        next_to_score(&all, &scores, &assignments, caller.user_id, subject_id)
    } else {
        (None, 0)
    };
    Ok(ScoreData {
        next,
        left,
        class: ClassRef::from(&class),
        target,
        title,
        subject,
        handed_in,
        purpose,
        can_score,
        rubric,
        mine,
        reference,
        others,
    })
}

/// The evaluator's next open subject after `current`, and how many others are open.
fn next_to_score(
    all: &[Subject],
    scores: &[score::Model],
    assignments: &[evaluator_assignment::Model],
    me: i64,
    current: i64,
) -> (Option<Subject>, usize) {
    use super::todo::{worklist, Covers};
    let covers = Covers::from_assignments(
        assignments
            .iter()
            .filter(|a| a.evaluator_id == me)
            .map(|a| a.subject_id),
    );
    let mine: HashMap<i64, String> = scores
        .iter()
        .filter(|s| s.evaluator_id == me && s.purpose == store::LIVE)
        .map(|s| (s.subject_id, s.status.clone()))
        .collect();
    let order: Vec<i64> = all.iter().map(|s| s.id).collect();
    let list = worklist(&covers, &order, &mine);
    let left = list.iter().filter(|(s, st)| *s != current && st.open()).count();
    let next =
        super::todo::next_after(&list, current).and_then(|id| all.iter().find(|s| s.id == id).cloned());
    (next, left)
}
