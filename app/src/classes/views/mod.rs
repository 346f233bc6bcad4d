#[cfg(feature = "ssr")]
mod chart;
#[cfg(feature = "ssr")]
mod class_body;
mod class_page;
mod import_page;
#[cfg(feature = "ssr")]
mod import_preview;
mod list;
#[cfg(feature = "ssr")]
mod roster_table;

#[cfg(feature = "ssr")]
pub use class_body::class_body;
pub use class_page::ClassPage;
pub use import_page::ImportPage;
#[cfg(feature = "ssr")]
pub use import_preview::preview_body;
pub use list::{ClassesPage, MyClassList};
