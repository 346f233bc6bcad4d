use super::*;
use crate::scenarios::domain::fixture::{self, sample};

fn codes(s: &Scenario) -> Vec<(Option<String>, String)> {
    check(s).into_iter().map(|p| (p.node, p.code)).collect()
}

fn at(node: &str, code: &str) -> (Option<String>, String) {
    (Some(node.into()), code.into())
}

#[test]
fn the_sample_may_be_published() {
    assert_eq!(check(&sample()), vec![]);
}

#[test]
fn a_closed_loop_is_a_trap_named_at_its_nodes() {
    let mut s = sample();
    s.nodes[2].kind = NodeKind::Reflection {
        prompt: s.nodes[2].kind.clone().prompt_for_test(),
        next: Next::to("pilih-lagi"),
    };
    s.nodes.push(fixture::node(
        "pilih-lagi",
        NodeKind::Situation {
            text: Bilingual::new("a", "b"),
            characters: vec![],
            next: Next::to("catatan"),
        },
    ));
    let found = codes(&s);
    assert!(found.contains(&at("catatan", "trap")), "{found:?}");
    assert!(found.contains(&at("pilih-lagi", "trap")), "{found:?}");
    assert!(found.contains(&at("akhir-biasa", "unreachable")), "{found:?}");
}

#[test]
fn a_conditional_branch_to_a_missing_node_is_dangling() {
    let mut s = sample();
    if let NodeKind::Choice { options, .. } = &mut s.nodes[1].kind {
        options[0].next.when[0].next = "tidak-ada".into();
    }
    let problems = check(&s);
    assert!(
        problems.contains(&Problem::at("pilih", "dangling", "tidak-ada")),
        "{problems:?}"
    );
}

#[test]
fn option_count_effects_languages_and_lengths_are_checked() {
    let mut s = sample();
    if let NodeKind::Choice { options, .. } = &mut s.nodes[1].kind {
        options.truncate(1);
        options[0].effect = Scores([4, 0, 0, 0]);
        options[0].feedback.en = " ".into();
        options[0].text.id = "x".repeat(201);
    }
    let found = codes(&s);
    for code in [
        "option_count",
        "effect_range",
        "missing_translation",
        "text_too_long",
    ] {
        assert!(found.contains(&at("pilih", code)), "{code}: {found:?}");
    }
}

#[test]
fn duplicate_option_keys_bad_ids_and_unknown_generations_are_named() {
    let mut s = sample();
    if let NodeKind::Choice { options, .. } = &mut s.nodes[1].kind {
        options[1].key = "dengar".into();
    }
    if let NodeKind::Situation { characters, .. } = &mut s.nodes[0].kind {
        characters[0].generation = "milenial".into();
    }
    s.nodes[3].id = "Akhir Baik".into();
    let found = codes(&s);
    assert!(found.contains(&at("pilih", "duplicate_option")), "{found:?}");
    assert!(found.contains(&at("awal", "character_generation")), "{found:?}");
    assert!(found.contains(&at("Akhir Baik", "bad_key")), "{found:?}");
}

#[test]
fn a_scenario_without_endings_or_start_is_refused_as_a_whole() {
    let mut s = sample();
    s.nodes.retain(|n| !matches!(n.kind, NodeKind::Ending { .. }));
    s.start = "hilang".into();
    let found = codes(&s);
    assert!(found.contains(&(None, "no_ending".into())), "{found:?}");
    assert!(found.contains(&(None, "missing_start".into())), "{found:?}");
}

impl NodeKind {
    fn prompt_for_test(self) -> Bilingual {
        match self {
            NodeKind::Reflection { prompt, .. } => prompt,
            _ => Bilingual::new("p", "p"),
        }
    }
}
