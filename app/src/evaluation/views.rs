//! The evaluation pages, rendered on the server: a target's evaluation
//! (settings, evaluators, results with flags and moderation, agreement,
//! release) and the scoring page (the submission beside the rubric).
use super::api::{
    AssignEvaluator, EvaluationFlags, ModerateScore, SaveScore, SetEvaluation, UnassignEvaluator,
};
use super::gather::{gather, names, Gathered};
use super::report::{self, agreement, Agreement, Entry, SubjectReport};
use super::store::{self, DRAFT, RESCORE, ROLES, SUBMITTED};
use super::subjects::{Resolved, Subject, Written};
use super::target::{Target, REFLECTION};
use crate::entities::{class, evaluation_setting, evaluator_assignment, score, team_task};
use crate::error::AppResult;
use crate::i18n::{fill, P};
use crate::rubrics::domain::agreement::{read_alpha, read_icc, Reading};
use crate::rubrics::domain::rubric::Rubric;
use crate::rubrics::store::Loaded;
use crate::state::{AppState, Caller};
use crate::ui::rendered::button_form;
use crate::ui::rendered::{locale, paragraphs, tr};
use crate::ui::{form_action, slot_action, CsrfField, ErrorSlot, SlotField};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use std::collections::HashMap;

pub struct EvalData {
    class: class::Model,
    target: Target,
    title: crate::scenarios::model::Bilingual,
    manages: bool,
    me: i64,
    settings: Option<evaluation_setting::Model>,
    rubric: Option<Loaded>,
    rubrics: Vec<(i64, String)>,
    assignments: Vec<evaluator_assignment::Model>,
    /// Evaluators and facilitators of the class: (id, name).
    candidates: Vec<(i64, String)>,
    names: HashMap<i64, String>,
    /// Every score of the target (for calibration references).
    scores: Vec<score::Model>,
    subjects: Vec<Subject>,
    reports: Vec<SubjectReport>,
    agreement: Option<(Agreement, Vec<Agreement>)>,
    my_scores: Vec<score::Model>,
    /// Facilitators: each LMS learner's grade for this target (name, status).
    lms: Vec<(String, String)>,
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
    let members = crate::classes::db::members(db, class.id).await?;
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
        let item = crate::lti::grades::item_of(&target);
        crate::lti::status::grade_status(&state.db, target.class_id, &item, locale).await?
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
        class,
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

/// A subject's label; 0 is every subject of the target.
fn subject_label(data: &EvalData, id: i64) -> String {
    data.subjects
        .iter()
        .find(|s| s.id == id)
        .map_or_else(|| all_subjects(&data.target).to_string(), |s| s.label(locale()))
}

/// "Penilaian tugas" or "Penilaian refleksi".
fn evaluation_title(t: &Target) -> &'static str {
    tr(if t.kind == REFLECTION {
        P::EvalReflectionsLink
    } else {
        P::EvalTitle
    })
}

fn all_subjects(t: &Target) -> &'static str {
    tr(if t.kind == REFLECTION {
        P::EvalAllParticipants
    } else {
        P::EvalAllTeams
    })
}

/// The hidden fields naming the class and target, for a form (the same
/// fields `Target::fields` gives the one-button forms).
fn target_fields(t: &Target) -> impl IntoView {
    std::iter::once(("class_id", t.class_id.to_string()))
        .chain(t.fields())
        .map(|(name, value)| view! { <input type="hidden" name=name value=value /> })
        .collect_view()
}

pub fn evaluation_body(data: EvalData) -> impl IntoView {
    let body = if data.manages {
        view! {
            {settings_form(&data)}
            {assign_section(&data)}
            {results(&data)}
            {agreement_section(&data)}
            {calibration(&data)}
            {flags_section(&data)}
            {exports(&data)}
        }
        .into_any()
    } else {
        my_assignments(&data).into_any()
    };
    view! {
        <p class="muted"><a href=data.target.home()>{data.title.get(locale()).to_string()}</a></p>
        <header class="page-head">
            <h1>{evaluation_title(&data.target)}</h1>
            <p>{tr(if data.target.kind == REFLECTION { P::EvalIntroReflection } else { P::EvalIntro })}</p>
        </header>
        {body}
    }
}

