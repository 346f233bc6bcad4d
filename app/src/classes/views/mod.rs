#[cfg(feature = "ssr")]
mod chart;
#[cfg(feature = "ssr")]
mod class_body;
#[cfg(feature = "ssr")]
mod class_list;
mod class_page;
mod import_page;
#[cfg(feature = "ssr")]
mod import_preview;
mod list;
mod messages;
#[cfg(feature = "ssr")]
mod roster_table;

#[cfg(feature = "ssr")]
pub use class_body::class_body;
#[cfg(feature = "ssr")]
pub use class_list::class_list;
pub use class_page::{class_id_param, ClassPage};
pub use import_page::ImportPage;
#[cfg(feature = "ssr")]
pub use import_preview::preview_body;
pub use list::{ClassesPage, MyClassList};
pub use messages::{gender_label, generation_label, issue_key};
