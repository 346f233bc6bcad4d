//! Everything a scenario must satisfy before it can be published: its graph
//! (see `graph`), option counts, score ranges, text limits and both languages.
//! Each problem names the node it is about, so the editor shows it there.
use super::graph::{self, GraphNode, GraphProblem};
use crate::curriculum::domain::rules::key_problem;
use crate::scenarios::model::*;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Problem {
    /// The node it is about; `None` for the scenario as a whole.
    pub node: Option<String>,
    /// A message code the UI translates (`ScenarioProblem` in i18n).
    pub code: String,
    /// The field, option or other node it concerns.
    pub detail: String,
}

impl Problem {
    fn at(node: &str, code: &str, detail: &str) -> Self {
        Problem {
            node: Some(node.to_string()),
            code: code.to_string(),
            detail: detail.to_string(),
        }
    }

    fn whole(code: &str, detail: &str) -> Self {
        Problem {
            node: None,
            code: code.to_string(),
            detail: detail.to_string(),
        }
    }
}

pub const OPTIONS: std::ops::RangeInclusive<usize> = 2..=4;
pub const EFFECT: std::ops::RangeInclusive<i32> = -3..=3;
pub const MINUTES: std::ops::RangeInclusive<u32> = 1..=120;
pub const MAX_CHARACTERS: usize = 6;
pub const MAX_NODES: usize = 200;

/// Longest text per field, in characters.
pub fn limit(field: &str) -> usize {
    match field {
        "situation" => 1500,
        "question" | "prompt" => 400,
        "option" => 200,
        "feedback" => 600,
        "ending" | "summary" => 800,
        _ => 120, // titles, names, roles
    }
}

/// Every problem, sorted and without repeats; empty means it may be published.
pub fn check(s: &Scenario) -> Vec<Problem> {
    let mut problems = Vec::new();
    whole(s, &mut problems);
    for node in &s.nodes {
        node_rules(node, &mut problems);
    }
    problems.extend(graph::check(&s.start, &graph_of(s)).into_iter().map(from_graph));
    problems.sort();
    problems.dedup();
    problems
}

pub fn graph_of(s: &Scenario) -> Vec<GraphNode> {
    s.nodes
        .iter()
        .map(|n| GraphNode {
            id: n.id.clone(),
            ending: matches!(n.kind, NodeKind::Ending { .. }),
            edges: targets(&n.kind).map(str::to_string).collect(),
        })
        .collect()
}

/// Every node `kind` can lead to, in any branch.
pub fn targets(kind: &NodeKind) -> Box<dyn Iterator<Item = &str> + '_> {
    match kind {
        NodeKind::Situation { next, .. } | NodeKind::Reflection { next, .. } => Box::new(next.targets()),
        NodeKind::Choice { options, .. } => Box::new(options.iter().flat_map(|o| o.next.targets())),
        NodeKind::Ending { .. } => Box::new(std::iter::empty()),
    }
}

fn whole(s: &Scenario, problems: &mut Vec<Problem>) {
    if key_problem(&s.key).is_some() {
        problems.push(Problem::whole("bad_key", &s.key));
    }
    if !MINUTES.contains(&s.minutes) {
        problems.push(Problem::whole("minutes", "minutes"));
    }
    text(&s.title, "title", problems, None);
    text(&s.summary, "summary", problems, None);
    if s.nodes.len() > MAX_NODES {
        problems.push(Problem::whole("too_many_nodes", &MAX_NODES.to_string()));
    }
    if !s.nodes.iter().any(|n| matches!(n.kind, NodeKind::Ending { .. })) {
        problems.push(Problem::whole("no_ending", ""));
    }
}

fn node_rules(node: &Node, problems: &mut Vec<Problem>) {
    let at = Some(node.id.as_str());
    if key_problem(&node.id).is_some() {
        problems.push(Problem::at(&node.id, "bad_key", &node.id));
    }
    match &node.kind {
        NodeKind::Situation {
            text: t, characters, ..
        } => {
            text(t, "situation", problems, at);
            if characters.len() > MAX_CHARACTERS {
                problems.push(Problem::at(
                    &node.id,
                    "too_many_characters",
                    &MAX_CHARACTERS.to_string(),
                ));
            }
            for c in characters {
                character(&node.id, c, problems);
            }
        }
        NodeKind::Choice { text: t, options } => {
            text(t, "question", problems, at);
            choice_options(&node.id, options, problems);
        }
        NodeKind::Reflection { prompt, .. } => text(prompt, "prompt", problems, at),
        NodeKind::Ending { title, text: t, .. } => {
            text(title, "title", problems, at);
            text(t, "ending", problems, at);
        }
    }
}

fn character(node: &str, c: &Character, problems: &mut Vec<Problem>) {
    if c.name.trim().is_empty() || c.name.chars().count() > limit("name") {
        problems.push(Problem::at(node, "character_name", &c.name));
    }
    if !["boomer", "x", "y", "z"].contains(&c.generation.as_str()) {
        problems.push(Problem::at(node, "character_generation", &c.generation));
    }
    text(&c.role, "role", problems, Some(node));
}

fn choice_options(node: &str, options: &[ChoiceOption], problems: &mut Vec<Problem>) {
    if !OPTIONS.contains(&options.len()) {
        problems.push(Problem::at(node, "option_count", &options.len().to_string()));
    }
    let mut keys = HashSet::new();
    for o in options {
        if key_problem(&o.key).is_some() {
            problems.push(Problem::at(node, "bad_key", &o.key));
        }
        if !keys.insert(o.key.as_str()) {
            problems.push(Problem::at(node, "duplicate_option", &o.key));
        }
        text(&o.text, "option", problems, Some(node));
        text(&o.feedback, "feedback", problems, Some(node));
        if o.effect.0.iter().any(|v| !EFFECT.contains(v)) {
            problems.push(Problem::at(node, "effect_range", &o.key));
        }
    }
}

fn text(t: &Bilingual, field: &str, problems: &mut Vec<Problem>, node: Option<&str>) {
    let code = if t.id.trim().is_empty() || t.en.trim().is_empty() {
        "missing_translation"
    } else if t.id.chars().count() > limit(field) || t.en.chars().count() > limit(field) {
        "text_too_long"
    } else {
        return;
    };
    problems.push(Problem {
        node: node.map(str::to_string),
        code: code.to_string(),
        detail: field.to_string(),
    });
}

fn from_graph(p: GraphProblem) -> Problem {
    let node = p.node().to_string();
    let (code, detail) = match p {
        GraphProblem::MissingStart(id) => return Problem::whole("missing_start", &id),
        GraphProblem::DuplicateId(_) => ("duplicate_node", String::new()),
        GraphProblem::Dangling { to, .. } => ("dangling", to),
        GraphProblem::Unreachable(_) => ("unreachable", String::new()),
        GraphProblem::NoWayOut(_) => ("no_way_out", String::new()),
        GraphProblem::Trap(_) => ("trap", String::new()),
        GraphProblem::EndingWithEdges(_) => ("ending_with_next", String::new()),
    };
    Problem::at(&node, code, &detail)
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
