//! The rules every unit, lesson and block must satisfy, whether it comes from a
//! file or from the authoring screens. Each rule returns the problem's code; the
//! caller knows where the problem is. Codes are translated by the UI.
use crate::curriculum::model::{Bilingual, CheckMode, CheckOption};

pub const MAX_KEY_CHARS: usize = 60;
pub const LESSON_MINUTES: std::ops::RangeInclusive<u32> = 2..=10;
pub const CHECK_OPTIONS: std::ops::RangeInclusive<usize> = 2..=6;
pub const MAX_TEXT_CHARS: usize = 20_000;

/// Keys tie progress and answers to content: short, lower-case, stable.
pub fn key_problem(key: &str) -> Option<&'static str> {
    let well_formed = !key.is_empty()
        && key.chars().count() <= MAX_KEY_CHARS
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !key.starts_with('-')
        && !key.ends_with('-');
    (!well_formed).then_some("bad_key")
}

/// Which language is missing (blank counts as missing), or too long.
pub fn bilingual_problem(text: &Bilingual) -> Option<&'static str> {
    if text.id.trim().is_empty() || text.en.trim().is_empty() {
        Some("missing_translation")
    } else if text.id.chars().count() > MAX_TEXT_CHARS || text.en.chars().count() > MAX_TEXT_CHARS {
        Some("text_too_long")
    } else {
        None
    }
}

pub const UNIT_MINUTES: std::ops::RangeInclusive<u32> = 1..=600;

pub fn unit_minutes_problem(minutes: u32) -> Option<&'static str> {
    (!UNIT_MINUTES.contains(&minutes)).then_some("unit_minutes")
}

pub fn lesson_minutes_problem(minutes: u32) -> Option<&'static str> {
    (!LESSON_MINUTES.contains(&minutes)).then_some("lesson_minutes")
}

pub fn options_problem(mode: CheckMode, options: &[CheckOption]) -> Option<&'static str> {
    let correct = options.iter().filter(|o| o.correct).count();
    if !CHECK_OPTIONS.contains(&options.len()) {
        Some("check_option_count")
    } else if correct == 0 {
        Some("check_no_correct")
    } else if mode == CheckMode::Single && correct > 1 {
        Some("check_single_many_correct")
    } else {
        None
    }
}

pub fn url_problem(url: &str) -> Option<&'static str> {
    let ok = (url.starts_with("https://") || url.starts_with("http://"))
        && url.len() > "https://".len()
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '>');
    (!ok).then_some("bad_url")
}

/// Image files are shipped assets: a plain file name, no path tricks.
pub fn image_problem(src: &str, width: u32, height: u32) -> Option<&'static str> {
    let name_ok = !src.is_empty()
        && src.len() <= 100
        && !src.starts_with('.')
        && src
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if !name_ok {
        Some("bad_image_src")
    } else if width == 0 || height == 0 || width > 4000 || height > 4000 {
        Some("image_size")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn option(correct: bool) -> CheckOption {
        CheckOption {
            key: "a".into(),
            correct,
            text: Bilingual::new("ya", "yes"),
            feedback: Bilingual::new("b", "f"),
        }
    }

    #[test]
    fn keys() {
        assert_eq!(key_problem("potret-generasi-1"), None);
        for bad in ["", "Potret", "a b", "-a", "a-", "ä", &"a".repeat(61)] {
            assert_eq!(key_problem(bad), Some("bad_key"), "{bad:?}");
        }
    }

    #[test]
    fn both_languages_are_required() {
        assert_eq!(bilingual_problem(&Bilingual::new("ada", "there")), None);
        assert_eq!(
            bilingual_problem(&Bilingual::new("ada", " ")),
            Some("missing_translation")
        );
        assert_eq!(
            bilingual_problem(&Bilingual::new("", "there")),
            Some("missing_translation")
        );
    }

    #[test]
    fn quick_check_options() {
        use CheckMode::*;
        assert_eq!(options_problem(Single, &[option(true), option(false)]), None);
        assert_eq!(
            options_problem(Single, &[option(true)]),
            Some("check_option_count")
        );
        assert_eq!(
            options_problem(Single, &[option(false), option(false)]),
            Some("check_no_correct")
        );
        assert_eq!(
            options_problem(Single, &[option(true), option(true)]),
            Some("check_single_many_correct")
        );
        assert_eq!(
            options_problem(Multiple, &[option(true), option(true), option(false)]),
            None
        );
        assert_eq!(
            options_problem(Multiple, &vec![option(true); 7]),
            Some("check_option_count")
        );
    }

    #[test]
    fn urls_images_and_minutes() {
        assert_eq!(url_problem("https://bkpsdmd.babelprov.go.id/x"), None);
        assert_eq!(url_problem("javascript:alert(1)"), Some("bad_url"));
        assert_eq!(url_problem("https://"), Some("bad_url"));
        assert_eq!(image_problem("generasi-asn.svg", 640, 300), None);
        assert_eq!(image_problem("../etc/passwd", 640, 300), Some("bad_image_src"));
        assert_eq!(image_problem("a.svg", 0, 300), Some("image_size"));
        assert_eq!(lesson_minutes_problem(2), None);
        assert_eq!(lesson_minutes_problem(11), Some("lesson_minutes"));
    }
}
