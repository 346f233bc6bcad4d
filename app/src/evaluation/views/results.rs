//! The evaluation page's results: each subject's scores with flags and
//! moderation, agreement between evaluators, calibration and exports.
use crate::evaluation::api::{EvaluationFlags, ModerateScore};
use crate::evaluation::subjects::Subject;
use crate::i18n::{fill, fmt_decimal, P};
use crate::results::report::{Agreement, SubjectReport};
use crate::results::store::{self, DRAFT, RESCORE, SUBMITTED};
use crate::results::target::REFLECTION;
use crate::rubrics::domain::agreement::{read_alpha, read_icc, Reading};
use crate::rubrics::domain::rubric::Rubric;
use crate::ui::rendered::{button_form, row_button_form};
use crate::ui::rendered::{locale, tr};
use crate::ui::{slot_action, CsrfField, ErrorSlot, SlotField};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::evaluation_page::*;
use crate::evaluation::page_data::*;

/// A score with one decimal, the reader's way ("84,5" in Indonesian).
pub(super) fn fmt(v: f64) -> String {
    fmt_decimal(v, 1, locale())
}

pub(super) fn results(data: &EvalData) -> impl IntoView {
    let Some(rubric) = &data.rubric else {
        return view! { <p class="notice">{tr(P::EvalNeedsRubric)}</p> }.into_any();
    };
    let items = data
        .reports
        .iter()
        .map(|r| subject_result(data, &rubric.body, r))
        .collect_view();
    view! {
        <section class="panel" id="eval-results">
            <h2>{tr(if data.target.kind == REFLECTION { P::EvalResultsPeople } else { P::EvalResults })}</h2>
            <div class="results">{items}</div>
        </section>
    }
    .into_any()
}

pub(super) fn subject_result(data: &EvalData, rubric: &Rubric, r: &SubjectReport) -> impl IntoView {
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

pub(super) fn moderate_form(data: &EvalData, subject: i64) -> impl IntoView {
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
        </details>
        // Outside the disclosure: a reloaded page shows it closed.
        <ErrorSlot id=slot.clone() action={slot_action::<ModerateScore>(&slot)} done=P::OutcomeModerated />
    }
}

pub(super) fn reading(r: Reading) -> &'static str {
    tr(match r {
        Reading::Good => P::ReadingGood,
        Reading::Acceptable => P::ReadingAcceptable,
        Reading::Low => P::ReadingLow,
    })
}

pub(super) fn coefficient(v: Option<f64>, read: fn(f64) -> Reading) -> String {
    v.map_or_else(
        || "—".to_string(),
        |v| format!("{} ({})", fmt_decimal(v, 3, locale()), reading(read(v))),
    )
}