fn settings_form(data: &EvalData) -> impl IntoView {
    let s = data.settings.as_ref();
    let current = s.and_then(|s| s.rubric_id);
    let rubric_options = data
        .rubrics
        .iter()
        .map(|(id, title)| view! { <option value=*id selected=current == Some(*id)>{title.clone()}</option> })
        .collect_view();
    let method = s.map_or("mean", |s| s.method.as_str()).to_string();
    let methods = [
        ("mean", P::MethodMean),
        ("median", P::MethodMedian),
        ("weighted", P::MethodWeighted),
    ]
    .into_iter()
    .map(|(code, key)| view! { <option value=code selected=method == code>{tr(key)}</option> })
    .collect_view();
    let gap = |v: Option<i32>| v.map(|v| v.to_string()).unwrap_or_default();
    let (levels, share) = match s {
        Some(s) => (gap(s.level_gap), gap(s.share_gap)),
        None => ("1".to_string(), "15".to_string()),
    };
    view! {
        <section class="panel">
            <h2>{tr(P::EvalSettings)}</h2>
            <form method="post" action=SetEvaluation::PATH class="stack" data-error-slot="settings-error">
                <CsrfField />
                {target_fields(&data.target)}
                <label for="eval-rubric">{tr(P::EvalRubric)}</label>
                <select id="eval-rubric" name="rubric">
                    <option value="">{tr(P::EvalNoRubric)}</option>
                    {rubric_options}
                </select>
                <p class="hint"><a href=format!("/classes/{}/rubrics", data.class.id)>{tr(P::RubricsTitle)}</a></p>
                <label for="eval-method">{tr(P::EvalMethod)}</label>
                <select id="eval-method" name="combine">{methods}</select>
                <label for="eval-levels">{tr(P::EvalLevelGap)}</label>
                <input id="eval-levels" name="level_gap" value=levels inputmode="numeric" class="short" />
                <label for="eval-share">{tr(P::EvalShareGap)}</label>
                <input id="eval-share" name="share_gap" value=share inputmode="numeric" class="short" />
                <button type="submit" class="button primary">{tr(P::EvalSave)}</button>
            </form>
            <ErrorSlot id="settings-error".into() action={form_action::<SetEvaluation>()} />
        </section>
    }
}

fn role_label(role: &str) -> &'static str {
    tr(match role {
        "coach" => P::RoleCoach,
        "mentor" => P::RoleMentor,
        "penguji" => P::RolePenguji,
        _ => P::RolePeer,
    })
}

