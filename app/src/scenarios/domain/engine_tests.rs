use super::*;
use crate::scenarios::domain::fixture::sample;
use proptest::prelude::*;

fn step(node: &str, answer: Answer) -> Step {
    Step {
        node: node.into(),
        answer,
    }
}

fn choose(node: &str, key: &str) -> Step {
    step(node, Answer::Choose(key.into()))
}

#[test]
fn a_respectful_choice_takes_the_conditional_branch_to_the_good_ending() {
    let s = sample();
    let state = replay(&s, &[step("awal", Answer::Continue), choose("pilih", "dengar")]).unwrap();
    assert_eq!(state.at, "akhir-baik");
    assert!(state.finished);
    assert_eq!(state.scores, Scores([1, 2, 0, 1]));
    assert_eq!(progress_percent(&s, &state), 100);
}

#[test]
fn a_blunt_choice_goes_through_the_reflection_by_default() {
    let s = sample();
    let steps = [step("awal", Answer::Continue), choose("pilih", "tegas")];
    let state = replay(&s, &steps).unwrap();
    assert_eq!((state.at.as_str(), state.finished), ("catatan", false));
    assert_eq!(state.scores.total(), -1);
    assert_eq!(progress_percent(&s, &state), 66);
    let done = apply(
        &s,
        &state,
        &step("catatan", Answer::Reflect("Saya terlalu cepat.".into())),
    )
    .unwrap();
    assert_eq!(
        (done.at.as_str(), done.finished, done.steps),
        ("akhir-biasa", true, 3)
    );
}

#[test]
fn steps_that_do_not_fit_the_node_on_screen_are_refused() {
    let s = sample();
    let at_start = start(&s).unwrap();
    assert_eq!(
        apply(&s, &at_start, &choose("pilih", "dengar")),
        Err(StepError::NotHere)
    );
    assert_eq!(
        apply(&s, &at_start, &choose("awal", "dengar")),
        Err(StepError::WrongAnswer)
    );
    let at_choice = apply(&s, &at_start, &step("awal", Answer::Continue)).unwrap();
    assert_eq!(
        apply(&s, &at_choice, &choose("pilih", "diam")),
        Err(StepError::UnknownOption)
    );
    let at_reflection = apply(&s, &at_choice, &choose("pilih", "tegas")).unwrap();
    let blank = step("catatan", Answer::Reflect("  \n".into()));
    assert_eq!(apply(&s, &at_reflection, &blank), Err(StepError::EmptyReflection));
    let long = step("catatan", Answer::Reflect("a".repeat(MAX_REFLECTION_CHARS + 1)));
    assert_eq!(
        apply(&s, &at_reflection, &long),
        Err(StepError::ReflectionTooLong)
    );
    let ended = apply(&s, &at_choice, &choose("pilih", "dengar")).unwrap();
    assert_eq!(
        apply(&s, &ended, &step("akhir-baik", Answer::Continue)),
        Err(StepError::Finished)
    );
}

/// A valid answer at `node`, picked by `pick`.
fn answer_at(s: &Scenario, node: &str, pick: usize) -> Answer {
    match &s.node(node).unwrap().kind {
        NodeKind::Choice { options, .. } => Answer::Choose(options[pick % options.len()].key.clone()),
        NodeKind::Reflection { .. } => Answer::Reflect(format!("refleksi {pick}")),
        _ => Answer::Continue,
    }
}

proptest! {
    /// Resuming is replaying: the state reached step by step equals the one
    /// rebuilt from the saved steps, at every point of any play-through.
    #[test]
    fn replaying_saved_steps_resumes_exactly(picks in proptest::collection::vec(0usize..8, 0..6)) {
        let s = sample();
        let mut state = start(&s).unwrap();
        let mut saved = Vec::new();
        for pick in picks {
            if state.finished { break; }
            let next = step(&state.at, answer_at(&s, &state.at, pick));
            state = apply(&s, &state, &next).unwrap();
            saved.push(next);
            prop_assert_eq!(&replay(&s, &saved).unwrap(), &state);
            prop_assert!(progress_percent(&s, &state) <= 100);
        }
    }
}
