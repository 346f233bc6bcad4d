//! The facilitator's side of the teams page: the survey switch, how to form
//! teams, pair rules, and the set with its swap, move, publish forms.
use super::cards::{percent, team_cards};
use super::forms::person_options;
use crate::i18n::{fill, P};
use crate::teams::api::{
    AddPairRule, FormClassTeams, MoveTeamMember, PublishTeams, RemovePairRule, SetSurveyOpen, SwapTeamMembers,
};
use crate::teams::page_data::TeamsData;
use crate::teams::settings::Settings;
use crate::ui::rendered::tr;
use crate::ui::rendered::{button_form, confirm_button_form, row_button_form};
use crate::ui::{form_action, slot_action, CsrfField, ErrorSlot};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// Rules before the settings, so the preview follows the button that forms
/// it (it started 2,300 px below it), and a page menu to each part.
pub fn manage_body(data: TeamsData) -> impl IntoView {
    view! {
        {crate::ui::rendered::page_nav(
            [
                ("team-survey", P::SurveyTitle),
                ("team-rules", P::PairRules),
                ("team-settings", P::TeamsSettings),
                ("team-preview", P::TeamsPreview),
            ]
            .map(|(id, key)| (id.to_string(), tr(key).to_string()))
            .to_vec(),
        )}
        {survey_panel(&data)}
        {rules_panel(&data)}
        {settings_form(&data)}
        {set_panel(&data)}
    }
}

fn survey_panel(data: &TeamsData) -> impl IntoView {
    let (status, label, value) = if data.survey_open {
        (P::SurveyIsOpen, P::SurveyClose, "false")
    } else {
        (P::SurveyIsClosed, P::SurveyOpen, "true")
    };
    let count = fill(
        tr(P::SurveyAnswered),
        &[data.answered.to_string(), data.roster.people.len().to_string()],
    );
    view! {
        <section class="panel" id="team-survey">
            <h2>{tr(P::SurveyTitle)}</h2>
            <p>{tr(status)}" "{count}</p>
            {button_form::<SetSurveyOpen>(data.class_id, "survey-switch".into(), vec![("open", value.into())], label, false, P::OutcomeSurveySwitched)}
        </section>
    }
}

fn weight_input(name: &'static str, label: P, value: u8) -> impl IntoView {
    let id = format!("team-{name}");
    view! {
        <label for=id.clone()>{tr(label)}</label>
        <input id=id name=name type="number" min="0" max="5" value=value required />
    }
}

/// The settings of the newest set (or the defaults) as a form; "form teams"
/// also re-runs with a new seed, keeping locked teams.
fn settings_form(data: &TeamsData) -> impl IntoView {
    let s = data.set.as_ref().map(|s| s.settings).unwrap_or_default();
    let Settings {
        by_count,
        n,
        weights: w,
    } = s;
    let action = form_action::<FormClassTeams>();
    let label = if data.set.is_some() {
        P::TeamsFormAgain
    } else {
        P::TeamsForm
    };
    view! {
        <section class="panel" id="team-settings">
            <h2>{tr(P::TeamsSettings)}</h2>
            <form method="post" action=FormClassTeams::PATH class="stack" data-error-slot="form-teams-error">
                <CsrfField />
                <crate::ui::SlotInput id="form-teams-error" />
                <input type="hidden" name="class_id" value=data.class_id />
                <label for="team-mode">{tr(P::TeamsMode)}</label>
                <select id="team-mode" name="mode">
                    <option value="size" selected=!by_count>{tr(P::TeamsBySize)}</option>
                    <option value="count" selected=by_count>{tr(P::TeamsByCount)}</option>
                </select>
                <label for="team-n">{tr(P::TeamsNumber)}</label>
                <input id="team-n" name="n" type="number" min="1" max="200" value=n required />
                <fieldset>
                    <legend>{tr(P::TeamsWeights)}</legend>
                    <p class="hint">{tr(P::TeamsWeightsHint)}</p>
                    {weight_input("w_mix", P::CritGenerationMix, w[0])}
                    {weight_input("w_isolation", P::CritNoIsolation, w[1])}
                    {weight_input("w_units", P::CritUnitSpread, w[2])}
                    {weight_input("w_level", P::CritLevelBalance, w[3])}
                    {weight_input("w_skill", P::CritSkillBalance, w[4])}
                </fieldset>
                <button type="submit" class="button primary">{tr(label)}</button>
            </form>
            <ErrorSlot id="form-teams-error".into() action done=P::OutcomeTeamsFormed />
        </section>
    }
}

fn rules_panel(data: &TeamsData) -> impl IntoView {
    let people: Vec<(i64, String)> = data
        .roster
        .people
        .iter()
        .map(|p| (p.id, data.name(p.id)))
        .collect();
    let rules = data
        .rules
        .iter()
        .map(|r| {
            let kind = if r.kind == "together" { P::PairTogether } else { P::PairApart };
            view! {
                <li>
                    {data.name(r.first_id)}" · "{tr(kind)}" · "{data.name(r.second_id)}" "
                    {row_button_form::<RemovePairRule>(data.class_id, "rules".into(), vec![("rule", r.id.to_string())], P::PairRemove, false)}
                </li>
            }
        })
        .collect_view();
    let action = form_action::<AddPairRule>();
    view! {
        <section class="panel" id="team-rules">
            <h2>{tr(P::PairRules)}</h2>
            <p class="hint">{tr(P::PairRulesHint)}</p>
            <ul class="pair-rules">{rules}</ul>
            <ErrorSlot id="rules".into() action={slot_action::<RemovePairRule>("rules")} done=P::OutcomeRuleRemoved />
            <form method="post" action=AddPairRule::PATH class="stack" data-error-slot="pair-error">
                <CsrfField />
                <crate::ui::SlotInput id="pair-error" />
                <input type="hidden" name="class_id" value=data.class_id />
                <label for="pair-first">{tr(P::PairFirst)}</label>
                <select id="pair-first" name="first">{person_options(people.clone())}</select>
                <label for="pair-kind">{tr(P::PairKind)}</label>
                <select id="pair-kind" name="kind">
                    <option value="together">{tr(P::PairTogether)}</option>
                    <option value="apart">{tr(P::PairApart)}</option>
                </select>
                <label for="pair-second">{tr(P::PairSecond)}</label>
                <select id="pair-second" name="second">{person_options(people)}</select>
                <button type="submit" class="button">{tr(P::PairAdd)}</button>
            </form>
            <ErrorSlot id="pair-error".into() action done=P::OutcomeRuleAdded />
        </section>
    }
}

