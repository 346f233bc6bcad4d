//! Where a plain (no-JavaScript) form post lands, and what it tells.
//!
//! A server fn answers a plain post with a redirect back to the page (its
//! `Referer`), carrying an error in the query (`__path`, `__err`). Two things
//! are added here for every form at once:
//! - the page the post came from is cleaned of an earlier post's outcome, so a
//!   success after a failed try no longer shows the old error;
//! - when the form named its slot (the hidden `__slot` field, the id of the
//!   element beside the form where its error or outcome is shown), the
//!   redirect names it too: `__slot` after an error, `__done` after a success,
//!   and the fragment `#slot`, so the browser scrolls back to where the person
//!   acted instead of to the top of the page.
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::Response;

/// The query keys an outcome travels in.
const OUTCOME_KEYS: [&str; 4] = ["__path", "__err", "__slot", "__done"];

/// `url` without the outcome of an earlier post (its query keys and fragment).
pub fn without_outcome(url: &str) -> String {
    let url = url.split('#').next().unwrap_or_default();
    let Some((base, query)) = url.split_once('?') else {
        return url.to_string();
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| {
            let key = pair.split('=').next().unwrap_or_default();
            !pair.is_empty() && !OUTCOME_KEYS.contains(&key)
        })
        .collect();
    if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    }
}

/// Takes an earlier outcome out of the request's `Referer`, which the answer's
/// redirect is built from.
pub fn clean_referer(headers: &mut HeaderMap) {
    let Some(referer) = headers.get(header::REFERER).and_then(|v| v.to_str().ok()) else {
        return;
    };
    let clean = without_outcome(referer);
    if clean != referer {
        if let Ok(value) = HeaderValue::from_str(&clean) {
            headers.insert(header::REFERER, value);
        }
    }
}

/// A slot id as it may travel in a URL: letters, digits, `-`, `_`, `.`.
fn slot_id(slot: Option<String>) -> Option<String> {
    slot.filter(|s| {
        !s.is_empty()
            && s.len() <= 200
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
    })
}

/// `location` with the outcome of this post for the form's `slot`: after an
/// error (`__err` in it) `__slot`, after a success `__done`, and `#slot`.
pub fn locate(location: &str, slot: &str) -> String {
    if location.contains('#') {
        return location.to_string();
    }
    let key = if location.contains("__err=") {
        "__slot"
    } else {
        "__done"
    };
    // The server fn's own cleaning of the `Referer` can leave a bare `?`.
    let sep = match location.chars().last() {
        Some('?' | '&') => "",
        _ if location.contains('?') => "&",
        _ => "?",
    };
    format!("{location}{sep}{key}={slot}#{slot}")
}

/// Adds the form's slot to a plain post's redirect (see the module's text).
pub fn mark(mut res: Response, slot: Option<String>) -> Response {
    let Some(slot) = slot_id(slot) else {
        return res;
    };
    if !res.status().is_redirection() {
        return res;
    }
    let Some(location) = res.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()) else {
        return res;
    };
    if let Ok(value) = HeaderValue::from_str(&locate(location, &slot)) {
        res.headers_mut().insert(header::LOCATION, value);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_earlier_outcome_is_taken_out_and_the_rest_kept() {
        assert_eq!(
            without_outcome("http://h/classes/1?tab=a&__path=/api/x&__err=abc&__slot=s#s"),
            "http://h/classes/1?tab=a"
        );
        assert_eq!(without_outcome("http://h/c?__done=s#s"), "http://h/c");
        assert_eq!(without_outcome("/c?a=1&b=2"), "/c?a=1&b=2");
        assert_eq!(without_outcome("/c"), "/c");
    }

    #[test]
    fn a_success_names_its_slot_as_done_and_an_error_as_its_slot() {
        assert_eq!(
            locate("http://h/c", "release-3"),
            "http://h/c?__done=release-3#release-3"
        );
        assert_eq!(
            locate("http://h/c?__path=/api/x&__err=e", "s"),
            "http://h/c?__path=/api/x&__err=e&__slot=s#s"
        );
        assert_eq!(locate("/c#mine", "s"), "/c#mine");
        assert_eq!(locate("http://h/c?", "s"), "http://h/c?__done=s#s");
    }

    #[test]
    fn only_plain_slot_ids_travel() {
        assert_eq!(slot_id(Some("unit-3.a_b".into())).as_deref(), Some("unit-3.a_b"));
        for bad in ["", "a b", "a\"b", "a#b", "<x>", "a&__err=1"] {
            assert_eq!(slot_id(Some(bad.into())), None, "{bad:?}");
        }
        assert_eq!(slot_id(Some("x".repeat(201))), None);
    }
}
