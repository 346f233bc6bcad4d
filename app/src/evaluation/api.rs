//! Server fns for scoring team tasks and scenario reflections (`kind`
//! "reflection": `task` is then the scenario assignment and each subject a
//! participant). Server-only: the pages are
//! server-rendered HTML whose forms post here (by fetch once hydrated,
//! plain posts without JavaScript).
//!
//! Who may do what: the class's facilitators and admins set the rubric and
//! method, assign evaluators, moderate and release; an evaluator assigned to
//! a team scores it (and sees the other evaluators' scores only once their
//! own is submitted, or when the facilitator opens them); participants see
//! their team's result once released (on the task page).
use super::subjects::{self, resolve};
use crate::auth::class_guard::class_access;
use crate::auth::model::Role;
use crate::auth::policy::{ClassAccess, Membership};
use crate::error::AppError;
use crate::i18n::said;
use crate::i18n::P;
use crate::results::store::{self, ScoreInput, SettingsInput, LIVE, PRACTICE, REFERENCE};
use crate::results::target::Target;
use crate::rubrics::domain::aggregate::Method;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// The task's evaluation: settings, evaluators, results, agreement
/// (facilitators); the teams to score (assigned evaluators).
#[server(input = GetUrl, prefix = "/api", endpoint = "evaluation_page")]
pub async fn evaluation_page(class_id: i64, task: i64, kind: Option<String>) -> Result<String, AppError> {
    let (state, caller, class, access, _) = class_access(class_id).await?;
    let t = resolve(&state, class_id, kind.as_deref().unwrap_or_default(), task).await?;
    let manages = access == ClassAccess::Manage;
    if !manages && !evaluates_class(&state, &caller, class_id).await? {
        return Err(AppError::Forbidden);
    }
    let data = super::page_data::load_evaluation(&state, &caller, class, t, manages).await?;
    crate::ui::render_html(move || super::views::evaluation_body(data))
}

/// "Perlu dinilai": what the caller still has to score, in every class they
/// evaluate (`embed`: as a section of the home page). Any signed-in user; the
/// list holds only their own assignments. Errors: `Unauthenticated`.
#[server(input = GetUrl, prefix = "/api", endpoint = "todo_page")]
pub async fn todo_page(embed: bool) -> Result<String, AppError> {
    let caller = crate::auth::guard::caller()?;
    let state = crate::auth::guard::state()?;
    let targets = super::todo_data::to_score(&state, caller.user_id).await?;
    crate::ui::render_html(move || super::views::todo_body(targets, embed))
}

/// One team's submission beside the rubric, for an evaluator assigned to it
/// (facilitators see it read-only with every score). `purpose` "reference":
/// a facilitator's calibration score; "practice": an evaluator practising
/// on a team that has one, compared with it once submitted.
#[server(input = GetUrl, prefix = "/api", endpoint = "score_page")]
pub async fn score_page(
    class_id: i64,
    task: i64,
    subject: i64,
    purpose: Option<String>,
    kind: Option<String>,
) -> Result<String, AppError> {
    let (state, caller, class, access, _) = class_access(class_id).await?;
    let t = resolve(&state, class_id, kind.as_deref().unwrap_or_default(), task).await?;
    let purpose = purpose_of(purpose.as_deref().unwrap_or(""));
    let may = may_score(&state, &t.target, access, caller.user_id, subject, purpose).await?;
    if access != ClassAccess::Manage && !may {
        return Err(AppError::Forbidden);
    }
    let data = super::page_data::load_scoring(&state, &caller, class, t, subject, purpose, may).await?;
    crate::ui::render_html(move || super::views::scoring_body(data))
}

/// Facilitators. The rubric (`rubric` empty: none), `combine` ("mean",
/// "median", "weighted"), the discrepancy rules (`level_gap` levels,
/// `share_gap` percent; empty turns a rule off). Whether participants see
/// evaluators' names is the programme's setting (`save_bands`). Errors: `Invalid(rubric|level_gap|share_gap)`.
#[server(prefix = "/api", endpoint = "set_evaluation")]
#[allow(clippy::too_many_arguments)]
pub async fn set_evaluation(
    class_id: i64,
    task: i64,
    rubric: String,
    // Not `method`: a field of that name would hide the form's own `method`.
    combine: String,
    level_gap: String,
    share_gap: String,
    #[server(default)] kind: String,
) -> Result<(), AppError> {
    let (state, t) = managed(class_id, &kind, task).await?;
    let rubric_id = match rubric.trim() {
        "" => None,
        id => Some(
            id.parse()
                .map_err(|_| AppError::field("rubric", said(P::ErrNoRubricYet)))?,
        ),
    };
    let gap = |text: &str, field: &str, max: i32| -> Result<Option<i32>, AppError> {
        match text.trim() {
            "" => Ok(None),
            v => v
                .parse::<i32>()
                .ok()
                .filter(|n| (0..=max).contains(n))
                .map(Some)
                .ok_or_else(|| AppError::field(field, said(P::ErrThreshold))),
        }
    };
    let input = SettingsInput {
        rubric_id,
        method: Method::from_code(&combine).unwrap_or_default(),
        level_gap: gap(&level_gap, "level_gap", 7)?,
        share_gap: gap(&share_gap, "share_gap", 100)?,
    };
    store::set_settings(&state.db, &t, input).await
}

