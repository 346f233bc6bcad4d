//! The mentoring page, rendered on the server: the facilitator's overview
//! (pairs, sessions logged, goals met), proposal and adjustment; a
//! participant's own pair with its confirmation, goals and session log.
use super::api::{
    AddMentoringGoal, AdjustMentoring, LogMentoringSession, ProposeMentoring, RespondMentoring,
    SetMentoringGoal,
};
use super::domain::pairing::{role_of, Unpaired};
use super::store::{CONFIRMED, DECLINED, PROPOSED, REPLACED};
use crate::i18n::{fill, P};
use crate::mentoring::page_data::{MentoringData, Pair};
use crate::teams::labels::topic_label;
use crate::ui::rendered::button_form;
use crate::ui::rendered::{generation_label, paragraphs, tr};
use crate::ui::{form_action, slot_action, CsrfField, ErrorSlot, SlotField};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

pub fn mentoring_body(data: MentoringData) -> impl IntoView {
    let class_id = data.class.id;
    let own = data.is_participant && !data.can_manage;
    view! {
        <header class="page-head">
            <p class="muted"><a href=format!("/classes/{class_id}")>{data.class.name.clone()}</a></p>
            <h1>{tr(P::MentoringTitle)}</h1>
            <p>{tr(P::MentoringIntro)}</p>
        </header>
        {if own { own_pairs(&data).into_any() } else { overview(&data).into_any() }}
    }
}

fn status_text(status: &str) -> &'static str {
    tr(match status {
        CONFIRMED => P::PairConfirmed,
        DECLINED => P::PairDeclined,
        REPLACED => P::PairReplaced,
        _ => P::PairProposed,
    })
}

fn topics(pair: &Pair) -> String {
    pair.topics
        .iter()
        .map(|t| topic_label(t))
        .collect::<Vec<_>>()
        .join(", ")
}

fn person(data: &MentoringData, id: i64) -> impl IntoView {
    let g = data.generation(id).to_string();
    let elsewhere = data
        .other_class(id)
        .map(|c| view! { " "<span class="tag">{fill(tr(P::FromClass), &[c])}</span> });
    view! {
        <span class=format!("person gen-{g}")>{data.name(id)}" "<span class="badge">{generation_label(&g)}</span>{elsewhere}</span>
    }
}

/// Facilitators and evaluators: every pair with its progress.
fn overview(data: &MentoringData) -> impl IntoView {
    let rows = data
        .pairs
        .iter()
        .map(|p| {
            let sessions: Vec<_> = data.sessions.iter().filter(|s| s.pair_id == p.id).collect();
            let minutes: i32 = sessions.iter().map(|s| s.minutes).sum();
            let goals: Vec<_> = data.goals.iter().filter(|g| g.pair_id == p.id).collect();
            let met = goals.iter().filter(|g| g.met).count();
            view! {
                <tr data-pair=p.id>
                    <td>{person(data, p.mentor_id)}</td>
                    <td>{person(data, p.mentee_id)}</td>
                    <td>{topics(p)}</td>
                    <td>{status_text(&p.status)}</td>
                    <td>{fill(tr(P::SessionsCount), &[sessions.len().to_string(), minutes.to_string()])}</td>
                    <td>{fill(tr(P::GoalsMet), &[met.to_string(), goals.len().to_string()])}</td>
                </tr>
            }
        })
        .collect_view();
    let empty = data.pairs.is_empty();
    view! {
        {data.can_manage.then(|| propose_form(data))}
        <section class="panel">
            <h2>{tr(P::PairsTitle)}</h2>
            {empty.then(|| view! { <p class="notice">{tr(P::PairsNone)}</p> })}
            <div class="table-wrap" tabindex="0">
                <table class="table pairs">
                    <thead><tr>
                        <th>{tr(P::Mentor)}</th><th>{tr(P::Mentee)}</th><th>{tr(P::PairTopics)}</th>
                        <th>{tr(P::PairStatus)}</th><th>{tr(P::PairSessions)}</th><th>{tr(P::PairGoals)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
        {data.can_manage.then(|| unpaired_list(data))}
        {data.can_manage.then(|| adjust_form(data))}
    }
}

fn propose_form(data: &MentoringData) -> impl IntoView {
    let action = form_action::<ProposeMentoring>();
    view! {
        <section class="panel">
            <h2>{tr(P::ProposeTitle)}</h2>
            <p class="hint">{tr(P::ProposeHint)}</p>
            <form method="post" action=ProposeMentoring::PATH class="stack" data-error-slot="propose-error">
                <CsrfField />
                <crate::ui::SlotInput id="propose-error" />
                <input type="hidden" name="class_id" value=data.class.id />
                {scope_choice(data)}
                <label class="check"><input type="checkbox" name="same_unit" value="1" />" "{tr(P::ProposeSameUnit)}</label>
                <button type="submit" class="button primary">{tr(P::ProposeSubmit)}</button>
            </form>
            <ErrorSlot id="propose-error".into() action />
        </section>
    }
}

/// Shown only to a facilitator who manages more than one class of the programme.
fn scope_choice(data: &MentoringData) -> Option<impl IntoView> {
    (data.scope.len() > 1).then(|| {
        let names: Vec<String> = data.scope.iter().map(|c| c.name.clone()).collect();
        view! {
            <fieldset>
                <legend>{tr(P::ScopeLegend)}</legend>
                <label class="check"><input type="radio" name="scope" value="class" checked /><span>{tr(P::ScopeClass)}</span></label>
                <label class="check"><input type="radio" name="scope" value="programme" /><span>{fill(tr(P::ScopeProgramme), &[names.join(", ")])}</span></label>
            </fieldset>
        }
    })
}

fn reason(u: Unpaired) -> &'static str {
    tr(match u {
        Unpaired::NotMentoringGeneration => P::UnpairedGeneration,
        Unpaired::NoMentorRatesHigher => P::UnpairedNoHigher,
        Unpaired::OnlySameUnit => P::UnpairedSameUnit,
        Unpaired::MentorsTaken => P::UnpairedTaken,
        Unpaired::NoMenteeLeft => P::UnpairedNoMentee,
        Unpaired::NoSurvey => P::UnpairedNoSurvey,
    })
}

