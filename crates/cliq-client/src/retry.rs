//! When a failed request may be sent again, and how long to wait first.
//!
//! The rule that matters: a request that may have reached the server is
//! retried only if repeating it is harmless. `GET`, `PUT` and `DELETE` are
//! retried after a 5xx or any transport failure; `POST` (a message, a new
//! channel) only when the connection was never made — never after a 5xx or
//! a timeout, which could post a message twice.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use reqwest::{Method, StatusCode};

/// Attempts and backoff; set through the client builder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RetryPolicy {
    pub(crate) max_attempts: u32,
    pub(crate) base_delay: Duration,
    pub(crate) max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
        }
    }
}

impl RetryPolicy {
    /// Whether another attempt is allowed after `attempt` attempts.
    pub(crate) fn allows_another(&self, attempt: u32) -> bool {
        attempt < self.max_attempts
    }

    /// The wait before retry number `retry` (from 1): exponential, capped,
    /// with "equal jitter" — half fixed, half random — so that clients that
    /// failed together do not retry together.
    pub(crate) fn delay(&self, retry: u32) -> Duration {
        let factor = 2u32.saturating_pow(retry.saturating_sub(1));
        let ceiling = self.base_delay.saturating_mul(factor).min(self.max_delay);
        let half = ceiling / 2;
        half + jitter(half)
    }
}

/// Whether repeating a request with this method is harmless.
pub(crate) fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS
    )
}

/// Whether a request that got this status may be sent again.
pub(crate) fn retry_after_status(method: &Method, status: StatusCode) -> bool {
    status.is_server_error() && status != StatusCode::NOT_IMPLEMENTED && is_idempotent(method)
}

/// Whether a request that failed in transport may be sent again.
pub(crate) fn retry_after_transport(method: &Method, error: &reqwest::Error) -> bool {
    may_resend(method, error.is_connect())
}

fn may_resend(method: &Method, never_connected: bool) -> bool {
    never_connected || is_idempotent(method)
}

/// A random duration in `0..=max`, without a random-number crate: each
/// `RandomState` is seeded from the OS once per thread and advanced per
/// call, and a counter makes every draw distinct.
fn jitter(max: Duration) -> Duration {
    static DRAWS: AtomicU64 = AtomicU64::new(0);
    let Ok(max_nanos) = u64::try_from(max.as_nanos()) else {
        return max;
    };
    if max_nanos == 0 {
        return Duration::ZERO;
    }
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(DRAWS.fetch_add(1, Ordering::Relaxed));
    Duration::from_nanos(hasher.finish() % (max_nanos + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posts_are_resent_only_when_never_connected() {
        let cases = [
            (Method::GET, false, true),
            (Method::PUT, false, true),
            (Method::DELETE, false, true),
            (Method::POST, false, false),
            (Method::POST, true, true),
            (Method::GET, true, true),
        ];
        for (method, never_connected, expected) in cases {
            assert_eq!(may_resend(&method, never_connected), expected, "{method}");
        }
    }

    #[test]
    fn server_errors_are_retried_only_for_idempotent_methods() {
        let cases = [
            (Method::GET, 500, true),
            (Method::GET, 503, true),
            (Method::GET, 501, false),
            (Method::GET, 404, false),
            (Method::DELETE, 502, true),
            (Method::POST, 500, false),
            (Method::POST, 503, false),
        ];
        for (method, status, expected) in cases {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
            assert_eq!(
                retry_after_status(&method, status),
                expected,
                "{method} {status}"
            );
        }
    }

    #[test]
    fn delays_grow_stay_capped_and_vary() {
        let policy = RetryPolicy {
            max_attempts: 10,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(400),
        };
        let cases = [(1, 50, 100), (2, 100, 200), (3, 200, 400), (9, 200, 400)];
        for (retry, low, high) in cases {
            for _ in 0..50 {
                let delay = policy.delay(retry).as_millis();
                assert!((low..=high).contains(&delay), "retry {retry}: {delay} ms");
            }
        }
        let draws: std::collections::HashSet<Duration> =
            (0..20).map(|_| jitter(Duration::from_secs(1))).collect();
        assert!(draws.len() > 1);
    }

    #[test]
    fn attempts_are_counted_from_one() {
        let policy = RetryPolicy::default();
        assert!(policy.allows_another(1));
        assert!(policy.allows_another(2));
        assert!(!policy.allows_another(3));
    }
}
