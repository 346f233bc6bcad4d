//! A finished attempt as a grade out of 100 (what goes back to the LMS).
//!
//! The four dimension totals have no fixed scale (a longer scenario simply
//! adds up more), and on a graph with loops and conditional branches the best
//! and worst reachable totals are not even bounded. So the grade is taken
//! decision by decision instead: at every choice the participant made, how
//! close the chosen option's effect (summed over the dimensions) was to the
//! best option offered there, where the worst option counts 0 and the best 1.
//! The grade is the mean over those decisions, times 100. It needs no
//! knowledge of paths, cannot leave 0–100, and reads plainly to a trainer:
//! "on average, 75 % of the way from the weakest to the strongest answer".
use super::engine::{Answer, Step};
use crate::scenarios::model::{NodeKind, Scenario};

/// The grade of the decisions in `steps`, 0–100; `None` when no step was a
/// choice between options of different worth (nothing to grade but finishing).
pub fn decision_percent(s: &Scenario, steps: &[Step]) -> Option<f64> {
    let shares: Vec<f64> = steps.iter().filter_map(|step| share(s, step)).collect();
    if shares.is_empty() {
        return None;
    }
    Some(100.0 * shares.iter().sum::<f64>() / shares.len() as f64)
}

/// Where the chosen option sits between the worst (0) and best (1) option
/// of its node; `None` for anything but a choice whose options differ.
fn share(s: &Scenario, step: &Step) -> Option<f64> {
    let Answer::Choose(key) = &step.answer else {
        return None;
    };
    let NodeKind::Choice { options, .. } = &s.node(&step.node)?.kind else {
        return None;
    };
    let worth = |o: &crate::scenarios::model::ChoiceOption| o.effect.total();
    let best = options.iter().map(worth).max()?;
    let worst = options.iter().map(worth).min()?;
    let chosen = options.iter().find(|o| &o.key == key).map(worth)?;
    (best > worst).then(|| f64::from(chosen - worst) / f64::from(best - worst))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenarios::domain::fixture::{ending, node, option, sample};
    use crate::scenarios::model::{Band, Next, Scores};
    use proptest::prelude::*;

    fn choose(node: &str, key: &str) -> Step {
        Step {
            node: node.into(),
            answer: Answer::Choose(key.into()),
        }
    }

    fn cont(node: &str) -> Step {
        Step {
            node: node.into(),
            answer: Answer::Continue,
        }
    }

    #[test]
    fn the_best_option_is_100_and_the_worst_0() {
        let s = sample();
        assert_eq!(
            decision_percent(&s, &[cont("awal"), choose("pilih", "dengar")]),
            Some(100.0)
        );
        assert_eq!(
            decision_percent(&s, &[cont("awal"), choose("pilih", "tegas")]),
            Some(0.0)
        );
    }

    #[test]
    fn nothing_to_grade_without_a_choice() {
        assert_eq!(decision_percent(&sample(), &[cont("awal")]), None);
        assert_eq!(decision_percent(&sample(), &[]), None);
    }

    /// Three options worth 4, 1 and −2: the middle one is half way.
    fn three_way() -> crate::scenarios::model::Scenario {
        let mut s = sample();
        s.nodes.retain(|n| n.id != "pilih");
        s.nodes.push(node(
            "pilih",
            NodeKind::Choice {
                text: crate::scenarios::model::Bilingual::new("?", "?"),
                options: vec![
                    option("a", [1, 1, 1, 1], Next::to("pilih2")),
                    option("b", [1, 0, 0, 0], Next::to("pilih2")),
                    option("c", [0, -2, 0, 0], Next::to("pilih2")),
                ],
            },
        ));
        s.nodes.push(node(
            "pilih2",
            NodeKind::Choice {
                text: crate::scenarios::model::Bilingual::new("?", "?"),
                options: vec![
                    option("x", [2, 0, 0, 0], Next::to("akhir-baik")),
                    option("y", [0, 0, 0, 1], Next::to("akhir-baik")),
                    option("z", [0, 0, 0, 0], Next::to("akhir-baik")),
                ],
            },
        ));
        s.nodes.push(ending("akhir-lain", Band::NeedsPractice));
        s
    }

    #[test]
    fn each_decision_counts_the_same_and_partial_credit_is_linear() {
        let s = three_way();
        // b: (1 − (−2)) / (4 − (−2)) = 0.5; y: 1/2 = 0.5 → 50.
        let got = decision_percent(&s, &[choose("pilih", "b"), choose("pilih2", "y")]).unwrap();
        assert!((got - 50.0).abs() < 1e-9, "{got}");
        // a (1.0) then z (0.0) → 50; a then x → 100.
        assert_eq!(
            decision_percent(&s, &[choose("pilih", "a"), choose("pilih2", "z")]),
            Some(50.0)
        );
        assert_eq!(
            decision_percent(&s, &[choose("pilih", "a"), choose("pilih2", "x")]),
            Some(100.0)
        );
    }

    #[test]
    fn options_of_equal_worth_are_not_graded() {
        let mut s = sample();
        if let Some(NodeKind::Choice { options, .. }) =
            s.nodes.iter_mut().find(|n| n.id == "pilih").map(|n| &mut n.kind)
        {
            for o in options.iter_mut() {
                o.effect = Scores([1, 0, 0, 0]);
            }
        }
        assert_eq!(
            decision_percent(&s, &[cont("awal"), choose("pilih", "tegas")]),
            None
        );
    }

    #[test]
    fn an_unknown_node_or_option_is_ignored_not_guessed() {
        let s = sample();
        assert_eq!(decision_percent(&s, &[choose("nowhere", "dengar")]), None);
        assert_eq!(decision_percent(&s, &[choose("pilih", "nothing")]), None);
    }

    proptest! {
        /// Any sequence of decisions grades within 0–100, and choosing the
        /// best option everywhere gives exactly 100.
        #[test]
        fn the_grade_stays_within_bounds(picks in proptest::collection::vec((0usize..2, 0usize..3), 0..30)) {
            let s = three_way();
            let keys = [["a", "b", "c"], ["x", "y", "z"]];
            let nodes = ["pilih", "pilih2"];
            let steps: Vec<Step> = picks.iter().map(|(n, o)| choose(nodes[*n], keys[*n][*o])).collect();
            if let Some(p) = decision_percent(&s, &steps) {
                prop_assert!((0.0..=100.0).contains(&p));
            } else {
                prop_assert!(steps.is_empty());
            }
            let best: Vec<Step> = picks.iter().map(|(n, _)| choose(nodes[*n], keys[*n][0])).collect();
            if !best.is_empty() {
                prop_assert_eq!(decision_percent(&s, &best), Some(100.0));
            }
        }
    }
}
