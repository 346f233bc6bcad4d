//! Sinergi's results as AGS scores (Assignment and Grade Services 2.0, score
//! publish service), out of 100 with a plain-text comment: a released rubric
//! result (the predicate and each criterion's level), a played scenario (the
//! best attempt's decision grade and its ending) and a unit's lessons read
//! (in progress until all are read, then fully graded).
use crate::i18n::{fill, Locale, P};
use crate::rubrics::domain::rubric::Pick;
use serde_json::{json, Value};

/// Per criterion, the middle level the evaluators picked (the lower middle
/// of an even count, i.e. the better of the two); None when nobody picked.
pub fn median_levels(entries: &[Vec<Pick>], criteria: usize) -> Vec<Option<usize>> {
    (0..criteria)
        .map(|i| {
            let mut levels: Vec<usize> = entries.iter().filter_map(|e| e.get(i).map(|p| p.level)).collect();
            levels.sort_unstable();
            levels.get(levels.len().saturating_sub(1) / 2).copied()
        })
        .collect()
}

/// The gradebook shows one comment to everyone who reads it, and the LMS does
/// not say in which language: Indonesian, the app's first language.
const COMMENT_LOCALE: Locale = Locale::Id;

/// "Nilai akhir 84.5 (Memuaskan). Kolaborasi: Baik; Komunikasi: Sangat baik."
pub fn comment(total: f64, predicate: &str, levels: &[(String, String)]) -> String {
    let mut text = fill(
        P::LtiCommentResult.t(COMMENT_LOCALE),
        &[format!("{total:.1}"), predicate.to_string()],
    );
    if !levels.is_empty() {
        let parts: Vec<String> = levels.iter().map(|(c, l)| format!("{c}: {l}")).collect();
        text.push(' ');
        text.push_str(&parts.join("; "));
        text.push('.');
    }
    text
}

/// "Skor keputusan 75 dari 100, percobaan terbaik dari 2. Akhir cerita: …"
pub fn scenario_comment(best: f64, attempts: usize, ending: &str) -> String {
    let args = [format!("{best:.0}"), attempts.to_string(), ending.to_string()];
    fill(P::LtiCommentScenario.t(COMMENT_LOCALE), &args)
}

/// "3 dari 4 pelajaran selesai."
pub fn unit_comment(done: usize, total: usize) -> String {
    fill(
        P::LtiCommentUnit.t(COMMENT_LOCALE),
        &[done.to_string(), total.to_string()],
    )
}

/// The score document posted to a line item's `/scores`. An activity not
/// `completed` yet is InProgress and Pending: the LMS shows progress but
/// takes no final grade from it.
pub fn score(user: &str, given: f64, maximum: u32, comment: &str, timestamp: &str, completed: bool) -> Value {
    let (activity, grading) = if completed {
        ("Completed", "FullyGraded")
    } else {
        ("InProgress", "Pending")
    };
    json!({
        "userId": user,
        "scoreGiven": (given * 100.0).round() / 100.0,
        "scoreMaximum": maximum,
        "comment": comment,
        "timestamp": timestamp,
        "activityProgress": activity,
        "gradingProgress": grading,
    })
}

/// Waiting time before retry `attempt` (1, 2, …): 30 s doubling, at most an hour.
pub fn backoff_secs(attempt: i32) -> i64 {
    let doubled = 30i64.saturating_mul(1i64 << attempt.clamp(1, 12).saturating_sub(1));
    doubled.min(3600)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(level: usize) -> Pick {
        Pick { level, points: 0 }
    }

    #[test]
    fn median_levels_per_criterion() {
        let entries = vec![vec![p(0), p(2)], vec![p(1), p(2)], vec![p(3)]];
        assert_eq!(median_levels(&entries, 3), vec![Some(1), Some(2), None]);
        assert_eq!(median_levels(&[vec![p(0)], vec![p(1)]], 1), vec![Some(0)]);
    }

    #[test]
    fn the_comment_names_predicate_and_levels() {
        let c = comment(
            84.46,
            "Memuaskan",
            &[
                ("Kolaborasi".into(), "Baik".into()),
                ("Komunikasi".into(), "Sangat baik".into()),
            ],
        );
        assert_eq!(
            c,
            "Nilai akhir 84.5 (Memuaskan). Kolaborasi: Baik; Komunikasi: Sangat baik."
        );
        assert_eq!(
            comment(70.0, "Cukup Memuaskan", &[]),
            "Nilai akhir 70.0 (Cukup Memuaskan)."
        );
    }

    #[test]
    fn the_score_is_fully_graded() {
        let s = score("u-1", 84.456, 100, "ok", "2026-12-02T10:00:00Z", true);
        assert_eq!(s["scoreGiven"], 84.46);
        assert_eq!(s["gradingProgress"], "FullyGraded");
        assert_eq!(s["activityProgress"], "Completed");
        let partial = score("u-1", 50.0, 100, "ok", "2026-12-02T10:00:00Z", false);
        assert_eq!(partial["activityProgress"], "InProgress");
        assert_eq!(partial["gradingProgress"], "Pending");
    }

    #[test]
    fn scenario_and_unit_comments_read_plainly() {
        assert_eq!(
            scenario_comment(74.6, 2, "Rapat yang saling mendengar"),
            "Skor keputusan 75 dari 100, percobaan terbaik dari 2. Akhir cerita: Rapat yang saling mendengar."
        );
        assert_eq!(unit_comment(3, 4), "3 dari 4 pelajaran selesai.");
    }

    #[test]
    fn backoff_doubles_up_to_an_hour() {
        assert_eq!(
            (1..=8).map(backoff_secs).collect::<Vec<_>>(),
            vec![30, 60, 120, 240, 480, 960, 1920, 3600]
        );
        assert_eq!(backoff_secs(40), 3600);
    }
}
