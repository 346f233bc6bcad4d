//! Small forms shared by the authoring pages (server-rendered only): move up or
//! down, retire, and a labelled input with a page-unique id.
use crate::curriculum::authoring_api::{MoveContent, RetireContent};
use crate::i18n::{fill, P};
use crate::ui::{form_action, slot_action, use_locale, CsrfField, ErrorSlot, ServerForm, SlotField};
use leptos::prelude::*;

/// A labelled text input whose id is unique on the page (`prefix-name`).
pub(super) fn field(prefix: &str, name: &'static str, label: P, value: String) -> impl IntoView {
    let id = format!("{prefix}-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{crate::ui::tp(label)}</label>
            <input id=id name=name value=value required />
        </div>
    }
}

/// "Up" and "down" for one item; each is its own small form.
pub(super) fn move_buttons(level: &'static str, key: String, name: String) -> impl IntoView {
    let action = form_action::<MoveContent>();
    let button = move |direction: &'static str, label: P| {
        let name = name.clone();
        let key = key.clone();
        view! {
            <ServerForm action attr:class="inline-form">
                <CsrfField />
                <input type="hidden" name="level" value=level />
                <input type="hidden" name="key" value=key.clone() />
                <input type="hidden" name="direction" value=direction />
                <button type="submit" class="link-button" aria-label=fill(label.t(use_locale().get_untracked()), std::slice::from_ref(&name))>
                    {if direction == "up" { "↑" } else { "↓" }}
                </button>
            </ServerForm>
        }
    };
    view! { {button("up", P::AuthorMoveUp)}{button("down", P::AuthorMoveDown)} }
}

pub(super) fn retire_button(level: &'static str, key: String) -> impl IntoView {
    let slot = format!("retire-{key}-error");
    let action = slot_action::<RetireContent>(&slot);
    let slot_ref = slot.clone();
    view! {
        <ServerForm action attr:class="inline-form" attr:data-error-slot=slot_ref>
            <CsrfField />
            <SlotField id=slot.clone() />
            <input type="hidden" name="level" value=level />
            <input type="hidden" name="key" value=key />
            <button type="submit" class="link-button">{crate::ui::tp(P::AuthorRetire)}</button>
            <ErrorSlot id=slot action />
        </ServerForm>
    }
}
