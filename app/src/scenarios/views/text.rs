//! Small pieces shared by the server-rendered scenario pages: translation in
//! the caller's language, paragraphs, characters, scores and the path taken.
use crate::i18n::{Locale, P};
use crate::scenarios::domain::engine::{Answer, Step};
use crate::scenarios::model::*;
pub use crate::ui::rendered::{generation_label, locale, paragraphs, tr};
use leptos::prelude::*;

pub fn tx(text: &Bilingual) -> &str {
    text.get(locale())
}

pub fn character_card(c: &Character) -> impl IntoView {
    view! {
        <li class=format!("character gen-{}", c.generation)>
            <strong>{c.name.clone()}</strong>
            <span>{tx(&c.role).to_string()}</span>
            <span class="badge">{generation_label(&c.generation)}</span>
        </li>
    }
}

pub fn band_name(b: Band) -> P {
    match b {
        Band::Strong => P::BandStrong,
        Band::Developing => P::BandDeveloping,
        Band::NeedsPractice => P::BandNeedsPractice,
    }
}

pub fn dimension_name(d: Dimension) -> P {
    match d {
        Dimension::Perspective => P::DimPerspective,
        Dimension::Respect => P::DimRespect,
        Dimension::Clarity => P::DimClarity,
        Dimension::Collaboration => P::DimCollaboration,
    }
}

fn dimension_help(d: Dimension) -> P {
    match d {
        Dimension::Perspective => P::DimPerspectiveHelp,
        Dimension::Respect => P::DimRespectHelp,
        Dimension::Clarity => P::DimClarityHelp,
        Dimension::Collaboration => P::DimCollaborationHelp,
    }
}

/// The four scores, each with what it means.
pub fn scores_table(scores: &Scores) -> impl IntoView {
    let total = scores.total();
    view! {
        <section>
            <h2>{tr(P::YourScores)}</h2>
            <dl class="scores">
                {Dimension::ALL.into_iter().map(|d| view! {
                    <div>
                        <dt>{tr(dimension_name(d))}<span class="score">{signed(scores.get(d))}</span></dt>
                        <dd>{tr(dimension_help(d))}</dd>
                    </div>
                }).collect_view()}
            </dl>
            <p><strong>{crate::i18n::fill(tr(P::TotalScore), &[signed(total)])}</strong></p>
        </section>
    }
}

pub fn signed(v: i32) -> String {
    if v > 0 {
        format!("+{v}")
    } else {
        v.to_string()
    }
}

/// The choices made and reflections written, in order.
pub fn path_list(s: &Scenario, steps: &[Step]) -> impl IntoView {
    view! {
        <ol class="path">
            {steps.iter().filter_map(|step| {
                let node = s.node(&step.node)?;
                let (question, answer) = match &node.kind {
                    NodeKind::Choice { text, options } => {
                        let Answer::Choose(key) = &step.answer else {
                            return None;
                        };
                        let chosen = options.iter().find(|o| o.key == *key)?;
                        (tx(text).to_string(), tx(&chosen.text).to_string())
                    }
                    NodeKind::Reflection { prompt, .. } => (tx(prompt).to_string(), tr(P::StepReflected).to_string()),
                    _ => return None,
                };
                Some(view! { <li><span class="muted">{question}</span><br />"→ "{answer}</li> })
            }).collect_view()}
        </ol>
    }
}

/// A publishing or format problem as a sentence in `locale`.
pub fn problem_text(code: &str, detail: &str, locale: Locale) -> String {
    let key = match code {
        "bad_key" => P::PrBadKey,
        "minutes" => P::PrMinutes,
        "missing_translation" => P::PrMissingTranslation,
        "text_too_long" => P::PrTextTooLong,
        "too_many_nodes" => P::PrTooManyNodes,
        "no_ending" => P::PrNoEnding,
        "too_many_characters" => P::PrTooManyCharacters,
        "character_name" => P::PrCharacterName,
        "character_generation" => P::PrCharacterGeneration,
        "option_count" => P::PrOptionCount,
        "duplicate_option" => P::PrDuplicateOption,
        "effect_range" => P::PrEffectRange,
        "missing_start" => P::PrMissingStart,
        "duplicate_node" => P::PrDuplicateNode,
        "dangling" => P::PrDangling,
        "unreachable" => P::PrUnreachable,
        "no_way_out" => P::PrNoWayOut,
        "trap" => P::PrTrap,
        "ending_with_next" => P::PrEndingWithNext,
        "syntax" => P::PrSyntax,
        "unknown_field" => P::PrUnknownField,
        "missing_field" => P::PrMissingField,
        "invalid_value" => P::PrInvalidValue,
        "unknown_node_type" => P::PrUnknownNodeType,
        "field_not_for_type" => P::PrFieldNotForType,
        "bad_condition" => P::PrBadCondition,
        "unknown_dimension" => P::PrUnknownDimension,
        "unknown_band" => P::PrUnknownBand,
        "one_node" => P::PrOneNode,
        "header_only" => P::PrHeaderOnly,
        _ => P::PrOther,
    };
    let detail = if key == P::PrOther { code } else { detail };
    crate::i18n::fill(key.t(locale), &[detail.to_string()])
}
