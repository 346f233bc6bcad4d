//! The analytics page, rendered on the server: at every choice node a table
//! and a bar chart of the options chosen per generation, the most common
//! paths, endings and average scores per generation, and the reflections.
use super::text::{dimension_name, locale, paragraphs, tr, tx};
use crate::i18n::{fill, fmt_decimal, P};
use crate::scenarios::analytics::{option_label, AnalyticsData};
use crate::scenarios::domain::analytics::ByGeneration;
use crate::scenarios::model::{Dimension, NodeKind};
use leptos::prelude::*;

pub fn analytics_body(data: AnalyticsData) -> impl IntoView {
    let csv = format!(
        "/classes/{}/scenarios/{}/decisions.csv",
        data.class_id, data.assignment_id
    );
    let back = format!("/classes/{}/scenarios", data.class_id);
    let label = |code: &str| data.scheme.label_of(code).unwrap_or(code).to_string();
    let gens: Vec<(String, String)> = data.generations.iter().map(|g| (g.clone(), label(g))).collect();
    let s = &data.summary;
    view! {
        <p class="muted"><a href=back>{tr(P::BackToScenarios)}</a></p>
        <h1>{fill(tr(P::AnalyticsTitle), &[tx(&data.scenario.title).to_string()])}</h1>
        <p class="muted">
            {fill(tr(P::AnalyticsScheme), std::slice::from_ref(&data.scheme.name))}" · "
            {fill(tr(P::AnalyticsAttempts), &[s.attempts.to_string(), s.finished.to_string()])}
        </p>
        <p><a class="button" href=csv download="">{tr(P::DownloadCsv)}</a></p>
        {crate::lms::status::grade_status_list(&data.lms, locale())}
        <h2>{tr(P::ChoiceDistribution)}</h2>
        {(s.attempts == 0).then(|| view! { <p class="notice">{tr(P::NoData)}</p> })}
        {choice_sections(&data, &gens)}
        <h2>{tr(P::CommonPaths)}</h2>
        <ol class="paths">
            {s.paths.iter().map(|(path, count)| view! {
                <li>{path_text(&data, path)}" — "{fill(tr(P::PathCount), &[count.to_string()])}</li>
            }).collect_view()}
        </ol>
        <h2>{tr(P::Endings)}</h2>
        {counts_table(
            s.endings.iter().map(|(e, by)| (ending_title(&data, e), by)).collect(),
            &gens,
        )}
        <h2>{tr(P::AverageScores)}</h2>
        {averages(&data, &gens)}
        <h2>{tr(P::ReflectionsTitle)}</h2>
        {data.reflections.iter().map(|(name, g, _, text)| view! {
            <blockquote><p class="muted">{name.clone()}" · "{label(g)}</p>{paragraphs(text)}</blockquote>
        }).collect_view()}
    }
}

fn choice_sections(data: &AnalyticsData, gens: &[(String, String)]) -> impl IntoView {
    data.scenario
        .nodes
        .iter()
        .filter_map(|n| match &n.kind {
            NodeKind::Choice { text, options } => Some((n.id.clone(), text, options)),
            _ => None,
        })
        .map(|(node, question, options)| {
            let empty = ByGeneration::new();
            let rows: Vec<(String, &ByGeneration)> = options
                .iter()
                .map(|o| {
                    let counts = data
                        .summary
                        .choices
                        .get(&(node.clone(), o.key.clone()))
                        .unwrap_or(&empty);
                    (option_label(&data.scenario, &node, &o.key, locale()), counts)
                })
                .collect();
            view! {
                <section class="choice-stats" id=format!("node-{node}")>
                    <h3>{tx(question).to_string()}</h3>
                    {counts_table(rows.clone(), gens)}
                    {super::graph_svg::bars(&rows, gens)}
                </section>
            }
        })
        .collect_view()
}

/// Rows of counts with a column per generation and a total.
fn counts_table(rows: Vec<(String, &ByGeneration)>, gens: &[(String, String)]) -> impl IntoView {
    view! {
        <div class="table-wrap" tabindex="0">
            <table>
                <thead><tr>
                    <th scope="col">{tr(P::OptionCol)}</th>
                    {gens.iter().map(|(_, l)| view! { <th scope="col">{l.clone()}</th> }).collect_view()}
                    <th scope="col">{tr(P::AllCol)}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|(label, by)| view! {
                        <tr>
                            <th scope="row">{label}</th>
                            {gens.iter().map(|(g, _)| view! { <td>{by.get(g).copied().unwrap_or(0)}</td> }).collect_view()}
                            <td>{by.values().sum::<u32>()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

fn averages(data: &AnalyticsData, gens: &[(String, String)]) -> impl IntoView {
    view! {
        <div class="table-wrap" tabindex="0">
            <table>
                <thead><tr>
                    <th scope="col">{tr(P::GenerationCol)}</th>
                    <th scope="col">{tr(P::FinishedCol)}</th>
                    {Dimension::ALL.into_iter().map(|d| view! { <th scope="col">{tr(dimension_name(d))}</th> }).collect_view()}
                </tr></thead>
                <tbody>
                    {gens.iter().filter_map(|(g, label)| {
                        let (n, avg) = data.summary.averages.get(g)?;
                        Some(view! {
                            <tr>
                                <th scope="row">{label.clone()}</th>
                                <td>{*n}</td>
                                {avg.iter().map(|v| view! { <td>{fmt_decimal(*v, 2, locale())}</td> }).collect_view()}
                            </tr>
                        })
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

fn ending_title(data: &AnalyticsData, id: &str) -> String {
    match data.scenario.node(id).map(|n| &n.kind) {
        Some(NodeKind::Ending { title, .. }) => tx(title).to_string(),
        _ => id.to_string(),
    }
}

/// A path as the options chosen, then the ending reached.
fn path_text(data: &AnalyticsData, path: &[String]) -> String {
    path.iter()
        .map(|step| match step.split_once(':') {
            Some((node, option)) => option_label(&data.scenario, node, option, locale()),
            None => format!("[{}]", ending_title(data, step)),
        })
        .collect::<Vec<_>>()
        .join(" → ")
}
