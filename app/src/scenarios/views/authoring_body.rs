//! The authoring pages, rendered on the server: the scenario list with import,
//! and the editor (map, problems beside their nodes, node sources, publish).
use super::graph_svg::scenario_graph;
use super::text::{locale, problem_text, tr, tx};
use crate::i18n::{fill, P};
use crate::scenarios::authoring_api::{
    AddScenarioNode, DeleteScenarioNode, ImportScenario, PublishScenario, SaveScenarioNode,
};
use crate::scenarios::domain::format::{header_source, node_source};
use crate::scenarios::domain::rules::{self, Problem};
use crate::scenarios::model::{Authored, Node};
use crate::ui::{form_action, slot_action, use_csrf, CsrfField, ErrorSlot, SlotField};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use std::collections::HashSet;

fn status(published: i32, problems: usize) -> String {
    let mut text = match published {
        0 => tr(P::StatusDraft).to_string(),
        n => fill(tr(P::StatusPublished), &[n.to_string()]),
    };
    if problems > 0 {
        text = format!("{text} · {}", fill(tr(P::ProblemsCount), &[problems.to_string()]));
    }
    text
}

pub fn scenarios_body(all: Vec<Authored>) -> impl IntoView {
    view! {
        <header class="page-head">
            <h1>{tr(P::ScenariosTitle)}</h1>
            <p>{tr(P::AuthoringIntro)}</p>
        </header>
        <div class="table-wrap" tabindex="0">
            <table>
                <thead><tr>
                    <th scope="col">{tr(P::AssignScenario)}</th>
                    <th scope="col">{tr(P::NodesCol)}</th>
                    <th scope="col">{tr(P::StatusCol)}</th>
                    <th scope="col"></th>
                </tr></thead>
                <tbody>
                    {all.into_iter().map(|Authored { key, published, draft }| {
                        let problems = rules::check(&draft).len();
                        let status = status(published, problems);
                        let edit = format!("/scenarios/{key}");
                        let export = format!("/scenarios/{key}/export.toml");
                        view! {
                            <tr>
                                <th scope="row"><a href=edit.clone()>{tx(&draft.title).to_string()}</a><br /><code>{key}</code></th>
                                <td>{draft.nodes.len()}</td>
                                <td>{status}</td>
                                <td><a href=edit>{tr(P::Edit)}</a>" · "<a href=export download="">{tr(P::Export)}</a></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {import_form()}
    }
}

/// A plain multipart form (also with JavaScript on); refused files come back
/// with every problem and its line.
fn import_form() -> impl IntoView {
    let error = form_action::<ImportScenario>()
        .value()
        .get_untracked()
        .and_then(|r| r.err());
    let problems = error.map(|e| e.located_messages(locale()));
    let csrf = use_csrf().get_untracked();
    view! {
        <section class="panel">
            <h2>{tr(P::ScenarioImportTitle)}</h2>
            <p class="hint">{tr(P::ScenarioImportHelp)}</p>
            {problems.map(|list| view! {
                <ul class="alert alert-error" role="alert">{list.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
            })}
            <form method="post" action=ImportScenario::url() enctype="multipart/form-data" class="stack">
                <input type="hidden" name="csrf" value=csrf />
                <label for="scenario-file">{tr(P::ScenarioImportFile)}</label>
                <input id="scenario-file" name="file" type="file" accept=".toml" required />
                <button type="submit" class="button primary">{tr(P::ImportSubmit)}</button>
            </form>
        </section>
    }
}

pub fn editor_body(scenario: Authored) -> impl IntoView {
    let Authored {
        key,
        published,
        draft,
    } = scenario;
    let problems = rules::check(&draft);
    let flagged: HashSet<String> = problems.iter().filter_map(|p| p.node.clone()).collect();
    let graph = scenario_graph(&draft, &flagged);
    let whole: Vec<String> = problems
        .iter()
        .filter(|p| p.node.is_none() || draft.node(p.node.as_deref().unwrap_or_default()).is_none())
        .map(text_of)
        .collect();
    let status = status(published, problems.len());
    let export = format!("/scenarios/{key}/export.toml");
    view! {
        <p class="muted"><a href="/scenarios">{tr(P::BackToScenarios)}</a></p>
        <header class="page-head">
            <h1>{tx(&draft.title).to_string()}</h1>
            <p><code>{key.clone()}</code>" · "{status}</p>
            <p><a class="button" href=export download="">{tr(P::Export)}</a></p>
        </header>
        <section class="panel" aria-labelledby="problems-title">
            <h2 id="problems-title">{tr(P::ProblemsTitle)}</h2>
            {if problems.is_empty() {
                view! { <p class="notice">{tr(P::NoProblems)}</p> }.into_any()
            } else {
                view! { <ul class="problems">{whole.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul> }.into_any()
            }}
            <p class="hint">{tr(P::PublishHelp)}</p>
            <form method="post" action=PublishScenario::url() data-error-slot="publish-error">
                <CsrfField />
                <crate::ui::SlotInput id="publish-error" />
                <input type="hidden" name="key" value=key.clone() />
                <button type="submit" class="button primary">{tr(P::Publish)}</button>
            </form>
            <ErrorSlot id="publish-error".into() action={form_action::<PublishScenario>()} />
        </section>
        <section aria-labelledby="graph-title">
            <h2 id="graph-title">{tr(P::GraphTitle)}</h2>
            <p class="hint">{tr(P::GraphLegend)}</p>
            <div class="graph-wrap" tabindex="0" role="region" aria-labelledby="graph-title" inner_html=graph></div>
        </section>
        <section aria-labelledby="header-title">
            <h2 id="header-title">{tr(P::HeaderSource)}</h2>
            {source_form(&key, "", header_source(&draft), "scenario-head")}
        </section>
        <section aria-labelledby="nodes-title">
            <h2 id="nodes-title">{tr(P::NodeList)}</h2>
            <ol class="node-list">
                {draft.nodes.iter().map(|n| node_card(&key, n, &problems)).collect_view()}
            </ol>
            {add_node_form(&key)}
        </section>
    }
}

fn text_of(p: &Problem) -> String {
    problem_text(&p.code, &p.detail, locale())
}

fn node_card(key: &str, node: &Node, problems: &[Problem]) -> impl IntoView {
    let mine: Vec<String> = problems
        .iter()
        .filter(|p| p.node.as_deref() == Some(node.id.as_str()))
        .map(text_of)
        .collect();
    let bad = !mine.is_empty();
    let slot = format!("node-{}", node.id);
    let delete_slot = format!("delete-{}", node.id);
    view! {
        <li class=format!("node-card node-{}{}", node.kind.type_name(), if bad { " flagged" } else { "" }) id=format!("card-{}", node.id)>
            <h3><code>{node.id.clone()}</code>" "<span class="badge">{tr(type_label(node.kind.type_name()))}</span></h3>
            {bad.then(|| view! { <ul class="problems" role="alert">{mine.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul> })}
            <details open=bad>
                <summary>{tr(P::NodeSource)}</summary>
                {source_form(key, &node.id, node_source(node), &slot)}
                // Asks first: a deleted node cannot be brought back.
                <details class="confirm">
                    <summary class="button danger">{tr(P::DeleteNodeAsk)}</summary>
                    <div class="confirm-body">
                        <p>{fill(tr(P::DeleteNodeWhat), std::slice::from_ref(&node.id))}</p>
                        <form method="post" action=DeleteScenarioNode::url() data-error-slot=delete_slot.clone()>
                            <CsrfField />
                            <SlotField id=delete_slot.clone() />
                            <input type="hidden" name="key" value=key.to_string() />
                            <input type="hidden" name="node" value=node.id.clone() />
                            <button type="submit" class="button danger">{fill(tr(P::DeleteNodeConfirm), std::slice::from_ref(&node.id))}</button>
                        </form>
                    </div>
                </details>
                <ErrorSlot id=delete_slot.clone() action={slot_action::<DeleteScenarioNode>(&delete_slot)} />
            </details>
        </li>
    }
}

fn type_label(kind: &str) -> P {
    match kind {
        "situation" => P::TypeSituation,
        "choice" => P::TypeChoice,
        "reflection" => P::TypeReflection,
        _ => P::TypeEnding,
    }
}

fn source_form(key: &str, node: &str, source: String, slot: &str) -> impl IntoView {
    let area = format!("{slot}-source");
    let rows = (source.lines().count() + 1).clamp(4, 30);
    view! {
        <form method="post" action=SaveScenarioNode::url() class="stack" data-error-slot=slot.to_string()>
            <CsrfField />
            <SlotField id=slot.to_string() />
            <input type="hidden" name="key" value=key.to_string() />
            <input type="hidden" name="node" value=node.to_string() />
            <label for=area.clone() class="sr-only">{tr(P::NodeSource)}</label>
            <textarea id=area name="source" rows=rows class="source" spellcheck="false">{crate::ui::textarea_text(source)}</textarea>
            <button type="submit" class="button">{tr(if node.is_empty() { P::SaveHeader } else { P::SaveNode })}</button>
        </form>
        <ErrorSlot id=slot.to_string() action={slot_action::<SaveScenarioNode>(slot)} />
    }
}

fn add_node_form(key: &str) -> impl IntoView {
    let slot = "add-node";
    view! {
        <form method="post" action=AddScenarioNode::url() class="inline-form" data-error-slot=slot>
            <h3>{tr(P::AddNode)}</h3>
            <CsrfField />
            <SlotField id=slot.to_string() />
            <input type="hidden" name="key" value=key.to_string() />
            <label for="new-node-id">{tr(P::NodeId)}</label>
            <input id="new-node-id" name="id" required maxlength="60" pattern="[a-z0-9-]+" />
            <label for="new-node-kind">{tr(P::NodeType)}</label>
            <select id="new-node-kind" name="kind">
                {["situation", "choice", "reflection", "ending"].into_iter().map(|k| view! {
                    <option value=k>{tr(type_label(k))}</option>
                }).collect_view()}
            </select>
            <button type="submit" class="button">{tr(P::AddNode)}</button>
        </form>
        <ErrorSlot id=slot.to_string() action={slot_action::<AddScenarioNode>(slot)} />
    }
}
