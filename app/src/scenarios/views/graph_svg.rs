//! SVG drawn on the server: the scenario map for authors and the bar charts of
//! the analytics page. Plain SVG text (no script, no inline style, so the CSP
//! allows it), with every label escaped.
use crate::scenarios::domain::analytics::ByGeneration;
use crate::scenarios::domain::rules::targets;
use crate::scenarios::model::{NodeKind, Scenario};
use leptos::prelude::*;
use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt::Write;

fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(max - 1).collect::<String>())
    }
}

const NODE_W: i32 = 150;
const NODE_H: i32 = 40;
const GAP_X: i32 = 20;
const LAYER_H: i32 = 80;

/// Layers by distance from the start; nodes the start cannot reach go last.
fn layers(s: &Scenario) -> Vec<Vec<&str>> {
    let mut depth: HashMap<&str, usize> = HashMap::new();
    let mut queue = VecDeque::new();
    if s.node(&s.start).is_some() {
        depth.insert(s.start.as_str(), 0);
        queue.push_back(s.start.as_str());
    }
    while let Some(id) = queue.pop_front() {
        let d = depth[id];
        for to in s
            .node(id)
            .map(|n| targets(&n.kind).collect::<Vec<_>>())
            .unwrap_or_default()
        {
            if s.node(to).is_some() && !depth.contains_key(to) {
                depth.insert(to, d + 1);
                queue.push_back(to);
            }
        }
    }
    let deepest = depth.values().copied().max().map_or(0, |d| d + 1);
    let mut out = vec![Vec::new(); deepest + 1];
    for n in &s.nodes {
        out[depth.get(n.id.as_str()).copied().unwrap_or(deepest)].push(n.id.as_str());
    }
    out.retain(|l| !l.is_empty());
    out
}

/// The scenario as a layered map; `flagged` nodes (unreachable, traps, other
/// problems) get a thick red outline.
pub fn scenario_graph(s: &Scenario, flagged: &HashSet<String>) -> String {
    let layers = layers(s);
    let widest = layers.iter().map(Vec::len).max().unwrap_or(1) as i32;
    let width = widest * (NODE_W + GAP_X) + GAP_X;
    let height = layers.len() as i32 * LAYER_H + GAP_X;
    let mut at: HashMap<&str, (i32, i32)> = HashMap::new();
    for (row, layer) in layers.iter().enumerate() {
        let offset = (width - layer.len() as i32 * (NODE_W + GAP_X) + GAP_X) / 2;
        for (col, id) in layer.iter().enumerate() {
            at.insert(
                id,
                (
                    offset + col as i32 * (NODE_W + GAP_X),
                    GAP_X + row as i32 * LAYER_H,
                ),
            );
        }
    }
    let mut svg = format!(
        "<svg class=\"scenario-graph\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"graph-title\">\
         <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\">\
         <path d=\"M0,0 L10,5 L0,10 z\" fill=\"#64748b\"/></marker></defs>"
    );
    for n in &s.nodes {
        let Some(&(x, y)) = at.get(n.id.as_str()) else {
            continue;
        };
        for to in targets(&n.kind).collect::<HashSet<_>>() {
            let Some(&(tx, ty)) = at.get(to) else { continue };
            let (x1, y1, x2, y2) = (x + NODE_W / 2, y + NODE_H, tx + NODE_W / 2, ty);
            // Edges going back up (loops) curve out to the side, so they stay visible.
            let bend = if y2 <= y1 { NODE_W } else { 0 };
            let _ = write!(
                svg,
                "<path class=\"edge\" d=\"M{x1},{y1} C{},{} {},{} {x2},{y2}\" fill=\"none\" stroke=\"#64748b\" marker-end=\"url(#arrow)\"/>",
                x1 + bend, y1 + 30, x2 + bend, y2 - 30
            );
        }
    }
    for n in &s.nodes {
        let Some(&(x, y)) = at.get(n.id.as_str()) else {
            continue;
        };
        let kind = n.kind.type_name();
        let bad = flagged.contains(&n.id);
        let _ = write!(
            svg,
            "<g class=\"node node-{kind}{}\"><title>{}</title><rect x=\"{x}\" y=\"{y}\" width=\"{NODE_W}\" height=\"{NODE_H}\" rx=\"6\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\"/>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"12\">{}</text></g>",
            if bad { " flagged" } else { "" },
            esc(&n.id),
            fill_of(&n.kind),
            if bad { "#dc2626" } else { "#475569" },
            if bad { 4 } else { 1 },
            x + NODE_W / 2,
            y + NODE_H / 2 + 4,
            esc(&short(&n.id, 20)),
        );
    }
    svg.push_str("</svg>");
    svg
}

fn fill_of(kind: &NodeKind) -> &'static str {
    match kind {
        NodeKind::Situation { .. } => "#dbeafe",
        NodeKind::Choice { .. } => "#fef3c7",
        NodeKind::Reflection { .. } => "#dcfce7",
        NodeKind::Ending { .. } => "#ede9fe",
    }
}

/// Per option, a bar per generation: the share of that generation's choices
/// at this node that went to the option. Plain HTML, not a drawing: its text
/// keeps the page's size at 390 px and wraps, and each bar takes its
/// generation's colour from the one palette (`gen-{key}` in the stylesheet),
/// whatever order the generations come in.
pub fn bars(rows: &[(String, &ByGeneration)], gens: &[(String, String)]) -> Option<impl IntoView> {
    let totals: Vec<u32> = gens
        .iter()
        .map(|(g, _)| rows.iter().map(|(_, by)| by.get(g).copied().unwrap_or(0)).sum())
        .collect();
    // Nobody has chosen here yet: the table above says so, no empty chart.
    if totals.iter().all(|t| *t == 0) {
        return None;
    }
    let options = rows
        .iter()
        .map(|(label, by)| {
            let lines = gens
                .iter()
                .zip(&totals)
                .map(|((g, name), total)| {
                    let count = by.get(g).copied().unwrap_or(0);
                    let share = (count * 100).checked_div(*total).unwrap_or(0);
                    view! {
                        <li class="hbar">
                            <span class="hbar-label">{name.clone()}</span>
                            // A drawn bar, not a styled one: the page's CSP allows no inline style.
                            <svg class="hbar-track" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                                <rect class=format!("hbar-fill gen-{g}") width=share height="10" />
                            </svg>
                            <span class="hbar-value">{format!("{share} % ({count})")}</span>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <li>
                    <p class="hbar-option">{short(label, 120)}</p>
                    <ul class="hbars">{lines}</ul>
                </li>
            }
        })
        .collect_view();
    Some(view! { <div class="chart"><ol class="hbar-chart">{options}</ol></div> })
}
