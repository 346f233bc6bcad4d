//! A target's evaluation page: settings, evaluators and their assignments.
use crate::evaluation::api::{AssignEvaluator, SetEvaluation, UnassignEvaluator};
use crate::i18n::{fill, P};
use crate::results::store::ROLES;
use crate::results::target::{Target, REFLECTION};
use crate::ui::rendered::row_button_form;
use crate::ui::rendered::{locale, tr};
use crate::ui::{form_action, slot_action, CsrfField, ErrorSlot};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::results::*;
use crate::evaluation::page_data::*;

/// A subject's label; 0 is every subject of the target.
pub(super) fn subject_label(data: &EvalData, id: i64) -> String {
    data.subjects
        .iter()
        .find(|s| s.id == id)
        .map_or_else(|| all_subjects(&data.target).to_string(), |s| s.label(locale()))
}

/// "Penilaian tugas" or "Penilaian refleksi".
pub(super) fn evaluation_title(t: &Target) -> &'static str {
    tr(if t.kind == REFLECTION {
        P::EvalReflectionsLink
    } else {
        P::EvalTitle
    })
}

pub(super) fn all_subjects(t: &Target) -> &'static str {
    tr(if t.kind == REFLECTION {
        P::EvalAllParticipants
    } else {
        P::EvalAllTeams
    })
}

/// The hidden fields naming the class and target, for a form (the same
/// fields `Target::fields` gives the one-button forms).
pub(super) fn target_fields(t: &Target) -> impl IntoView {
    std::iter::once(("class_id", t.class_id.to_string()))
        .chain(t.fields())
        .map(|(name, value)| view! { <input type="hidden" name=name value=value /> })
        .collect_view()
}

pub fn evaluation_body(data: EvalData) -> impl IntoView {
    let body = if data.manages {
        view! {
            {crate::ui::rendered::page_nav(sections(&data))}
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

/// The page's sections that are on it, for its page menu.
fn sections(data: &EvalData) -> Vec<(String, String)> {
    let results = if data.target.kind == REFLECTION {
        P::EvalResultsPeople
    } else {
        P::EvalResults
    };
    let mut items = vec![
        ("eval-settings", tr(P::EvalSettings)),
        ("eval-evaluators", tr(P::EvalEvaluators)),
    ];
    if data.rubric.is_some() {
        items.push(("eval-results", tr(results)));
        if data.agreement.is_some() {
            items.push(("eval-agreement", tr(P::AgreementTitle)));
        }
    }
    if data.settings.is_some() {
        items.push(("eval-release", tr(P::EvalRelease)));
    }
    items
        .into_iter()
        .map(|(id, label)| (id.to_string(), label.to_string()))
        .collect()
}

pub(super) fn settings_form(data: &EvalData) -> impl IntoView {
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
        <section class="panel" id="eval-settings">
            <h2>{tr(P::EvalSettings)}</h2>
            <form method="post" action=SetEvaluation::PATH class="stack" data-error-slot="settings-error">
                <CsrfField />
                <crate::ui::SlotInput id="settings-error" />
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

pub(super) fn role_label(role: &str) -> &'static str {
    tr(match role {
        "coach" => P::RoleCoach,
        "mentor" => P::RoleMentor,
        "penguji" => P::RolePenguji,
        _ => P::RolePeer,
    })
}

pub(super) fn assign_section(data: &EvalData) -> impl IntoView {
    let rows = data
        .assignments
        .iter()
        .map(|a| {
            let mut hidden = data.target.fields();
            hidden.push(("assignment", a.id.to_string()));
            let name = data.names.get(&a.evaluator_id).cloned().unwrap_or_default();
            let scope = subject_label(data, a.subject_id);
            view! {
                <tr>
                    <td>{name.clone()}</td>
                    <td>{role_label(&a.role)}</td>
                    <td>{crate::i18n::fmt_decimal(a.role_weight, 1, locale())}</td>
                    <td>{scope.clone()}</td>
                    <td>
                        // Asks first, saying what changes and how to undo it.
                        <details class="confirm">
                            <summary class="button">{tr(P::EvalUnassignAsk)}</summary>
                            <div class="confirm-body">
                                <p>{fill(tr(P::EvalUnassignWhat), &[name.clone(), scope.clone()])}</p>
                                {row_button_form::<UnassignEvaluator>(data.class.id, "assignments".into(), hidden, P::EvalUnassignConfirm, false)}
                            </div>
                        </details>
                    </td>
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
        <section class="panel" id="eval-evaluators">
            <h2>{tr(P::EvalEvaluators)}</h2>
            <div class="table-wrap" tabindex="0">
                <table class="table">
                    <thead><tr><th>{tr(P::EvalEvaluator)}</th><th>{tr(P::EvalRole)}</th><th>{tr(P::EvalWeight)}</th><th>{tr(P::EvalScope)}</th><th></th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <ErrorSlot id="assignments".into() action={slot_action::<UnassignEvaluator>("assignments")} done=P::OutcomeEvaluatorUnassigned />
            <form method="post" action=AssignEvaluator::PATH class="stack" data-error-slot="assign-error">
                <CsrfField />
                <crate::ui::SlotInput id="assign-error" />
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
            <ErrorSlot id="assign-error".into() action={form_action::<AssignEvaluator>()} done=P::OutcomeEvaluatorAssigned />
        </section>
    }
}
