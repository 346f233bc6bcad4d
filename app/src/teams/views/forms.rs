//! Pieces of the teams page's forms.
use leptos::prelude::*;

/// A `<select>` of people, each labelled with their name (and team).
pub fn person_options(people: Vec<(i64, String)>) -> impl IntoView {
    people
        .into_iter()
        .map(|(id, label)| view! { <option value=id>{label}</option> })
        .collect_view()
}
