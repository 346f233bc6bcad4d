//! Class composition summary (generation, gender, unit) for charts/tables.

use super::generation::{GenerationScheme, PRE_BOOMER_CODE, UNKNOWN_CODE};
use super::nip::Gender;
use std::collections::HashMap;

/// Key used for people with no gender or no unit recorded.
pub const UNKNOWN_KEY: &str = "unknown";

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Share {
    pub key: String,
    pub label: String,
    pub count: u32,
    /// 0..=100, one decimal; shares of a breakdown sum to exactly 100.0.
    pub percent: f64,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Composition {
    pub total: u32,
    pub scheme_name: String,
    /// Scheme order incl. zero counts; "pre" first / "unknown" last if any.
    pub by_generation: Vec<Share>,
    /// Keys "male", "female", "unknown"; only those with a count.
    pub by_gender: Vec<Share>,
    /// Count descending, then label ascending.
    pub by_unit: Vec<Share>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Person<'a> {
    pub birth_year: Option<i32>,
    pub gender: Option<Gender>,
    pub unit: &'a str,
}

pub fn compose(people: &[Person], scheme: &GenerationScheme) -> Composition {
    let total = u32::try_from(people.len()).unwrap_or(u32::MAX);
    Composition {
        total,
        scheme_name: scheme.name.clone(),
        by_generation: with_percents(by_generation(people, scheme), total),
        by_gender: with_percents(by_gender(people), total),
        by_unit: with_percents(by_unit(people), total),
    }
}

fn count_by<'p>(keys: impl Iterator<Item = &'p str>) -> HashMap<&'p str, u32> {
    let mut counts = HashMap::new();
    for key in keys {
        *counts.entry(key).or_insert(0) += 1;
    }
    counts
}

fn share(key: &str, label: &str, count: u32) -> Share {
    Share {
        key: key.to_owned(),
        label: label.to_owned(),
        count,
        percent: 0.0,
    }
}

fn by_generation(people: &[Person], scheme: &GenerationScheme) -> Vec<Share> {
    let codes = people.iter().map(|p| match p.birth_year {
        Some(y) => scheme.classify(y),
        None => UNKNOWN_CODE,
    });
    let mut counts = count_by(codes);
    let mut out = Vec::new();
    // Removing each key as it is emitted keeps invalid schemes (duplicate
    // codes, or a range coded "unknown") from counting anyone twice.
    if let Some(n) = counts.remove(PRE_BOOMER_CODE) {
        out.push(share(PRE_BOOMER_CODE, PRE_BOOMER_CODE, n));
    }
    let mut emitted = std::collections::HashSet::new();
    for range in scheme.ranges.iter().filter(|r| emitted.insert(&r.code)) {
        let n = counts.remove(range.code.as_str()).unwrap_or(0);
        out.push(share(&range.code, &range.label, n));
    }
    if let Some(n) = counts.remove(UNKNOWN_CODE) {
        out.push(share(UNKNOWN_CODE, UNKNOWN_CODE, n));
    }
    out
}

fn by_gender(people: &[Person]) -> Vec<Share> {
    let keys = people.iter().map(|p| p.gender.map_or(UNKNOWN_KEY, |g| g.key()));
    let counts = count_by(keys);
    ["male", "female", UNKNOWN_KEY]
        .into_iter()
        .filter_map(|k| counts.get(k).map(|n| share(k, k, *n)))
        .collect()
}

fn by_unit(people: &[Person]) -> Vec<Share> {
    // Trim so "BKPSDM " and "BKPSDM" are one bar in the chart.
    let keys = people.iter().map(|p| match p.unit.trim() {
        "" => UNKNOWN_KEY,
        unit => unit,
    });
    let mut out: Vec<Share> = count_by(keys).into_iter().map(|(k, n)| share(k, k, n)).collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    out
}