fn unpaired_list(data: &MentoringData) -> impl IntoView {
    (!data.unpaired.is_empty()).then(|| {
        let items = data
            .unpaired
            .iter()
            .map(|(id, why)| view! { <li>{person(data, *id)}" — "{reason(*why)}</li> })
            .collect_view();
        view! {
            <section class="panel">
                <h2>{tr(P::UnpairedTitle)}</h2>
                <ul class="unpaired">{items}</ul>
            </section>
        }
    })
}

fn adjust_form(data: &MentoringData) -> impl IntoView {
    // Mentees come from this class; mentors from any class in the scope.
    let of_role = |mentor: bool| -> Vec<(i64, String)> {
        let classes: Vec<i64> = if mentor {
            data.scope.iter().map(|c| c.id).collect()
        } else {
            vec![data.class.id]
        };
        classes
            .into_iter()
            .flat_map(|c| data.pool.of_class(c))
            .filter(|id| role_of(data.generation(*id)) == Some(mentor))
            .map(|id| {
                let mut label = format!("{} ({})", data.name(id), generation_label(data.generation(id)));
                if let Some(c) = data.other_class(id) {
                    label = format!("{label} — {c}");
                }
                (id, label)
            })
            .collect()
    };
    let mentees = of_role(false);
    if mentees.is_empty() {
        return view! {
            <section class="panel">
                <h2>{tr(P::AdjustTitle)}</h2>
                <p class="notice">{tr(P::AdjustNoMentees)}</p>
            </section>
        }
        .into_any();
    }
    let options = |list: Vec<(i64, String)>| {
        list.into_iter()
            .map(|(id, label)| view! { <option value=id>{label}</option> })
            .collect_view()
    };
    view! {
        <section class="panel">
            <h2>{tr(P::AdjustTitle)}</h2>
            {(data.scope.len() > 1).then(|| view! { <p class="hint">{tr(P::AdjustAcross)}</p> })}
            <form method="post" action=AdjustMentoring::PATH class="stack" data-error-slot="adjust-error">
                <CsrfField />
                <crate::ui::SlotInput id="adjust-error" />
                <input type="hidden" name="class_id" value=data.class.id />
                <label for="adjust-mentee">{tr(P::Mentee)}</label>
                <select id="adjust-mentee" name="mentee">{options(mentees)}</select>
                <label for="adjust-mentor">{tr(P::Mentor)}</label>
                <select id="adjust-mentor" name="mentor">{options(of_role(true))}</select>
                <button type="submit" class="button">{tr(P::AdjustSubmit)}</button>
            </form>
            <ErrorSlot id="adjust-error".into() action={form_action::<AdjustMentoring>()} />
        </section>
    }
    .into_any()
}

/// A participant's own pair(s): with whom, the confirmation, goals and sessions.
fn own_pairs(data: &MentoringData) -> impl IntoView {
    if data.pairs.is_empty() {
        return view! { <p class="notice">{tr(P::NoPairYet)}</p> }.into_any();
    }
    data.pairs
        .iter()
        .map(|p| own_pair(data, p))
        .collect_view()
        .into_any()
}

