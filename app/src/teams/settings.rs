//! How a facilitator asked for teams: by size or by count, and the weights
//! of the criteria (0–5 each). Kept with each team set as JSON.
use super::domain::score::Weights;
use super::domain::sizes::{by_count, team_sizes};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// True: `n` is the number of teams; false: the team size.
    pub by_count: bool,
    pub n: u32,
    /// generation mix, no isolation, unit spread, level balance, skill balance.
    pub weights: [u8; 5],
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            by_count: false,
            n: 5,
            weights: [3, 3, 2, 1, 1],
        }
    }
}

impl Settings {
    pub fn weights(&self) -> Weights {
        let w = self.weights.map(f64::from);
        Weights {
            generation_mix: w[0],
            no_isolation: w[1],
            unit_spread: w[2],
            level_balance: w[3],
            skill_balance: w[4],
        }
    }

    pub fn sizes(&self, people: usize) -> Vec<usize> {
        if self.by_count {
            by_count(people, self.n as usize)
        } else {
            team_sizes(people, self.n as usize)
        }
    }

    /// Whether the numbers are in range: sizes 2–12, counts 1–200, weights
    /// 0–5 and not all 0.
    pub fn valid(&self) -> bool {
        let n_ok = if self.by_count {
            (1..=200).contains(&self.n)
        } else {
            (2..=12).contains(&self.n)
        };
        n_ok && self.weights.iter().all(|w| *w <= 5) && self.weights.iter().any(|w| *w > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_follow_the_rule_and_bad_numbers_are_refused() {
        let s = Settings::default();
        assert!(s.valid());
        assert_eq!(s.sizes(30), vec![5; 6]);
        let by = Settings {
            by_count: true,
            n: 4,
            ..s
        };
        assert_eq!(by.sizes(30), vec![8, 8, 7, 7]);
        assert!(!Settings { n: 1, ..s }.valid());
        assert!(!Settings { weights: [0; 5], ..s }.valid());
        assert!(!Settings {
            weights: [6, 0, 0, 0, 0],
            ..s
        }
        .valid());
    }
}
