//! The keys of texts only the server renders (`[page]` in `app/locales/*.toml`):
//! they never reach the browser's WASM, which keeps the download small. Same
//! shape as `K`; `app/build.rs` writes the table from the locale files.
use super::Locale;

macro_rules! page_keys {
    ($($key:ident => $id:literal, $en:literal;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum P { $($key),* }

        impl P {
            pub const ALL: &'static [P] = &[$(P::$key),*];

            pub fn t(self, locale: Locale) -> &'static str {
                match locale {
                    Locale::Id => match self { $(P::$key => $id),* },
                    Locale::En => match self { $(P::$key => $en),* },
                }
            }
        }
    };
}

include!(concat!(env!("OUT_DIR"), "/page_keys.rs"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_text_has_both_languages() {
        for key in P::ALL {
            assert!(
                !key.t(Locale::Id).trim().is_empty() && !key.t(Locale::En).trim().is_empty(),
                "{key:?}"
            );
        }
    }
}
