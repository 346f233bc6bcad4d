//! The participant's curriculum pages: the unit list and the lesson reader.
mod blocks;
#[cfg(feature = "ssr")]
mod boards;
mod lesson_page;
mod progress_page;
mod reflections_page;
#[cfg(feature = "ssr")]
mod units_body;
mod units_page;

#[cfg(feature = "ssr")]
pub use boards::{progress_body, reflections_body};
pub use lesson_page::LessonPage;
pub use progress_page::ProgressPage;
pub use reflections_page::ReflectionsPage;
#[cfg(feature = "ssr")]
pub use units_body::units_body;
pub use units_page::UnitsPage;
