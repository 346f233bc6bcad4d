//! How many people per team: teams of k and k+1 only, never a leftover team
//! of one or two.

/// Team sizes for `n` people aiming at `size` per team: as many teams as
/// keeps every team at `size` or `size + 1`; when no count does (19 people
/// in teams of 8), one more team, split evenly (7, 6, 6), which is never
/// below half the size asked. Never a leftover of one: sizes differ by at
/// most one. Empty when `n` is 0; one team when `n` is smaller than a team.
pub fn team_sizes(n: usize, size: usize) -> Vec<usize> {
    let size = size.max(2);
    if n == 0 {
        return Vec::new();
    }
    if n <= size + 1 {
        return vec![n];
    }
    // Fewer, larger teams first (k and k+1); if that leaves teams too large,
    // one more team (sizes k-1 and k).
    let teams = n / size;
    let count = if n.div_ceil(teams) <= size + 1 {
        teams
    } else {
        teams + 1
    };
    by_count(n, count)
}

/// `n` people in `count` teams as even as possible (sizes differ by at most one).
pub fn by_count(n: usize, count: usize) -> Vec<usize> {
    let count = count.clamp(1, n.max(1));
    let (base, extra) = (n / count, n % count);
    (0..count).map(|i| base + usize::from(i < extra)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn examples() {
        assert_eq!(team_sizes(40, 5), vec![5; 8]);
        assert_eq!(team_sizes(41, 5), vec![6, 5, 5, 5, 5, 5, 5, 5]);
        assert_eq!(team_sizes(42, 5), vec![6, 6, 5, 5, 5, 5, 5, 5]);
        assert_eq!(team_sizes(11, 5), vec![6, 5]);
        assert_eq!(team_sizes(13, 5), vec![5, 4, 4]);
        assert_eq!(team_sizes(4, 5), vec![4]);
        assert_eq!(by_count(10, 3), vec![4, 3, 3]);
        assert_eq!(team_sizes(19, 8), vec![7, 6, 6]);
    }

    proptest! {
        /// Everyone is placed, sizes differ by at most one (so never a
        /// leftover), no team is larger than one more than asked, and none
        /// smaller than half the size asked (and never a lone person).
        #[test]
        fn sizes_are_even_and_never_tiny(n in 0usize..7000, size in 2usize..9) {
            let sizes = team_sizes(n, size);
            prop_assert_eq!(sizes.iter().sum::<usize>(), n);
            if let (Some(max), Some(min)) = (sizes.iter().max(), sizes.iter().min()) {
                prop_assert!(max - min <= 1);
                prop_assert!(*max <= size + 1);
                if n >= size { prop_assert!(*min >= (size / 2).max(2)); }
            }
        }
    }
}
