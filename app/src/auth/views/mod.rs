mod login;
mod password;

pub use login::LoginPage;
pub use password::PasswordPage;
