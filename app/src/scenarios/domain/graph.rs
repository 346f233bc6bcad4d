//! The shape checks for a scenario's graph: every node reachable from the
//! start, no dangling reference, every node with a way out, and an ending
//! reachable from every node, so loops are allowed only when they can be left.
//! A scenario's nodes are projected onto `GraphNode` (id, whether it is an
//! ending, the targets of its options and edges, conditional or default), so
//! these checks do not depend on how texts or scores are stored.
use std::collections::{HashMap, HashSet, VecDeque};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphNode {
    pub id: String,
    pub ending: bool,
    /// Every node this one can lead to, in any branch.
    pub edges: Vec<String>,
}

/// A problem and the node it is about; each maps to a translated message.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum GraphProblem {
    /// The start node is not among the nodes.
    MissingStart(String),
    DuplicateId(String),
    /// `from` leads to `to`, which does not exist.
    Dangling {
        from: String,
        to: String,
    },
    Unreachable(String),
    /// Not an ending, and leads nowhere.
    NoWayOut(String),
    /// Has a way out, but no ending can be reached from it (a closed loop).
    Trap(String),
    /// An ending that still leads somewhere.
    EndingWithEdges(String),
}

impl GraphProblem {
    /// The node the problem is shown beside.
    pub fn node(&self) -> &str {
        match self {
            GraphProblem::MissingStart(id)
            | GraphProblem::DuplicateId(id)
            | GraphProblem::Unreachable(id)
            | GraphProblem::NoWayOut(id)
            | GraphProblem::Trap(id)
            | GraphProblem::EndingWithEdges(id) => id,
            GraphProblem::Dangling { from, .. } => from,
        }
    }
}

/// Every problem of the graph, sorted; empty when it may be published.
pub fn check(start: &str, nodes: &[GraphNode]) -> Vec<GraphProblem> {
    let mut problems = Vec::new();
    let mut by_id: HashMap<&str, &GraphNode> = HashMap::new();
    for node in nodes {
        if by_id.insert(node.id.as_str(), node).is_some() {
            problems.push(GraphProblem::DuplicateId(node.id.clone()));
        }
    }
    for node in nodes {
        for to in node.edges.iter().filter(|to| !by_id.contains_key(to.as_str())) {
            problems.push(GraphProblem::Dangling {
                from: node.id.clone(),
                to: to.clone(),
            });
        }
        if node.ending && !node.edges.is_empty() {
            problems.push(GraphProblem::EndingWithEdges(node.id.clone()));
        }
        if !node.ending && node.edges.is_empty() {
            problems.push(GraphProblem::NoWayOut(node.id.clone()));
        }
    }
    if !by_id.contains_key(start) {
        problems.push(GraphProblem::MissingStart(start.to_string()));
    } else {
        let reached = forward(start, &by_id);
        problems.extend(
            nodes
                .iter()
                .filter(|n| !reached.contains(n.id.as_str()))
                .map(|n| GraphProblem::Unreachable(n.id.clone())),
        );
    }
    let finishing = can_finish(nodes);
    problems.extend(
        nodes
            .iter()
            .filter(|n| !n.edges.is_empty() && !finishing.contains(n.id.as_str()))
            .map(|n| GraphProblem::Trap(n.id.clone())),
    );
    problems.sort();
    problems.dedup();
    problems
}

/// The nodes reachable from `start` (breadth first).
fn forward<'a>(start: &'a str, by_id: &HashMap<&'a str, &'a GraphNode>) -> HashSet<&'a str> {
    let mut seen = HashSet::from([start]);
    let mut queue = VecDeque::from([start]);
    while let Some(id) = queue.pop_front() {
        for to in by_id.get(id).map(|n| n.edges.as_slice()).unwrap_or_default() {
            if by_id.contains_key(to.as_str()) && seen.insert(to.as_str()) {
                queue.push_back(to.as_str());
            }
        }
    }
    seen
}

