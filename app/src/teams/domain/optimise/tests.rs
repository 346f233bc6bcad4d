use super::*;
use proptest::prelude::*;

const GENERATIONS: [&str; 4] = ["boomer", "x", "y", "z"];

fn person(id: i64, g: usize, gender: &str, unit: usize, level: u8, skill: Option<u8>) -> Person {
    Person {
        id,
        generation: GENERATIONS[g % 4].into(),
        gender: gender.into(),
        unit: format!("unit-{unit}"),
        level,
        skill,
    }
}

/// A class from raw numbers: generation, gender, unit, level, skill per person.
fn class(raw: &[(usize, bool, usize, u8, u8)]) -> Vec<Person> {
    raw.iter()
        .enumerate()
        .map(|(i, (g, f, u, l, s))| person(i as i64 + 1, *g, if *f { "p" } else { "l" }, *u, *l, Some(*s)))
        .collect()
}

fn classes(max: usize) -> impl Strategy<Value = Vec<Person>> {
    prop::collection::vec((0usize..4, any::<bool>(), 0usize..4, 1u8..5, 1u8..6), 4..=max)
        .prop_map(|r| class(&r))
}

/// Independent brute force: every assignment of people to team numbers with
/// the right sizes (no symmetry pruning), best (worst, mean).
fn brute_force(people: &[Person], sizes: &[usize], c: &Constraints) -> Option<(f64, f64)> {
    let profile = ClassProfile::of(people);
    let w = Weights::default();
    let mut best: Option<(f64, f64)> = None;
    let mut assign = vec![0usize; people.len()];
    fn go(
        i: usize,
        assign: &mut Vec<usize>,
        room: &mut Vec<usize>,
        people: &[Person],
        profile: &ClassProfile,
        w: &Weights,
        c: &Constraints,
        best: &mut Option<(f64, f64)>,
    ) {
        if i == people.len() {
            let team_of = |id: i64| assign[people.iter().position(|p| p.id == id).unwrap()];
            if c.together.iter().any(|(a, b)| team_of(*a) != team_of(*b))
                || c.apart.iter().any(|(a, b)| team_of(*a) == team_of(*b))
                || c.locked.iter().any(|(a, t)| team_of(*a) != *t)
            {
                return;
            }
            let totals: Vec<f64> = (0..room.len())
                .map(|t| {
                    let team: Vec<&Person> = (0..people.len())
                        .filter(|j| assign[*j] == t)
                        .map(|j| &people[j])
                        .collect();
                    profile.score(&team, w).total
                })
                .collect();
            let worst = totals.iter().copied().fold(f64::INFINITY, f64::min);
            let mean = totals.iter().sum::<f64>() / totals.len() as f64;
            if best.is_none_or(|b| better((worst, mean), b)) {
                *best = Some((worst, mean));
            }
            return;
        }
        for t in 0..room.len() {
            if room[t] > 0 {
                room[t] -= 1;
                assign[i] = t;
                go(i + 1, assign, room, people, profile, w, c, best);
                room[t] += 1;
            }
        }
    }
    let mut room = sizes.to_vec();
    go(0, &mut assign, &mut room, people, &profile, &w, c, &mut best);
    best
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Up to 9 people (brute force without pruning is slow beyond): the plan
    /// is as good as the best of every possible split.
    #[test]
    fn small_classes_get_the_optimum(people in classes(9)) {
        let sizes = crate::teams::domain::sizes::team_sizes(people.len(), 3);
        let plan = form_teams(&people, &sizes, Weights::default(), &Constraints::default(), 1, 1).unwrap();
        let (worst, mean) = brute_force(&people, &sizes, &Constraints::default()).unwrap();
        prop_assert!(close(plan.worst, worst) && close(plan.mean, mean), "{} {} vs {} {}", plan.worst, plan.mean, worst, mean);
    }

    /// Hard constraints always hold, at any size and seed.
    #[test]
    fn hard_constraints_always_hold(people in classes(40), seed in any::<u64>(), picks in prop::collection::vec((0usize..40, 0usize..40), 3)) {
        let n = people.len();
        let id = |k: usize| people[k % n].id;
        let sizes = crate::teams::domain::sizes::team_sizes(n, 4);
        let c = Constraints {
            together: vec![(id(picks[0].0), id(picks[0].1))],
            apart: vec![(id(picks[1].0), id(picks[1].1))].into_iter().filter(|(a, b)| a != b).collect(),
            locked: vec![(id(picks[2].0), sizes.len() - 1)],
        };
        let Ok(plan) = form_teams(&people, &sizes, Weights::default(), &c, seed, 1) else {
            // Refused only when the constraints cannot hold: the apart pair is
            // the together pair, or there is one team and an apart pair.
            let same = |a: (i64, i64), b: (i64, i64)| a == b || a == (b.1, b.0);
            let contradiction = c.apart.iter().any(|ap| same(*ap, c.together[0]));
            prop_assert!(contradiction || (sizes.len() == 1 && !c.apart.is_empty()), "refused: {c:?} {sizes:?}");
            return Ok(());
        };
        let team_of = |pid: i64| plan.teams.iter().position(|t| t.iter().any(|i| people[*i].id == pid)).unwrap();
        for (a, b) in &c.together { prop_assert_eq!(team_of(*a), team_of(*b)); }
        for (a, b) in &c.apart { prop_assert_ne!(team_of(*a), team_of(*b)); }
        for (a, t) in &c.locked { prop_assert_eq!(team_of(*a), *t); }
        let mut sizes_out: Vec<usize> = plan.teams.iter().map(Vec::len).collect();
        let mut expected = sizes.clone();
        sizes_out.sort();
        expected.sort();
        prop_assert_eq!(sizes_out, expected);
    }
}

