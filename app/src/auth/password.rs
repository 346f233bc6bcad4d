//! argon2id hashing, off the async runtime and capped in concurrency.
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

fn argon2() -> Argon2<'static> {
    // OWASP minimum for argon2id: 19 MiB, 2 passes, 1 lane.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn hash_blocking(password: &str) -> AppResult<String> {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(AppError::internal)
}

pub fn verify_blocking(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|parsed| argon2().verify_password(password.as_bytes(), &parsed).is_ok())
        .unwrap_or(false)
}

pub async fn hash(state: &AppState, password: String) -> AppResult<String> {
    let _permit = state.hash_permits.acquire().await.map_err(AppError::internal)?;
    tokio::task::spawn_blocking(move || hash_blocking(&password))
        .await
        .map_err(AppError::internal)?
}

/// Verifies against a stored hash, or against a dummy one when the account has
/// none, so response time does not reveal which accounts exist.
pub async fn verify(state: &AppState, password: String, phc: Option<String>) -> AppResult<bool> {
    let _permit = state.hash_permits.acquire().await.map_err(AppError::internal)?;
    tokio::task::spawn_blocking(move || match phc {
        Some(phc) => verify_blocking(&password, &phc),
        None => {
            let _ = hash_blocking(&password);
            false
        }
    })
    .await
    .map_err(AppError::internal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_verifies_and_rejects_wrong_password() {
        let h = hash_blocking("rahasia-sekali").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify_blocking("rahasia-sekali", &h));
        assert!(!verify_blocking("rahasia-salah", &h));
        assert!(!verify_blocking("x", "not a hash"));
    }
}
