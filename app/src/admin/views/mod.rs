mod generations;
mod programmes;
mod users;

pub use generations::GenerationsPage;
pub use programmes::ProgrammesPage;
pub use users::UsersPage;
