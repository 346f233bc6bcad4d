//! What may go into a response's headers, decided in one place: a `Location`
//! built from anything a request carried must stay on this site and must be a
//! valid header value (`leptos_axum::redirect` panics on one that is not).

/// The characters of a URL path, query and fragment (RFC 3986), `%` included.
fn url_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/?#%".contains(&b)
}

/// A path on this site: it starts with exactly one `/` (not `//host`, not
/// `/\host`) and holds only URL characters. Tab and newline are not among
/// them: browsers strip both, so `/\t/evil.example` would be `//evil.example`.
pub fn is_local_path(p: &str) -> bool {
    p.starts_with('/') && !p[1..].starts_with(['/', '\\']) && p.bytes().all(url_byte)
}

/// `path` with every byte that is not a URL character percent-encoded (a
/// non-ASCII key, a stray space): what the server builds itself stays usable,
/// and it is always a valid header value.
#[cfg(any(feature = "ssr", test))]
pub fn encode_path(path: &str) -> String {
    path.bytes()
        .map(|b| {
            if url_byte(b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Sends the browser to `path` after a server fn. Use this, never
/// `leptos_axum::redirect` (it panics on a value with a newline): the path is
/// encoded, and one that would leave the site becomes `/`.
#[cfg(feature = "ssr")]
pub fn redirect(path: &str) {
    let encoded = encode_path(path);
    let target = if is_local_path(&encoded) {
        encoded
    } else {
        "/".into()
    };
    #[allow(clippy::disallowed_methods)] // this is the one safe caller
    leptos_axum::redirect(&target);
}

/// A form's idempotency key: 8 to 64 letters, digits or dashes.
#[cfg(feature = "ssr")]
pub fn client_key(key: &str) -> Result<String, crate::error::AppError> {
    let ok = (8..=64).contains(&key.len()) && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if ok {
        Ok(key.to_string())
    } else {
        Err(crate::error::AppError::Rule(crate::i18n::Msg::new(
            crate::i18n::K::ErrBadRequest,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_url_paths_pass() {
        assert!(is_local_path("/classes/3?x=1#a"));
        for bad in [
            "//evil", "/\\evil", "/\t/evil", "/\n", "http://x", "", "/a b", "/é",
        ] {
            assert!(!is_local_path(bad), "{bad:?}");
        }
    }

    #[test]
    fn encoding_keeps_url_characters_and_escapes_the_rest() {
        assert_eq!(encode_path("/a/b?c=1&d=%20"), "/a/b?c=1&d=%20");
        assert_eq!(encode_path("/é\n x"), "/%C3%A9%0A%20x");
        assert!(is_local_path(&encode_path("/kunci\r\nSet-Cookie: a=b")));
    }
}
