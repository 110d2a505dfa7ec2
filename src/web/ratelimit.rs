//! Per-visitor fixed-window limiter for signing up, logging in and password resets
//! (`SPROUT_RATE_LIMIT` attempts a minute). The visitor is their address (see [`client_ip`]).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use actix_web::HttpRequest;

use super::client_ip::{self, Cidr};
use super::AppError;

const WINDOW: Duration = Duration::from_secs(60);

pub struct RateLimiter {
    per_minute: u32,
    trusted_proxies: Vec<Cidr>,
    windows: Mutex<HashMap<Option<IpAddr>, (Instant, u32)>>,
}

impl RateLimiter {
    /// `per_minute == 0` turns the limit off.
    pub fn new(per_minute: u32, trusted_proxies: Vec<Cidr>) -> RateLimiter {
        RateLimiter { per_minute, trusted_proxies, windows: Mutex::new(HashMap::new()) }
    }

    /// Counts one attempt by the visitor behind `req`.
    pub fn check(&self, req: &HttpRequest) -> Result<(), AppError> {
        self.check_ip(client_ip::client_ip(req, &self.trusted_proxies))
    }

    /// Counts one attempt from `ip` (an IPv6 address counts for its /64); refuses it once the
    /// minute's allowance is spent.
    pub fn check_ip(&self, ip: Option<IpAddr>) -> Result<(), AppError> {
        let ip = client_ip::rate_key(ip);
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
            return Err(AppError::rate_limited(msg!("web-rate-limited"), wait));
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
        let limiter = RateLimiter::new(2, Vec::new());
        let ip = Some("10.0.0.1".parse().unwrap());
        assert!(limiter.check_ip(ip).is_ok());
        assert!(limiter.check_ip(ip).is_ok());
        match limiter.check_ip(ip) {
            Err(AppError::RateLimited { retry_after, .. }) => assert!((1..=60).contains(&retry_after)),
            other => panic!("expected a 429, got {other:?}"),
        }
        assert!(limiter.check_ip(Some("10.0.0.2".parse().unwrap())).is_ok());
        let off = RateLimiter::new(0, Vec::new());
        for _ in 0..100 {
            assert!(off.check_ip(ip).is_ok());
        }
    }
}
