//! The participant's survey: a rating per digital topic, the topics they want
//! to learn, a working style and an availability.
use crate::i18n::P;
use crate::teams::api::SaveSurvey;
use crate::teams::domain::survey::{Answers, AVAILABILITY, STYLES, TOPICS};
use crate::teams::labels::topic_label;
use crate::ui::rendered::tr;
use crate::ui::{form_action, CsrfField, ErrorSlot};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

fn choice_label(value: &str) -> &'static str {
    tr(match value {
        "structured" => P::StyleStructured,
        "flexible" => P::StyleFlexible,
        "mixed" => P::StyleMixed,
        "morning" => P::AvailMorning,
        "afternoon" => P::AvailAfternoon,
        _ => P::AvailAny,
    })
}

fn select(name: &'static str, label: P, values: &[&'static str], current: &str) -> impl IntoView {
    let id = format!("survey-{name}");
    let options = values
        .iter()
        .map(|v| view! { <option value=*v selected=*v == current>{choice_label(v)}</option> })
        .collect_view();
    view! {
        <label for=id.clone()>{tr(label)}</label>
        <select id=id name=name>{options}</select>
    }
}

pub fn survey_form(class_id: i64, mine: Option<Answers>) -> impl IntoView {
    let saved = mine.is_some();
    let a = mine.unwrap_or_default();
    let rating = |topic: &str| a.skills.iter().find(|(t, _)| t == topic).map_or(3, |(_, r)| *r);
    let rows = TOPICS
        .iter()
        .enumerate()
        .map(|(i, topic)| {
            let (rate, want) = (format!("rate_{i}"), format!("want_{i}"));
            let current = rating(topic);
            let wanted = a.wants.iter().any(|w| w == topic);
            view! {
                <fieldset class="survey-topic">
                    <legend>{topic_label(topic)}</legend>
                    <label for=rate.clone()>{tr(P::SurveyRating)}</label>
                    <select id=rate.clone() name=rate>
                        {(1..=5u8).map(|r| view! { <option value=r selected=r == current>{r}</option> }).collect_view()}
                    </select>
                    <label class="check"><input type="checkbox" name=want value="1" checked=wanted />" "{tr(P::SurveyWant)}</label>
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <section class="panel survey">
            <h2>{tr(P::SurveyTitle)}</h2>
            <p class="hint">{tr(P::SurveyHelp)}</p>
            {saved.then(|| view! { <p class="status">{tr(P::SurveySaved)}</p> })}
            <form method="post" action=SaveSurvey::PATH class="stack" data-error-slot="survey-error">
                <CsrfField />
                <crate::ui::SlotInput id="survey-error" />
                <input type="hidden" name="class_id" value=class_id />
                {rows}
                {select("style", P::SurveyStyle, &STYLES, &a.style)}
                {select("availability", P::SurveyAvailability, &AVAILABILITY, &a.availability)}
                <button type="submit" class="button primary">{tr(P::SurveySubmit)}</button>
            </form>
            <ErrorSlot id="survey-error".into() action={form_action::<SaveSurvey>()} />
        </section>
    }
}
