//! Where the browser finds the stylesheet, script and WASM.
//!
//! A cargo-leptos build with `hash-files` names each of them after a hash of
//! its content and writes the hashes to `hash.txt` beside the server binary.
//! Such a name never changes meaning, so it can be cached for good: a page
//! load on a slow island link then spends no round trip revalidating them.
use leptos::config::LeptosOptions;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The hash file the build left beside this binary, if it did.
fn hash_file(options: &LeptosOptions) -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let path = exe.parent()?.join(options.hash_file.as_ref());
    path.exists().then_some(path)
}

/// Turns content-hashed names on exactly when the build made them: a plain
/// `cargo build` (tests) leaves no hash file and keeps the plain names.
pub fn use_hashed_names_if_built(options: &mut LeptosOptions) {
    options.hash_files = hash_file(options).is_some();
}

/// The hash of `kind` ("js", "wasm", "css") in a hash file's `kind: hash` lines.
pub fn hash_of<'a>(hash_file: &'a str, kind: &str) -> Option<&'a str> {
    hash_file.lines().find_map(|line| {
        let (k, hash) = line.split_once(':')?;
        (k.trim() == kind && !hash.trim().is_empty()).then(|| hash.trim())
    })
}

/// The file name of the site's `kind` asset: `sinergi.<hash>.css` in a
/// hashed build, `sinergi.css` otherwise.
pub fn file_name(output_name: &str, hashes: Option<&str>, kind: &str, extension: &str) -> String {
    match hashes.and_then(|h| hash_of(h, kind)) {
        Some(hash) => format!("{output_name}.{hash}.{extension}"),
        None => format!("{output_name}.{extension}"),
    }
}

static STYLESHEET: OnceLock<String> = OnceLock::new();

/// The stylesheet's URL, worked out once per process.
pub fn stylesheet_href(options: &LeptosOptions) -> &'static str {
    STYLESHEET.get_or_init(|| {
        let hashes = options
            .hash_files
            .then(|| hash_file(options))
            .flatten()
            .and_then(|p| std::fs::read_to_string(p).ok());
        let name = file_name(&options.output_name, hashes.as_deref(), "css", "css");
        format!("/{}/{name}", options.site_pkg_dir)
    })
}

/// The stylesheet's URL for pages written outside Leptos (the LMS launch
/// pages), once the router has worked it out.
pub fn stylesheet() -> &'static str {
    STYLESHEET.get().map_or("/pkg/sinergi.css", String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HASHES: &str = "js: AbC-12_x\nwasm: Zz9\ncss: q1W2e3\n";

    #[test]
    fn hashed_names_come_from_the_hash_file() {
        assert_eq!(
            file_name("sinergi", Some(HASHES), "css", "css"),
            "sinergi.q1W2e3.css"
        );
        assert_eq!(
            file_name("sinergi", Some(HASHES), "wasm", "wasm"),
            "sinergi.Zz9.wasm"
        );
        assert_eq!(hash_of(HASHES, "js"), Some("AbC-12_x"));
    }

    #[test]
    fn without_a_hash_the_plain_name_stays() {
        assert_eq!(file_name("sinergi", None, "css", "css"), "sinergi.css");
        assert_eq!(
            file_name("sinergi", Some("js: x\ncss:\n"), "css", "css"),
            "sinergi.css"
        );
        assert_eq!(hash_of("manifest: m\n", "css"), None);
    }
}
