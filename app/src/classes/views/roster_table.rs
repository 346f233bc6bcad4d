use crate::classes::messages::{gender_label, generation_label};
use crate::classes::model::{RosterEntry, RosterSort};
use crate::i18n::{fill, fmt_date, K};
use crate::ui::use_locale;
use leptos::prelude::*;

/// Sorting is done by the server through links, so it works without JavaScript.
/// Rendered on the server only (`ui::render_html`): the language is read once
/// and every cell is a plain value, with no reactive node per row.
#[component]
pub fn RosterTable(
    class_id: i64,
    entries: Vec<RosterEntry>,
    sort: RosterSort,
    personal: bool,
) -> impl IntoView {
    let l = use_locale().get_untracked();
    let header = move |key: K, by: Option<RosterSort>| {
        let aria = if by == Some(sort) { "ascending" } else { "none" };
        match by {
            Some(by) => view! {
                <th scope="col" aria-sort=aria>
                    <a href=format!("/classes/{class_id}?sort={}", by.code())
                        title=fill(K::RosterSortBy.t(l), &[key.t(l).to_string()])>
                        {key.t(l)}
                    </a>
                </th>
            }
            .into_any(),
            None => view! { <th scope="col">{key.t(l)}</th> }.into_any(),
        }
    };
    let rows = entries
        .into_iter()
        .map(|e| {
            let badge = format!("badge gen-{}", e.generation);
            let gen = generation_label(&e.generation, &e.generation_label, l);
            let personal_cells = personal.then(|| {
                let birth = e.birth_date.map(|d| fmt_date(d, l)).unwrap_or_default();
                view! {
                    <td class="mono">{e.nip.unwrap_or_default()}</td>
                    <td>{birth}</td>
                }
            });
            view! {
                <tr>
                    <th scope="row">{e.full_name}</th>
                    {personal_cells}
                    <td><span class=badge>{gen}</span></td>
                    <td>{gender_label(e.gender, l)}</td>
                    <td>{e.unit_kerja}</td>
                    <td>{e.jabatan}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap" tabindex="0">
            <table class="roster">
                <thead>
                    <tr>
                        {header(K::RosterColName, Some(RosterSort::Name))}
                        {personal.then(|| view! {
                            {header(K::RosterColNip, Some(RosterSort::Nip))}
                            {header(K::RosterColBirth, None)}
                        })}
                        {header(K::RosterColGeneration, Some(RosterSort::Generation))}
                        {header(K::RosterColGender, None)}
                        {header(K::RosterColUnit, Some(RosterSort::Unit))}
                        {header(K::RosterColJabatan, None)}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
