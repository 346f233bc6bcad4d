//! The keys of the texts the browser needs too (`[ui]` in `app/locales/*.toml`).
//! `app/build.rs` writes the table below from the locale files, so a key used in
//! code but missing from a language is a compile error, not a blank on screen.
use serde::{Deserialize, Serialize};

macro_rules! keys {
    ($($key:ident => $id:literal, $en:literal;)*) => {
        /// On the wire a key is its index: a derived string form would put a
        /// several-kilobyte name matcher into the browser build.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(into = "u16", try_from = "u16")]
        pub enum K { $($key),* }

        impl From<K> for u16 {
            fn from(key: K) -> u16 {
                key as u16
            }
        }

        impl TryFrom<u16> for K {
            type Error = &'static str;
            fn try_from(index: u16) -> Result<K, Self::Error> {
                K::ALL.get(usize::from(index)).copied().ok_or("unknown message key")
            }
        }

        impl K {
            pub const ALL: &'static [K] = &[$(K::$key),*];

            pub fn text(self, locale: super::Locale) -> &'static str {
                match locale {
                    super::Locale::Id => match self { $(K::$key => $id),* },
                    super::Locale::En => match self { $(K::$key => $en),* },
                }
            }

            /// Stable name used as a validator code and in logs.
            pub fn code(self) -> &'static str {
                match self { $(K::$key => stringify!($key)),* }
            }

            pub fn from_code(code: &str) -> Option<K> {
                match code { $(stringify!($key) => Some(K::$key),)* _ => None }
            }
        }
    };
}

include!(concat!(env!("OUT_DIR"), "/ui_keys.rs"));
