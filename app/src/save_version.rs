//! Which save wins, decided by the server's own version of a row (no
//! framework, no database: the stores apply the decision, see
//! `evaluation::store::save_score` and `curriculum::store::progress::save_reflection`).
//!
//! Every stored save of a row adds one to its `revision`. A save names the
//! revision it started from (`base`: what the page showed, 0 when the row did
//! not exist yet) and carries a `key`, fresh for each distinct save and the
//! same when that save is sent again. So:
//! - the same save again (its answer was lost on the way) finds its own key
//!   on the row and succeeds without writing a second time;
//! - a save that started from what is stored is written, as revision + 1;
//! - a save that started from an older revision (a second tab, the Back
//!   button, another device) is refused, and the person is told: it never
//!   silently overwrites newer work, and it is never silently dropped.
//!
//! Browser clocks decide nothing: a slow clock on a second device used to make
//! a real save look "older" and be dropped while the page said it was saved.

/// What a stored row says about itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stored<'a> {
    pub revision: i64,
    pub key: &'a str,
}

/// What to do with one incoming save.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// No row yet: insert it as revision 1.
    Insert,
    /// Write it as `next`, on condition that the row is still at `base`.
    Update { next: i64 },
    /// This very save is already stored (as `revision`): answer as if saved now.
    Replay { revision: i64 },
    /// The row moved on (to `revision`) since the page was shown: refuse.
    Stale { revision: i64 },
}

pub fn decide(stored: Option<Stored<'_>>, base: i64, key: &str) -> Decision {
    match stored {
        None => Decision::Insert,
        Some(s) if !key.is_empty() && s.key == key => Decision::Replay { revision: s.revision },
        Some(s) if s.revision == base => Decision::Update { next: base + 1 },
        Some(s) => Decision::Stale { revision: s.revision },
    }
}

/// A key that can stand for one save: short, printable, not empty. Anything
/// else is treated as "no key" (the save is then never taken for a repeat).
pub fn usable_key(key: &str) -> &str {
    let ok = (8..=64).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        key
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_first_save_inserts_whatever_its_base() {
        assert_eq!(decide(None, 0, "k1234567"), Decision::Insert);
        assert_eq!(decide(None, 7, "k1234567"), Decision::Insert);
    }

    #[test]
    fn the_same_save_again_is_answered_from_the_row() {
        let row = Stored {
            revision: 4,
            key: "abcdefgh",
        };
        assert_eq!(decide(Some(row), 3, "abcdefgh"), Decision::Replay { revision: 4 });
    }

    #[test]
    fn an_empty_key_is_never_a_repeat() {
        let row = Stored { revision: 4, key: "" };
        assert_eq!(decide(Some(row), 2, ""), Decision::Stale { revision: 4 });
        assert_eq!(decide(Some(row), 4, ""), Decision::Update { next: 5 });
    }

    #[test]
    fn keys_are_checked() {
        assert_eq!(usable_key("0123456789abcdef"), "0123456789abcdef");
        assert_eq!(usable_key("short"), "");
        assert_eq!(usable_key("has space in it"), "");
        assert_eq!(usable_key(&"x".repeat(65)), "");
    }

    proptest! {
        /// Applying saves in any order: each stored save advanced the revision
        /// by exactly one from the revision its author saw, a refused save
        /// changed nothing, and a repeated save never wrote twice.
        #[test]
        fn no_save_overwrites_work_its_author_did_not_see(
            saves in prop::collection::vec((0i64..6, 0usize..4), 1..40)
        ) {
            let keys = ["key-aaaa", "key-bbbb", "key-cccc", "key-dddd"];
            let mut row: Option<(i64, &str)> = None;
            let mut writes = 0;
            for (base, k) in saves {
                let key = keys[k];
                let stored = row.map(|(revision, key)| Stored { revision, key });
                match decide(stored, base, key) {
                    Decision::Insert => { prop_assert!(row.is_none()); row = Some((1, key)); writes += 1; }
                    Decision::Update { next } => {
                        prop_assert_eq!(row.map(|r| r.0), Some(base));
                        prop_assert_eq!(next, base + 1);
                        row = Some((next, key));
                        writes += 1;
                    }
                    Decision::Replay { revision } => prop_assert_eq!(row, Some((revision, key))),
                    Decision::Stale { revision } => {
                        prop_assert_ne!(revision, base);
                        prop_assert_eq!(row.map(|r| r.0), Some(revision));
                    }
                }
                prop_assert_eq!(row.map_or(0, |r| r.0), writes);
            }
        }
    }
}
