//! The seeded local search used above the exact size: swaps and moves that
//! never lower the worst team, from several starts.
use super::*;

/// A small deterministic generator (SplitMix64): the same seed, the same teams.
pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

impl<'a> Problem<'a> {
    pub(super) fn local_search(&self, seed: u64, effort: usize) -> Result<Vec<Vec<usize>>, FormError> {
        let mut rng = Rng(seed);
        let mut placed = (0..20)
            .find_map(|_| self.initial(&mut rng))
            .ok_or(FormError::Infeasible)?;
        let mut teams = self.members(&placed);
        let mut scores: Vec<f64> = teams.iter().map(|t| self.team_score(t).total).collect();
        let mut alone: Vec<usize> = teams.iter().map(|t| self.isolated(t)).collect();
        let movable: Vec<usize> = (0..self.units.len())
            .filter(|u| self.units[*u].1.is_none())
            .collect();
        if movable.len() < 2 {
            return Ok(teams);
        }
        let rounds = effort * 60 * self.units.len();
        let mut worst = Worst::of(&scores);
        for round in 0..rounds {
            // Half the tries take someone from the worst team: that is where
            // the max–min objective can gain.
            let a = if round % 2 == 0 {
                let team = &teams[worst.team];
                let unit = self.unit_of[team[rng.below(team.len())]];
                if self.units[unit].1.is_none() {
                    unit
                } else {
                    movable[rng.below(movable.len())]
                }
            } else {
                movable[rng.below(movable.len())]
            };
            let b = movable[rng.below(movable.len())];
            let (Some(ta), Some(tb)) = (placed[a], placed[b]) else {
                continue;
            };
            if ta == tb || self.units[a].0.len() != self.units[b].0.len() {
                continue;
            }
            placed[a] = None;
            placed[b] = None;
            let room = vec![usize::MAX; self.sizes.len()];
            let ok = self.fits(a, tb, &placed, &room) && self.fits(b, ta, &placed, &room);
            placed[a] = Some(ta);
            placed[b] = Some(tb);
            if !ok {
                continue;
            }
            let swap = |team: &[usize], out: &[usize], inn: &[usize]| -> Vec<usize> {
                team.iter()
                    .filter(|i| !out.contains(i))
                    .chain(inn)
                    .copied()
                    .collect()
            };
            let new_a = swap(&teams[ta], &self.units[a].0, &self.units[b].0);
            let new_b = swap(&teams[tb], &self.units[b].0, &self.units[a].0);
            let (sa, sb) = (self.team_score(&new_a).total, self.team_score(&new_b).total);
            let (ia, ib) = (self.isolated(&new_a), self.isolated(&new_b));
            // Fewer people left alone first ("never isolate"); then raise the
            // worst of the two, or their sum (the average) without going
            // below the class's worst team: the worst never falls otherwise.
            let (old_alone, new_alone) = (alone[ta] + alone[tb], ia + ib);
            let (old_min, new_min) = (scores[ta].min(scores[tb]), sa.min(sb));
            let lifts_pair = better((new_min, sa + sb), (old_min, scores[ta] + scores[tb]));
            let lifts_sum = new_min >= worst.score - 1e-9 && sa + sb > scores[ta] + scores[tb] + 1e-9;
            if new_alone < old_alone || (new_alone == old_alone && (lifts_pair || lifts_sum)) {
                alone[ta] = ia;
                alone[tb] = ib;
                teams[ta] = new_a;
                teams[tb] = new_b;
                scores[ta] = sa;
                scores[tb] = sb;
                placed[a] = Some(tb);
                placed[b] = Some(ta);
                if ta == worst.team || tb == worst.team || new_min < worst.score {
                    worst = Worst::of(&scores);
                }
            }
        }
        Ok(teams)
    }
}

/// The lowest team score and its team.
struct Worst {
    score: f64,
    team: usize,
}

impl Worst {
    fn of(scores: &[f64]) -> Self {
        let (team, score) =
            scores.iter().enumerate().fold(
                (0, f64::INFINITY),
                |best, (i, s)| if *s < best.1 { (i, *s) } else { best },
            );
        Worst { score, team }
    }
}
