//! Password hashing with argon2id (the crate's defaults follow the OWASP recommendation).

use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::Argon2;

use crate::web::AppError;

pub fn hash(password: &str) -> anyhow::Result<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing a password failed: {e}"))
}

pub fn verify(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

/// A hash that matches no password, checked when the login names nobody, so that an unknown
/// name takes as long to refuse as a wrong password.
pub fn dummy_verify(password: &str) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let stored = DUMMY.get_or_init(|| hash("not-a-real-password").unwrap_or_default());
    let _ = verify(password, stored);
}

/// Hashing and checking passwords off the async threads and off the database pool, a bounded
/// number at a time: argon2 is made to be slow (tens of ms and 19 MiB each), so a storm of
/// logins, signups or resets must queue here instead of taking every core, every pooled
/// connection and a gigabyte of memory. A request that waits too long is told to come back.
pub struct Hashing {
    permits: tokio::sync::Semaphore,
}

const HASH_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

impl Hashing {
    /// `at_once` hashes at a time (at least one).
    pub fn new(at_once: usize) -> Hashing {
        Hashing { permits: tokio::sync::Semaphore::new(at_once.max(1)) }
    }

    /// One hash at a time per core but one, so one core is always left for everything else.
    pub fn for_this_machine() -> Hashing {
        let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
        Hashing::new(cores.saturating_sub(1))
    }

    async fn run<T: Send + 'static>(&self, f: impl FnOnce() -> T + Send + 'static) -> Result<T, AppError> {
        let _permit = match tokio::time::timeout(HASH_WAIT, self.permits.acquire()).await {
            Ok(Ok(permit)) => permit,
            _ => {
                return Err(AppError::rate_limited(msg!("password-busy"), 10));
            }
        };
        Ok(actix_web::web::block(f).await?)
    }

    pub async fn hash(&self, password: &str) -> Result<String, AppError> {
        let password = password.to_string();
        Ok(self.run(move || hash(&password)).await??)
    }

    /// Whether `password` matches `stored`; with no stored hash (nobody has that name) it takes
    /// as long and answers false.
    pub async fn verify(&self, password: &str, stored: Option<String>) -> Result<bool, AppError> {
        let password = password.to_string();
        self.run(move || match stored {
            Some(stored) => verify(&password, &stored),
            None => {
                dummy_verify(&password);
                false
            }
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn hashes_are_argon2id_salted_and_verify() {
        let a = super::hash("correct horse").unwrap();
        let b = super::hash("correct horse").unwrap();
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b, "each hash has its own salt");
        assert!(super::verify("correct horse", &a));
        assert!(!super::verify("wrong horse", &a));
    }
}
