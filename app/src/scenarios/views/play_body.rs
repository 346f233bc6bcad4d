//! The play page, rendered on the server: the introduction, one node at a time
//! with the feedback on the last choice, or the summary at the end. Every form
//! carries the step it answers (`seq`, `node`) and a key of its own, so a
//! repeated post (a retry, a double tap) is saved once.
use super::text::{band_name, character_card, paragraphs, tr, tx};
use crate::i18n::{fill, P};
use crate::scenarios::domain::engine::{Answer, Step};
use crate::scenarios::model::*;
use crate::scenarios::page_data::{Mode, PlayData, Playing, Summary};
use crate::ui::{CsrfField, ErrorSlot};
use leptos::prelude::*;

pub fn play_body(data: PlayData) -> impl IntoView {
    let PlayData {
        class_id,
        assignment_id,
        scenario,
        mode,
        form_key,
        result,
    } = data;
    let back = format!("/classes/{class_id}/scenarios");
    let hidden = Hidden {
        class_id,
        assignment_id,
        key: form_key,
    };
    let body = match mode {
        Mode::Preview { can_manage } => intro(&scenario, None, &hidden, false, can_manage).into_any(),
        Mode::Intro { refusal, finished } => {
            intro(&scenario, refusal, &hidden, finished > 0, false).into_any()
        }
        Mode::Playing(playing) => node_screen(&scenario, playing, &hidden).into_any(),
        Mode::Summary(summary) => summary_screen(&scenario, summary, &hidden).into_any(),
    };
    view! {
        <article class="scenario-play">
            <p class="muted"><a href=back>{tr(P::BackToScenarios)}</a></p>
            <h1>{tx(&scenario.title)}</h1>
            {body}
            {result.map(|r| crate::ui::rendered::result_card(r.card()))}
        </article>
    }
}

/// The fields every form of the page sends.
struct Hidden {
    class_id: i64,
    assignment_id: i64,
    key: String,
}

fn intro(s: &Scenario, refusal: Option<P>, h: &Hidden, again: bool, can_manage: bool) -> impl IntoView {
    let start = refusal.is_none() && !can_manage;
    let home = format!("/classes/{}/scenarios/{}", h.class_id, h.assignment_id);
    let (analytics, evaluation) = (format!("{home}/analytics"), format!("{home}/evaluation"));
    view! {
        <p class="lead">{tx(&s.summary)}</p>
        <p class="muted">{fill(tr(P::Minutes), &[s.minutes.to_string()])}</p>
        {refusal.map(|k| view! { <p class="notice" role="status">{k.t(super::text::locale())}</p> })}
        {can_manage.then(|| view! {
            <p class="actions">
                <a class="button" href=analytics>{tr(P::Analytics)}</a>" "
                <a class="button" href=evaluation>{tr(P::EvalReflectionsLink)}</a>
            </p>
        })}
        {start.then(|| start_form(h, if again { P::PlayAgain } else { P::Start }))}
    }
}

fn start_form(h: &Hidden, label: P) -> impl IntoView {
    view! {
        <form method="post" action="/api/start_scenario" data-error-slot="play-error" data-retry="">
            <CsrfField />
            <crate::ui::SlotInput id="play-error" />
            <input type="hidden" name="class_id" value=h.class_id />
            <input type="hidden" name="assignment" value=h.assignment_id />
            <input type="hidden" name="key" value=h.key.clone() />
            <button type="submit" class="button primary big">{tr(label)}</button>
        </form>
        <ErrorSlot id="play-error".into() action={crate::ui::form_action::<crate::scenarios::api::StartScenario>()} />
    }
}

fn node_screen(s: &Scenario, p: Playing, h: &Hidden) -> impl IntoView {
    let seq = p.steps.len();
    let feedback = p.steps.last().and_then(|last| last_feedback(s, last));
    let node = s.node(&p.state.at).cloned();
    let form = move |inner: AnyView| {
        view! {
            <form method="post" action="/api/scenario_step" class="step-form" data-error-slot="play-error" data-retry="">
                <CsrfField />
                <crate::ui::SlotInput id="play-error" />
                <input type="hidden" name="class_id" value=h.class_id />
                <input type="hidden" name="attempt" value=p.attempt_id />
                <input type="hidden" name="seq" value=seq />
                <input type="hidden" name="node" value=p.state.at.clone() />
                <input type="hidden" name="key" value=h.key.clone() />
                {inner}
            </form>
        }
    };
    view! {
        <div class="scenario-progress">
            <span>{fill(tr(P::ProgressStep), &[(seq + 1).to_string()])}</span>
            <progress class="meter" max="100" value=p.percent aria-label=tr(P::Progress)>{format!("{} %", p.percent)}</progress>
        </div>
        {feedback}
        <section class="scenario-node" aria-live="polite">
            {node.map(|n| form(node_inner(n)))}
        </section>
        <ErrorSlot id="play-error".into() action={crate::ui::form_action::<crate::scenarios::api::ScenarioStep>()} />
    }
}

