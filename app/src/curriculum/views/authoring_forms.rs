//! Small forms shared by the authoring pages (server-rendered only): move up or
//! down, retire, and a labelled input with a page-unique id.
use crate::curriculum::authoring_api::{MoveContent, RetireContent};
use crate::i18n::{fill, P};
use crate::ui::{slot_action, use_locale, CsrfField, ErrorSlot, ServerForm, SlotField};
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
/// Both come back to the item's slot (beside it wherever it moved to).
pub(super) fn move_buttons(level: &'static str, key: String, name: String) -> impl IntoView {
    let slot = format!("moved-{key}");
    let action = slot_action::<MoveContent>(&slot);
    let shown = slot.clone();
    let button = move |direction: &'static str, label: P| {
        let name = name.clone();
        let key = key.clone();
        let slot = slot.clone();
        let named = slot.clone();
        view! {
            <ServerForm action attr:class="inline-form" attr:data-error-slot=slot>
                <CsrfField />
                <SlotField id=named />
                <input type="hidden" name="level" value=level />
                <input type="hidden" name="key" value=key.clone() />
                <input type="hidden" name="direction" value=direction />
                <button type="submit" class="link-button" aria-label=fill(label.t(use_locale().get_untracked()), std::slice::from_ref(&name))>
                    {if direction == "up" { "↑" } else { "↓" }}
                </button>
            </ServerForm>
        }
    };
    view! {
        {button("up", P::AuthorMoveUp)}{button("down", P::AuthorMoveDown)}
        <ErrorSlot id=shown action done=P::OutcomeMoved />
    }
}

/// "Pensiunkan…" behind a confirmation that says what changes for whom; the
/// outcome (and the undo) is in the outline's "Dipensiunkan" section, which
/// stays when the item leaves the page.
pub(super) fn retire_button(level: &'static str, key: String, classes: u64) -> impl IntoView {
    let action = slot_action::<RetireContent>(RETIRED_SLOT);
    let what = match level {
        "unit" => P::AuthorRetireUnitWhat,
        "lesson" => P::AuthorRetireLessonWhat,
        _ => P::AuthorRetireBlockWhat,
    };
    let l = crate::ui::use_locale().get_untracked();
    view! {
        <details class="confirm retire">
            <summary class="link-button">{crate::ui::tp(P::AuthorRetireAsk)}</summary>
            <div class="confirm-body">
                <p>{crate::i18n::fill(what.t(l), &[classes.to_string()])}</p>
                <ServerForm action attr:class="inline-form" attr:data-error-slot=RETIRED_SLOT>
                    <CsrfField />
                    <SlotField id=RETIRED_SLOT.to_string() />
                    <input type="hidden" name="level" value=level />
                    <input type="hidden" name="key" value=key />
                    <button type="submit" class="button">{crate::ui::tp(P::AuthorRetireConfirm)}</button>
                </ServerForm>
            </div>
        </details>
    }
}

/// Where retiring and restoring tell what they did: the "Dipensiunkan" section.
pub(super) const RETIRED_SLOT: &str = "retired-outcome";

/// "Dipensiunkan": what retiring took away, each with "Pulihkan" (the undo),
/// and the slot where retiring and restoring tell what they did.
pub(super) fn retired_section(items: Vec<crate::curriculum::store::retired::Retired>) -> impl IntoView {
    use crate::curriculum::authoring_api::RestoreContent;
    let l = use_locale().get_untracked();
    let rows = items
        .into_iter()
        .map(|r| {
            let kind = match r.level {
                "unit" => P::AuthorKindUnit,
                "lesson" => P::AuthorKindLesson,
                _ => P::AuthorKindBlock,
            };
            let action = slot_action::<RestoreContent>(RETIRED_SLOT);
            view! {
                <li class="author-row">
                    <span><strong>{crate::ui::tp(kind)}</strong>" · "{r.title.get(l).to_string()}" · "<span class="muted">{crate::ui::rendered::moment(r.at)}</span></span>
                    <ServerForm action attr:class="inline-form" attr:data-error-slot=RETIRED_SLOT>
                        <CsrfField />
                        <SlotField id=RETIRED_SLOT.to_string() />
                        <input type="hidden" name="level" value=r.level />
                        <input type="hidden" name="key" value=r.key />
                        <button type="submit" class="button">{crate::ui::tp(P::AuthorRestore)}</button>
                    </ServerForm>
                </li>
            }
        })
        .collect_view();
    // Retiring and restoring share the slot: the error shown is whichever's.
    let retiring = slot_action::<RetireContent>(RETIRED_SLOT);
    let shown = if retiring.value().get_untracked().is_some() {
        retiring
    } else {
        slot_action::<RestoreContent>(RETIRED_SLOT)
    };
    view! {
        <section class="card retired" id="retired-section" aria-labelledby="retired-title">
            <h2 id="retired-title">{crate::ui::tp(P::AuthorRetiredTitle)}</h2>
            <ErrorSlot id=RETIRED_SLOT.to_string() action=shown done=P::OutcomeRetiredOrRestored />
            <p class="hint">{crate::ui::tp(P::AuthorRetiredHint)}</p>
            <ul class="retired-list">{rows}</ul>
        </section>
    }
}
