//! Predicate bands: a final result 0–100 gets the programme's predicate.
//! Bands are thresholds from the top down (a score belongs to the first
//! band it reaches), so they can have neither gaps nor overlaps; checking
//! makes sure the thresholds go down and the last band starts at 0.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Band {
    pub name: String,
    /// The band starts here …
    pub min: f64,
    /// … with the threshold itself (≥) or above it (>).
    pub inclusive: bool,
}

impl Band {
    fn reaches(&self, score: f64) -> bool {
        if self.inclusive {
            score >= self.min
        } else {
            score > self.min
        }
    }
}

/// LAN's defaults: Sangat Memuaskan above 90, Memuaskan above 80 to 90,
/// Cukup Memuaskan 70 to 80, Kurang Memuaskan below 70.
pub fn defaults() -> Vec<Band> {
    let band = |name: &str, min: f64, inclusive: bool| Band {
        name: name.into(),
        min,
        inclusive,
    };
    vec![
        band("Sangat Memuaskan", 90.0, false),
        band("Memuaskan", 80.0, false),
        band("Cukup Memuaskan", 70.0, true),
        band("Kurang Memuaskan", 0.0, true),
    ]
}

/// The predicate of `score` (clamped to 0–100).
pub fn predicate(bands: &[Band], score: f64) -> Option<&str> {
    let score = score.clamp(0.0, 100.0);
    bands.iter().find(|b| b.reaches(score)).map(|b| b.name.as_str())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BandProblem {
    TooFew,
    /// Band at this position has no name, or the name of an earlier band.
    Name(usize),
    /// Band at this position does not start below the band before it, or is outside 0–100.
    Threshold(usize),
    /// The last band must take everything down to 0.
    Bottom,
}

pub fn check(bands: &[Band]) -> Vec<BandProblem> {
    let mut problems = Vec::new();
    if bands.len() < 2 {
        problems.push(BandProblem::TooFew);
    }
    for (i, b) in bands.iter().enumerate() {
        let name = b.name.trim();
        if name.is_empty() || bands[..i].iter().any(|e| e.name.trim() == name) {
            problems.push(BandProblem::Name(i));
        }
        let descends = i == 0 || b.min < bands[i - 1].min;
        if !(0.0..100.0).contains(&b.min) || !descends {
            problems.push(BandProblem::Threshold(i));
        }
    }
    if bands.last().is_some_and(|b| b.min != 0.0 || !b.inclusive) {
        problems.push(BandProblem::Bottom);
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn default_bands_follow_lan() {
        let bands = defaults();
        assert!(check(&bands).is_empty());
        let at = |s: f64| predicate(&bands, s).unwrap();
        assert_eq!(at(100.0), "Sangat Memuaskan");
        assert_eq!(at(90.01), "Sangat Memuaskan");
        assert_eq!(at(90.0), "Memuaskan");
        assert_eq!(at(80.5), "Memuaskan");
        assert_eq!(at(80.0), "Cukup Memuaskan");
        assert_eq!(at(70.0), "Cukup Memuaskan");
        assert_eq!(at(69.99), "Kurang Memuaskan");
        assert_eq!(at(0.0), "Kurang Memuaskan");
    }

    #[test]
    fn gaps_overlaps_and_blank_names_are_refused() {
        let mut bands = defaults();
        bands[2].min = 85.0; // above the band before it
        bands[3].min = 10.0; // leaves 0–10 uncovered
        bands[1].name = " ".into();
        assert_eq!(
            check(&bands),
            vec![
                BandProblem::Name(1),
                BandProblem::Threshold(2),
                BandProblem::Bottom
            ]
        );
        assert_eq!(check(&bands[..1]), vec![BandProblem::TooFew, BandProblem::Bottom]);
    }

    proptest! {
        #[test]
        fn valid_bands_give_every_score_exactly_one_predicate(
            cuts in prop::collection::btree_set(1u32..100, 1..5),
            inclusive in prop::collection::vec(any::<bool>(), 5),
            score in 0.0f64..=100.0,
        ) {
            let mut bands: Vec<Band> = cuts.iter().rev().enumerate().map(|(i, c)| Band {
                name: format!("B{i}"), min: f64::from(*c), inclusive: inclusive[i],
            }).collect();
            bands.push(Band { name: "bawah".into(), min: 0.0, inclusive: true });
            prop_assert!(check(&bands).is_empty());
            let name = predicate(&bands, score).unwrap();
            let band = bands.iter().find(|b| b.name == name).unwrap();
            prop_assert!(band.reaches(score));
        }
    }
}
