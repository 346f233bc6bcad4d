//! Where a plain (no-JavaScript) form post lands, and what it tells.
//!
//! A server fn answers a plain post with a redirect back to the page (its
//! `Referer`), carrying an error in the query (`__path`, `__err`). Here, for
//! every form at once:
//! - the page the post came from is cleaned of an earlier post's outcome, so a
//!   success after a failed try no longer shows the old error;
//! - when the form named its slot (the hidden `__slot` field, the id of the
//!   element beside the form where its error or outcome is shown), the
//!   outcome names it too: `__slot` after an error, `__done` after a success,
//!   and the redirect gets the fragment `#slot`, so the browser scrolls back
//!   to where the person acted instead of to the top of the page;
//! - after an error, the fields the form asked to keep (`__keep`: an NIP, an
//!   e-mail; never a password) travel back so the page shows them again;
//! - the outcome travels in a short-lived cookie, not in the address: the
//!   address bar shows the page's own address (no encoded error in it), and
//!   reloading the page does not tell an old outcome again. The next page
//!   request takes it (`adopt`) as if its query carried it, and clears it.
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::Response;

/// The query keys an outcome travels in.
const OUTCOME_KEYS: [&str; 5] = ["__path", "__err", "__slot", "__done", "__kept"];

/// The cookie that carries a plain post's outcome to the page it returns to.
pub const COOKIE: &str = "sinergi_outcome";

/// A browser keeps cookies up to 4 KB: a larger outcome (a long list of
/// field errors) stays in the address as before.
const MAX_COOKIE: usize = 3_500;

/// At most this many kept fields, each at most this long.
const MAX_KEPT: (usize, usize) = (4, 200);

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

/// What a plain post's form said about its outcome: its slot, and the
/// fields it asked to keep (`__keep`, comma-separated names) with their values.
#[derive(Debug, Default)]
pub struct Posted {
    pub slot: Option<String>,
    pub kept: Vec<(String, String)>,
}

impl Posted {
    /// From a form's fields (`__slot`, `__keep` and the kept fields).
    pub fn from_fields(fields: &[(String, String)]) -> Posted {
        let field = |name: &str| fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
        let names = field("__keep").unwrap_or_default();
        let kept = names
            .split(',')
            .map(str::trim)
            .filter(|n| {
                !n.is_empty() && !n.contains("password") && !n.contains("csrf") && !n.starts_with("__")
            })
            .take(MAX_KEPT.0)
            .filter_map(|n| field(n).map(|v| (n.to_string(), v)))
            .filter(|(_, v)| v.chars().count() <= MAX_KEPT.1)
            .collect();
        Posted {
            slot: field("__slot"),
            kept,
        }
    }
}

/// Moves a plain post's outcome from its redirect's address into the cookie
/// (see the module's text). `secure`: the site's cookies are `Secure`.
pub fn mark(mut res: Response, posted: Posted, secure: bool) -> Response {
    if !res.status().is_redirection() {
        return res;
    }
    let Some(location) = res.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()) else {
        return res;
    };
    let slot = slot_id(posted.slot);
    let Some((address, flash)) = flash_of(location, slot.as_deref(), &posted.kept) else {
        return res;
    };
    let cookie = format!(
        "{COOKIE}={flash}; Path=/; Max-Age=60; HttpOnly; SameSite=Lax{}",
        if secure { "; Secure" } else { "" }
    );
    let fallback = slot
        .as_deref()
        .map_or_else(|| location.to_string(), |s| locate(location, s));
    let (location, cookie) = if flash.len() <= MAX_COOKIE {
        (address, HeaderValue::from_str(&cookie).ok())
    } else {
        (fallback, None)
    };
    if let Ok(value) = HeaderValue::from_str(&location) {
        res.headers_mut().insert(header::LOCATION, value);
    }
    if let Some(cookie) = cookie {
        res.headers_mut().append(header::SET_COOKIE, cookie);
    }
    res
}

/// The redirect's address without its outcome (with `#slot`), and the
/// outcome as a query (the error's `__path` and `__err`, the slot as
/// `__slot` or `__done`, `__kept` after an error); none when there is
/// nothing to tell.
fn flash_of(location: &str, slot: Option<&str>, kept: &[(String, String)]) -> Option<(String, String)> {
    let query = location
        .split('#')
        .next()
        .and_then(|l| l.split_once('?'))
        .map_or("", |(_, q)| q);
    let mut flash: Vec<String> = query
        .split('&')
        .filter(|pair| ["__path", "__err"].contains(&pair.split('=').next().unwrap_or_default()))
        .map(str::to_string)
        .collect();
    let failed = flash.iter().any(|p| p.starts_with("__err="));
    if let Some(slot) = slot {
        flash.push(format!("{}={slot}", if failed { "__slot" } else { "__done" }));
    }
    if failed && !kept.is_empty() {
        let pairs = serde_urlencoded::to_string(kept).unwrap_or_default();
        let once = serde_urlencoded::to_string([("__kept", pairs)]).unwrap_or_default();
        flash.push(once);
    }
    if flash.is_empty() {
        return None;
    }
    let address = without_outcome(location);
    let address = match slot {
        Some(slot) => format!("{address}#{slot}"),
        None => address,
    };
    Some((address, flash.join("&")))
}

