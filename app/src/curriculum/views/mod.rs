//! The participant's curriculum pages: the unit list and the lesson reader.
#[cfg(feature = "ssr")]
mod authoring_body;
mod authoring_pages;
mod blocks;
#[cfg(feature = "ssr")]
mod boards;
#[cfg(feature = "ssr")]
mod lesson_body;
mod lesson_page;
mod progress_page;
mod reflections_page;
#[cfg(feature = "ssr")]
mod units_body;
mod units_page;

#[cfg(feature = "ssr")]
pub use authoring_body::{lesson_editor_body, outline_body};
pub use authoring_pages::{AuthoringPage, LessonEditorPage};
#[cfg(feature = "ssr")]
pub use boards::{progress_body, reflections_body};
#[cfg(feature = "ssr")]
pub use lesson_body::lesson_screen;
pub use lesson_page::LessonPage;
pub use progress_page::ProgressPage;
pub use reflections_page::ReflectionsPage;
#[cfg(feature = "ssr")]
pub use units_body::units_body;
pub use units_page::UnitsPage;
