//! Playing a scenario: where a participant is follows from the steps saved so
//! far, replayed from the start. Nothing else is stored, so a reload, another
//! device or a restarted server always resumes at the same node with the same
//! scores, and a step that does not fit where the player is gets refused.
use crate::scenarios::model::*;
use std::collections::{HashMap, VecDeque};

/// What the participant did at a node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Read a situation and went on.
    Continue,
    Choose(String),
    Reflect(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub node: String,
    pub answer: Answer,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlayState {
    /// The node on screen; an ending when the attempt is over.
    pub at: String,
    pub scores: Scores,
    pub steps: usize,
    pub finished: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepError {
    /// The attempt reached an ending already.
    Finished,
    /// The step is for another node than the one on screen (a stale page).
    NotHere,
    /// The answer does not fit the node (a choice for a situation, …).
    WrongAnswer,
    UnknownOption,
    EmptyReflection,
    ReflectionTooLong,
    /// A published scenario lost a node; cannot happen after `rules::check`.
    Broken,
    TooManySteps,
}

pub const MAX_REFLECTION_CHARS: usize = 4000;
/// Loops are allowed; this bounds one attempt that keeps going round.
pub const MAX_STEPS: usize = 400;

pub fn start(s: &Scenario) -> Result<PlayState, StepError> {
    let node = s.node(&s.start).ok_or(StepError::Broken)?;
    Ok(PlayState {
        at: node.id.clone(),
        scores: Scores::default(),
        steps: 0,
        finished: matches!(node.kind, NodeKind::Ending { .. }),
    })
}

/// The state after `step`, or why the step cannot be taken here.
pub fn apply(s: &Scenario, state: &PlayState, step: &Step) -> Result<PlayState, StepError> {
    if state.finished {
        return Err(StepError::Finished);
    }
    if step.node != state.at {
        return Err(StepError::NotHere);
    }
    if state.steps >= MAX_STEPS {
        return Err(StepError::TooManySteps);
    }
    let node = s.node(&state.at).ok_or(StepError::Broken)?;
    let mut scores = state.scores;
    let next = match (&node.kind, &step.answer) {
        (NodeKind::Situation { next, .. }, Answer::Continue) => next.resolve(&scores),
        (NodeKind::Reflection { next, .. }, Answer::Reflect(text)) => {
            reflection_problem(text)?;
            next.resolve(&scores)
        }
        (NodeKind::Choice { options, .. }, Answer::Choose(key)) => {
            let option = options
                .iter()
                .find(|o| &o.key == key)
                .ok_or(StepError::UnknownOption)?;
            scores.add(&option.effect);
            option.next.resolve(&scores)
        }
        _ => return Err(StepError::WrongAnswer),
    };
    let to = s.node(next).ok_or(StepError::Broken)?;
    Ok(PlayState {
        at: to.id.clone(),
        scores,
        steps: state.steps + 1,
        finished: matches!(to.kind, NodeKind::Ending { .. }),
    })
}

pub fn reflection_problem(text: &str) -> Result<(), StepError> {
    if text.trim().is_empty() {
        Err(StepError::EmptyReflection)
    } else if text.chars().count() > MAX_REFLECTION_CHARS {
        Err(StepError::ReflectionTooLong)
    } else {
        Ok(())
    }
}

/// The state after all `steps`, from the start.
pub fn replay(s: &Scenario, steps: &[Step]) -> Result<PlayState, StepError> {
    steps
        .iter()
        .try_fold(start(s)?, |state, step| apply(s, &state, step))
}

/// The fewest steps from `from` to any ending (for the progress indicator);
/// `None` when no ending can be reached.
pub fn steps_to_end(s: &Scenario, from: &str) -> Option<usize> {
    let by_id: HashMap<&str, &Node> = s.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let mut seen = HashMap::from([(from, 0usize)]);
    let mut queue = VecDeque::from([from]);
    while let Some(id) = queue.pop_front() {
        let node = by_id.get(id)?;
        let distance = seen[id];
        if matches!(node.kind, NodeKind::Ending { .. }) {
            return Some(distance);
        }
        for to in super::rules::targets(&node.kind) {
            if by_id.contains_key(to) && !seen.contains_key(to) {
                seen.insert(to, distance + 1);
                queue.push_back(to);
            }
        }
    }
    None
}

/// Progress as a percentage: steps taken against steps taken plus the
/// shortest way still to go (an honest estimate on a branching graph).
pub fn progress_percent(s: &Scenario, state: &PlayState) -> u32 {
    if state.finished {
        return 100;
    }
    let left = steps_to_end(s, &state.at).unwrap_or(1).max(1);
    (state.steps * 100 / (state.steps + left)) as u32
}

#[cfg(test)]
#[path = "engine_tests.rs"]
mod tests;