/// Largest-remainder rounding to tenths, so the displayed percentages of a
/// breakdown add up to exactly 100.0 instead of 99.9 or 100.1.
fn with_percents(mut shares: Vec<Share>, total: u32) -> Vec<Share> {
    if total == 0 {
        return shares;
    }
    let total = u64::from(total);
    let exact: Vec<u64> = shares.iter().map(|s| u64::from(s.count) * 1000).collect();
    let mut tenths: Vec<u64> = exact.iter().map(|e| e / total).collect();
    let short = 1000u64.saturating_sub(tenths.iter().sum());
    let mut order: Vec<usize> = (0..shares.len()).collect();
    // Stable sort: ties go to the earlier share, keeping output deterministic.
    order.sort_by_key(|i| std::cmp::Reverse(exact[*i] % total));
    for i in order.into_iter().take(short as usize) {
        tenths[i] += 1;
    }
    for (s, t) in shares.iter_mut().zip(tenths) {
        s.percent = t as f64 / 10.0;
    }
    shares
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn person(year: Option<i32>, gender: Option<Gender>, unit: &str) -> Person<'_> {
        Person {
            birth_year: year,
            gender,
            unit,
        }
    }

    fn keys(shares: &[Share]) -> Vec<(&str, u32)> {
        shares.iter().map(|s| (s.key.as_str(), s.count)).collect()
    }

    #[test]
    fn breakdowns_in_expected_order() {
        let scheme = GenerationScheme::bkn();
        let people = [
            person(Some(1940), Some(Gender::Male), "BKD"),
            person(Some(1970), Some(Gender::Female), " Dinkes "),
            person(Some(1972), None, "Dinkes"),
            person(None, Some(Gender::Male), ""),
        ];
        let c = compose(&people, &scheme);
        assert_eq!(c.total, 4);
        assert_eq!(c.scheme_name, "BKN");
        let want = vec![
            ("pre", 1),
            ("boomer", 0),
            ("x", 2),
            ("y", 0),
            ("z", 0),
            ("alpha", 0),
            ("unknown", 1),
        ];
        assert_eq!(keys(&c.by_generation), want);
        assert_eq!(c.by_generation[2].label, "Gen X");
        assert_eq!(c.by_generation[2].percent, 50.0);
        let gender = vec![("male", 2), ("female", 1), ("unknown", 1)];
        assert_eq!(keys(&c.by_gender), gender);
        let units = vec![("Dinkes", 2), ("BKD", 1), ("unknown", 1)];
        assert_eq!(keys(&c.by_unit), units);
    }

    #[test]
    fn thirds_round_to_exactly_100() {
        let people = [
            person(None, None, "a"),
            person(None, None, "b"),
            person(None, None, "c"),
        ];
        let c = compose(&people, &GenerationScheme::article_default());
        let p: Vec<f64> = c.by_unit.iter().map(|s| s.percent).collect();
        assert_eq!(p, vec![33.4, 33.3, 33.3]);
    }

    #[test]
    fn empty_input_keeps_scheme_ranges() {
        let c = compose(&[], &GenerationScheme::bkn());
        assert_eq!(c.total, 0);
        assert_eq!(c.by_generation.len(), 5);
        assert!(c.by_generation.iter().all(|s| s.count == 0 && s.percent == 0.0));
        assert!(c.by_gender.is_empty() && c.by_unit.is_empty());
    }

    fn check_sums(shares: &[Share], total: u32) -> Result<(), TestCaseError> {
        prop_assert_eq!(shares.iter().map(|s| s.count).sum::<u32>(), total);
        if total > 0 {
            let sum: f64 = shares.iter().map(|s| s.percent).sum();
            prop_assert!((sum - 100.0).abs() <= 0.5, "sum {}", sum);
            prop_assert!(shares.iter().all(|s| (0.0..=100.0).contains(&s.percent)));
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn counts_and_percents_add_up(
            raw in prop::collection::vec(
                (prop::option::of(1900i32..2030), prop::option::of(any::<bool>()), 0usize..40),
                0..300,
            ),
            bkn in any::<bool>(),
        ) {
            let units: Vec<String> = (0..40).map(|i| format!("Unit {i}")).collect();
            let people: Vec<Person> = raw
                .iter()
                .map(|(y, g, u)| {
                    let gender = g.map(|m| if m { Gender::Male } else { Gender::Female });
                    person(*y, gender, &units[*u])
                })
                .collect();
            let scheme = if bkn { GenerationScheme::bkn() } else { GenerationScheme::article_default() };
            let c = compose(&people, &scheme);
            prop_assert_eq!(c.total as usize, people.len());
            check_sums(&c.by_generation, c.total)?;
            check_sums(&c.by_gender, c.total)?;
            check_sums(&c.by_unit, c.total)?;
        }
    }
}