fn own_pair(data: &MentoringData, p: &Pair) -> impl IntoView {
    let mentee = p.mentee_id == data.me;
    let (label, other) = if mentee {
        (P::YourMentor, p.mentor_id)
    } else {
        (P::YourMentee, p.mentee_id)
    };
    let respond = (mentee && p.status != CONFIRMED).then(|| {
        let hidden = |answer: &str| vec![("pair", p.id.to_string()), ("answer", answer.to_string())];
        view! {
            <p>{tr(P::RespondHint)}</p>
            <div class="actions">
                {button_form::<RespondMentoring>(data.class.id, format!("confirm-{}", p.id), hidden("confirm"), P::PairConfirm, true, P::OutcomeSaved)}
                {(p.status == PROPOSED).then(|| button_form::<RespondMentoring>(data.class.id, format!("decline-{}", p.id), hidden("decline"), P::PairDecline, false, P::OutcomeSaved))}
            </div>
        }
    });
    let work = (p.status == CONFIRMED).then(|| view! { {goals(data, p.id)} {sessions(data, p.id)} });
    view! {
        <section class="card pair-card" data-pair=p.id>
            <h2>{tr(label)}": "{person(data, other)}</h2>
            <p><span class="tag">{status_text(&p.status)}</span>" "{fill(tr(P::PairTopicsOf), &[topics(p)])}</p>
            {respond}
            {work}
        </section>
    }
}

fn goals(data: &MentoringData, pair: i64) -> impl IntoView {
    let items = data
        .goals
        .iter()
        .filter(|g| g.pair_id == pair)
        .map(|g| {
            let (label, value) = if g.met { (P::GoalReopen, "false") } else { (P::GoalMarkMet, "true") };
            view! {
                <li class=if g.met { "goal met" } else { "goal" }>
                    {g.met.then_some("✓ ")}{g.title.clone()}" "
                    {button_form::<SetMentoringGoal>(data.class.id, format!("goal-{}", g.id), vec![("goal", g.id.to_string()), ("met", value.into())], label, false, P::OutcomeSaved)}
                </li>
            }
        })
        .collect_view();
    let slot = format!("add-goal-{pair}");
    view! {
        <h3>{tr(P::GoalsTitle)}</h3>
        <ul class="goals">{items}</ul>
        <form method="post" action=AddMentoringGoal::PATH class="stack" data-error-slot=slot.clone()>
            <CsrfField />
            <SlotField id=slot.clone() />
            <input type="hidden" name="class_id" value=data.class.id />
            <input type="hidden" name="pair" value=pair />
            <input type="hidden" name="key" value=uuid::Uuid::new_v4().to_string() />
            <label for=format!("goal-title-{pair}")>{tr(P::GoalNew)}</label>
            <input id=format!("goal-title-{pair}") name="title" maxlength="200" required placeholder=tr(P::GoalExample) />
            <button type="submit" class="button">{tr(P::GoalAdd)}</button>
        </form>
        <ErrorSlot id=slot.clone() action={slot_action::<AddMentoringGoal>(&slot)} />
    }
}

fn sessions(data: &MentoringData, pair: i64) -> impl IntoView {
    let items = data
        .sessions
        .iter()
        .filter(|s| s.pair_id == pair)
        .map(|s| {
            view! {
                <li class="session">
                    <p><strong>{crate::i18n::fmt_date(s.held_on, crate::ui::rendered::locale())}</strong>
                        " · "{fill(tr(P::SessionMinutes), &[s.minutes.to_string()])}" · "{s.topic.clone()}</p>
                    <p class="muted">{tr(P::SessionPractised)}</p>{paragraphs(&s.practised)}
                    <p class="muted">{tr(P::SessionLearned)}</p>{paragraphs(&s.mentor_learned)}
                </li>
            }
        })
        .collect_view();
    let slot = format!("log-{pair}");
    let id = |name: &str| format!("{name}-{pair}");
    let today = crate::ui::rendered::today_value();
    view! {
        <h3>{tr(P::SessionsTitle)}</h3>
        <ol class="sessions">{items}</ol>
        <form method="post" action=LogMentoringSession::PATH class="stack" data-error-slot=slot.clone()>
            <CsrfField />
            <SlotField id=slot.clone() />
            <input type="hidden" name="class_id" value=data.class.id />
            <input type="hidden" name="pair" value=pair />
            <input type="hidden" name="key" value=uuid::Uuid::new_v4().to_string() />
            <label for=id("held")>{tr(P::SessionDate)}</label>
            <input id=id("held") name="held_on" type="date" required value=today />
            <label for=id("minutes")>{tr(P::SessionDuration)}</label>
            <input id=id("minutes") name="minutes" type="number" min="5" max="600" value="60" required />
            <label for=id("topic")>{tr(P::SessionTopic)}</label>
            <input id=id("topic") name="topic" maxlength="200" required />
            <label for=id("practised")>{tr(P::SessionPractised)}</label>
            <textarea id=id("practised") name="practised" rows="3" required></textarea>
            <label for=id("learned")>{tr(P::SessionLearned)}</label>
            <textarea id=id("learned") name="mentor_learned" rows="3" required></textarea>
            <button type="submit" class="button primary">{tr(P::SessionLog)}</button>
        </form>
        <ErrorSlot id=slot.clone() action={slot_action::<LogMentoringSession>(&slot)} />
    }
}