fn node_inner(node: Node) -> AnyView {
    match node.kind {
        NodeKind::Situation { text, characters, .. } => view! {
            {(!characters.is_empty()).then(|| view! {
                <h2 class="sr-only">{tr(P::Present)}</h2>
                <ul class="characters">{characters.iter().map(character_card).collect_view()}</ul>
            })}
            <div class="narrative">{paragraphs(tx(&text))}</div>
            <button type="submit" class="button primary big">{tr(P::Continue)}</button>
        }
        .into_any(),
        NodeKind::Choice { text, options } => view! {
            <fieldset class="choices">
                <legend>{tx(&text)}</legend>
                <p class="muted">{tr(P::ChooseHint)}</p>
                {options.into_iter().map(|o| view! {
                    <button type="submit" name="choice" value=o.key class="choice">{tx(&o.text)}</button>
                }).collect_view()}
            </fieldset>
        }
        .into_any(),
        NodeKind::Reflection { prompt, .. } => view! {
            <label for="reflection" class="reflection-prompt">{tx(&prompt)}</label>
            <p class="muted">{tr(P::ReflectionHint)}</p>
            <textarea id="reflection" name="reflection" rows="6" required maxlength="4000"></textarea>
            <button type="submit" class="button primary big">{tr(P::SaveAndContinue)}</button>
        }
        .into_any(),
        NodeKind::Ending { .. } => ().into_any(),
    }
}

/// The feedback on the choice just made, shown above the node it led to.
fn last_feedback(s: &Scenario, last: &Step) -> Option<AnyView> {
    let Answer::Choose(key) = &last.answer else {
        return None;
    };
    let NodeKind::Choice { options, .. } = &s.node(&last.node)?.kind else {
        return None;
    };
    let option = options.iter().find(|o| o.key == *key)?;
    Some(
        view! {
            <aside class="feedback" role="status">
                <p class="muted">{fill(tr(P::YourChoice), &[tx(&option.text).to_string()])}</p>
                <h2>{tr(P::Feedback)}</h2>
                {paragraphs(tx(&option.feedback))}
            </aside>
        }
        .into_any(),
    )
}

fn summary_screen(s: &Scenario, sum: Summary, h: &Hidden) -> impl IntoView {
    let ending = sum.ending.as_deref().and_then(|id| s.node(id)).cloned();
    let last = sum.steps.last().and_then(|l| last_feedback(s, l));
    let (title, text, band) = match ending.map(|n| n.kind) {
        Some(NodeKind::Ending { band, title, text }) => {
            (tx(&title).to_string(), tx(&text).to_string(), Some(band))
        }
        _ => (String::new(), String::new(), None),
    };
    let reflections: Vec<(String, String)> = sum
        .steps
        .iter()
        .filter_map(|step| {
            let Answer::Reflect(text) = &step.answer else {
                return None;
            };
            let text = text.clone();
            match &s.node(&step.node)?.kind {
                NodeKind::Reflection { prompt, .. } => Some((tx(prompt).to_string(), text)),
                _ => None,
            }
        })
        .collect();
    view! {
        {last}
        <section class="ending">
            <p class="muted">{fill(tr(P::AttemptOf), &[sum.number.to_string()])}</p>
            <h2>{tr(P::SummaryTitle)}": "{title}</h2>
            {band.map(|b| view! { <p class=format!("band band-{}", b.name())>{tr(P::Band)}": "{tr(band_name(b))}</p> })}
            {paragraphs(&text)}
        </section>
        {super::text::scores_table(&sum.scores)}
        {sum.grade.map(|g| view! {
            <section class="decision-grade">
                <p><strong>{fill(tr(P::DecisionGrade), &[crate::i18n::fmt_decimal(g, 0, super::text::locale())])}</strong></p>
                <p class="muted">{tr(P::DecisionGradeHelp)}</p>
            </section>
        })}
        <section>
            <h2>{tr(P::YourPath)}</h2>
            {super::text::path_list(s, &sum.steps)}
        </section>
        {(!reflections.is_empty()).then(|| view! {
            <section>
                <h2>{tr(P::YourReflections)}</h2>
                {reflections.into_iter().map(|(prompt, text)| view! {
                    <blockquote><p class="muted">{prompt}</p>{paragraphs(&text)}</blockquote>
                }).collect_view()}
            </section>
        })}
        {sum.refusal.is_none().then(|| start_form(h, P::PlayAgain))}
    }
}
