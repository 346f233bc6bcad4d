use super::super::rubric::{Pick, Rubric};
use super::*;
use proptest::prelude::*;

fn sample() -> Rubric {
    super::super::rubric::tests::sample()
}

fn scored(role_weight: f64, picks: [(usize, u32); 2]) -> Scored {
    Scored {
        role_weight,
        picks: picks
            .iter()
            .map(|(level, points)| Pick {
                level: *level,
                points: *points,
            })
            .collect(),
    }
}

#[test]
fn mean_median_and_role_weighted_mean() {
    let values = [(1.0, 70.0), (1.0, 80.0), (2.0, 96.0)];
    assert_eq!(combine(&values, Method::Mean), Some(82.0));
    assert_eq!(combine(&values, Method::Median), Some(80.0));
    assert_eq!(combine(&values, Method::RoleWeighted), Some(85.5));
    assert_eq!(combine(&values[..2], Method::Median), Some(75.0));
    assert_eq!(combine(&[], Method::Mean), None);
    assert_eq!(combine(&[(0.0, 50.0)], Method::RoleWeighted), None);
}

#[test]
fn the_total_is_made_of_the_aggregated_criteria() {
    let scores = [scored(1.0, [(1, 80), (1, 3)]), scored(1.0, [(0, 90), (0, 4)])];
    let result = aggregate(&sample(), &scores, Method::Mean).unwrap();
    assert_eq!(result.criteria, vec![85.0, 3.5]);
    // 60 × 0.85 + 40 × 3.5/4 = 51 + 35.
    assert!((result.total - 86.0).abs() < 1e-9);
}

#[test]
fn a_gap_of_two_levels_or_over_15_percent_is_flagged() {
    let r = sample();
    let agree = [scored(1.0, [(1, 80), (1, 3)]), scored(1.0, [(1, 84), (1, 3)])];
    assert!(discrepancies(&r, &agree, Threshold::default()).is_empty());
    // Adjacent levels but 20 points apart on a 100-point criterion: flagged on points.
    let far = [scored(1.0, [(0, 95), (1, 3)]), scored(1.0, [(1, 75), (1, 3)])];
    assert_eq!(discrepancies(&r, &far, Threshold::default()), vec![0]);
    let levels_only = Threshold {
        levels: Some(1),
        share: None,
    };
    assert!(discrepancies(&r, &far, levels_only).is_empty());
    // Two levels apart on the second criterion.
    let two = [
        scored(1.0, [(1, 80), (0, 4)]),
        scored(1.0, [(1, 80), (2, 2)]),
        scored(1.0, [(1, 80), (1, 3)]),
    ];
    assert_eq!(discrepancies(&r, &two, levels_only), vec![1]);
}

#[test]
fn method_codes_round_trip() {
    for m in [Method::Mean, Method::Median, Method::RoleWeighted] {
        assert_eq!(Method::from_code(m.code()), Some(m));
    }
    assert_eq!(Method::from_code("mode"), None);
}

proptest! {
    #[test]
    fn every_aggregate_lies_between_the_lowest_and_highest_score(
        values in prop::collection::vec((0.1f64..5.0, 0.0f64..100.0), 1..8),
    ) {
        let lo = values.iter().map(|(_, v)| *v).fold(f64::INFINITY, f64::min);
        let hi = values.iter().map(|(_, v)| *v).fold(f64::NEG_INFINITY, f64::max);
        for m in [Method::Mean, Method::Median, Method::RoleWeighted] {
            let v = combine(&values, m).unwrap();
            prop_assert!(v >= lo - 1e-9 && v <= hi + 1e-9);
        }
    }

    #[test]
    fn one_evaluator_never_disagrees(level in 0usize..4, fixed in 0usize..4) {
        let r = sample();
        let c = &r.criteria[0].levels[level];
        let scores = [scored(1.0, [(level, c.max), (fixed, r.criteria[1].levels[fixed].max)])];
        prop_assert!(discrepancies(&r, &scores, Threshold::default()).is_empty());
    }
}