fn assign_section(data: &EvalData) -> impl IntoView {
    let rows = data
        .assignments
        .iter()
        .map(|a| {
            let mut hidden = data.target.fields();
            hidden.push(("assignment", a.id.to_string()));
            view! {
                <tr>
                    <td>{data.names.get(&a.evaluator_id).cloned().unwrap_or_default()}</td>
                    <td>{role_label(&a.role)}</td>
                    <td>{format!("{:.1}", a.role_weight)}</td>
                    <td>{subject_label(data, a.subject_id)}</td>
                    <td>{button_form::<UnassignEvaluator>(data.class.id, format!("unassign-{}", a.id), hidden, P::EvalUnassign, false)}</td>
                </tr>
            }
        })
        .collect_view();
    let people = data
        .candidates
        .iter()
        .map(|(id, name)| view! { <option value=*id>{name.clone()}</option> })
        .collect_view();
    let scopes = std::iter::once((0, all_subjects(&data.target).to_string()))
        .chain(data.subjects.iter().map(|s| (s.id, s.label(locale()))))
        .map(|(id, label)| view! { <option value=id>{label}</option> })
        .collect_view();
    let roles = ROLES
        .iter()
        .map(|r| view! { <option value=*r>{role_label(r)}</option> })
        .collect_view();
    view! {
        <section class="panel">
            <h2>{tr(P::EvalEvaluators)}</h2>
            <div class="table-wrap">
                <table class="table">
                    <thead><tr><th>{tr(P::EvalEvaluator)}</th><th>{tr(P::EvalRole)}</th><th>{tr(P::EvalWeight)}</th><th>{tr(P::EvalScope)}</th><th></th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <form method="post" action=AssignEvaluator::PATH class="stack" data-error-slot="assign-error">
                <CsrfField />
                {target_fields(&data.target)}
                <label for="assign-evaluator">{tr(P::EvalEvaluator)}</label>
                <select id="assign-evaluator" name="evaluator">{people}</select>
                <label for="assign-subject">{tr(P::EvalScope)}</label>
                <select id="assign-subject" name="subject">{scopes}</select>
                <label for="assign-role">{tr(P::EvalRole)}</label>
                <select id="assign-role" name="role">{roles}</select>
                <label for="assign-weight">{tr(P::EvalWeight)}</label>
                <input id="assign-weight" name="weight" value="1" inputmode="decimal" class="short" />
                <button type="submit" class="button">{tr(P::EvalAssign)}</button>
            </form>
            <ErrorSlot id="assign-error".into() action={form_action::<AssignEvaluator>()} />
        </section>
    }
}

fn fmt(v: f64) -> String {
    format!("{v:.1}")
}

fn results(data: &EvalData) -> impl IntoView {
    let Some(rubric) = &data.rubric else {
        return view! { <p class="notice">{tr(P::EvalNeedsRubric)}</p> }.into_any();
    };
    let items = data
        .reports
        .iter()
        .map(|r| subject_result(data, &rubric.body, r))
        .collect_view();
    view! {
        <section class="panel">
            <h2>{tr(if data.target.kind == REFLECTION { P::EvalResultsPeople } else { P::EvalResults })}</h2>
            <div class="results">{items}</div>
        </section>
    }
    .into_any()
}

fn subject_result(data: &EvalData, rubric: &Rubric, r: &SubjectReport) -> impl IntoView {
    let label = subject_label(data, r.subject);
    let entries = r
        .scored
        .iter()
        .map(|e| {
            let name = data.names.get(&e.evaluator).cloned().unwrap_or_default();
            view! { <li>{name}" ("{role_label(&e.role)}"): "<strong>{fmt(e.total)}</strong></li> }
        })
        .collect_view();
    let flagged: Vec<String> = r
        .flagged
        .iter()
        .filter_map(|i| rubric.criteria.get(*i).map(|c| c.title.clone()))
        .collect();
    let flag = (!flagged.is_empty()).then(|| {
        view! { <p class="flag" role="status">"⚑ "{fill(tr(P::EvalFlagged), &[flagged.join(", ")])}</p> }
    });
    let decision = r.decision.as_ref().map(|d| {
        let key = match d.decision.as_str() {
            "set" => P::DecisionSet,
            "rescore" => P::DecisionRescore,
            _ => P::DecisionAccepted,
        };
        view! { <p class="muted">{tr(key)}{(!d.reason.is_empty()).then(|| format!(" — {}", d.reason))}</p> }
    });
    let result = match (r.final_total, &r.predicate) {
        (Some(total), Some(p)) => fill(tr(P::EvalFinal), &[fmt(total), p.clone()]),
        _ => tr(P::EvalNoScores).to_string(),
    };
    view! {
        <article class="card subject-result" data-subject=r.subject data-flagged=(!r.flagged.is_empty()).to_string()>
            <h3><a href=data.target.score_page(r.subject)>{label}</a></h3>
            <ul>{entries}</ul>
            <p class="final">{result}</p>
            {flag}
            {decision}
            {(!r.scored.is_empty()).then(|| moderate_form(data, r.subject))}
        </article>
    }
}

