//! Team cards: members with their generation colour and badges, the team's
//! quality (overall and per criterion) and the rules it breaks with the
//! reason each could not be avoided.
use crate::i18n::{fill, K, P};
use crate::teams::api::LockTeam;
use crate::teams::domain::explain::{Breach, Unavoidable};
use crate::teams::domain::score::TeamScore;
use crate::teams::page_data::TeamsData;
use crate::ui::rendered::button_form;
use crate::ui::rendered::{generation_label, locale, tr};
use leptos::prelude::*;

pub fn percent(x: f64) -> String {
    format!(
        "{}%",
        crate::i18n::fmt_decimal((x * 100.0).clamp(0.0, 100.0), 0, locale())
    )
}

/// Every team of the set as a card; `editable` adds the lock buttons and
/// makes members draggable (used once hydrated; the forms work without).
pub fn team_cards(data: &TeamsData, editable: bool) -> impl IntoView {
    let (Some(set), Some(plan)) = (&data.set, &data.plan) else {
        return ().into_any();
    };
    let cards = set
        .teams
        .iter()
        .zip(plan.scores.iter())
        .zip(data.breaches.iter())
        .map(|(((team, members), score), breaches)| {
            let lock = editable.then(|| {
                let (label, value) = if team.locked {
                    (P::TeamUnlock, "false")
                } else {
                    (P::TeamLock, "true")
                };
                button_form::<LockTeam>(
                    data.class_id,
                    format!("lock-{}", team.number),
                    vec![("team", team.number.to_string()), ("locked", value.to_string())],
                    label,
                    false,
                    P::OutcomeTeamLocked,
                )
            });
            view! {
                <li class="card team-card" data-team=team.number>
                    <h3>
                        {fill(tr(P::TeamNumber), &[team.number.to_string()])}
                        {team.locked.then(|| view! { " " <span class="tag">{tr(P::TeamLocked)}</span> })}
                    </h3>
                    {quality(score)}
                    {member_list(data, members, breaches, editable && !team.locked)}
                    {breach_list(data, breaches)}
                    {criteria(score)}
                    {lock}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="card-list team-cards">{cards}</ul> }.into_any()
}

fn quality(score: &TeamScore) -> impl IntoView {
    let label = fill(tr(P::TeamQuality), &[percent(score.total)]);
    view! {
        <p class="team-quality">{label.clone()}</p>
        <meter class="meter" min="0" max="1" low="0.6" high="0.8" optimum="1" value=score.total aria-label=label></meter>
    }
}

fn criteria(score: &TeamScore) -> impl IntoView {
    let rows = [
        (P::CritGenerationMix, score.generation_mix),
        (P::CritNoIsolation, score.no_isolation),
        (P::CritUnitSpread, score.unit_spread),
        (P::CritLevelBalance, score.level_balance),
        (P::CritSkillBalance, score.skill_balance),
    ];
    view! {
        <details>
            <summary>{tr(P::TeamCriteria)}</summary>
            <dl class="criteria">
                {rows.into_iter().map(|(k, v)| view! { <dt>{tr(k)}</dt><dd>{percent(v)}</dd> }).collect_view()}
            </dl>
        </details>
    }
}

fn isolated(breaches: &[Breach], id: i64) -> bool {
    breaches.iter().any(|b| {
        matches!(b, Breach::AloneInGeneration { person, .. } | Breach::AloneInGender { person, .. } if *person == id)
    })
}

fn member_list(data: &TeamsData, members: &[i64], breaches: &[Breach], draggable: bool) -> impl IntoView {
    let items = members
        .iter()
        .filter_map(|id| data.roster.index(*id).map(|i| (*id, &data.roster.people[i])))
        .map(|(id, p)| {
            let gender = match p.gender.as_str() {
                "l" => K::GenderMale.t(locale()),
                "p" => K::GenderFemale.t(locale()),
                _ => "",
            };
            let class = if isolated(breaches, id) { "member isolated" } else { "member" };
            view! {
                <li class=format!("{class} gen-{}", p.generation) data-person=id draggable=draggable.then_some("true")>
                    <strong>{data.name(id)}</strong>" "
                    <span class="badge">{generation_label(&p.generation)}</span>
                    <span class="muted">" "{gender}" · "{p.unit.clone()}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="team-members">{items}</ul> }
}

fn reason(u: Unavoidable) -> &'static str {
    match u {
        Unavoidable::No => tr(P::ReasonTraded),
        Unavoidable::OnlyOneInClass => tr(P::ReasonOnlyOne),
        Unavoidable::MorePeopleThanTeams => tr(P::ReasonUnitLarge),
    }
}

fn breach_list(data: &TeamsData, breaches: &[Breach]) -> impl IntoView {
    if breaches.is_empty() {
        return view! { <p class="ok-note">{tr(P::TeamNoBreach)}</p> }.into_any();
    }
    let items = breaches
        .iter()
        .map(|b| {
            let (text, why) = match b {
                Breach::AloneInGeneration { person, unavoidable } => (
                    fill(tr(P::BreachAloneGeneration), &[data.name(*person)]),
                    *unavoidable,
                ),
                Breach::AloneInGender { person, unavoidable } => (
                    fill(tr(P::BreachAloneGender), &[data.name(*person)]),
                    *unavoidable,
                ),
                Breach::SameUnit {
                    unit,
                    members,
                    unavoidable,
                } => (
                    fill(tr(P::BreachSameUnit), &[members.to_string(), unit.clone()]),
                    *unavoidable,
                ),
            };
            let class = if matches!(b, Breach::SameUnit { .. }) {
                "breach"
            } else {
                "breach breach-isolated"
            };
            view! { <li class=class>{text}" — "<span class="muted">{reason(why)}</span></li> }
        })
        .collect_view();
    view! { <ul class="breaches">{items}</ul> }.into_any()
}

/// A participant's own team after publishing: number and teammates.
pub fn my_team(data: &TeamsData, number: i32) -> impl IntoView {
    let members = data
        .set
        .as_ref()
        .and_then(|s| s.teams.iter().find(|(t, _)| t.number == number))
        .map(|(_, m)| m.clone())
        .unwrap_or_default();
    view! {
        <section class="card team-card my-team">
            <h2>{fill(tr(P::YourTeam), &[number.to_string()])}</h2>
            {member_list(data, &members, &[], false)}
        </section>
    }
}
