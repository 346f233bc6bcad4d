//! Forms teams: maximise the worst team's score first, then the average (the
//! max–min rule CATME uses), keeping hard constraints (pairs that must be or
//! must not be together, people locked into a team) always. Up to 12 people
//! the search is exhaustive; above, it is a seeded local search of swaps that
//! never lowers the worst team, so a seed always gives the same teams.
use super::score::{ClassProfile, Person, TeamScore, Weights};

mod local;
use local::Rng;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    /// Person ids that must share a team.
    pub together: Vec<(i64, i64)>,
    /// Person ids that must not share a team.
    pub apart: Vec<(i64, i64)>,
    /// Person id → team index they stay in.
    pub locked: Vec<(i64, usize)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// Indices into the people, per team.
    pub teams: Vec<Vec<usize>>,
    pub scores: Vec<TeamScore>,
    pub worst: f64,
    pub mean: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormError {
    /// The constraints cannot all hold with these team sizes.
    Infeasible,
}

/// Up to this many people, every split is tried.
pub const EXACT_UP_TO: usize = 12;

/// People × starts: classes under 2,500 get more than one start (at most 8).
const RESTART_BUDGET: usize = 5_000;

/// Classes up to this size get further starts while someone is left alone.
const EXTRA_STARTS_UP_TO: usize = 500;

/// The problem, with people grouped into units that move together.
struct Problem<'a> {
    people: &'a [Person],
    profile: ClassProfile,
    weights: Weights,
    sizes: Vec<usize>,
    /// Each unit: its members (indices) and the team it is locked to.
    units: Vec<(Vec<usize>, Option<usize>)>,
    /// Pairs of units that must not share a team.
    apart: Vec<(usize, usize)>,
    /// Person index → their unit.
    unit_of: Vec<usize>,
    /// (generation, "") and ("", gender) → how many of the class.
    class_counts: std::collections::HashMap<(String, String), usize>,
}

fn class_counts(people: &[Person]) -> std::collections::HashMap<(String, String), usize> {
    let mut counts = std::collections::HashMap::new();
    for p in people {
        *counts.entry((p.generation.clone(), String::new())).or_insert(0) += 1;
        *counts.entry((String::new(), p.gender.clone())).or_insert(0) += 1;
    }
    counts
}

pub fn form_teams(
    people: &[Person],
    sizes: &[usize],
    weights: Weights,
    constraints: &Constraints,
    seed: u64,
    effort: usize,
) -> Result<Plan, FormError> {
    let problem = Problem::new(people, sizes, weights, constraints)?;
    if people.len() <= EXACT_UP_TO {
        let teams = problem.exhaustive().ok_or(FormError::Infeasible)?;
        return Ok(problem.plan(teams));
    }
    // Small classes get several independent starts (the search can settle
    // in a local optimum); large ones spend the time on one long search.
    let starts = (RESTART_BUDGET / people.len()).clamp(1, 8);
    // While someone is still left alone, a class of up to a few hundred
    // gets more starts (cheap at that size): tight generation counts can
    // trap one search where only a three-way exchange would help.
    let most_starts = if people.len() <= EXTRA_STARTS_UP_TO {
        48
    } else {
        starts
    };
    let mut best: Option<(usize, Plan)> = None;
    for start in 0..most_starts as u64 {
        if start >= starts as u64 && best.as_ref().is_some_and(|(alone, _)| *alone == 0) {
            break;
        }
        let teams = problem.local_search(seed.wrapping_add(start.wrapping_mul(0x9E37)), effort.max(1))?;
        let alone: usize = teams.iter().map(|t| problem.isolated(t)).sum();
        let plan = problem.plan(teams);
        // Fewer people left alone first, then the worst team, then the average.
        let wins = best.as_ref().is_none_or(|(least, b)| {
            alone < *least || (alone == *least && better((plan.worst, plan.mean), (b.worst, b.mean)))
        });
        if wins {
            best = Some((alone, plan));
        }
    }
    best.map(|(_, plan)| plan).ok_or(FormError::Infeasible)
}

