//! LTI Platform Storage (1EdTech "Client Side postMessages" and "Platform
//! Storage"): where a browser keeps no cookie at all inside the LMS frame
//! (no partitioned cookies either), the login's state cannot be bound to
//! the browser by a cookie. When the platform offers its storage
//! (`lti_storage_target` at login), the login page puts the state there
//! with `lti.put_data`; at the launch a page of ours reads it back with
//! `lti.get_data` in the same browser and, only when it matches, posts the
//! launch again from our own origin.
//!
//! Why the server may trust that second post: it must come from a page of
//! this origin (`Sec-Fetch-Site: same-origin`, which a browser sets and no
//! page of another site can), and the only page here that sends it is the
//! check below, which sends it after reading the platform's storage in this
//! very browser. A forged cross-site post (login CSRF) arrives as
//! `cross-site`, gets the check page, and the check fails in the victim's
//! browser because their platform storage never held the attacker's state.
use crate::lti::{escape, page};
use app::i18n::Locale;
use app::lti::domain::claims::Failure;
use app::lti::{platform_origin, text};
use axum::http::{header, HeaderMap};
use axum::response::{Html, IntoResponse, Response};

/// The launch form field our check page adds on its second post.
pub const CHECKED_FIELD: &str = "storage";

/// Whether this launch post is our check page's own, after the platform's
/// storage held the state: sent from this origin, by fetch metadata, or by
/// `Origin` where a browser sends no fetch metadata (older Safari).
pub fn checked_in_storage(headers: &HeaderMap, storage_field: &str, own_origin: &str) -> bool {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let same_origin = match header("sec-fetch-site") {
        Some(site) => site == "same-origin",
        None => header("origin") == Some(own_origin),
    };
    storage_field == "1" && same_origin
}

/// The login, when the platform offers storage: puts the state there, then
/// goes on to the platform (at once when there is no answer, since a
/// partitioned cookie may still work). Without JavaScript: a link.
pub fn login_page(locale: Locale, auth_url: &str, state: &str, target: &str) -> Response {
    let origin = platform_origin(auth_url).unwrap_or_default();
    let body = format!(
        r#"<div id="lti-storage" data-mode="put" data-state="{state}" data-target="{target}" data-origin="{origin}" data-next="{next}">
<p><a class="button" id="lti-to-platform" href="{next}">{go}</a></p>
</div>
<script src="/lti/storage.js" defer></script>"#,
        state = escape(state),
        target = escape(target),
        origin = escape(&origin),
        next = escape(auth_url),
        go = text::to_platform(locale),
    );
    Html(page(locale, text::opening(locale), &body)).into_response()
}

/// The launch, when this browser sent no state cookie but the platform
/// offers storage: reads the state back there and posts the launch again.
pub fn check_page(locale: Locale, id_token: &str, state: &str, target: &str, origin: &str) -> Response {
    let body = format!(
        r#"<div id="lti-storage" data-mode="get" data-state="{state}" data-target="{target}" data-origin="{origin}">
<form id="lti-storage-form" method="post" action="{launch}">
<input type="hidden" name="id_token" value="{token}"><input type="hidden" name="state" value="{state}">
<input type="hidden" name="lti_storage_target" value="{target}"><input type="hidden" name="{field}" value="1">
</form>
<p id="lti-storage-failed" class="error" role="alert" data-code="{code}" hidden>{failed}</p>
<noscript><p class="error" role="alert">{needs_js}</p></noscript>
</div>
<script src="/lti/storage.js" defer></script>"#,
        state = escape(state),
        target = escape(target),
        origin = escape(origin),
        launch = crate::lti::LAUNCH_PATH,
        token = escape(id_token),
        field = CHECKED_FIELD,
        code = Failure::State.code(),
        failed = text::failure(&Failure::State, locale),
        needs_js = text::storage_needs_js(locale),
    );
    Html(page(locale, text::checking_launch(locale), &body)).into_response()
}

/// Both pages' script: `put` stores the state and goes to the platform;
/// `get` reads it back and, when it matches, submits the launch again.
pub async fn storage_js() -> Response {
    const JS: &str = r#"(function () {
  var box = document.getElementById('lti-storage');
  if (!box) return;
  var mode = box.getAttribute('data-mode'), state = box.getAttribute('data-state');
  var origin = box.getAttribute('data-origin'), name = box.getAttribute('data-target');
  var id = 'sinergi-' + Math.random().toString(36).slice(2);
  var done = false;
  function platform() {
    var p = window.parent;
    if (!name || name === '_parent') return p;
    try { return p.frames[name] || p; } catch (e) { return p; }
  }
  function finish(value) {
    if (done) return;
    done = true;
    if (mode === 'put') { location.replace(box.getAttribute('data-next')); return; }
    if (value === state) { document.getElementById('lti-storage-form').submit(); return; }
    document.getElementById('lti-storage-failed').hidden = false;
  }
  window.addEventListener('message', function (e) {
    var d = e.data || {};
    if (e.origin !== origin || d.message_id !== id) return;
    if (d.subject === 'lti.put_data.response' || d.subject === 'lti.get_data.response') finish(d.value);
  });
  var message = { subject: mode === 'put' ? 'lti.put_data' : 'lti.get_data', message_id: id, key: 'state_' + state };
  if (mode === 'put') message.value = state;
  try { platform().postMessage(message, origin); } catch (e) { finish(null); }
  setTimeout(function () { finish(null); }, 3000);
})();
"#;
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], JS).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn only_our_own_second_post_counts() {
        const US: &str = "https://sinergi.example.go.id";
        let mut h = HeaderMap::new();
        assert!(
            !checked_in_storage(&h, "1", US),
            "nothing says where it came from"
        );
        h.insert("origin", HeaderValue::from_static("https://lms.example.ac.id"));
        assert!(!checked_in_storage(&h, "1", US), "another site's origin");
        h.insert("origin", HeaderValue::from_static(US));
        assert!(checked_in_storage(&h, "1", US), "our origin, no fetch metadata");
        h.insert("sec-fetch-site", HeaderValue::from_static("cross-site"));
        assert!(!checked_in_storage(&h, "1", US), "fetch metadata wins");
        h.insert("sec-fetch-site", HeaderValue::from_static("same-site"));
        assert!(!checked_in_storage(&h, "1", US), "a sibling subdomain is not us");
        h.insert("sec-fetch-site", HeaderValue::from_static("same-origin"));
        assert!(checked_in_storage(&h, "1", US));
        assert!(!checked_in_storage(&h, "", US), "no check made");
    }
}