/// Facilitators. Assigns an evaluator of the class (an evaluator or a
/// facilitator) to one team (`subject`) or every team (`subject` 0), with a
/// role and a role weight. Errors: `Invalid(evaluator|role|weight)`.
#[server(prefix = "/api", endpoint = "assign_evaluator")]
#[allow(clippy::too_many_arguments)]
pub async fn assign_evaluator(
    class_id: i64,
    task: i64,
    subject: i64,
    evaluator: i64,
    role: String,
    weight: String,
    #[server(default)] kind: String,
) -> Result<(), AppError> {
    let (state, t) = managed(class_id, &kind, task).await?;
    let scores_here = crate::auth::guard::memberships(&state.db, evaluator, class_id)
        .await?
        .iter()
        .any(|m| matches!(m, Membership::Evaluator | Membership::Facilitator));
    if !scores_here {
        return Err(AppError::field("evaluator", said(P::ErrNotAnEvaluator)));
    }
    let weight: f64 = weight
        .trim()
        .replace(',', ".")
        .parse()
        .map_err(|_| AppError::field("weight", said(P::ErrRoleWeight)))?;
    if subject != 0 && !subjects::is_subject(&state, &t, subject).await? {
        return Err(AppError::field("subject", said(P::ErrNotASubject)));
    }
    store::assign(&state.db, &t, subject, evaluator, &role, weight).await
}

#[server(prefix = "/api", endpoint = "unassign_evaluator")]
pub async fn unassign_evaluator(
    class_id: i64,
    task: i64,
    assignment: i64,
    #[server(default)] kind: String,
) -> Result<(), AppError> {
    let (state, t) = managed(class_id, &kind, task).await?;
    store::unassign(&state.db, &t, assignment).await
}

/// One criterion as the scoring form posts it: `c[0][level]`, `c[0][points]`, `c[0][comment]`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PickForm {
    #[serde(default)]
    pub level: String,
    #[serde(default)]
    pub points: String,
    #[serde(default)]
    pub comment: String,
}

/// The assigned evaluator saves a draft (autosaved as they go) or, with
/// `lock` set, submits and locks their score. `base` is the score's revision
/// the page started from (0 when it had none) and `save_key` this save's
/// idempotency key (see `save_version`): a save that did not start from what
/// is stored is refused (`Conflict`), and the same save sent twice is written
/// once. Answers the running weighted total as the page shows it (which the
/// hydrated page puts in the form's `data-result` element) and the new
/// `base`. Errors: `Invalid(c{n})`, `Rule` once submitted, `Conflict`.
#[server(prefix = "/api", endpoint = "save_score")]
#[allow(clippy::too_many_arguments)]
pub async fn save_score(
    class_id: i64,
    task: i64,
    subject: i64,
    #[server(default)] base: i64,
    #[server(default)] save_key: String,
    #[server(default)] c: Vec<PickForm>,
    #[server(default)] overall: String,
    #[server(default)] lock: Option<String>,
    #[server(default)] purpose: String,
    #[server(default)] kind: String,
) -> Result<crate::ui::FormAnswer, AppError> {
    let (state, caller, _, access, _) = class_access(class_id).await?;
    let t = subjects::target(&state, class_id, &kind, task).await?;
    let purpose = purpose_of(&purpose);
    if !may_score(&state, &t, access, caller.user_id, subject, purpose).await? {
        return Err(AppError::Forbidden);
    }
    // A whole-target evaluator scores the target's subjects, nothing else.
    if !subjects::is_subject(&state, &t, subject).await? {
        return Err(AppError::NotFound);
    }
    let submit = lock.is_some();
    let input = ScoreInput {
        levels: c.iter().map(|p| p.level.trim().parse().ok()).collect(),
        points: c.iter().map(|p| p.points.trim().parse().ok()).collect(),
        comments: c.iter().map(|p| p.comment.clone()).collect(),
        overall,
        base,
        key: save_key,
        submit,
    };
    let saved = store::save_score(
        &state.db,
        &state.cache(),
        &t,
        subject,
        caller.user_id,
        purpose,
        input,
    )
    .await?;
    if submit {
        crate::web::redirect(&format!(
            "{}?purpose={purpose}&submitted=1",
            t.score_page(subject)
        ));
    }
    let locale = crate::auth::guard::request_auth()?.locale;
    Ok(crate::ui::FormAnswer {
        text: super::views::running_total(saved.running, locale),
        fields: vec![("base".into(), saved.revision.to_string())],
    })
}

