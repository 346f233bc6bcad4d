//! The longest text a form field may carry, by the field's name, so that every
//! free-text input of every server fn has a limit — including fns added later,
//! which get `DEFAULT_MAX_CHARS` without anyone remembering to add one. The
//! server checks every field of every server-fn call against this table
//! before the fn runs (`server::text_guard`), and answers a field error
//! (`ErrTextTooLong` with the limit) beside the field. A 1.9 MB class
//! description once made the class page 5.7 MB; that is what this prevents.
//!
//! Nested form fields (`criteria[0][title]`, `c[2][comment]`) are looked up
//! by their last part. Domain rules may be stricter (a roster name, a
//! reflection, a deliverable's text have their own limits and messages).
//! No framework imports: pages may use it for `maxlength` too.

/// Any text field not named below.
pub const DEFAULT_MAX_CHARS: usize = 20_000;

/// (field name, most characters). Grouped by what people type there.
const LIMITS: &[(&str, usize)] = &[
    // Names, titles, labels, keys: one line.
    ("name", 200),
    ("full_name", 200),
    ("title", 300),
    ("title_id", 300),
    ("title_en", 300),
    ("label", 300),
    ("key", 200),
    ("identifier", 320),
    ("email", 320),
    ("role", 100),
    ("decision", 100),
    // Passwords: argon2 hashes whatever it is given; nobody types more.
    ("password", 200),
    ("current", 200),
    ("new", 200),
    ("confirm", 200),
    // Short prose: a paragraph or a few.
    ("description", 5_000),
    ("objective_id", 5_000),
    ("objective_en", 5_000),
    ("descriptor", 5_000),
    ("reason", 5_000),
    ("comment", 5_000),
    ("overall", 5_000),
    ("topic", 5_000),
    ("practised", 5_000),
    ("mentor_learned", 5_000),
    ("answer", 5_000),
    // Long prose: briefs, hand-ins, reflections.
    ("brief", 20_000),
    ("body", 20_000),
    ("reflection", 20_000),
    // Sources edited as text: a lesson block's Markdown, a block or scenario node in the file format.
    ("text", 100_000),
    ("text_id", 100_000),
    ("text_en", 100_000),
    ("source", 200_000),
];

/// The field's own name: `criteria[0][levels][1][label]` → `label`.
pub fn base_name(field: &str) -> &str {
    match field.trim_end_matches(']').rsplit_once('[') {
        Some((_, last)) => last,
        None => field,
    }
}

/// The most characters the field may hold.
pub fn max_chars(field: &str) -> usize {
    let name = base_name(field);
    LIMITS
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(DEFAULT_MAX_CHARS, |(_, max)| *max)
}

/// The field's limit when `value` is over it.
pub fn over_limit(field: &str, value: &str) -> Option<usize> {
    let max = max_chars(field);
    // Bytes bound characters from above: count only when it could matter.
    (value.len() > max && value.chars().count() > max).then_some(max)
}

/// Whether text that is parsed as TOML or JSON (an import, an edited source)
/// holds a NUL, raw or written as an escape (`\u0000`, `\U00000000`): either
/// way the parsed text would carry one, which PostgreSQL cannot store.
pub fn source_holds_nul(text: &str) -> bool {
    text.contains('\0') || text.contains("\\u0000") || text.contains("\\U00000000")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_fields_use_their_own_name_and_unknown_ones_the_default() {
        assert_eq!(max_chars("criteria[0][levels][1][label]"), 300);
        assert_eq!(max_chars("c[2][comment]"), 5_000);
        assert_eq!(max_chars("description"), 5_000);
        assert_eq!(max_chars("whatever_comes_next"), DEFAULT_MAX_CHARS);
        assert_eq!(
            over_limit("name", &"é".repeat(200)),
            None,
            "characters, not bytes"
        );
        assert_eq!(over_limit("name", &"a".repeat(201)), Some(200));
    }

    #[test]
    fn nul_escapes_in_sources_are_found() {
        assert!(source_holds_nul("title = \"a\\u0000b\""));
        assert!(source_holds_nul("{\"title\": \"\\U00000000\"}"));
        assert!(source_holds_nul("a\0b"));
        assert!(!source_holds_nul("title = \"a\\u0041\""));
    }

    /// Every limit is a sensible size: above what people type, far below what
    /// would make a page heavy, and no name listed twice.
    #[test]
    fn every_limit_is_sensible_and_named_once() {
        for (i, (name, max)) in LIMITS.iter().enumerate() {
            assert!((100..=200_000).contains(max), "{name}: {max}");
            assert!(LIMITS[..i].iter().all(|(n, _)| n != name), "{name} twice");
        }
    }
}
