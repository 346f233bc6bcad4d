//! Bilingual UI text. Every key carries its Indonesian and English text side by
//! side (see `keys.rs`), so a missing translation is a compile error rather
//! than a blank on screen. Indonesian is the default.
mod format;
mod keys;
#[cfg(feature = "ssr")]
mod page_keys;

pub use format::{fmt_date, fmt_decimal, fmt_percent};
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

/// Replaces `{0}`, `{1}`… with the arguments; unknown placeholders stay visible.
pub fn fill(template: &str, args: &[String]) -> String {
    let mut out = template.to_string();
    for (i, arg) in args.iter().enumerate() {
        out = out.replace(&format!("{{{i}}}"), arg);
    }
    out
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
    let locale = crate::state::request_auth().map(|a| a.locale).unwrap_or_default();
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
}