#[test]
fn twelve_people_match_the_exhaustive_optimum_with_constraints() {
    let people = class(&[
        (0, false, 0, 4, 2),
        (0, true, 1, 4, 1),
        (1, false, 0, 3, 3),
        (1, true, 2, 3, 3),
        (1, false, 3, 3, 2),
        (2, true, 0, 2, 4),
        (2, false, 1, 2, 4),
        (2, true, 2, 2, 5),
        (3, false, 3, 1, 5),
        (3, true, 0, 1, 5),
        (3, false, 1, 1, 4),
        (2, true, 3, 2, 3),
    ]);
    let c = Constraints {
        together: vec![(1, 9)],
        apart: vec![(3, 4)],
        locked: vec![(12, 0)],
    };
    let sizes = [4, 4, 4];
    let plan = form_teams(&people, &sizes, Weights::default(), &c, 7, 1).unwrap();
    let (worst, mean) = brute_force(&people, &sizes, &c).unwrap();
    assert!(
        close(plan.worst, worst) && close(plan.mean, mean),
        "{plan:?} vs {worst} {mean}"
    );
}

#[test]
fn the_same_seed_gives_the_same_teams_and_contradictions_are_refused() {
    let raw: Vec<_> = (0..40)
        .map(|i| (i % 4, i % 3 == 0, i % 7, (i % 4) as u8 + 1, (i % 5) as u8 + 1))
        .collect();
    let people = class(&raw);
    let sizes = crate::teams::domain::sizes::team_sizes(40, 5);
    let a = form_teams(
        &people,
        &sizes,
        Weights::default(),
        &Constraints::default(),
        42,
        1,
    )
    .unwrap();
    let b = form_teams(
        &people,
        &sizes,
        Weights::default(),
        &Constraints::default(),
        42,
        1,
    )
    .unwrap();
    assert_eq!(a.teams, b.teams);
    let contradiction = Constraints {
        together: vec![(1, 2)],
        apart: vec![(2, 1)],
        locked: vec![],
    };
    assert_eq!(
        form_teams(&people, &sizes, Weights::default(), &contradiction, 1, 1),
        Err(FormError::Infeasible)
    );
}

#[test]
fn forty_people_are_within_five_percent_of_a_much_longer_search() {
    let raw: Vec<_> = (0..40)
        .map(|i| {
            (
                (i * 7) % 4,
                i % 3 == 0,
                (i * 5) % 9,
                ((i * 3) % 4) as u8 + 1,
                (i % 5) as u8 + 1,
            )
        })
        .collect();
    let people = class(&raw);
    let sizes = crate::teams::domain::sizes::team_sizes(40, 5);
    let quick = form_teams(&people, &sizes, Weights::default(), &Constraints::default(), 3, 1).unwrap();
    let long = (0..8)
        .map(|seed| {
            form_teams(
                &people,
                &sizes,
                Weights::default(),
                &Constraints::default(),
                seed,
                20,
            )
            .unwrap()
            .worst
        })
        .fold(f64::MIN, f64::max);
    assert!(
        quick.worst >= 0.95 * long,
        "quick {} vs long {}",
        quick.worst,
        long
    );
}

/// The demo class (30 people, four generations, the default scheme; 1,000
/// seeds checked once in release, 200 here): whatever the seed, nobody
/// is left alone of their generation or gender when that was avoidable.
#[cfg(feature = "ssr")]
#[test]
fn the_demo_class_never_isolates_anyone_avoidably() {
    use crate::teams::domain::explain::{explain, Breach};
    let scheme = crate::classes::domain::generation::GenerationScheme::article_default();
    let people: Vec<Person> = crate::seed::PARTICIPANTS
        .iter()
        .enumerate()
        .map(|(i, (_, birth, sex, unit, _, gol))| {
            let year: i32 = birth[..4].parse().unwrap();
            let generation = scheme.classify(year);
            Person {
                id: i as i64,
                generation: generation.into(),
                gender: if *sex == 1 { "l" } else { "p" }.into(),
                unit: unit.to_string(),
                level: crate::teams::domain::survey::level_of(Some(gol)),
                skill: crate::teams::domain::survey::Answers {
                    skills: crate::seed::demo_ratings(i, birth).0,
                    ..Default::default()
                }
                .skill(),
            }
        })
        .collect();
    let sizes = crate::teams::domain::sizes::team_sizes(people.len(), 5);
    for seed in (0..200).map(|s| s * 7_919 + 3) {
        let plan = form_teams(
            &people,
            &sizes,
            Weights::default(),
            &Constraints::default(),
            seed,
            1,
        )
        .unwrap();
        let avoidable: Vec<Breach> = explain(&people, &plan.teams)
            .into_iter()
            .flatten()
            .filter(Breach::isolates_avoidably)
            .collect();
        assert!(avoidable.is_empty(), "seed {seed}: {avoidable:?}");
    }
}