/// A flash outcome as it may be appended to a query: only outcome keys, and
/// only characters a query and a cookie both carry as they are.
fn valid_flash(flash: &str) -> bool {
    !flash.is_empty()
        && flash.len() <= MAX_COOKIE
        && flash
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.=&%/+".contains(&b))
        && flash
            .split('&')
            .all(|pair| OUTCOME_KEYS.contains(&pair.split('=').next().unwrap_or_default()))
}

/// The page request after a plain post: its outcome (the cookie) is read as
/// if the address carried it, and the cookie is cleared, so the outcome is
/// told once. Only a page (HTML) request takes it, not an asset's or a fetch.
pub async fn adopt(mut req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let page = req.method() == axum::http::Method::GET
        && req
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"));
    let flash = page
        .then(|| cookie_value(req.headers(), COOKIE))
        .flatten()
        .filter(|f| valid_flash(f));
    let Some(flash) = flash else {
        return next.run(req).await;
    };
    let uri = req.uri();
    let query = match uri.query() {
        Some(q) if !q.is_empty() => format!(
            "{}&{flash}",
            without_outcome(&format!("?{q}")).trim_start_matches('?')
        ),
        _ => flash,
    };
    let query = query.trim_start_matches('&');
    if let Ok(rewritten) = format!("{}?{query}", uri.path()).parse() {
        *req.uri_mut() = rewritten;
    }
    let mut res = next.run(req).await;
    res.headers_mut().append(
        header::SET_COOKIE,
        HeaderValue::from_static("sinergi_outcome=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"),
    );
    res
}

fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix(name)?.strip_prefix('=').map(str::to_string))
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
    fn an_outcome_leaves_the_address_for_the_cookie() {
        let (address, flash) = flash_of("http://h/c?tab=a&__path=/api/x&__err=ZXJy", Some("s"), &[]).unwrap();
        assert_eq!(address, "http://h/c?tab=a#s");
        assert_eq!(flash, "__path=/api/x&__err=ZXJy&__slot=s");
        assert!(valid_flash(&flash));
        let (address, flash) = flash_of("http://h/c", Some("s"), &[]).unwrap();
        assert_eq!((address.as_str(), flash.as_str()), ("http://h/c#s", "__done=s"));
        assert_eq!(
            flash_of("http://h/c", None, &[]),
            None,
            "a success without a slot tells nothing"
        );
    }

    #[test]
    fn kept_fields_travel_after_an_error_only_and_never_a_password() {
        let fields: Vec<(String, String)> = [
            ("__keep", "identifier,password,__slot,email"),
            ("identifier", "196208141985031001"),
            ("password", "rahasia"),
            ("email", "a b&c@x.test"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let posted = Posted::from_fields(&fields);
        assert_eq!(
            posted.kept,
            vec![
                ("identifier".to_string(), "196208141985031001".to_string()),
                ("email".to_string(), "a b&c@x.test".to_string())
            ]
        );
        let (_, flash) = flash_of("/login?__path=/api/login&__err=e", None, &posted.kept).unwrap();
        assert!(valid_flash(&flash), "{flash}");
        assert!(!flash.contains("rahasia"));
        let kept = flash.split('&').find_map(|p| p.strip_prefix("__kept=")).unwrap();
        let decoded: Vec<(String, String)> = serde_urlencoded::from_str(
            &serde_urlencoded::from_str::<Vec<(String, String)>>(&format!("k={kept}")).unwrap()[0].1,
        )
        .unwrap();
        assert_eq!(decoded, posted.kept);
        let (_, flash) = flash_of("/login", None, &posted.kept).map_or((String::new(), String::new()), |x| x);
        assert!(!flash.contains("__kept"), "nothing kept after a success");
    }

    #[test]
    fn only_an_outcome_is_adopted_from_the_cookie() {
        assert!(valid_flash("__done=release-3"));
        assert!(!valid_flash("__done=a&next=/evil"));
        assert!(!valid_flash("__done=a b"));
        assert!(!valid_flash(""));
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
