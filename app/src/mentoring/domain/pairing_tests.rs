use super::*;
use proptest::prelude::*;

fn c(id: i64, generation: &str, unit: &str, skills: &[(&str, u8)], wants: &[&str]) -> Candidate {
    Candidate {
        id,
        generation: generation.into(),
        unit: unit.into(),
        skills: skills.iter().map(|(t, s)| (t.to_string(), *s)).collect(),
        wants: wants.iter().map(|w| w.to_string()).collect(),
    }
}

#[test]
fn the_optimal_pairing_beats_the_greedy_one_and_reasons_are_given() {
    // Greedy would pair the largest gap first (1 with 3: 4) and leave mentor 2
    // with nobody it out-rates; the optimum pairs both (3 + 3 = 6 > 4).
    let people = vec![
        c(1, "z", "a", &[("spreadsheet", 5), ("e-office", 5)], &[]),
        c(2, "y", "b", &[("spreadsheet", 4), ("e-office", 1)], &[]),
        c(3, "boomer", "c", &[("spreadsheet", 1)], &["spreadsheet"]),
        c(4, "x", "d", &[("e-office", 2)], &["e-office"]),
        c(5, "x", "a", &[("spreadsheet", 5)], &["spreadsheet"]),
        c(6, "alpha", "e", &[], &[]),
        c(7, "x", "b", &[("spreadsheet", 3)], &["spreadsheet"]),
    ];
    let p = propose(&people, false);
    let mut pairs = p.pairs.clone();
    pairs.sort();
    assert_eq!(pairs, vec![(1, 4, 3), (2, 3, 3)]);
    let reason = |id| p.unpaired.iter().find(|(i, _)| *i == id).map(|(_, r)| *r);
    assert_eq!(reason(5), Some(Unpaired::NoMentorRatesHigher));
    assert_eq!(reason(6), Some(Unpaired::NotMentoringGeneration));
    assert_eq!(reason(7), Some(Unpaired::MentorsTaken));
}

#[test]
fn the_same_unit_is_avoided_unless_allowed() {
    let people = vec![
        c(1, "z", "a", &[("video", 5)], &[]),
        c(2, "boomer", "a", &[("video", 1)], &["video"]),
    ];
    let apart = propose(&people, false);
    assert!(apart.pairs.is_empty());
    assert!(apart.unpaired.contains(&(2, Unpaired::OnlySameUnit)));
    assert_eq!(propose(&people, true).pairs, vec![(1, 2, 4)]);
}

/// Brute force over every matching, for small matrices.
fn best_total(w: &[Vec<u32>], row: usize, used: &mut Vec<bool>) -> u32 {
    if row == w.len() {
        return 0;
    }
    let mut best = best_total(w, row + 1, used); // this row unmatched
    for j in 0..used.len() {
        if !used[j] {
            used[j] = true;
            best = best.max(w[row][j] + best_total(w, row + 1, used));
            used[j] = false;
        }
    }
    best
}

proptest! {
    /// The assignment is a matching and its total equals the brute-force best.
    #[test]
    fn assignment_is_optimal(rows in 1usize..6, cols in 1usize..6, values in prop::collection::vec(0u32..10, 36)) {
        let w: Vec<Vec<u32>> = (0..rows).map(|i| (0..cols).map(|j| values[i * 6 + j]).collect()).collect();
        let got = max_weight_assignment(&w);
        let mut seen = std::collections::HashSet::new();
        let mut total = 0;
        for (i, j) in got.iter().enumerate() {
            if let Some(j) = j {
                prop_assert!(seen.insert(*j));
                total += w[i][*j];
            }
        }
        prop_assert_eq!(total, best_total(&w, 0, &mut vec![false; cols]));
    }
}

#[test]
fn unpaired_reasons_round_trip_through_their_codes() {
    for u in Unpaired::ALL {
        assert_eq!(Unpaired::from_code(u.code()), Some(u));
    }
    assert_eq!(Unpaired::from_code("nonsense"), None);
    assert_eq!(role_of("z"), Some(true));
    assert_eq!(role_of("x"), Some(false));
    assert_eq!(role_of("unknown"), None);
}