/// The nodes from which some ending can be reached: backwards from the endings.
fn can_finish(nodes: &[GraphNode]) -> HashSet<&str> {
    let mut into: HashMap<&str, Vec<&str>> = HashMap::new();
    for node in nodes {
        for to in &node.edges {
            into.entry(to.as_str()).or_default().push(node.id.as_str());
        }
    }
    let mut seen: HashSet<&str> = nodes.iter().filter(|n| n.ending).map(|n| n.id.as_str()).collect();
    let mut queue: VecDeque<&str> = seen.iter().copied().collect();
    while let Some(id) = queue.pop_front() {
        for from in into.get(id).into_iter().flatten() {
            if seen.insert(from) {
                queue.push_back(from);
            }
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn node(id: &str, ending: bool, edges: &[&str]) -> GraphNode {
        GraphNode {
            id: id.into(),
            ending,
            edges: edges.iter().map(|e| e.to_string()).collect(),
        }
    }

    #[test]
    fn a_sound_scenario_with_a_loop_that_can_be_left_passes() {
        let nodes = [
            node("mulai", false, &["pilih"]),
            node("pilih", false, &["ulang", "baik", "buruk"]),
            node("ulang", false, &["pilih"]),
            node("baik", true, &[]),
            node("buruk", true, &[]),
        ];
        assert_eq!(check("mulai", &nodes), vec![]);
    }

    #[test]
    fn each_problem_names_its_node() {
        let nodes = [
            node("mulai", false, &["a", "hilang"]),
            node("a", false, &["b"]),
            node("b", false, &["a"]),
            node("buntu", false, &[]),
            node("akhir", true, &["mulai"]),
            node("akhir", true, &[]),
        ];
        let found = check("mulai", &nodes);
        assert!(found.contains(&GraphProblem::Dangling {
            from: "mulai".into(),
            to: "hilang".into()
        }));
        assert!(found.contains(&GraphProblem::Trap("a".into())));
        assert!(found.contains(&GraphProblem::Trap("b".into())));
        assert!(found.contains(&GraphProblem::NoWayOut("buntu".into())));
        assert!(found.contains(&GraphProblem::Unreachable("buntu".into())));
        assert!(found.contains(&GraphProblem::DuplicateId("akhir".into())));
        assert!(found.contains(&GraphProblem::EndingWithEdges("akhir".into())));
        let alone = check("tidak-ada", &nodes[..1]);
        assert!(alone.contains(&GraphProblem::MissingStart("tidak-ada".into())));
        assert!(alone.contains(&GraphProblem::Dangling {
            from: "mulai".into(),
            to: "a".into()
        }));
        assert_eq!(GraphProblem::Trap("a".into()).node(), "a");
    }

    /// Random graphs of up to 12 nodes: some endings, random edges.
    fn graphs() -> impl Strategy<Value = Vec<GraphNode>> {
        (2usize..12).prop_flat_map(|n| {
            let one = (any::<bool>(), prop::collection::vec(0..n, 0..4));
            prop::collection::vec(one, n).prop_map(|raw| {
                raw.into_iter()
                    .enumerate()
                    .map(|(i, (ending, edges))| GraphNode {
                        id: format!("n{i}"),
                        ending,
                        edges: if ending {
                            vec![]
                        } else {
                            edges.iter().map(|e| format!("n{e}")).collect()
                        },
                    })
                    .collect()
            })
        })
    }

    /// Independent of `check`: can every node reach an ending by some path?
    fn every_node_can_finish(nodes: &[GraphNode]) -> bool {
        nodes.iter().all(|start| {
            let mut seen = HashSet::from([start.id.clone()]);
            let mut stack = vec![start];
            while let Some(n) = stack.pop() {
                if n.ending {
                    return true;
                }
                for e in &n.edges {
                    if let Some(next) = nodes.iter().find(|m| &m.id == e) {
                        if seen.insert(next.id.clone()) {
                            stack.push(next);
                        }
                    }
                }
            }
            false
        })
    }

    /// Independent of `check`: the ids reachable from `start` by some path.
    fn reachable_from(start: &str, nodes: &[GraphNode]) -> HashSet<String> {
        let mut seen = HashSet::new();
        let mut stack = vec![start.to_string()];
        while let Some(id) = stack.pop() {
            let Some(n) = nodes.iter().find(|m| m.id == id) else {
                continue;
            };
            if seen.insert(id) {
                stack.extend(n.edges.iter().cloned());
            }
        }
        seen
    }

    proptest! {
        /// Exactly the nodes no path from the start reaches are reported unreachable.
        #[test]
        fn unreachable_nodes_are_found_exactly(nodes in graphs()) {
            let reached = reachable_from("n0", &nodes);
            let mut expected: Vec<String> = nodes.iter().map(|n| n.id.clone()).filter(|id| !reached.contains(id)).collect();
            let mut found: Vec<String> = check("n0", &nodes).into_iter().filter_map(|p| match p {
                GraphProblem::Unreachable(id) => Some(id),
                _ => None,
            }).collect();
            expected.sort();
            expected.dedup();
            found.sort();
            prop_assert_eq!(found, expected);
        }

        /// A graph that passes lets every participant finish, whatever they choose.
        #[test]
        fn a_passing_graph_has_no_trap(nodes in graphs()) {
            if check("n0", &nodes).is_empty() {
                prop_assert!(every_node_can_finish(&nodes));
            }
        }

        /// Traps are reported exactly when some node cannot finish.
        #[test]
        fn traps_are_found_exactly(nodes in graphs()) {
            let found = check("n0", &nodes);
            let stuck = found.iter().any(|p| matches!(p, GraphProblem::Trap(_) | GraphProblem::NoWayOut(_)));
            prop_assert_eq!(stuck, !every_node_can_finish(&nodes));
        }

        /// Giving every non-ending a way to a new ending removes every trap.
        #[test]
        fn an_exit_everywhere_removes_traps(mut nodes in graphs()) {
            for n in nodes.iter_mut().filter(|n| !n.ending) {
                n.edges.push("selesai".into());
            }
            nodes.push(GraphNode { id: "selesai".into(), ending: true, edges: vec![] });
            let found = check("n0", &nodes);
            prop_assert!(!found.iter().any(|p| matches!(p, GraphProblem::Trap(_) | GraphProblem::NoWayOut(_))));
        }
    }
}
