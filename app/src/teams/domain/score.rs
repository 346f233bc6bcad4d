//! How good one team is, per criterion, each from 0 (worst) to 1 (best), and
//! weighted into one score. Scores compare a team with its class: a team that
//! mirrors the class's generation mix, isolates nobody, mixes units and
//! balances level and digital skill scores 1.

/// One participant as team formation sees them.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub id: i64,
    /// A generation code (boomer, x, y, z, …).
    pub generation: String,
    /// "l", "p", or empty when unknown.
    pub gender: String,
    pub unit: String,
    /// Jabatan level, higher is more senior.
    pub level: u8,
    /// Self-rated digital skill 1–5, if the survey was answered.
    pub skill: Option<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    pub generation_mix: f64,
    pub no_isolation: f64,
    pub unit_spread: f64,
    pub level_balance: f64,
    pub skill_balance: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            generation_mix: 3.0,
            no_isolation: 3.0,
            unit_spread: 2.0,
            level_balance: 1.0,
            skill_balance: 1.0,
        }
    }
}

/// A team's score per criterion, and the weighted whole.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct TeamScore {
    pub generation_mix: f64,
    pub no_isolation: f64,
    pub unit_spread: f64,
    pub level_balance: f64,
    pub skill_balance: f64,
    pub total: f64,
}

/// What a team is compared with: the class's shares and averages.
#[derive(Debug, Clone)]
pub struct ClassProfile {
    generations: Vec<(String, f64)>,
    level_mean: f64,
    level_range: f64,
    skill_mean: Option<f64>,
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

impl ClassProfile {
    pub fn of(people: &[Person]) -> Self {
        let mut generations: Vec<(String, f64)> = Vec::new();
        for p in people {
            match generations.iter_mut().find(|(g, _)| *g == p.generation) {
                Some(entry) => entry.1 += 1.0,
                None => generations.push((p.generation.clone(), 1.0)),
            }
        }
        for entry in &mut generations {
            entry.1 /= people.len().max(1) as f64;
        }
        let levels = people.iter().map(|p| f64::from(p.level));
        let (min, max) = levels
            .clone()
            .fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
        ClassProfile {
            generations,
            level_mean: mean(levels).unwrap_or(0.0),
            level_range: (max - min).max(1.0),
            skill_mean: mean(people.iter().filter_map(|p| p.skill).map(f64::from)),
        }
    }

    pub fn score(&self, team: &[&Person], w: &Weights) -> TeamScore {
        let mut s = TeamScore {
            generation_mix: self.generation_mix(team),
            no_isolation: no_isolation(team),
            unit_spread: unit_spread(team),
            level_balance: self.level_balance(team),
            skill_balance: self.skill_balance(team),
            total: 0.0,
        };
        let weight_sum =
            w.generation_mix + w.no_isolation + w.unit_spread + w.level_balance + w.skill_balance;
        s.total = if weight_sum > 0.0 {
            (w.generation_mix * s.generation_mix
                + w.no_isolation * s.no_isolation
                + w.unit_spread * s.unit_spread
                + w.level_balance * s.level_balance
                + w.skill_balance * s.skill_balance)
                / weight_sum
        } else {
            1.0
        };
        // "Never isolate" outranks the other criteria: an isolated member
        // costs the team far more than a less even mix would, so the search
        // only leaves someone alone when the class gives it no other way.
        if w.no_isolation > 0.0 {
            s.total *= 0.5 + 0.5 * s.no_isolation;
        }
        s
    }

    /// Half: how close the team's generation shares are to the class's (one
    /// minus the total variation distance); half: how many generations it has
    /// of as many as it could.
    fn generation_mix(&self, team: &[&Person]) -> f64 {
        if team.is_empty() {
            return 1.0;
        }
        let n = team.len() as f64;
        let share = |g: &str| team.iter().filter(|p| p.generation == g).count() as f64 / n;
        let distance: f64 = self
            .generations
            .iter()
            .map(|(g, class)| (share(g) - class).abs())
            .sum::<f64>()
            / 2.0;
        let present = self.generations.iter().filter(|(g, _)| share(g) > 0.0).count() as f64;
        let possible = self.generations.len().min(team.len()).max(1) as f64;
        0.5 * (1.0 - distance) + 0.5 * (present / possible)
    }

    fn level_balance(&self, team: &[&Person]) -> f64 {
        let team_mean = mean(team.iter().map(|p| f64::from(p.level))).unwrap_or(self.level_mean);
        1.0 - ((team_mean - self.level_mean).abs() / self.level_range).min(1.0)
    }

    fn skill_balance(&self, team: &[&Person]) -> f64 {
        let (Some(class), Some(mine)) = (
            self.skill_mean,
            mean(team.iter().filter_map(|p| p.skill).map(f64::from)),
        ) else {
            return 1.0;
        };
        1.0 - ((mine - class).abs() / 4.0).min(1.0)
    }
}

/// Share of members who are not the only one of their generation, nor the
/// only one of their gender, in the team (unknown gender is never counted).
pub fn no_isolation(team: &[&Person]) -> f64 {
    if team.len() < 2 {
        return 1.0;
    }
    let alone = |p: &Person| {
        let by_generation = team.iter().filter(|q| q.generation == p.generation).count() == 1;
        let by_gender = !p.gender.is_empty() && team.iter().filter(|q| q.gender == p.gender).count() == 1;
        by_generation || by_gender
    };
    let isolated = team.iter().filter(|p| alone(p)).count();
    1.0 - isolated as f64 / team.len() as f64
}

/// One minus the share of pairs of members from the same unit kerja.
pub fn unit_spread(team: &[&Person]) -> f64 {
    let n = team.len();
    if n < 2 {
        return 1.0;
    }
    let mut same = 0usize;
    for i in 0..n {
        for j in i + 1..n {
            same += usize::from(!team[i].unit.is_empty() && team[i].unit == team[j].unit);
        }
    }
    1.0 - same as f64 / (n * (n - 1) / 2) as f64
}
