//! Decision analytics for one assignment, by generation: how often each option
//! was chosen, the most common paths, average scores and endings reached.
//! Pure: the caller gathers the attempts with each participant's generation.
use crate::scenarios::model::{Dimension, Scores};
use std::collections::BTreeMap;

/// One attempt as analytics needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct AttemptRecord {
    pub generation: String,
    /// The chosen option at each choice node, in order (`node`, `option`).
    pub choices: Vec<(String, String)>,
    /// Set when the attempt reached an ending.
    pub outcome: Option<(String, Scores)>,
}

/// Counts per generation code.
pub type ByGeneration = BTreeMap<String, u32>;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// `(node, option)` → how often it was chosen, per generation.
    pub choices: BTreeMap<(String, String), ByGeneration>,
    /// Finished attempts' paths (the options chosen, then the ending), most common first.
    pub paths: Vec<(Vec<String>, u32)>,
    /// Per generation: finished attempts and the mean score per dimension.
    pub averages: BTreeMap<String, (u32, [f64; 4])>,
    /// Ending → how often it was reached, per generation.
    pub endings: BTreeMap<String, ByGeneration>,
    pub attempts: u32,
    pub finished: u32,
}

pub const TOP_PATHS: usize = 5;

pub fn summarise(records: &[AttemptRecord]) -> Summary {
    let mut s = Summary {
        attempts: records.len() as u32,
        ..Summary::default()
    };
    let mut paths: BTreeMap<Vec<String>, u32> = BTreeMap::new();
    let mut sums: BTreeMap<String, (u32, [i64; 4])> = BTreeMap::new();
    for r in records {
        for (node, option) in &r.choices {
            *s.choices
                .entry((node.clone(), option.clone()))
                .or_default()
                .entry(r.generation.clone())
                .or_default() += 1;
        }
        let Some((ending, scores)) = &r.outcome else {
            continue;
        };
        s.finished += 1;
        let mut path: Vec<String> = r.choices.iter().map(|(n, o)| format!("{n}:{o}")).collect();
        path.push(ending.clone());
        *paths.entry(path).or_default() += 1;
        *s.endings
            .entry(ending.clone())
            .or_default()
            .entry(r.generation.clone())
            .or_default() += 1;
        let entry = sums.entry(r.generation.clone()).or_default();
        entry.0 += 1;
        for d in Dimension::ALL {
            entry.1[d as usize] += i64::from(scores.get(d));
        }
    }
    s.averages = sums
        .into_iter()
        .map(|(g, (n, total))| (g, (n, total.map(|t| t as f64 / f64::from(n)))))
        .collect();
    let mut ranked: Vec<(Vec<String>, u32)> = paths.into_iter().collect();
    // Most common first; equal counts in path order, so the result is stable.
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ranked.truncate(TOP_PATHS);
    s.paths = ranked;
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(
        generation: &str,
        choices: &[(&str, &str)],
        outcome: Option<(&str, [i32; 4])>,
    ) -> AttemptRecord {
        AttemptRecord {
            generation: generation.into(),
            choices: choices
                .iter()
                .map(|(n, o)| (n.to_string(), o.to_string()))
                .collect(),
            outcome: outcome.map(|(e, s)| (e.to_string(), Scores(s))),
        }
    }

    #[test]
    fn choices_paths_averages_and_endings_by_generation() {
        let records = [
            record(
                "boomer",
                &[("a", "x"), ("b", "y")],
                Some(("end-good", [2, 2, 0, 1])),
            ),
            record("z", &[("a", "x"), ("b", "y")], Some(("end-good", [1, 3, 1, 0]))),
            record("z", &[("a", "w")], Some(("end-bad", [-1, -2, 0, 0]))),
            record("z", &[("a", "x")], None),
        ];
        let s = summarise(&records);
        assert_eq!((s.attempts, s.finished), (4, 3));
        let ax = &s.choices[&("a".to_string(), "x".to_string())];
        assert_eq!((ax["boomer"], ax["z"]), (1, 2));
        assert_eq!(
            s.paths[0],
            (vec!["a:x".into(), "b:y".into(), "end-good".into()], 2)
        );
        assert_eq!(s.paths[1].1, 1);
        let (n, avg) = s.averages["z"];
        assert_eq!(n, 2);
        assert_eq!(avg, [0.0, 0.5, 0.5, 0.0]);
        assert_eq!(s.endings["end-bad"]["z"], 1);
        assert!(!s.averages.contains_key("y"));
    }

    #[test]
    fn nothing_played_gives_an_empty_summary() {
        assert_eq!(summarise(&[]), Summary::default());
    }
}
