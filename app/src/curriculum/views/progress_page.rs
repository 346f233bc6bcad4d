use crate::ui::page_data;
use crate::classes::views::class_id_param;
use crate::curriculum::api::get_class_progress;
use crate::curriculum::view_model::{ProgressBoard, ProgressCell};
use crate::i18n::{fill, K};
use crate::ui::{t, use_locale, PageError};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ProgressPage() -> impl IntoView {
    let id = class_id_param();
    let query = use_query_map();
    let generation = Memo::new(move |_| query.with(|q| q.get("generation")).filter(|g| !g.is_empty()));
    let board = page_data(
        move || (id.get(), generation.get()),
        |(id, g)| get_class_progress(id, g),
    );
    view! {
        <Suspense fallback=move || view! { <p>{t(K::Loading)}</p> }>
            {move || Suspend::new(async move {
                match board.await {
                    Ok(board) => view! { <Board board selected=generation.get_untracked() /> }.into_any(),
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Board(board: ProgressBoard, selected: Option<String>) -> impl IntoView {
    let locale = use_locale();
    let class_id = board.class_id;
    let units = board.units.clone();
    let count = board.rows.len();
    view! {
        <header class="page-head">
            <p class="muted"><a href=format!("/classes/{class_id}")>{board.class_name.clone()}</a></p>
            <h1>{t(K::ProgressTitle)}</h1>
        </header>
        // A plain GET form: filtering works the same with JavaScript off.
        <form method="get" class="inline-form filter">
            <label for="generation">{t(K::ProgressFilter)}</label>
            <select id="generation" name="generation">
                <option value="">{t(K::ProgressAllGenerations)}</option>
                {board.generations.iter().map(|(code, label)| {
                    let is_selected = selected.as_deref() == Some(code.as_str());
                    view! { <option value=code.clone() selected=is_selected>{label.clone()}</option> }
                }).collect_view()}
            </select>
            <button type="submit" class="button">{t(K::ProgressApply)}</button>
        </form>
        <p class="hint">{t(K::ProgressLegend)}</p>
        <div class="table-wrap" tabindex="0">
            <table class="progress">
                <thead>
                    <tr>
                        <th scope="col">{t(K::RosterColName)}</th>
                        <th scope="col">{t(K::RosterColGeneration)}</th>
                        {units.into_iter().map(|(_, title)| view! {
                            <th scope="col">{move || title.get(locale.get()).to_string()}</th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {board.rows.into_iter().map(|row| view! {
                        <tr>
                            <th scope="row">{row.name}</th>
                            <td><span class=format!("badge gen-{}", row.generation)>{row.generation_label}</span></td>
                            {row.cells.into_iter().map(|cell| view! { <td>{cell_text(cell)}</td> }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <p>{move || fill(K::ProgressCount.t(locale.get()), &[count.to_string()])}</p>
    }
}

fn cell_text(cell: ProgressCell) -> String {
    format!(
        "{}/{} · ✓{}/{}",
        cell.lessons_done, cell.lessons, cell.checks_right, cell.checks_answered
    )
}
