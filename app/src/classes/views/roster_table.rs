use crate::classes::messages::{gender_label, generation_label};
use crate::classes::model::{RosterEntry, RosterSort};
use crate::i18n::{fill, fmt_date, K};
use crate::ui::{t, use_locale};
use leptos::prelude::*;

/// Sorting is done by the server through links, so it works without JavaScript.
#[component]
pub fn RosterTable(
    class_id: i64,
    entries: Vec<RosterEntry>,
    sort: RosterSort,
    personal: bool,
) -> impl IntoView {
    let locale = use_locale();
    let header = move |key: K, by: Option<RosterSort>| {
        let aria = if by == Some(sort) { "ascending" } else { "none" };
        match by {
            Some(by) => view! {
                <th scope="col" aria-sort=aria>
                    <a href=format!("/classes/{class_id}?sort={}", by.code())
                        title=move || fill(K::RosterSortBy.t(locale.get()), &[key.t(locale.get()).to_string()])>
                        {t(key)}
                    </a>
                </th>
            }.into_any(),
            None => view! { <th scope="col">{t(key)}</th> }.into_any(),
        }
    };
    let rows = entries
        .into_iter()
        .map(|e| {
            let badge = format!("badge gen-{}", e.generation);
            let gen = move || generation_label(&e.generation, &e.generation_label, locale.get());
            let birth = e.birth_date;
            view! {
                <tr>
                    <th scope="row">{e.full_name.clone()}</th>
                    <Show when=move || personal>
                        <td class="mono">{e.nip.clone().unwrap_or_default()}</td>
                        <td>{move || birth.map(|d| fmt_date(d, locale.get())).unwrap_or_default()}</td>
                    </Show>
                    <td><span class=badge>{gen}</span></td>
                    <td>{move || gender_label(e.gender, locale.get())}</td>
                    <td>{e.unit_kerja.clone()}</td>
                    <td>{e.jabatan.clone()}</td>
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
