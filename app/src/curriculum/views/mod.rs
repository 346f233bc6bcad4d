//! The curriculum pages: units, lessons, progress and reflections for a class,
//! and the authoring pages. Read-only parts are rendered on the server (`*_body`).
#[cfg(feature = "ssr")]
mod authoring_forms;
mod authoring_pages;
pub(crate) mod blocks;
#[cfg(feature = "ssr")]
mod boards;
#[cfg(feature = "ssr")]
mod lesson_body;
#[cfg(feature = "ssr")]
mod lesson_editor_body;
mod lesson_page;
#[cfg(feature = "ssr")]
mod outline_body;
#[cfg(feature = "ssr")]
mod units_body;

pub use authoring_pages::{AuthoringPage, LessonEditorPage};
#[cfg(feature = "ssr")]
pub use boards::{progress_body, reflections_body};
#[cfg(feature = "ssr")]
pub use lesson_body::lesson_screen;
#[cfg(feature = "ssr")]
pub use lesson_editor_body::lesson_editor_body;
pub use lesson_page::LessonPage;
#[cfg(feature = "ssr")]
pub use outline_body::outline_body;
#[cfg(feature = "ssr")]
pub use units_body::units_body;
