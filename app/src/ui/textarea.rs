//! The one way stored text goes into a `<textarea>`.
//!
//! Leptos (tachys 0.2) writes a textarea's children into the server's HTML
//! without escaping them (`ESCAPE_CHILDREN = false`, an upstream fix was
//! reverted), so a stored `</textarea><form …>` would become live markup in
//! every editor that shows it. On the server the text is escaped here; the
//! browser decodes the entities back while parsing (a textarea's content is
//! escapable raw text), so the field holds exactly the stored characters. In
//! the browser (hydration, client rendering) a text node is made from the
//! string itself, which is never parsed, so it is passed through unchanged.
//! `every_textarea_child_goes_through_the_helper` fails on a textarea whose
//! child does not come from here.

/// The text to put between `<textarea>` and `</textarea>`.
pub fn textarea_text(text: impl AsRef<str>) -> String {
    let text = text.as_ref();
    #[cfg(feature = "ssr")]
    {
        escape(text)
    }
    #[cfg(not(feature = "ssr"))]
    {
        text.to_string()
    }
}

/// `&` and `<` are all a textarea's content needs; `>` too, for any reader
/// that is not a browser.
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_can_close_the_element() {
        let hostile = "a</textarea><form action=/x><button>b</button></form>&amp;<!--";
        let safe = escape(hostile);
        assert!(!safe.contains('<') && !safe.contains('>'));
        assert_eq!(
            safe,
            "a&lt;/textarea&gt;&lt;form action=/x&gt;&lt;button&gt;b&lt;/button&gt;&lt;/form&gt;&amp;amp;&lt;!--"
        );
    }

    /// Every `<textarea …>{child}</textarea>` in the views takes its child
    /// from `textarea_text`; an empty textarea needs nothing.
    #[test]
    fn every_textarea_child_goes_through_the_helper() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut offenders = Vec::new();
        let mut stack = vec![root];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("textarea.rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    for (at, _) in text.match_indices("<textarea") {
                        let open_end = text[at..].find('>').map(|i| at + i + 1).unwrap_or(at);
                        let close = text[open_end..].find("</textarea>").map(|i| open_end + i);
                        let child = close.map(|c| text[open_end..c].trim()).unwrap_or("");
                        if !child.is_empty() && !child.starts_with("{crate::ui::textarea_text(") {
                            offenders.push(format!("{}: {child}", path.display()));
                        }
                    }
                }
            }
        }
        assert!(
            offenders.is_empty(),
            "textarea children not escaped: {offenders:#?}"
        );
    }
}
