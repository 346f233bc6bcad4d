//! What a team may hand in: text, links (http or https, one per line) and
//! files of the kinds a report or a presentation comes in, recognised by
//! their first bytes as well as their name, so a renamed program is refused.

pub const MAX_TEXT_CHARS: usize = 20_000;
pub const MAX_LINKS: usize = 10;
pub const MAX_FILES: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliverableProblem {
    Empty,
    TextTooLong,
    BadLink,
    TooManyLinks,
    TooManyFiles,
    FileKind,
}

/// The MIME type of an accepted file, from its extension checked against its
/// first bytes: PDF, DOCX, PPTX, PNG, JPEG or WebP.
pub fn file_kind(name: &str, bytes: &[u8]) -> Option<&'static str> {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())?;
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    match ext.as_str() {
        "pdf" if starts(b"%PDF-") => Some("application/pdf"),
        "docx" if starts(b"PK\x03\x04") => {
            Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        }
        "pptx" if starts(b"PK\x03\x04") => {
            Some("application/vnd.openxmlformats-officedocument.presentationml.presentation")
        }
        "png" if starts(b"\x89PNG\r\n\x1a\n") => Some("image/png"),
        "jpg" | "jpeg" if starts(b"\xFF\xD8\xFF") => Some("image/jpeg"),
        "webp" if bytes.len() > 12 && starts(b"RIFF") && &bytes[8..12] == b"WEBP" => Some("image/webp"),
        _ => None,
    }
}

/// The links, one per line (blank lines ignored), each http(s) without spaces.
pub fn parse_links(text: &str) -> Result<Vec<String>, DeliverableProblem> {
    let links: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    if links.len() > MAX_LINKS {
        return Err(DeliverableProblem::TooManyLinks);
    }
    let ok = |l: &String| {
        let rest = l.strip_prefix("https://").or_else(|| l.strip_prefix("http://"));
        rest.is_some_and(|r| {
            !r.is_empty() && r.len() < 500 && !r.contains(char::is_whitespace) && !r.contains(['<', '>', '"'])
        })
    };
    if links.iter().all(ok) {
        Ok(links)
    } else {
        Err(DeliverableProblem::BadLink)
    }
}

/// Checks a whole submission's text, links and number of files.
pub fn check(text: &str, links: &[String], files: usize) -> Result<(), DeliverableProblem> {
    if text.trim().is_empty() && links.is_empty() && files == 0 {
        return Err(DeliverableProblem::Empty);
    }
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(DeliverableProblem::TextTooLong);
    }
    if files > MAX_FILES {
        return Err(DeliverableProblem::TooManyFiles);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn kinds_need_both_the_name_and_the_first_bytes() {
        assert_eq!(file_kind("laporan.PDF", b"%PDF-1.7 ..."), Some("application/pdf"));
        assert!(file_kind("slides.pptx", b"PK\x03\x04rest").is_some());
        assert_eq!(file_kind("foto.jpg", b"\xFF\xD8\xFF\xE0"), Some("image/jpeg"));
        assert_eq!(file_kind("virus.pdf", b"MZ\x90\x00"), None);
        assert_eq!(file_kind("script.exe", b"%PDF-1.7"), None);
        assert_eq!(file_kind("noext", b"%PDF-1.7"), None);
    }

    #[test]
    fn links_are_http_and_at_most_ten() {
        assert_eq!(
            parse_links("https://drive.example/a\n\n http://x.id/b \n").unwrap(),
            vec!["https://drive.example/a", "http://x.id/b"]
        );
        assert_eq!(
            parse_links("javascript:alert(1)"),
            Err(DeliverableProblem::BadLink)
        );
        assert_eq!(parse_links("https://a b"), Err(DeliverableProblem::BadLink));
        let many = (0..11)
            .map(|i| format!("https://e.id/{i}"))
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(parse_links(&many), Err(DeliverableProblem::TooManyLinks));
    }

    #[test]
    fn a_submission_needs_something_and_not_too_much() {
        assert_eq!(check("  ", &[], 0), Err(DeliverableProblem::Empty));
        assert_eq!(check("", &[], 1), Ok(()));
        assert_eq!(check("", &[], 6), Err(DeliverableProblem::TooManyFiles));
        assert_eq!(
            check(&"a".repeat(MAX_TEXT_CHARS + 1), &[], 0),
            Err(DeliverableProblem::TextTooLong)
        );
    }

    proptest! {
        #[test]
        fn accepted_links_never_carry_markup_or_spaces(text in "[ -~\n]{0,200}") {
            if let Ok(links) = parse_links(&text) {
                for l in links {
                    prop_assert!(l.starts_with("http://") || l.starts_with("https://"));
                    prop_assert!(!l.contains(['<', '>', '"', ' ']));
                }
            }
        }
    }
}
