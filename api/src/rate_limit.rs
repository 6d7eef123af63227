//! Fixed-window counters for abuse limits (failed sign-ins, anonymous comments and needs, writes per
//! account).
//!
//! The counters live in this process's memory. With several app instances behind a load
//! balancer each instance counts on its own, so the effective limit is at most the configured
//! one times the number of instances; a sticky load balancer (by client address) keeps the
//! per-address limits exact. This is a deliberate trade: no shared store to operate, and an
//! attacker still gets only a small constant factor more attempts against argon2id hashes.
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::error::ApiError;

/// Above this many keys, expired windows are swept so memory stays bounded.
const SWEEP_ABOVE: usize = 10_000;

#[derive(Default)]
pub struct RateLimiter {
    windows: Mutex<HashMap<String, (Instant, u32)>>,
}

impl RateLimiter {
    /// Counts one event for every key at once, unless any of them has already reached its limit
    /// (429). Checking and counting under one lock means concurrent requests cannot all slip past
    /// the check before any of them is counted.
    pub fn acquire(&self, keys: &[(&str, u32)], window: Duration) -> Result<(), ApiError> {
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        if windows.len() > SWEEP_ABOVE {
            windows.retain(|_, (start, _)| start.elapsed() < window);
        }
        for (key, limit) in keys {
            if let Some((start, count)) = windows.get(*key)
                && start.elapsed() < window
                && count >= limit
            {
                return Err(ApiError::TooManyRequests { retry_after: (window - start.elapsed()).as_secs().max(1) });
            }
        }
        for (key, _) in keys {
            let entry = windows.entry((*key).to_string()).or_insert((Instant::now(), 0));
            if entry.0.elapsed() >= window {
                *entry = (Instant::now(), 0);
            }
            entry.1 += 1;
        }
        Ok(())
    }

    /// Gives back one counted event of `key`: an attempt that turned out not to be abuse.
    pub fn refund(&self, key: &str) {
        if let Some((_, count)) = self.windows.lock().unwrap_or_else(|e| e.into_inner()).get_mut(key) {
            *count = count.saturating_sub(1);
        }
    }

    pub fn clear(&self, key: &str) {
        self.windows.lock().unwrap_or_else(|e| e.into_inner()).remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_within_a_window_and_forgets_after_it() {
        let limiter = RateLimiter::default();
        let window = Duration::from_millis(50);
        for _ in 0..3 {
            limiter.acquire(&[("a", 3)], window).unwrap();
        }
        assert!(matches!(limiter.acquire(&[("a", 3)], window), Err(ApiError::TooManyRequests { .. })));
        // A refused pair counts for neither key.
        assert!(limiter.acquire(&[("b", 3), ("a", 3)], window).is_err());
        for _ in 0..3 {
            limiter.acquire(&[("b", 3)], window).unwrap();
        }
        limiter.refund("b");
        limiter.acquire(&[("b", 3)], window).unwrap();
        std::thread::sleep(Duration::from_millis(60));
        limiter.acquire(&[("a", 3)], window).unwrap();
        limiter.clear("a");
        limiter.acquire(&[("a", 1)], window).unwrap();
    }
}
