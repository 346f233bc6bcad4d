mod generations;
#[cfg(feature = "ssr")]
mod programme_list;
mod programmes;
mod users;
#[cfg(feature = "ssr")]
mod users_table;

pub use generations::GenerationsPage;
#[cfg(feature = "ssr")]
pub use programme_list::programme_list;
pub use programmes::ProgrammesPage;
pub use users::UsersPage;
#[cfg(feature = "ssr")]
pub use users_table::users_table;
