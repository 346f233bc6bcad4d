use super::*;
use proptest::prelude::*;

/// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the
/// worked example with missing data: 4 observers, 12 units, values 1–5.
/// Rows are units here (the paper prints observers as rows).
fn krippendorff_example() -> Vec<Vec<Option<f64>>> {
    let observers: [[Option<u8>; 12]; 4] = [
        [
            Some(1),
            Some(2),
            Some(3),
            Some(3),
            Some(2),
            Some(1),
            Some(4),
            Some(1),
            Some(2),
            None,
            None,
            None,
        ],
        [
            Some(1),
            Some(2),
            Some(3),
            Some(3),
            Some(2),
            Some(2),
            Some(4),
            Some(1),
            Some(2),
            Some(5),
            None,
            Some(3),
        ],
        [
            None,
            Some(3),
            Some(3),
            Some(3),
            Some(2),
            Some(3),
            Some(4),
            Some(2),
            Some(2),
            Some(5),
            Some(1),
            None,
        ],
        [
            Some(1),
            Some(2),
            Some(3),
            Some(3),
            Some(2),
            Some(4),
            Some(4),
            Some(1),
            Some(2),
            Some(5),
            Some(1),
            None,
        ],
    ];
    (0..12)
        .map(|unit| observers.iter().map(|o| o[unit].map(f64::from)).collect())
        .collect()
}

/// Shrout and Fleiss (1979), Table 2: 6 targets rated by 4 judges.
fn shrout_fleiss_example() -> Vec<Vec<Option<f64>>> {
    [
        [9, 2, 5, 8],
        [6, 1, 3, 2],
        [8, 4, 6, 8],
        [7, 1, 2, 6],
        [10, 5, 6, 9],
        [6, 2, 4, 7],
    ]
    .iter()
    .map(|row| row.iter().map(|v| Some(f64::from(*v))).collect())
    .collect()
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[test]
fn krippendorff_interval_reproduces_the_published_0_849() {
    let alpha = krippendorff_alpha(&krippendorff_example(), Metric::Interval).unwrap();
    assert_eq!(round3(alpha), 0.849);
}

#[test]
fn krippendorff_ordinal_reproduces_the_published_0_815() {
    let alpha = krippendorff_alpha(&krippendorff_example(), Metric::Ordinal).unwrap();
    assert_eq!(round3(alpha), 0.815);
}

#[test]
fn shrout_fleiss_icc_2_1_is_0_290_and_icc_2_k_is_0_620() {
    let icc = icc2(&shrout_fleiss_example()).unwrap();
    assert_eq!(round3(icc.single), 0.290);
    assert_eq!(round3(icc.average), 0.620);
    assert_eq!(icc.targets, 6);
}

#[test]
fn icc_leaves_out_targets_a_judge_missed() {
    let mut table = shrout_fleiss_example();
    table.push(vec![Some(3.0), None, Some(4.0), Some(5.0)]);
    assert_eq!(icc2(&table), icc2(&shrout_fleiss_example()));
}

#[test]
fn percent_agreement_counts_pairs_within_units() {
    // Unit 1: 3,3,4 → pairs (3,3) exact, (3,4) twice adjacent. Unit 2: 1,3 → neither.
    let table = vec![
        vec![Some(3.0), Some(3.0), Some(4.0)],
        vec![Some(1.0), None, Some(3.0)],
    ];
    let (exact, adjacent) = percent_agreement(&table, 1.0).unwrap();
    assert!((exact - 0.25).abs() < 1e-12);
    assert!((adjacent - 0.75).abs() < 1e-12);
}

#[test]
fn nothing_to_agree_on_gives_none() {
    let one_rater = vec![vec![Some(3.0), None], vec![Some(4.0), None]];
    assert_eq!(krippendorff_alpha(&one_rater, Metric::Interval), None);
    assert_eq!(percent_agreement(&one_rater, 1.0), None);
    let constant = vec![vec![Some(2.0), Some(2.0)], vec![Some(2.0), Some(2.0)]];
    assert_eq!(krippendorff_alpha(&constant, Metric::Ordinal), None);
    assert_eq!(icc2(&one_rater), None);
}

#[test]
fn readings_follow_the_published_thresholds() {
    assert_eq!(read_alpha(0.849), Reading::Good);
    assert_eq!(read_alpha(0.7), Reading::Acceptable);
    assert_eq!(read_alpha(0.5), Reading::Low);
    assert_eq!(read_icc(0.62), Reading::Acceptable);
    assert_eq!(read_icc(0.29), Reading::Low);
    assert_eq!(read_icc(0.9), Reading::Good);
}

fn table() -> impl Strategy<Value = Vec<Vec<Option<f64>>>> {
    let cell = prop_oneof![4 => (1u8..=5).prop_map(|v| Some(f64::from(v))), 1 => Just(None)];
    (2usize..5).prop_flat_map(move |raters| {
        prop::collection::vec(prop::collection::vec(cell.clone(), raters), 2..15)
    })
}

proptest! {
    #[test]
    fn perfect_agreement_gives_alpha_one(values in prop::collection::vec(1u8..=5, 2..12), raters in 2usize..5) {
        let table: Vec<Vec<Option<f64>>> = values.iter().map(|v| vec![Some(f64::from(*v)); raters]).collect();
        if let Some(alpha) = krippendorff_alpha(&table, Metric::Interval) {
            prop_assert!((alpha - 1.0).abs() < 1e-9);
        }
        if let Some(alpha) = krippendorff_alpha(&table, Metric::Ordinal) {
            prop_assert!((alpha - 1.0).abs() < 1e-9);
        }
        prop_assert_eq!(percent_agreement(&table, 0.0), Some((1.0, 1.0)));
    }

    #[test]
    fn alpha_does_not_depend_on_the_order_of_raters_or_units(table in table()) {
        let mut swapped: Vec<Vec<Option<f64>>> = table.iter().map(|r| r.iter().rev().copied().collect()).collect();
        swapped.reverse();
        for metric in [Metric::Interval, Metric::Ordinal] {
            match (krippendorff_alpha(&table, metric), krippendorff_alpha(&swapped, metric)) {
                (Some(a), Some(b)) => prop_assert!((a - b).abs() < 1e-9),
                (a, b) => prop_assert_eq!(a, b),
            }
        }
    }

    #[test]
    fn alpha_is_at_most_one_and_agreement_is_a_share(table in table()) {
        if let Some(alpha) = krippendorff_alpha(&table, Metric::Interval) {
            prop_assert!(alpha <= 1.0 + 1e-9);
        }
        if let Some((exact, adjacent)) = percent_agreement(&table, 1.0) {
            prop_assert!((0.0..=1.0).contains(&exact) && exact <= adjacent && adjacent <= 1.0);
        }
    }

    #[test]
    fn icc_ignores_a_shift_of_every_rating(table in table(), shift in -3.0f64..3.0) {
        let shifted: Vec<Vec<Option<f64>>> = table.iter().map(|r| r.iter().map(|v| v.map(|x| x + shift)).collect()).collect();
        match (icc2(&table), icc2(&shifted)) {
            (Some(a), Some(b)) => {
                prop_assert!((a.single - b.single).abs() < 1e-6);
                prop_assert!((a.average - b.average).abs() < 1e-6);
            }
            (a, b) => prop_assert_eq!(a.is_some(), b.is_some()),
        }
    }
}
