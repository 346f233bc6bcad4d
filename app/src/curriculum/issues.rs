//! The translated message for each curriculum problem code (file import and
//! authoring alike: see `domain::rules` and `domain::format`).
use crate::i18n::K;

pub const CODES: &[(&str, K)] = &[
    ("bad_key", K::CurBadKey),
    ("missing_translation", K::CurMissingTranslation),
    ("text_too_long", K::CurTextTooLong),
    ("lesson_minutes", K::CurLessonMinutes),
    ("unit_minutes", K::CurUnitMinutes),
    ("no_units", K::CurNoUnits),
    ("no_lessons", K::CurNoLessons),
    ("no_blocks", K::CurNoBlocks),
    ("field_not_allowed", K::CurFieldNotAllowed),
    ("unknown_block_type", K::CurUnknownBlockType),
    ("unknown_field", K::CurUnknownField),
    ("missing_field", K::CurMissingField),
    ("invalid_value", K::CurInvalidValue),
    ("syntax", K::CurSyntax),
    ("duplicate_key", K::CurDuplicateKey),
    ("check_option_count", K::CurCheckOptionCount),
    ("check_no_correct", K::CurCheckNoCorrect),
    ("check_single_many_correct", K::CurCheckSingleManyCorrect),
    ("bad_check_mode", K::CurBadCheckMode),
    ("bad_url", K::CurBadUrl),
    ("bad_link_kind", K::CurBadLinkKind),
    ("bad_image_src", K::CurBadImageSrc),
    ("image_size", K::CurImageSize),
    ("key_changed", K::CurKeyChanged),
    ("not_found", K::ErrNotFound),
];

pub fn issue_message(code: &str) -> K {
    CODES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, k)| *k)
        .unwrap_or(K::CurIssueOther)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_the_rules_and_the_format_produce_has_its_own_message() {
        let sources = [
            include_str!("domain/rules.rs"),
            include_str!("domain/format.rs"),
            include_str!("domain/authoring.rs"),
        ];
        let mut codes: Vec<&str> = CODES.iter().map(|(c, _)| *c).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), CODES.len(), "a code is listed twice");
        for (code, _) in CODES {
            assert!(
                sources.iter().any(|s| s.contains(&format!("\"{code}\""))),
                "{code} is produced nowhere"
            );
        }
        // And each problem code in those sources is listed (snake_case literals
        // returned as `Some("…")` or passed to `problem(…, "…")`).
        for source in sources {
            for piece in source
                .split("Some(\"")
                .skip(1)
                .chain(source.split(", \"").skip(1))
            {
                let code = piece.split('"').next().unwrap_or("");
                let looks_like_code =
                    code.contains('_') && code.chars().all(|c| c.is_ascii_lowercase() || c == '_');
                if looks_like_code {
                    assert_ne!(issue_message(code), K::CurIssueOther, "{code} has no message");
                }
            }
        }
    }
}
