//! One-button forms (lock a team, publish, remove a rule, open the survey):
//! the class id and a few hidden fields, and an error slot of their own.
use crate::i18n::P;
use crate::scenarios::views::text::tr;
use crate::ui::{slot_action, CsrfField, ErrorSlot, SlotField};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

pub fn button_form<S: ServerFn>(
    class_id: i64,
    slot: String,
    hidden: Vec<(&'static str, String)>,
    label: P,
    primary: bool,
) -> impl IntoView {
    let class = if primary { "button primary" } else { "button" };
    view! {
        <form method="post" action=S::PATH class="inline-form" data-error-slot=slot.clone()>
            <CsrfField />
            <SlotField id=slot.clone() />
            <input type="hidden" name="class_id" value=class_id />
            {hidden.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value /> }).collect_view()}
            <button type="submit" class=class>{tr(label)}</button>
        </form>
        <ErrorSlot id=slot.clone() action={slot_action::<S>(&slot)} />
    }
}

/// A `<select>` of people, each labelled with their name (and team).
pub fn person_options(people: Vec<(i64, String)>) -> impl IntoView {
    people
        .into_iter()
        .map(|(id, label)| view! { <option value=id>{label}</option> })
        .collect_view()
}