fn moderate_form(data: &EvalData, subject: i64) -> impl IntoView {
    let slot = format!("moderate-{subject}");
    let id = |f: &str| format!("{f}-{subject}");
    // Open again after a plain post that failed, so the error shows beside the form.
    let failed = slot_action::<ModerateScore>(&slot)
        .value()
        .get_untracked()
        .is_some_and(|r| r.is_err());
    view! {
        <details class="moderate" open=failed>
            <summary>{tr(P::EvalModerate)}</summary>
            <form method="post" action=ModerateScore::PATH class="stack" data-error-slot=slot.clone()>
                <CsrfField />
                <SlotField id=slot.clone() />
                {target_fields(&data.target)}
                <input type="hidden" name="subject" value=subject />
                <fieldset>
                    <legend>{tr(P::EvalDecision)}</legend>
                    <label class="check"><input type="radio" name="decision" value="accepted" checked /><span>{tr(P::DecisionAccept)}</span></label>
                    <label class="check"><input type="radio" name="decision" value="rescore" /><span>{tr(P::DecisionAskRescore)}</span></label>
                    <label class="check"><input type="radio" name="decision" value="set" /><span>{tr(P::DecisionSetScore)}</span></label>
                </fieldset>
                <label for=id("total")>{tr(P::EvalModeratedTotal)}</label>
                <input id=id("total") name="total" inputmode="decimal" class="short" />
                <label for=id("reason")>{tr(P::EvalReason)}</label>
                <textarea id=id("reason") name="reason" rows="2"></textarea>
                <button type="submit" class="button">{tr(P::EvalModerateSubmit)}</button>
            </form>
            <ErrorSlot id=slot.clone() action={slot_action::<ModerateScore>(&slot)} />
        </details>
    }
}

fn reading(r: Reading) -> &'static str {
    tr(match r {
        Reading::Good => P::ReadingGood,
        Reading::Acceptable => P::ReadingAcceptable,
        Reading::Low => P::ReadingLow,
    })
}

fn coefficient(v: Option<f64>, read: fn(f64) -> Reading) -> String {
    v.map_or_else(|| "—".to_string(), |v| format!("{v:.3} ({})", reading(read(v))))
}

fn agreement_row(title: String, a: &Agreement) -> impl IntoView {
    let percent = a.percent.map_or_else(
        || "—".to_string(),
        |(e, n)| format!("{:.0} % / {:.0} %", e * 100.0, n * 100.0),
    );
    view! {
        <tr>
            <th scope="row">{title}</th>
            <td>{coefficient(a.alpha_interval, read_alpha)}</td>
            <td>{coefficient(a.alpha_ordinal, read_alpha)}</td>
            <td>{coefficient(a.icc.map(|i| i.single), read_icc)}</td>
            <td>{coefficient(a.icc.map(|i| i.average), read_icc)}</td>
            <td>{percent}</td>
        </tr>
    }
}

fn agreement_section(data: &EvalData) -> Option<impl IntoView> {
    let (rubric, (overall, criteria)) = (data.rubric.as_ref()?, data.agreement.as_ref()?);
    let rows = rubric
        .body
        .criteria
        .iter()
        .zip(criteria)
        .map(|(c, a)| agreement_row(c.title.clone(), a))
        .collect_view();
    Some(view! {
        <section class="panel">
            <h2>{tr(P::AgreementTitle)}</h2>
            <p class="hint">{tr(P::AgreementHint)}</p>
            {(overall.icc.is_none() && overall.alpha_interval.is_none()).then(|| view! { <p class="notice">{tr(P::AgreementTooFew)}</p> })}
            <div class="table-wrap">
                <table class="table agreement">
                    <thead><tr>
                        <th></th><th>{tr(P::AlphaInterval)}</th><th>{tr(P::AlphaOrdinal)}</th>
                        <th>"ICC(2,1)"</th><th>"ICC(2,k)"</th><th>{tr(P::PercentAgreement)}</th>
                    </tr></thead>
                    <tbody>{agreement_row(tr(P::AgreementTotal).to_string(), overall)}{rows}</tbody>
                </table>
            </div>
        </section>
    })
}

