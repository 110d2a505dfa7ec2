//! Per-IP fixed-window limiter for signup and login (`SPROUT_RATE_LIMIT` attempts a minute).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::AppError;

const WINDOW: Duration = Duration::from_secs(60);

pub struct RateLimiter {
    per_minute: u32,
    windows: Mutex<HashMap<Option<IpAddr>, (Instant, u32)>>,
}

impl RateLimiter {
    /// `per_minute == 0` turns the limit off.
    pub fn new(per_minute: u32) -> RateLimiter {
        RateLimiter { per_minute, windows: Mutex::new(HashMap::new()) }
    }

    /// Counts one attempt from `ip`; refuses it once the minute's allowance is spent.
    pub fn check(&self, ip: Option<IpAddr>) -> Result<(), AppError> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let now = Instant::now();
        let mut windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        if windows.len() > 10_000 {
            windows.retain(|_, (start, _)| now.duration_since(*start) < WINDOW);
        }
        let entry = windows.entry(ip).or_insert((now, 0));
        if now.duration_since(entry.0) >= WINDOW {
            *entry = (now, 0);
        }
        if entry.1 >= self.per_minute {
            let wait = WINDOW.saturating_sub(now.duration_since(entry.0)).as_secs().max(1);
            return Err(AppError::RateLimited(format!(
                "Too many attempts from your network. Please wait {wait} seconds and try again."
            )));
        }
        entry.1 += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_after_the_allowance_and_zero_means_off() {
        let limiter = RateLimiter::new(2);
        let ip = Some("10.0.0.1".parse().unwrap());
        assert!(limiter.check(ip).is_ok());
        assert!(limiter.check(ip).is_ok());
        assert!(matches!(limiter.check(ip), Err(AppError::RateLimited(_))));
        assert!(limiter.check(Some("10.0.0.2".parse().unwrap())).is_ok());
        let off = RateLimiter::new(0);
        for _ in 0..100 {
            assert!(off.check(ip).is_ok());
        }
    }
}
