//! The participant's curriculum pages: the unit list and the lesson reader.
mod blocks;
mod lesson_page;
mod progress_page;
mod reflections_page;
mod units_page;

pub use lesson_page::LessonPage;
pub use progress_page::ProgressPage;
pub use reflections_page::ReflectionsPage;
pub use units_page::UnitsPage;