fn flags_section(data: &EvalData) -> Option<impl IntoView> {
    let s = data.settings.as_ref()?;
    let released = s.released_at.is_some();
    let mut release = data.target.fields();
    release.push(("release", (!released).to_string()));
    let mut open = data.target.fields();
    open.push(("open", (!s.scores_open).to_string()));
    Some(view! {
        <section class="panel">
            <h2>{tr(P::EvalRelease)}</h2>
            <p>{tr(if released { P::EvalReleased } else { P::EvalNotReleased })}</p>
            <div class="actions">
                {button_form::<EvaluationFlags>(data.class.id, "release".into(), release, if released { P::EvalUnrelease } else { P::EvalReleaseSubmit }, !released)}
                {button_form::<EvaluationFlags>(data.class.id, "open".into(), open, if s.scores_open { P::EvalCloseScores } else { P::EvalOpenScores }, false)}
            </div>
            {crate::lti::status::grade_status_list(&data.lms, locale())}
        </section>
    })
}

/// Reference scores for calibration: which teams have one, and the links to set them.
fn calibration(data: &EvalData) -> Option<impl IntoView> {
    data.rubric.as_ref()?;
    let items = data
        .subjects
        .iter()
        .map(|t| {
            let has = store::reference(&data.scores, t.id).is_some();
            let href = format!("{}?purpose=reference", data.target.score_page(t.id));
            view! {
                <li>
                    <a href=href>{fill(tr(P::CalibrationReference), &[t.label(locale())])}</a>
                    {has.then(|| view! { " "<span class="tag tag-ok">{tr(P::CalibrationHas)}</span> })}
                </li>
            }
        })
        .collect_view();
    Some(view! {
        <section class="panel">
            <h2>{tr(P::CalibrationTitle)}</h2>
            <p class="hint">{tr(P::CalibrationHint)}</p>
            <ul>{items}</ul>
        </section>
    })
}

fn exports(data: &EvalData) -> Option<impl IntoView> {
    data.rubric.as_ref()?;
    let base = data.target.export_base();
    Some(view! {
        <section class="panel">
            <h2>{tr(P::ExportTitle)}</h2>
            <p class="actions">
                <a class="button" href=format!("{base}/scores.csv") download>{tr(P::ExportCsv)}</a>" "
                <a class="button" href=format!("{base}/results.csv") download>{tr(P::ExportResultsCsv)}</a>" "
                <a class="button" href=format!("{base}/agreement.csv") download>{tr(P::ExportAgreementCsv)}</a>" "
                <a class="button" href=format!("{base}/scores.xlsx") download>{tr(P::ExportXlsx)}</a>
            </p>
        </section>
    })
}

/// An evaluator's own list: the teams they score, with where each stands.
fn my_assignments(data: &EvalData) -> impl IntoView {
    let mine: Vec<i64> = data
        .subjects
        .iter()
        .map(|t| t.id)
        .filter(|t| store::assignment_for(&data.assignments, *t, data.me).is_some())
        .collect();
    if mine.is_empty() {
        return view! { <p class="notice">{tr(P::EvalNothingAssigned)}</p> }.into_any();
    }
    let items = mine
        .into_iter()
        .map(|t| {
            let status = data.my_scores.iter().find(|s| s.subject_id == t && s.purpose == store::LIVE);
            let key = match status.map(|s| s.status.as_str()) {
                Some(SUBMITTED) => P::ScoreSubmitted,
                Some(RESCORE) => P::ScoreRescore,
                Some(DRAFT) => P::ScoreDraft,
                _ => P::ScoreNotStarted,
            };
            view! {
                <li class="card">
                    <a href=data.target.score_page(t)>{subject_label(data, t)}</a>" · "<span class="tag">{tr(key)}</span>
                </li>
            }
        })
        .collect_view();
    // Practice links only where the facilitator has set a reference score.
    let references: Vec<&Subject> = data
        .subjects
        .iter()
        .filter(|t| store::reference(&data.scores, t.id).is_some())
        .collect();
    let practice = (!references.is_empty()).then(|| {
        let links = references
            .iter()
            .map(|t| {
                let href = format!("{}?purpose=practice", data.target.score_page(t.id));
                view! { <li><a href=href>{fill(tr(P::CalibrationPractice), &[t.label(locale())])}</a></li> }
            })
            .collect_view();
        view! {
            <section class="panel">
                <h2>{tr(P::CalibrationTitle)}</h2>
                <p class="hint">{tr(P::CalibrationHint)}</p>
                <ul>{links}</ul>
            </section>
        }
    });
    view! {
        <ul class="rubric-list">{items}</ul>
        {practice}
    }
    .into_any()
}