fn set_panel(data: &TeamsData) -> impl IntoView {
    let (Some(set), Some(plan)) = (&data.set, &data.plan) else {
        return view! {
            <section class="panel team-set" id="team-preview">
                <h2>{tr(P::TeamsPreview)}</h2>
                <p class="notice">{tr(P::TeamsNone)}</p>
            </section>
        }
        .into_any();
    };
    let status = if data.is_draft() {
        tr(P::TeamsDraft)
    } else {
        tr(P::TeamsPublished)
    };
    let overall = fill(tr(P::TeamsOverall), &[percent(plan.worst), percent(plan.mean)]);
    let draft = data.is_draft();
    view! {
        <section class="panel team-set" id="team-preview">
            <h2>{tr(P::TeamsPreview)}</h2>
            <p><span class="tag">{status}</span>" "{fill(tr(P::TeamsSeed), &[set.set.seed.to_string()])}</p>
            <p class="team-overall">{overall}</p>
            <meter class="meter" min="0" max="1" low="0.6" high="0.8" optimum="1" value=plan.worst></meter>
            {draft.then(|| {
                let people = plan.teams.iter().map(Vec::len).sum::<usize>();
                let what = fill(tr(P::TeamsPublishWhat), &[people.to_string(), plan.teams.len().to_string()]);
                confirm_button_form::<PublishTeams>(data.class_id, "publish-teams".into(), vec![], P::TeamsPublishAsk, what, P::TeamsPublish, P::OutcomeTeamsPublished)
            })}
            // Once announced the form is gone; its outcome stays where it was.
            {(!draft).then(|| view! { <ErrorSlot id="publish-teams".into() action={slot_action::<PublishTeams>("publish-teams")} done=P::OutcomeTeamsPublished /> })}
            {draft.then(|| adjust_forms(data))}
            {team_cards(data, draft)}
        </section>
    }
    .into_any()
}

/// Swap two people or move one: selects, so they work without JavaScript.
fn adjust_forms(data: &TeamsData) -> impl IntoView {
    let Some(set) = &data.set else {
        return ().into_any();
    };
    let movable: Vec<(i64, String)> = set
        .teams
        .iter()
        .filter(|(t, _)| !t.locked)
        .flat_map(|(t, m)| m.iter().map(move |id| (*id, t.number)))
        .map(|(id, n)| {
            (
                id,
                format!(
                    "{} ({})",
                    data.name(id),
                    fill(tr(P::TeamNumber), &[n.to_string()])
                ),
            )
        })
        .collect();
    let targets: Vec<i32> = set
        .teams
        .iter()
        .filter(|(t, _)| !t.locked)
        .map(|(t, _)| t.number)
        .collect();
    view! {
        <div class="adjust">
            <form method="post" action=SwapTeamMembers::PATH class="stack" data-error-slot="swap-error" id="swap-form">
                <CsrfField />
                <crate::ui::SlotInput id="swap-error" />
                <input type="hidden" name="class_id" value=data.class_id />
                <label for="swap-first">{tr(P::SwapFirst)}</label>
                <select id="swap-first" name="first">{person_options(movable.clone())}</select>
                <label for="swap-second">{tr(P::SwapSecond)}</label>
                <select id="swap-second" name="second">{person_options(movable.clone())}</select>
                <button type="submit" class="button">{tr(P::SwapSubmit)}</button>
            </form>
            <ErrorSlot id="swap-error".into() action={form_action::<SwapTeamMembers>()} done=P::OutcomeMembersSwapped />
            <form method="post" action=MoveTeamMember::PATH class="stack" data-error-slot="move-error" id="move-form">
                <CsrfField />
                <crate::ui::SlotInput id="move-error" />
                <input type="hidden" name="class_id" value=data.class_id />
                <label for="move-person">{tr(P::MovePerson)}</label>
                <select id="move-person" name="person">{person_options(movable)}</select>
                <label for="move-team">{tr(P::MoveTeam)}</label>
                <select id="move-team" name="team">
                    {targets.into_iter().map(|n| view! { <option value=n>{fill(tr(P::TeamNumber), &[n.to_string()])}</option> }).collect_view()}
                </select>
                <button type="submit" class="button">{tr(P::MoveSubmit)}</button>
            </form>
            <ErrorSlot id="move-error".into() action={form_action::<MoveTeamMember>()} done=P::OutcomeMemberMoved />
            // Dragging needs the script and a mouse: the hint shows only then (CSS).
            <p class="hint drag-hint">{tr(P::DragHint)}</p>
        </div>
    }
    .into_any()
}
