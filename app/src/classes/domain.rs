//! Pure roster logic: no leptos, sea-orm or tokio here.
pub mod composition;
pub mod generation;
pub mod nip;
pub mod roster_csv;
