//! The teams page, rendered on the server (text from `i18n::P`): the survey,
//! the formation settings and pair rules, the team cards with their quality,
//! and the swap / move / lock forms, which work as plain posts.
mod cards;
mod forms;
mod manage;
mod survey_form;

pub use crate::teams::page_data::TeamsData;

use crate::i18n::P;
use crate::ui::rendered::tr;
use leptos::prelude::*;

pub fn teams_body(data: TeamsData) -> impl IntoView {
    let class_id = data.class_id;
    view! {
        <header class="page-head">
            <p class="muted"><a href=format!("/classes/{class_id}")>{data.class_name.clone()}</a></p>
            <h1>{tr(P::TeamsTitle)}</h1>
            <p>{tr(P::TeamsIntro)}</p>
        </header>
        {if data.can_manage { manage::manage_body(data).into_any() } else { member_body(data).into_any() }}
    }
}

/// Participants: their team once published, first (it had sat below an old
/// survey), then the survey while it is open. Evaluators: every published team.
/// Evaluators: every published team.
fn member_body(data: TeamsData) -> impl IntoView {
    let survey = (data.is_participant && data.survey_open)
        .then(|| survey_form::survey_form(data.class_id, data.my_answers.clone()));
    let teams = match (&data.set, data.is_participant) {
        (None, _) => view! { <p class="notice">{tr(P::TeamsNotPublished)}</p> }.into_any(),
        (Some(set), true) => match set.team_of(data.me) {
            Some((team, _)) => cards::my_team(&data, team.number).into_any(),
            None => view! { <p class="notice">{tr(P::TeamsNotInOne)}</p> }.into_any(),
        },
        (Some(_), false) => cards::team_cards(&data, false).into_any(),
    };
    view! { {teams} {survey} }
}