pub(super) fn agreement_row(title: String, a: &Agreement) -> impl IntoView {
    let percent = a.percent.map_or_else(
        || "—".to_string(),
        |(e, n)| {
            let l = locale();
            format!(
                "{} % / {} %",
                fmt_decimal(e * 100.0, 0, l),
                fmt_decimal(n * 100.0, 0, l)
            )
        },
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

pub(super) fn agreement_section(data: &EvalData) -> Option<impl IntoView> {
    let (rubric, (overall, criteria)) = (data.rubric.as_ref()?, data.agreement.as_ref()?);
    let rows = rubric
        .body
        .criteria
        .iter()
        .zip(criteria)
        .map(|(c, a)| agreement_row(c.title.clone(), a))
        .collect_view();
    // In words first; the statistics behind a disclosure, explained.
    let headline = overall.reading().map(|r| {
        tr(match r {
            Reading::Good => P::AgreementReadGood,
            Reading::Acceptable => P::AgreementReadAcceptable,
            Reading::Low => P::AgreementReadLow,
        })
    });
    let weakest: Vec<String> = rubric
        .body
        .criteria
        .iter()
        .zip(criteria)
        .filter(|(_, a)| a.reading() == Some(Reading::Low))
        .map(|(c, _)| c.title.clone())
        .collect();
    Some(view! {
        <section class="panel" id="eval-agreement">
            <h2>{tr(P::AgreementTitle)}</h2>
            {headline.map(|h| view! { <p class="agreement-reading"><strong>{h}</strong></p> })}
            {(!weakest.is_empty()).then(|| view! { <p>{fill(tr(P::AgreementWeakest), &[weakest.join(", ")])}</p> })}
            {headline.is_none().then(|| view! { <p class="notice">{tr(P::AgreementTooFew)}</p> })}
            <details class="agreement-figures">
                <summary>{tr(P::AgreementFigures)}</summary>
                <p class="hint">{tr(P::AgreementHint)}</p>
                <div class="table-wrap" tabindex="0">
                    <table class="table agreement">
                        <thead><tr>
                            <th></th><th>{tr(P::AlphaInterval)}</th><th>{tr(P::AlphaOrdinal)}</th>
                            <th>"ICC(2,1)"</th><th>"ICC(2,k)"</th><th>{tr(P::PercentAgreement)}</th>
                        </tr></thead>
                        <tbody>{agreement_row(tr(P::AgreementTotal).to_string(), overall)}{rows}</tbody>
                    </table>
                </div>
            </details>
        </section>
    })
}

pub(super) fn flags_section(data: &EvalData) -> Option<impl IntoView> {
    let s = data.settings.as_ref()?;
    let released = s.released_at.is_some();
    let mut release = data.target.fields();
    release.push(("release", (!released).to_string()));
    let mut open = data.target.fields();
    open.push(("open", (!s.scores_open).to_string()));
    Some(view! {
        <section class="panel" id="eval-release">
            <h2>{tr(P::EvalRelease)}</h2>
            <p>{tr(if released { P::EvalReleased } else { P::EvalNotReleased })}</p>
            {release_confirm(data, released, release)}
            <ErrorSlot id="release".into() action={slot_action::<EvaluationFlags>("release")} done={if released { P::OutcomeReleased } else { P::OutcomeWithdrawn }} />
            <div class="actions">
                {button_form::<EvaluationFlags>(data.class.id, "open".into(), open, if s.scores_open { P::EvalCloseScores } else { P::EvalOpenScores }, false, if s.scores_open { P::OutcomeScoresOpened } else { P::OutcomeScoresClosed })}
            </div>
            {crate::lms::status::grade_status_list(&data.lms, locale())}
        </section>
    })
}

/// Release (or withdraw) behind a confirmation that says what changes for
/// whom, and which subjects have no result yet: opened in place, it works
/// without JavaScript (a disclosure, not a script dialog).
fn release_confirm(data: &EvalData, released: bool, fields: Vec<(&'static str, String)>) -> impl IntoView {
    let people = data.target.kind == REFLECTION;
    let unscored: Vec<String> = data
        .subjects
        .iter()
        .filter(|s| {
            !data
                .reports
                .iter()
                .any(|r| r.subject == s.id && r.final_total.is_some())
        })
        .map(|s| s.label(locale()))
        .collect();
    let (open, consequence, confirm) = if released {
        (
            P::EvalUnreleaseAsk,
            tr(P::EvalUnreleaseWhat).to_string(),
            P::EvalUnreleaseConfirm,
        )
    } else {
        let scored = data.subjects.len() - unscored.len();
        let what = if people {
            P::EvalReleaseWhatPeople
        } else {
            P::EvalReleaseWhatTeams
        };
        (
            P::EvalReleaseAsk,
            fill(tr(what), &[scored.to_string()]),
            P::EvalReleaseConfirm,
        )
    };
    let warning = (!released && !unscored.is_empty()).then(|| {
        view! {
            <p class="alert alert-warn" role="note">
                {fill(tr(P::EvalReleaseUnscored), &[unscored.len().to_string(), unscored.join(", ")])}
            </p>
        }
    });
    view! {
        <details class="confirm">
            <summary class=if released { "button" } else { "button primary" }>{tr(open)}</summary>
            <div class="confirm-body">
                <p>{consequence}</p>
                {warning}
                {row_button_form::<EvaluationFlags>(data.class.id, "release".into(), fields, confirm, !released)}
            </div>
        </details>
    }
}

/// Reference scores for calibration: which teams have one, and the links to set them.
pub(super) fn calibration(data: &EvalData) -> Option<impl IntoView> {
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

pub(super) fn exports(data: &EvalData) -> Option<impl IntoView> {
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
pub(super) fn my_assignments(data: &EvalData) -> impl IntoView {
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
