//! Lesson Markdown to HTML that is safe to put into a page: pulldown-cmark renders,
//! ammonia keeps only harmless tags and attributes (no scripts, no event handlers,
//! no `javascript:` links), and links open safely in a new tab.
//!
//! HTML typed into the Markdown is left out: lessons are written in Markdown
//! only, so every image has the alternative text its Markdown gives
//! (`![text](src)`, `alt=""` when none: decorative), and nothing a sanitiser
//! might let through is there to begin with.
use ammonia::Builder;
use pulldown_cmark::{html, Event, Options, Parser};
use std::collections::HashSet;

/// Rendered lessons, keyed by their Markdown: rendering and sanitising is the most
/// expensive part of a lesson page, and the output depends on the text alone, so an
/// edited block simply gets a new entry. Bounded: cleared when it grows past
/// `CACHE_LIMIT` entries (a curriculum has a few hundred blocks).
pub fn to_safe_html_cached(markdown: &str) -> String {
    use std::collections::HashMap;
    use std::sync::{OnceLock, RwLock};
    const CACHE_LIMIT: usize = 4_000;
    static CACHE: OnceLock<RwLock<HashMap<String, String>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(html) = cache.read().ok().and_then(|c| c.get(markdown).cloned()) {
        return html;
    }
    let html = to_safe_html(markdown);
    if let Ok(mut c) = cache.write() {
        if c.len() >= CACHE_LIMIT {
            c.clear();
        }
        c.insert(markdown.to_string(), html.clone());
    }
    html
}

pub fn to_safe_html(markdown: &str) -> String {
    let mut raw = String::new();
    let events = Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH)
        .filter(|e| !matches!(e, Event::Html(_) | Event::InlineHtml(_)));
    html::push_html(&mut raw, events);
    Builder::default()
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("noopener noreferrer"))
        .set_tag_attribute_value("a", "target", "_blank")
        .clean(&raw)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::to_safe_html;

    #[test]
    fn markdown_becomes_html() {
        let html = to_safe_html("Halo **semua**.\n\n- satu\n- dua\n");
        assert!(html.contains("<strong>semua</strong>"), "{html}");
        assert!(html.contains("<li>satu</li>"), "{html}");
    }

    #[test]
    fn scripts_and_event_handlers_never_reach_the_page() {
        let payloads = [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[klik](javascript:alert(1))",
            "<a href=\"https://ok.id\" onclick=\"alert(1)\">x</a>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<svg onload=alert(1)></svg>",
        ];
        for payload in payloads {
            let html = to_safe_html(payload).to_lowercase();
            for bad in [
                "<script",
                "onerror",
                "onclick",
                "onload",
                "javascript:",
                "<iframe",
                "<svg",
            ] {
                assert!(!html.contains(bad), "{payload:?} left {bad:?} in {html:?}");
            }
        }
    }

    #[test]
    fn typed_html_is_left_out_and_every_image_has_alternative_text() {
        let html =
            to_safe_html("Teks <img src=x> dan <b>tebal</b>.\n\n![Bagan alur](bagan.png) ![](hias.png)");
        assert!(!html.contains("src=\"x\"") && !html.contains("<b>"), "{html}");
        assert!(html.contains("tebal"), "the words stay: {html}");
        assert_eq!(html.matches("<img").count(), 2, "{html}");
        assert_eq!(html.matches(" alt=").count(), 2, "{html}");
        assert!(html.contains("alt=\"Bagan alur\""), "{html}");
    }

    #[test]
    fn the_cache_returns_what_rendering_returns() {
        let text = "Sekali **lagi**, dengan <script>x</script>";
        assert_eq!(super::to_safe_html_cached(text), to_safe_html(text));
        assert_eq!(super::to_safe_html_cached(text), to_safe_html(text));
    }

    #[test]
    fn links_open_safely() {
        let html = to_safe_html("[sumber](https://bkpsdmd.babelprov.go.id)");
        assert!(html.contains("rel=\"noopener noreferrer\""), "{html}");
        assert!(html.contains("target=\"_blank\""), "{html}");
    }
}
