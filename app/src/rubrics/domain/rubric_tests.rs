use super::*;
use proptest::prelude::*;

pub fn level(label: &str, min: u32, max: u32) -> Level {
    Level {
        label: label.into(),
        descriptor: String::new(),
        min,
        max,
    }
}

/// Two criteria, 60 % and 40 %: one with point ranges, one with fixed points.
pub fn sample() -> Rubric {
    Rubric {
        title: "Kolaborasi tim lintas generasi".into(),
        description: String::new(),
        criteria: vec![
            Criterion {
                title: "Pembagian peran".into(),
                description: String::new(),
                weight: 60,
                levels: vec![
                    level("Sangat baik", 86, 100),
                    level("Baik", 71, 85),
                    level("Cukup", 56, 70),
                    level("Kurang", 0, 55),
                ],
            },
            Criterion {
                title: "Komunikasi".into(),
                description: String::new(),
                weight: 40,
                levels: vec![
                    level("Sangat baik", 4, 4),
                    level("Baik", 3, 3),
                    level("Cukup", 2, 2),
                    level("Kurang", 1, 1),
                ],
            },
        ],
    }
}

#[test]
fn a_sound_rubric_has_no_problems() {
    assert!(check(&sample()).is_empty());
}

#[test]
fn weights_totalling_95_are_refused_with_the_total() {
    let mut r = sample();
    r.criteria[1].weight = 35;
    assert_eq!(check(&r), vec![Problem::WeightsTotal(95)]);
}

#[test]
fn every_problem_names_its_criterion_and_level() {
    let mut r = sample();
    r.title = "  ".into();
    r.criteria[0].title.clear();
    r.criteria[0].levels[1].label.clear();
    r.criteria[0].levels[2] = level("Cukup", 60, 80); // overlaps "Baik"
    r.criteria[1].levels[3] = level("Kurang", 3, 1);
    r.criteria[1].levels.truncate(4);
    assert_eq!(
        check(&r),
        vec![
            Problem::TitleMissing,
            Problem::CriterionTitleMissing(0),
            Problem::LevelLabelMissing(0, 1),
            Problem::LevelsNotOrdered(0, 2),
            Problem::PointsInvalid(1, 3),
        ]
    );
    r.criteria[1].levels.truncate(1);
    assert!(check(&r).contains(&Problem::LevelCount(1)));
}

#[test]
fn picks_stay_inside_their_level() {
    let c = &sample().criteria[0];
    assert_eq!(pick(c, 1, Some(80)), Ok(Pick { level: 1, points: 80 }));
    assert_eq!(pick(c, 1, Some(90)), Err(PickProblem::PointsOutside(71, 85)));
    assert_eq!(pick(c, 7, None), Err(PickProblem::NoSuchLevel));
    let fixed = &sample().criteria[1];
    assert_eq!(pick(fixed, 2, None), Ok(Pick { level: 2, points: 2 }));
}

#[test]
fn the_weighted_total_weighs_each_criterion_share() {
    let r = sample();
    // 60 % × 80/100 + 40 % × 3/4 = 48 + 30.
    let picks = [
        Some(Pick { level: 1, points: 80 }),
        Some(Pick { level: 1, points: 3 }),
    ];
    assert!((weighted_total(&r, &picks) - 78.0).abs() < 1e-9);
    // While scoring, a criterion not yet picked counts nothing.
    assert!((weighted_total(&r, &[picks[0], None]) - 48.0).abs() < 1e-9);
}

proptest! {
    #[test]
    fn totals_stay_within_0_and_100(levels in prop::collection::vec(0usize..4, 2), p0 in 0u32..=100) {
        let r = sample();
        let picks: Vec<Option<Pick>> = r.criteria.iter().zip(&levels).enumerate().map(|(i, (c, l))| {
            let points = if i == 0 { p0.clamp(c.levels[*l].min, c.levels[*l].max) } else { c.levels[*l].max };
            pick(c, *l, Some(points)).ok()
        }).collect();
        let total = weighted_total(&r, &picks);
        prop_assert!((0.0..=100.0 + 1e-9).contains(&total));
    }
}
