mod chart;
mod class_page;
mod import_page;
mod list;
mod messages;
mod roster_table;

pub use class_page::{class_id_param, ClassPage};
pub use import_page::ImportPage;
pub use list::{ClassList, ClassesPage};
pub use messages::{gender_label, generation_label, issue_key};
