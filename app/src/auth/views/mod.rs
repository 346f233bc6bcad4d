mod home;
mod login;
mod password;

pub use home::HomePage;
pub use login::LoginPage;
pub use password::PasswordPage;
