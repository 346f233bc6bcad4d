//! `cargo bench -p app --bench teams`: forming teams of 5 for a class of 40
//! and for the province's 6,319 ASN (generated with its generation mix),
//! reporting time, worst and average team score. Plain timing (no harness):
//! the figures issue 5 names are one-shot times.
use app::teams::domain::explain::explain;
use app::teams::domain::optimise::{form_teams, Constraints};
use app::teams::domain::score::{Person, Weights};
use app::teams::domain::sizes::team_sizes;
use std::time::Instant;

/// A deterministic class with the province's mix (roughly 8 % Boomer,
/// 30 % X, 50 % Y, 12 % Z), 60 units, 5 levels, skills 1–5.
fn province(n: usize) -> Vec<Person> {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..n)
        .map(|i| {
            let r = next() % 100;
            let generation = match r {
                0..=7 => "boomer",
                8..=37 => "x",
                38..=87 => "y",
                _ => "z",
            };
            Person {
                id: i as i64 + 1,
                generation: generation.into(),
                gender: if next() % 2 == 0 { "l".into() } else { "p".into() },
                unit: format!("unit-{}", next() % 60),
                level: (next() % 5) as u8 + 1,
                skill: Some((next() % 5) as u8 + 1),
            }
        })
        .collect()
}

fn main() {
    for n in [40usize, 6_319] {
        let people = province(n);
        let sizes = team_sizes(n, 5);
        let start = Instant::now();
        let plan = form_teams(&people, &sizes, Weights::default(), &Constraints::default(), 1, 1)
            .expect("no constraints, always feasible");
        let took = start.elapsed();
        let avoidable = explain(&people, &plan.teams)
            .into_iter()
            .flatten()
            .filter(|b| b.isolates_avoidably())
            .count();
        println!(
            "teams of 5 for {n} people: {} teams in {:.1} ms; worst team {:.3}, average {:.3}; {avoidable} left alone avoidably",
            plan.teams.len(),
            took.as_secs_f64() * 1000.0,
            plan.worst,
            plan.mean
        );
    }
}