impl<'a> Problem<'a> {
    fn new(
        people: &'a [Person],
        sizes: &[usize],
        weights: Weights,
        c: &Constraints,
    ) -> Result<Self, FormError> {
        if sizes.iter().sum::<usize>() != people.len() {
            return Err(FormError::Infeasible);
        }
        let index = |id: i64| people.iter().position(|p| p.id == id);
        // Union-find over people for the "together" pairs.
        let mut parent: Vec<usize> = (0..people.len()).collect();
        fn root(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        for (a, b) in &c.together {
            if let (Some(a), Some(b)) = (index(*a), index(*b)) {
                let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                parent[ra] = rb;
            }
        }
        let mut units: Vec<(Vec<usize>, Option<usize>)> = Vec::new();
        let mut unit_of = vec![0; people.len()];
        let mut unit_of_root = std::collections::HashMap::new();
        for (i, slot) in unit_of.iter_mut().enumerate() {
            let r = root(&mut parent, i);
            let u = *unit_of_root.entry(r).or_insert_with(|| {
                units.push((Vec::new(), None));
                units.len() - 1
            });
            units[u].0.push(i);
            *slot = u;
        }
        for (id, team) in &c.locked {
            let Some(i) = index(*id) else { continue };
            let unit = &mut units[unit_of[i]];
            if *team >= sizes.len() || unit.1.is_some_and(|t| t != *team) {
                return Err(FormError::Infeasible);
            }
            unit.1 = Some(*team);
        }
        let mut apart = Vec::new();
        for (a, b) in &c.apart {
            if let (Some(a), Some(b)) = (index(*a), index(*b)) {
                if unit_of[a] == unit_of[b] {
                    return Err(FormError::Infeasible);
                }
                apart.push((unit_of[a], unit_of[b]));
            }
        }
        Ok(Problem {
            people,
            profile: ClassProfile::of(people),
            weights,
            sizes: sizes.to_vec(),
            units,
            apart,
            unit_of,
            class_counts: class_counts(people),
        })
    }

    /// How many members are alone of their generation or gender although
    /// the class has others like them (0 when the facilitator gave "no
    /// isolation" no weight).
    fn isolated(&self, members: &[usize]) -> usize {
        if self.weights.no_isolation <= 0.0 || members.len() < 2 {
            return 0;
        }
        let team = || members.iter().map(|i| &self.people[*i]);
        team()
            .filter(|p| {
                let alone_in = |same: &dyn Fn(&Person) -> bool| team().filter(|q| same(q)).count() == 1;
                let by_generation =
                    alone_in(&|q| q.generation == p.generation) && self.others_like(&p.generation, "");
                let by_gender = !p.gender.is_empty()
                    && alone_in(&|q| q.gender == p.gender)
                    && self.others_like("", &p.gender);
                by_generation || by_gender
            })
            .count()
    }

    /// Whether the class has more than one person of this generation (or gender).
    fn others_like(&self, generation: &str, gender: &str) -> bool {
        self.class_counts
            .get(&(generation.to_string(), gender.to_string()))
            .is_some_and(|n| *n > 1)
    }

    fn team_score(&self, members: &[usize]) -> TeamScore {
        let team: Vec<&Person> = members.iter().map(|i| &self.people[*i]).collect();
        self.profile.score(&team, &self.weights)
    }

    fn plan(&self, teams: Vec<Vec<usize>>) -> Plan {
        let scores: Vec<TeamScore> = teams.iter().map(|t| self.team_score(t)).collect();
        let worst = scores.iter().map(|s| s.total).fold(f64::INFINITY, f64::min);
        let mean = scores.iter().map(|s| s.total).sum::<f64>() / scores.len().max(1) as f64;
        Plan {
            teams,
            scores,
            worst: if worst.is_finite() { worst } else { 1.0 },
            mean,
        }
    }

    /// Whether unit `u` may join team `t` given the units already there.
    fn fits(&self, u: usize, t: usize, placed: &[Option<usize>], room: &[usize]) -> bool {
        let (members, lock) = &self.units[u];
        members.len() <= room[t]
            && lock.is_none_or(|l| l == t)
            && !self
                .apart
                .iter()
                .any(|&(a, b)| (a == u && placed[b] == Some(t)) || (b == u && placed[a] == Some(t)))
    }

    fn members(&self, placed: &[Option<usize>]) -> Vec<Vec<usize>> {
        let mut teams = vec![Vec::new(); self.sizes.len()];
        for (u, t) in placed.iter().enumerate() {
            if let Some(t) = t {
                teams[*t].extend(&self.units[u].0);
            }
        }
        teams
    }

    /// Every way to place the units (teams of equal size and no lock are
    /// interchangeable, so only the first empty one of them is tried).
    fn exhaustive(&self) -> Option<Vec<Vec<usize>>> {
        let mut placed = vec![None; self.units.len()];
        let mut room = self.sizes.clone();
        let mut best: Option<(f64, f64, Vec<Vec<usize>>)> = None;
        self.place(0, &mut placed, &mut room, &mut best);
        best.map(|(_, _, teams)| teams)
    }

    fn place(
        &self,
        u: usize,
        placed: &mut Vec<Option<usize>>,
        room: &mut Vec<usize>,
        best: &mut Option<(f64, f64, Vec<Vec<usize>>)>,
    ) {
        if u == self.units.len() {
            let teams = self.members(placed);
            let plan = self.plan(teams);
            if best
                .as_ref()
                .is_none_or(|(w, m, _)| better((plan.worst, plan.mean), (*w, *m)))
            {
                *best = Some((plan.worst, plan.mean, plan.teams));
            }
            return;
        }
        let locked_teams: Vec<usize> = self.units.iter().filter_map(|(_, l)| *l).collect();
        let mut tried_empty: Vec<usize> = Vec::new();
        for t in 0..self.sizes.len() {
            if !self.fits(u, t, placed, room) {
                continue;
            }
            let empty = room[t] == self.sizes[t] && !locked_teams.contains(&t);
            if empty {
                if tried_empty.contains(&self.sizes[t]) {
                    continue;
                }
                tried_empty.push(self.sizes[t]);
            }
            placed[u] = Some(t);
            room[t] -= self.units[u].0.len();
            self.place(u + 1, placed, room, best);
            room[t] += self.units[u].0.len();
            placed[u] = None;
        }
    }

    /// A first placement honouring every constraint: locked units, then the
    /// largest units first, each into a random team that fits.
    fn initial(&self, rng: &mut Rng) -> Option<Vec<Option<usize>>> {
        let mut order: Vec<usize> = (0..self.units.len()).collect();
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        order.sort_by_key(|u| {
            (
                self.units[*u].1.is_none(),
                std::cmp::Reverse(self.units[*u].0.len()),
            )
        });
        let mut placed = vec![None; self.units.len()];
        let mut room = self.sizes.clone();
        for u in order {
            let start = rng.below(self.sizes.len());
            let t = (0..self.sizes.len())
                .map(|k| (start + k) % self.sizes.len())
                .find(|t| self.fits(u, *t, &placed, &room))?;
            placed[u] = Some(t);
            room[t] -= self.units[u].0.len();
        }
        Some(placed)
    }
}

/// Lexicographic (worst, then mean) with a tolerance for float noise.
fn better(new: (f64, f64), old: (f64, f64)) -> bool {
    const EPS: f64 = 1e-9;
    new.0 > old.0 + EPS || ((new.0 - old.0).abs() <= EPS && new.1 > old.1 + EPS)
}

#[cfg(test)]
mod tests;

/// Scores teams as they stand, e.g. after a facilitator swapped two people.
pub fn evaluate(people: &[Person], teams: Vec<Vec<usize>>, weights: Weights) -> Plan {
    let problem = Problem {
        people,
        profile: ClassProfile::of(people),
        weights,
        sizes: teams.iter().map(Vec::len).collect(),
        units: Vec::new(),
        apart: Vec::new(),
        unit_of: Vec::new(),
        class_counts: Default::default(),
    };
    problem.plan(teams)
}
