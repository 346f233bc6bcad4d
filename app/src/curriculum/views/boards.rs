//! The facilitator's read-only curriculum pages (progress board, reflections),
//! rendered on the server only: see `ui::render_html`.
use crate::curriculum::view_model::{LessonReflections, ProgressBoard, ProgressCell};
use crate::i18n::{fill, K, P};
use crate::ui::{t, use_locale};
use leptos::prelude::*;

pub fn progress_body(board: ProgressBoard, selected: Option<String>) -> impl IntoView {
    let locale = use_locale();
    let class_id = board.class_id;
    let units = board.units.clone();
    let count = board.rows.len();
    view! {
        <header class="page-head">
            <p class="muted"><a href=format!("/classes/{class_id}")>{board.class_name.clone()}</a></p>
            <h1>{crate::ui::tp(P::ProgressTitle)}</h1>
        </header>
        // A plain GET form: filtering works the same with JavaScript off.
        <form method="get" class="inline-form filter">
            <label for="generation">{crate::ui::tp(P::ProgressFilter)}</label>
            <select id="generation" name="generation">
                <option value="">{crate::ui::tp(P::ProgressAllGenerations)}</option>
                {board.generations.iter().map(|(code, label)| {
                    let is_selected = selected.as_deref() == Some(code.as_str());
                    view! { <option value=code.clone() selected=is_selected>{label.clone()}</option> }
                }).collect_view()}
            </select>
            <button type="submit" class="button">{crate::ui::tp(P::ProgressApply)}</button>
        </form>
        <p class="hint">{crate::ui::tp(P::ProgressLegend)}</p>
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
        <p>{move || fill(P::ProgressCount.t(locale.get()), &[count.to_string()])}</p>
    }
}

fn cell_text(cell: ProgressCell) -> String {
    format!(
        "{}/{} · ✓{}/{}",
        cell.lessons_done, cell.lessons, cell.checks_right, cell.checks_answered
    )
}

pub fn reflections_body(data: LessonReflections) -> impl IntoView {
    let locale = use_locale();
    let class_id = data.class_id;
    let title = data.lesson_title.clone();
    let entries = data.entries;
    view! {
        <header class="page-head">
            <p class="muted"><a href=format!("/classes/{class_id}/progress")>{crate::ui::tp(P::ProgressTitle)}</a></p>
            <h1>{crate::ui::tp(P::ReflectionsTitle)}": "{move || title.get(locale.get()).to_string()}</h1>
        </header>
        {data.prompts.into_iter().map(|(key, prompt)| {
            let mine: Vec<_> = entries.iter().filter(|e| e.0 == key).cloned().collect();
            view! {
                <section class="card">
                    <h2>{move || prompt.get(locale.get()).to_string()}</h2>
                    {if mine.is_empty() {
                        view! { <p class="muted">{crate::ui::tp(P::ReflectionsNone)}</p> }.into_any()
                    } else {
                        mine.into_iter().map(|(_, name, generation, text)| view! {
                            <blockquote class="reflection-entry">
                                <p class="reflection-text">{text}</p>
                                <footer>{name}" · "{generation}</footer>
                            </blockquote>
                        }).collect_view().into_any()
                    }}
                </section>
            }
        }).collect_view()}
    }
}
