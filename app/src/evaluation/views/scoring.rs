//! The scoring page: what the subject handed in beside the rubric form.
use crate::evaluation::api::SaveScore;
use crate::evaluation::subjects::Written;
use crate::i18n::{fill, P};
use crate::results::store::{self, RESCORE, SUBMITTED};
use crate::rubrics::domain::rubric::Rubric;
use crate::ui::rendered::{locale, paragraphs, tr};
use crate::ui::{form_action, CsrfField, ErrorSlot};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::evaluation_page::*;
use super::results::fmt;
use crate::evaluation::page_data::*;

/// The team's version that counts, as the evaluator scores it.
pub(super) fn counting_version(counted: &Option<Counted>) -> impl IntoView {
    match counted {
        Some(s) => {
            let files = s.files.clone();
            view! {
                <p class="muted">{fill(tr(P::VersionNumber), &[s.number.to_string()])}" · "{crate::ui::rendered::moment(s.submitted_at)}</p>
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
        HandedIn::Task(counted) => counting_version(counted).into_any(),
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
            {next_nav(&data, "next-top")}
        </header>
        <div class="score-layout">
            <section class="panel submission" aria-label=tr(P::ScoreSubmission)>
                <h2>{tr(P::ScoreSubmission)}</h2>
                {submission}
            </section>
            <section class="panel rubric-side">{compare(&data)}{form}{others(&data)}</section>
        </div>
        {next_nav(&data, "next-bottom")}
    }
}

/// Where an evaluator goes from here: the next team or participant they
/// still have to score on this target, or back to their list when none is.
fn next_nav(data: &ScoreData, id: &'static str) -> Option<impl IntoView> {
    (data.can_score && data.purpose == store::LIVE).then(|| {
        let next = data.next.as_ref().map(|s| {
            view! {
                <a class="button primary" href=data.target.score_page(s.id) rel="next">
                    {fill(tr(P::ScoreNext), &[s.label(locale())])}
                </a>
                <span class="muted">{fill(tr(P::ScoreNextLeft), &[data.left.to_string()])}</span>
            }
        });
        let done = data
            .next
            .is_none()
            .then(|| view! { <span>{tr(P::ScoreAllDone)}</span> });
        view! {
            <nav class="next-to-score" id=id aria-label=tr(P::TodoTitle)>
                {next}{done}
                <a href="/to-score">{tr(P::ScoreBackToList)}</a>
            </nav>
        }
    })
}

pub(super) fn score_form(data: &ScoreData, rubric: &Rubric) -> impl IntoView {
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
            <crate::ui::SlotInput id="score-error" />
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
pub(super) fn reflections_view(written: &[Written]) -> impl IntoView {
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
pub(super) fn compare(data: &ScoreData) -> Option<impl IntoView> {
    let (rubric, mine, reference) = (
        data.rubric.as_ref()?,
        data.mine.as_ref()?,
        data.reference.as_ref()?,
    );
    type Picks = Vec<Option<crate::rubrics::domain::rubric::Pick>>;
    let read = |picks: &str| serde_json::from_str::<Picks>(picks).unwrap_or_default();
    let (mine, reference) = (read(&mine.picks), read(&reference.picks));
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
        <div class="table-wrap" tabindex="0">
            <table class="table compare">
                <thead><tr><th></th><th>{tr(P::CompareYours)}</th><th>{tr(P::CompareReference)}</th><th>{tr(P::CompareGap)}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    })
}

pub(super) fn others(data: &ScoreData) -> Option<impl IntoView> {
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
