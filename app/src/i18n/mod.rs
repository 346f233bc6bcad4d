//! Bilingual UI text. The texts live in one locale file per language
//! (`app/locales/id.toml`, `en.toml`); the build turns their keys into the
//! enums `K` and `P`, so a key missing from a language stops the build. Plurals
//! are written in the files (`message.rs`). Indonesian is the default.
mod format;
mod keys;
pub mod message;
#[cfg(feature = "ssr")]
mod page_keys;

pub use format::{fmt_count, fmt_date, fmt_decimal, fmt_moment, fmt_percent};
pub use keys::K;
#[cfg(feature = "ssr")]
pub use page_keys::P;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Hash)]
pub enum Locale {
    #[default]
    Id,
    En,
}

pub const LOCALE_COOKIE: &str = "sinergi_lang";

impl Locale {
    pub fn code(self) -> &'static str {
        match self {
            Locale::Id => "id",
            Locale::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code.trim() {
            "id" => Some(Locale::Id),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    pub fn other(self) -> Self {
        match self {
            Locale::Id => Locale::En,
            Locale::En => Locale::Id,
        }
    }
}

/// A translatable message: a key plus positional arguments for `{0}`, `{1}`…
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Msg {
    pub key: K,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<String>,
}

impl Msg {
    pub fn new(key: K) -> Self {
        Msg {
            key,
            args: Vec::new(),
        }
    }

    pub fn with<I: IntoIterator<Item = String>>(key: K, args: I) -> Self {
        Msg {
            key,
            args: args.into_iter().collect(),
        }
    }

    pub fn render(&self, locale: Locale) -> String {
        fill(self.key.text(locale), &self.args)
    }
}

/// Fills `{0}`, `{1}`… and picks plural forms; unknown placeholders stay visible.
pub fn fill(template: &str, args: &[String]) -> String {
    message::fill(template, args)
}

impl K {
    pub fn t(self, locale: Locale) -> &'static str {
        self.text(locale)
    }
}

/// An error message in the caller's language, translated here and
/// sent as text: its wording lives in `i18n::P`, which the browser's WASM
/// does not carry (the WASM download has a budget; see `make bench`).
#[cfg(feature = "ssr")]
pub fn said(key: crate::i18n::P) -> crate::i18n::Msg {
    said_with(key, &[])
}

/// As `said`, with the `{0}`… arguments filled in.
#[cfg(feature = "ssr")]
pub fn said_with(key: crate::i18n::P, args: &[String]) -> crate::i18n::Msg {
    // The session middleware stores the request's locale beside the caller.
    let locale = leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Locale>().copied())
        .unwrap_or_default();
    let text = crate::i18n::fill(key.t(locale), args);
    crate::i18n::Msg::with(crate::i18n::K::Verbatim, [text])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_positional_arguments() {
        assert_eq!(
            fill("Baris {0}, kolom {1}", &["3".into(), "NIP".into()]),
            "Baris 3, kolom NIP"
        );
    }

    #[test]
    fn every_key_has_text_in_both_languages() {
        for key in K::ALL {
            assert!(!key.text(Locale::Id).trim().is_empty(), "{key:?} id");
            assert!(!key.text(Locale::En).trim().is_empty(), "{key:?} en");
        }
    }

    #[test]
    fn codes_round_trip() {
        for key in K::ALL {
            assert_eq!(K::from_code(key.code()), Some(*key));
        }
        assert_eq!(Locale::from_code("en"), Some(Locale::En));
        assert_eq!(Locale::from_code("fr"), None);
    }

    #[test]
    fn every_key_survives_the_wire_and_unknown_indexes_are_refused() {
        for key in K::ALL {
            let msg = Msg::with(*key, ["3".to_string()]);
            let json = serde_json::to_string(&msg).unwrap();
            assert_eq!(serde_json::from_str::<Msg>(&json).unwrap(), msg);
        }
        let beyond = K::ALL.len();
        assert!(serde_json::from_str::<Msg>(&format!("{{\"key\":{beyond}}}")).is_err());
    }

    /// Every English text, both tables, with its key's name.
    fn english() -> Vec<(String, &'static str)> {
        let mut all: Vec<(String, &'static str)> = K::ALL
            .iter()
            .map(|k| (format!("{k:?}"), k.t(Locale::En)))
            .collect();
        #[cfg(feature = "ssr")]
        all.extend(P::ALL.iter().map(|k| (format!("P::{k:?}"), k.t(Locale::En))));
        all
    }

    /// A number followed by a plural noun outside a plural block prints
    /// "1 participants" when the number is 1: such a text must say both forms.
    #[test]
    fn every_english_count_has_its_singular() {
        const NOT_NOUNS: [&str; 7] = ["is", "was", "has", "does", "its", "this", "names"];
        let mut wrong = Vec::new();
        for (key, text) in english() {
            let pieces = message::parse(text).unwrap_or_default();
            for pair in pieces.windows(2) {
                let (message::Piece::Arg(_), message::Piece::Text(after)) = (&pair[0], &pair[1]) else {
                    continue;
                };
                let word: String = after
                    .trim_start_matches(' ')
                    .chars()
                    .take_while(|c| c.is_alphabetic())
                    .collect();
                let counted =
                    after.starts_with(' ') && (word.len() > 2 && word.ends_with('s') || word == "people");
                if counted && !NOT_NOUNS.contains(&word.as_str()) {
                    wrong.push(format!("{key}: {text}"));
                }
            }
        }
        assert!(
            wrong.is_empty(),
            "counts without a plural block:\n{}",
            wrong.join("\n")
        );
    }

    #[test]
    fn counts_read_right_in_both_languages() {
        let one = |l| Msg::with(K::ClassParticipants, ["1".to_string()]).render(l);
        let two = |l| Msg::with(K::ClassParticipants, ["2".to_string()]).render(l);
        assert_eq!(one(Locale::En), "1 participant");
        assert_eq!(two(Locale::En), "2 participants");
        assert_eq!(one(Locale::Id), "1 peserta");
        assert_eq!(two(Locale::Id), "2 peserta");
        let import = |n: &str| fill(K::ImportHasErrors.t(Locale::En), &[n.to_string()]);
        assert!(import("1").starts_with("There is 1 error."), "{}", import("1"));
        assert!(import("3").starts_with("There are 3 errors."), "{}", import("3"));
    }
}
