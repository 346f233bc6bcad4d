//! The read-only part of the class page (header, composition charts, roster,
//! staff), rendered on the server only: see `ui::render_html`.
use super::chart::BarChart;
use super::roster_table::RosterTable;
use crate::classes::domain::composition::Share;
use crate::classes::messages::generation_label;
use crate::classes::model::{ClassDetail, RosterSort};
use crate::i18n::{fill, fmt_date, Locale, K, P};
use crate::ui::{t, use_locale};
use leptos::prelude::*;

/// Admins set the programme's predicate bands (a server-only page).
fn is_admin() -> bool {
    #[cfg(feature = "ssr")]
    return crate::auth::guard::caller().is_ok_and(|c| c.has(crate::auth::model::Role::Admin));
    #[cfg(not(feature = "ssr"))]
    false
}

pub fn class_body(detail: ClassDetail, sort: RosterSort) -> impl IntoView {
    let l = use_locale().get_untracked();
    let s = &detail.summary;
    let id = s.id;
    let manage = detail.can_manage;
    let period = fill(
        K::ClassPeriod.t(l),
        &[fmt_date(s.starts_on, l), fmt_date(s.ends_on, l)],
    );
    let count = fill(K::ClassParticipants.t(l), &[s.participants.to_string()]);
    let comp = detail.composition;
    let scheme = fill(P::CompositionScheme.t(l), std::slice::from_ref(&comp.scheme_name));
    view! {
        <header class="page-head">
            <p class="muted">{s.programme.clone()}</p>
            <h1>{s.name.clone()}</h1>
            <p>{period}" · "{count}</p>
            <p>{detail.description}</p>
            <p class="actions">
                <a class="button primary" href=format!("/classes/{id}/learn")>{crate::ui::tp(P::LearnOpen)}</a>
                " "<a class="button" href=format!("/classes/{id}/scenarios")>{t(K::NavScenarios)}</a>
                " "<a class="button" href=format!("/classes/{id}/teams")>{P::NavTeams.t(l)}</a>
                " "<a class="button" href=format!("/classes/{id}/tasks")>{P::TasksTitle.t(l)}</a>
                " "<a class="button" href=format!("/classes/{id}/mentoring")>{P::MentoringTitle.t(l)}</a>
                {is_admin().then(|| view! {
                    " "<a class="button" href="/admin/bands">{crate::ui::tp(P::NavBands)}</a>
                })}
                {manage.then(|| view! {
                    " "<a class="button" href=format!("/classes/{id}/rubrics")>{crate::ui::tp(P::RubricsTitle)}</a>
                    " "<a class="button" href=format!("/classes/{id}/import")>{crate::ui::tp(P::RosterImport)}</a>
                })}
            </p>
        </header>
        <section aria-labelledby="composition-title">
            <h2 id="composition-title">{crate::ui::tp(P::CompositionTitle)}</h2>
            <p class="muted scheme-name">{scheme}</p>
            <div class="chart-grid">
                <BarChart id="chart-generation" title=K::CompositionByGeneration shares=comp.by_generation label=gen_share_label class_prefix="gen" />
                <BarChart id="chart-gender" title=K::CompositionByGender shares=comp.by_gender label=gender_share_label class_prefix="gender" />
                <BarChart id="chart-unit" title=K::CompositionByUnit shares=comp.by_unit label=plain_label class_prefix="unit" />
            </div>
        </section>
        <section aria-labelledby="roster-title">
            <h2 id="roster-title">{crate::ui::tp(P::RosterTitle)}</h2>
            {if detail.roster.is_empty() {
                view! { <p>{crate::ui::tp(P::RosterEmpty)}</p> }.into_any()
            } else {
                view! { <RosterTable class_id=id entries=detail.roster sort personal=manage /> }.into_any()
            }}
        </section>
        {manage.then(|| view! {
            <section aria-labelledby="staff-title">
                <h2 id="staff-title">{crate::ui::tp(P::ClassStaff)}</h2>
                <ul class="staff">
                    {detail.staff.into_iter().map(|m| {
                        let role = match m.role.as_str() { "facilitator" => K::RoleFacilitator, _ => K::RoleEvaluator };
                        view! { <li>{m.full_name}" — "{t(role)}</li> }
                    }).collect_view()}
                </ul>
            </section>
        })}
    }
}

fn gen_share_label(s: &Share, l: Locale) -> String {
    generation_label(&s.key, &s.label, l)
}

fn gender_share_label(s: &Share, l: Locale) -> String {
    match s.key.as_str() {
        "male" => K::GenderMale.t(l).to_string(),
        "female" => K::GenderFemale.t(l).to_string(),
        _ => K::GenderUnknown.t(l).to_string(),
    }
}

fn plain_label(s: &Share, l: Locale) -> String {
    if s.key == "unknown" {
        K::GenUnknown.t(l).to_string()
    } else {
        s.label.clone()
    }
}
