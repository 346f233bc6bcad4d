//! What an evaluator still has to score on one target, and what comes next.
//! Pure: the caller passes plain ids and score statuses.
use std::collections::{BTreeSet, HashMap};

/// Where one subject stands for one evaluator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Not scored yet.
    New,
    /// A draft is saved, not submitted.
    Draft,
    /// The facilitator asked for it to be scored again.
    Rescore,
    /// Submitted: nothing to do.
    Done,
}

impl Status {
    /// From a live score's status ("draft", "submitted", "rescore"), if any.
    pub fn of(score: Option<&str>) -> Status {
        match score {
            None => Status::New,
            Some("submitted") => Status::Done,
            Some("rescore") => Status::Rescore,
            Some(_) => Status::Draft,
        }
    }

    pub fn open(self) -> bool {
        self != Status::Done
    }
}

/// Which subjects an evaluator's assignments cover: all of the target's (an
/// assignment to the whole target), or the ones named.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Covers {
    pub whole: bool,
    pub subjects: BTreeSet<i64>,
}

impl Covers {
    /// From the evaluator's assignments' subject ids (0: the whole target).
    pub fn from_assignments(subject_ids: impl IntoIterator<Item = i64>) -> Covers {
        let mut covers = Covers::default();
        for id in subject_ids {
            if id == 0 {
                covers.whole = true;
            } else {
                covers.subjects.insert(id);
            }
        }
        covers
    }

    pub fn includes(&self, subject: i64) -> bool {
        self.whole || self.subjects.contains(&subject)
    }
}

/// The evaluator's subjects of a target in the target's order, each with
/// where it stands. `subjects` is the target's order (team number, name);
/// `scores` maps a subject to the evaluator's live score status.
pub fn worklist(covers: &Covers, subjects: &[i64], scores: &HashMap<i64, String>) -> Vec<(i64, Status)> {
    subjects
        .iter()
        .filter(|s| covers.includes(**s))
        .map(|s| (*s, Status::of(scores.get(s).map(String::as_str))))
        .collect()
}

/// The subject to score after `current`: the next open one in order, coming
/// round to the start; `None` when nothing else is open.
pub fn next_after(list: &[(i64, Status)], current: i64) -> Option<i64> {
    let at = list.iter().position(|(s, _)| *s == current).map_or(0, |i| i + 1);
    list[at..]
        .iter()
        .chain(list[..at].iter())
        .find(|(s, status)| *s != current && status.open())
        .map(|(s, _)| *s)
}

/// How many subjects are open, and of those how many are drafts and asked to
/// be rescored: what the to-do list shows per target.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub open: usize,
    pub drafts: usize,
    pub rescore: usize,
    pub done: usize,
}

pub fn counts(list: &[(i64, Status)]) -> Counts {
    let mut c = Counts::default();
    for (_, status) in list {
        match status {
            Status::New => c.open += 1,
            Status::Draft => {
                c.open += 1;
                c.drafts += 1
            }
            Status::Rescore => {
                c.open += 1;
                c.rescore += 1
            }
            Status::Done => c.done += 1,
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn scores(pairs: &[(i64, &str)]) -> HashMap<i64, String> {
        pairs.iter().map(|(s, v)| (*s, v.to_string())).collect()
    }

    #[test]
    fn a_whole_target_assignment_covers_every_subject_in_order() {
        let covers = Covers::from_assignments([0]);
        let list = worklist(&covers, &[3, 1, 2], &scores(&[(1, "submitted"), (2, "draft")]));
        assert_eq!(
            list,
            vec![(3, Status::New), (1, Status::Done), (2, Status::Draft)]
        );
    }

    #[test]
    fn a_subject_assignment_covers_that_subject_only() {
        let covers = Covers::from_assignments([2, 9]);
        let list = worklist(&covers, &[1, 2, 3], &scores(&[(2, "rescore")]));
        assert_eq!(list, vec![(2, Status::Rescore)]);
    }

    #[test]
    fn next_skips_done_and_comes_round() {
        let list = vec![
            (1, Status::New),
            (2, Status::Done),
            (3, Status::Draft),
            (4, Status::Done),
        ];
        assert_eq!(next_after(&list, 1), Some(3));
        assert_eq!(next_after(&list, 3), Some(1));
        assert_eq!(next_after(&list, 2), Some(3));
        assert_eq!(next_after(&[(1, Status::New)], 1), None);
        // A subject not on the list (a facilitator looking): the first open one.
        assert_eq!(next_after(&list, 99), Some(1));
    }

    #[test]
    fn counts_split_open_work_by_kind() {
        let list = vec![
            (1, Status::New),
            (2, Status::Draft),
            (3, Status::Rescore),
            (4, Status::Done),
        ];
        assert_eq!(
            counts(&list),
            Counts {
                open: 3,
                drafts: 1,
                rescore: 1,
                done: 1
            }
        );
    }

    proptest! {
        /// The next subject is open, is not the current one, and exists
        /// exactly when another open subject does.
        #[test]
        fn next_is_open_and_exists_when_any_other_is(
            statuses in proptest::collection::vec(0u8..4, 0..20),
            current in 0i64..25,
        ) {
            let list: Vec<(i64, Status)> = statuses
                .iter()
                .enumerate()
                .map(|(i, s)| (i as i64, [Status::New, Status::Draft, Status::Rescore, Status::Done][*s as usize]))
                .collect();
            let others_open = list.iter().any(|(s, st)| *s != current && st.open());
            match next_after(&list, current) {
                Some(next) => {
                    prop_assert!(next != current);
                    prop_assert!(list.iter().any(|(s, st)| *s == next && st.open()));
                }
                None => prop_assert!(!others_open),
            }
            let c = counts(&list);
            prop_assert_eq!(c.open + c.done, list.len());
        }
    }
}