/// Facilitators. `decision` "accepted", "rescore" (every evaluator of the
/// team scores again) or "set" (with `total`, 0–100); a reason is required
/// for the last two. Errors: `Invalid(decision|total|reason)`, `NotFound` when
/// `subject` is not one of the task's subjects (another class's team, anyone).
#[server(prefix = "/api", endpoint = "moderate_score")]
#[allow(clippy::too_many_arguments)]
pub async fn moderate_score(
    class_id: i64,
    task: i64,
    subject: i64,
    decision: String,
    #[server(default)] total: String,
    #[server(default)] reason: String,
    #[server(default)] kind: String,
) -> Result<(), AppError> {
    let (state, t) = managed(class_id, &kind, task).await?;
    let caller = crate::auth::guard::caller()?;
    // A moderation is a result: only for a subject this task is scored on.
    if !subjects::is_subject(&state, &t, subject).await? {
        return Err(AppError::NotFound);
    }
    let total = total.trim().replace(',', ".").parse::<f64>().ok();
    store::moderate(&state.db, &t, subject, caller.user_id, &decision, total, &reason).await
}

/// Facilitators. `release` "true"/"false": participants see their results;
/// `open` "true"/"false": evaluators see each other's scores before submitting.
#[server(prefix = "/api", endpoint = "evaluation_flags")]
pub async fn evaluation_flags(
    class_id: i64,
    task: i64,
    #[server(default)] release: Option<String>,
    #[server(default)] open: Option<String>,
    #[server(default)] kind: String,
) -> Result<(), AppError> {
    let (state, t) = managed(class_id, &kind, task).await?;
    let flag = |v: Option<String>| v.map(|v| v == "true");
    let release = flag(release);
    store::set_flags(&state.db, &t, release, flag(open)).await?;
    if release == Some(true) {
        // Grades for the LMS go to the outbox; delivering them never holds
        // up the release. A failure here is logged, and releasing again
        // queues what is missing (the same grade is never queued twice).
        if let Err(e) = super::lms::queue_released(&state, &t).await {
            tracing::error!(error = %e, class = class_id, target = task, "lti: grades not queued");
        }
    }
    Ok(())
}

fn purpose_of(text: &str) -> &'static str {
    match text {
        REFERENCE => REFERENCE,
        PRACTICE => PRACTICE,
        _ => LIVE,
    }
}

/// Live scores: the evaluators assigned to the team. A reference score: the
/// class's facilitators. Practice: assigned evaluators, once the team has a
/// submitted reference score.
async fn may_score(
    state: &crate::state::AppState,
    t: &Target,
    access: ClassAccess,
    user: i64,
    subject: i64,
    purpose: &str,
) -> Result<bool, AppError> {
    if purpose == REFERENCE {
        return Ok(access == ClassAccess::Manage);
    }
    let assignments = store::assignments_of(&state.db, t, user).await?;
    if store::assignment_for(&assignments, subject, user).is_none() {
        return Ok(false);
    }
    if purpose == PRACTICE && store::reference(&store::scores(&state.db, t).await?, subject).is_none() {
        return Err(AppError::Rule(said(P::ErrNoReference)));
    }
    Ok(true)
}

async fn managed(class_id: i64, kind: &str, task: i64) -> Result<(crate::state::AppState, Target), AppError> {
    let (state, _, _, access, _) = class_access(class_id).await?;
    if access != ClassAccess::Manage {
        return Err(AppError::Forbidden);
    }
    let t = subjects::target(&state, class_id, kind, task).await?;
    Ok((state, t))
}

/// An evaluator account that is an evaluator of the class.
async fn evaluates_class(
    state: &crate::state::AppState,
    caller: &crate::state::Caller,
    class_id: i64,
) -> Result<bool, AppError> {
    Ok(caller.has(Role::Evaluator)
        && crate::auth::guard::memberships(&state.db, caller.user_id, class_id)
            .await?
            .contains(&Membership::Evaluator))
}