/// What a subject handed in: a team's versions of the task, or a
/// participant's reflections attempt by attempt.
enum HandedIn {
    Task(Box<team_task::Model>, crate::tasks::store::Versions),
    Reflections(Vec<Written>),
}

pub struct ScoreData {
    class: class::Model,
    target: Target,
    title: crate::scenarios::model::Bilingual,
    subject: Subject,
    handed_in: HandedIn,
    /// "live", "reference" or "practice".
    purpose: &'static str,
    /// The caller may score here (else the page is read-only).
    can_score: bool,
    rubric: Option<Rubric>,
    mine: Option<score::Model>,
    /// Practice, once submitted: the reference score to compare with.
    reference: Option<score::Model>,
    /// Others' submitted scores, when the caller may see them.
    others: Vec<(String, Entry)>,
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
    let subject = super::subjects::subjects(state, &target)
        .await?
        .into_iter()
        .find(|s| s.id == subject)
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
        HandedIn::Task(Box::new(task), versions)
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
    Ok(ScoreData {
        class,
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

/// The team's version that counts, as the evaluator scores it.
fn counting_version(
    class_id: i64,
    task: &team_task::Model,
    versions: &crate::tasks::store::Versions,
) -> impl IntoView {
    match crate::tasks::store::counting_of(task, versions) {
        Some((s, files)) => {
            let files = crate::tasks::store::file_links(class_id, files);
            view! {
                <p class="muted">{fill(tr(P::VersionNumber), &[s.number.to_string()])}" · "{crate::ui::rendered::wib(s.submitted_at)}</p>
                {crate::ui::rendered::submission_content(&s.body, &s.links, files)}
            }
            .into_any()
        }
        None => view! { <p class="notice">{tr(P::ScoreNoSubmission)}</p> }.into_any(),
    }
}

pub fn scoring_body(data: ScoreData) -> impl IntoView {
    let heading = match data.purpose {
        store::REFERENCE => P::ScoreTitleReference,
        store::PRACTICE => P::ScoreTitlePractice,
        _ => P::ScoreTitle,
    };
    let submission = match &data.handed_in {
        HandedIn::Task(task, versions) => counting_version(data.class.id, task, versions).into_any(),
        HandedIn::Reflections(written) => reflections_view(written).into_any(),
    };
    let form = match &data.rubric {
        Some(r) => score_form(&data, r).into_any(),
        None => view! { <p class="notice">{tr(P::EvalNeedsRubric)}</p> }.into_any(),
    };
    view! {
        <p class="muted"><a href=data.target.page()>{evaluation_title(&data.target)}</a>" · "{data.title.get(locale()).to_string()}</p>
        <header class="page-head">
            <h1>{fill(tr(heading), &[data.subject.label(locale())])}</h1>
            {(data.purpose != store::LIVE).then(|| view! { <p class="hint">{tr(P::CalibrationHint)}</p> })}
        </header>
        <div class="score-layout">
            <section class="panel submission" aria-label=tr(P::ScoreSubmission)>
                <h2>{tr(P::ScoreSubmission)}</h2>
                {submission}
            </section>
            <section class="panel rubric-side">{compare(&data)}{form}{others(&data)}</section>
        </div>
    }
}

fn score_form(data: &ScoreData, rubric: &Rubric) -> impl IntoView {
    let picks: Vec<Option<crate::rubrics::domain::rubric::Pick>> = data
        .mine
        .as_ref()
        .and_then(|s| serde_json::from_str(&s.picks).ok())
        .unwrap_or_default();
    let comments: Vec<String> = data
        .mine
        .as_ref()
        .and_then(|s| serde_json::from_str(&s.comments).ok())
        .unwrap_or_default();
    let locked = data.mine.as_ref().is_some_and(|s| s.status == SUBMITTED) || !data.can_score;
    let running = store::Running {
        total: crate::rubrics::domain::rubric::weighted_total(rubric, &picks),
        picked: picks.iter().flatten().count(),
        criteria: rubric.criteria.len(),
    };
    let criteria = rubric
        .criteria
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let chosen = picks.get(i).copied().flatten();
            let levels = c
                .levels
                .iter()
                .enumerate()
                .map(|(j, l)| {
                    let range = if l.fixed() { l.max.to_string() } else { format!("{}–{}", l.min, l.max) };
                    view! {
                        <label class="choice level-choice">
                            <input type="radio" name=format!("c[{i}][level]") value=j checked=chosen.is_some_and(|p| p.level == j) disabled=locked />
                            <span><strong>{l.label.clone()}</strong>" · "{range}<br/><span class="muted">{l.descriptor.clone()}</span></span>
                        </label>
                    }
                })
                .collect_view();
            let ranged = c.levels.iter().any(|l| !l.fixed());
            view! {
                <fieldset class="criterion" id=format!("criterion-{}", i + 1)>
                    <legend>{c.title.clone()}" · "{c.weight}" %"</legend>
                    <p class="hint">{c.description.clone()}</p>
                    {levels}
                    {ranged.then(|| view! {
                        <label for=format!("points-{i}")>{tr(P::ScorePoints)}</label>
                        <input id=format!("points-{i}") name=format!("c[{i}][points]") inputmode="numeric" class="short" value=chosen.map(|p| p.points.to_string()).unwrap_or_default() disabled=locked />
                    })}
                    <label for=format!("comment-{i}")>{tr(P::ScoreComment)}</label>
                    <textarea id=format!("comment-{i}") name=format!("c[{i}][comment]") rows="2" disabled=locked>{crate::ui::textarea_text(comments.get(i).cloned().unwrap_or_default())}</textarea>
                </fieldset>
            }
        })
        .collect_view();
    let status = data.mine.as_ref().map(|s| {
        let key = match s.status.as_str() {
            SUBMITTED => P::ScoreSubmitted,
            RESCORE => P::ScoreRescore,
            _ => P::ScoreDraft,
        };
        view! { <p class="tag">{tr(key)}</p> }
    });
    // The revision this page shows, and a key for a save made without
    // JavaScript (the browser's script gives each save a fresh one).
    let base = data.mine.as_ref().map_or(0, |s| s.revision);
    let key = uuid::Uuid::new_v4().simple().to_string();
    view! {
        <h2>{tr(P::ScoreRubric)}</h2>
        {status}
        <p id="score-total" class="score-total" aria-live="polite">{running_total(running, locale())}</p>
        <form method="post" action=SaveScore::PATH class="stack score-form" data-error-slot="score-error" data-result="score-total" data-keep data-retry data-autosave>
            <CsrfField />
            {target_fields(&data.target)}
            <input type="hidden" name="subject" value=data.subject.id />
            <input type="hidden" name="purpose" value=data.purpose />
            <input type="hidden" name="base" value=base />
            <input type="hidden" name="save_key" value=key />
            {criteria}
            <label for="overall">{tr(P::ScoreOverall)}</label>
            <textarea id="overall" name="overall" rows="3" disabled=locked>{crate::ui::textarea_text(data.mine.as_ref().map(|s| s.overall.clone()).unwrap_or_default())}</textarea>
            <ErrorSlot id="score-error".into() action={form_action::<SaveScore>()} />
            {(!locked).then(|| view! {
                <div class="actions">
                    <button type="submit" class="button">{tr(P::ScoreSaveDraft)}</button>
                    <button type="submit" name="lock" value="1" class="button primary">{tr(P::ScoreSubmit)}</button>
                </div>
                <p class="hint">{tr(P::ScoreSubmitHint)}</p>
            })}
        </form>
    }
}

/// The running weighted total: every criterion picked, some, or none yet.
pub fn running_total(r: store::Running, locale: crate::i18n::Locale) -> String {
    match r.picked {
        0 => fill(P::ScoreTotal.t(locale), &["—".to_string()]),
        n if n == r.criteria => fill(P::ScoreTotal.t(locale), &[fmt(r.total)]),
        n => fill(
            P::ScoreTotalPartial.t(locale),
            &[fmt(r.total), n.to_string(), r.criteria.to_string()],
        ),
    }
}

/// A participant's reflections, newest attempt first, each under its prompt.
fn reflections_view(written: &[Written]) -> impl IntoView {
    written
        .iter()
        .rev()
        .map(|w| {
            let state = if w.finished { P::ReflectionFinished } else { P::ReflectionUnfinished };
            let items = w
                .items
                .iter()
                .map(|(prompt, text)| view! { <li><p><strong>{prompt.clone()}</strong></p>{paragraphs(text)}</li> })
                .collect_view();
            view! {
                <h3>{fill(tr(P::ReflectionAttempt), &[w.attempt.to_string()])}" · "<span class="muted">{tr(state)}</span></h3>
                <ol class="reflections">{items}</ol>
            }
        })
        .collect_view()
}

/// Practice against the reference: per criterion, how many levels and
/// points away the evaluator was.
fn compare(data: &ScoreData) -> Option<impl IntoView> {
    let (rubric, mine, reference) = (
        data.rubric.as_ref()?,
        data.mine.as_ref()?,
        data.reference.as_ref()?,
    );
    type Picks = Vec<Option<crate::rubrics::domain::rubric::Pick>>;
    let read = |s: &score::Model| serde_json::from_str::<Picks>(&s.picks).unwrap_or_default();
    let (mine, reference) = (read(mine), read(reference));
    let rows = rubric
        .criteria
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let (m, r) = (
                mine.get(i).copied().flatten(),
                reference.get(i).copied().flatten(),
            );
            let label = |p: Option<crate::rubrics::domain::rubric::Pick>| {
                p.and_then(|p| c.levels.get(p.level))
                    .map_or_else(String::new, |l| l.label.clone())
            };
            let gap = match (m, r) {
                (Some(m), Some(r)) => format!(
                    "{} · {}",
                    m.level.abs_diff(r.level),
                    i64::from(m.points) - i64::from(r.points)
                ),
                _ => "—".into(),
            };
            let same = matches!((m, r), (Some(m), Some(r)) if m.level == r.level);
            view! {
                <tr class=if same { "same" } else { "differs" }>
                    <th scope="row">{c.title.clone()}</th><td>{label(m)}</td><td>{label(r)}</td><td>{gap}</td>
                </tr>
            }
        })
        .collect_view();
    Some(view! {
        <h2>{tr(P::CompareTitle)}</h2>
        <div class="table-wrap">
            <table class="table compare">
                <thead><tr><th></th><th>{tr(P::CompareYours)}</th><th>{tr(P::CompareReference)}</th><th>{tr(P::CompareGap)}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    })
}

fn others(data: &ScoreData) -> Option<impl IntoView> {
    (!data.others.is_empty()).then(|| {
        let items = data
            .others
            .iter()
            .map(|(name, e)| view! { <li>{name.clone()}" ("{role_label(&e.role)}"): "<strong>{fmt(e.total)}</strong>{(!e.overall.is_empty()).then(|| paragraphs(&e.overall))}</li> })
            .collect_view();
        view! {
            <h2>{tr(P::ScoreOthers)}</h2>
            <ul>{items}</ul>
        }
    })
}
