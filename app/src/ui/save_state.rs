//! Where a form's saves stand, as the save indicator says it: only what
//! really happened on this page, never "saved" by default.
use crate::i18n::{fill, Locale, K};
use leptos::prelude::*;

/// The state of a form's saves on the page shown (`FormAction::save`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Save {
    /// Nothing saved on this page yet (just opened): the indicator is empty.
    #[default]
    Idle,
    /// A change is on its way (or about to be sent by the autosave).
    Saving,
    /// The server acknowledged the last save at this hour and minute (the
    /// browser's local time).
    Saved(u8, u8),
    /// The server refused the last save; its reason is beside the form.
    NotSaved,
    /// The network is down: the save is sent again until it goes through.
    Retrying,
}

impl Save {
    /// The state after a save's answer: `retrying` when it failed on the
    /// network and is sent again.
    #[cfg(feature = "hydrate")]
    pub fn after<T>(result: &Result<T, crate::error::AppError>, retrying: bool) -> Save {
        match result {
            Ok(_) => {
                let now = js_sys::Date::new_0();
                Save::Saved(now.get_hours() as u8, now.get_minutes() as u8)
            }
            Err(_) if retrying => Save::Retrying,
            Err(_) => Save::NotSaved,
        }
    }

    /// The state once the person changes the form again: a change waiting
    /// for the network stays "retrying" (it is still not saved).
    pub fn edited(self) -> Save {
        match self {
            Save::Retrying => Save::Retrying,
            _ => Save::Saving,
        }
    }

    /// What the indicator says; nothing while idle.
    pub fn text(self, locale: Locale) -> String {
        match self {
            Save::Idle => String::new(),
            Save::Saving => K::LearnSaving.t(locale).to_string(),
            Save::Saved(h, m) => fill(K::SaveSavedAt.t(locale), &[clock(h, m, locale)]),
            Save::NotSaved => K::SaveNotSaved.t(locale).to_string(),
            Save::Retrying => K::SaveRetrying.t(locale).to_string(),
        }
    }
}

/// "14.05" in Indonesian, "14:05" in English (24-hour clock in both).
fn clock(h: u8, m: u8, locale: Locale) -> String {
    let sep = match locale {
        Locale::Id => '.',
        Locale::En => ':',
    };
    format!("{h:02}{sep}{m:02}")
}

/// The indicator: a polite live region, so a screen reader hears each change.
#[component]
pub fn SaveIndicator(#[prop(into)] state: Signal<Save>) -> impl IntoView {
    let locale = super::use_locale();
    view! {
        <p class="save-state" role="status" aria-live="polite" data-state=move || state.get().name()>
            {move || state.get().text(locale.get())}
        </p>
    }
}

impl Save {
    /// For styling and tests: `idle`, `saving`, `saved`, `not-saved`, `retrying`.
    pub fn name(self) -> &'static str {
        match self {
            Save::Idle => "idle",
            Save::Saving => "saving",
            Save::Saved(..) => "saved",
            Save::NotSaved => "not-saved",
            Save::Retrying => "retrying",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_only_what_happened() {
        assert_eq!(Save::Idle.text(Locale::Id), "");
        assert_eq!(Save::Saved(9, 5).text(Locale::Id), "Tersimpan pukul 09.05");
        assert_eq!(Save::Saved(14, 30).text(Locale::En), "Saved at 14:30");
        assert!(!Save::NotSaved.text(Locale::Id).starts_with("Tersimpan"));
        assert!(!Save::Retrying.text(Locale::Id).starts_with("Tersimpan"));
        assert_eq!(Save::Retrying.edited(), Save::Retrying);
        assert_eq!(Save::NotSaved.edited(), Save::Saving);
        assert_eq!(Save::Saved(1, 2).edited(), Save::Saving);
    }
}
