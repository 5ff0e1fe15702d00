//! The rate limiter and its `X-RateLimit-*` headers.
//!
//! One fixed window of sixty seconds for the whole API: the first call after a
//! window ends opens the next. `X-RateLimit-Reset` is the window's end in unix
//! seconds, rounded up.

use std::sync::{Mutex, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::http::{HeaderMap, HeaderName, HeaderValue};

use crate::config::RateLimit;

/// The limit announced when no [`RateLimit`] is configured.
pub const UNLIMITED_RATE_LIMIT: u32 = 10_000;

const WINDOW: Duration = Duration::from_secs(60);

pub(crate) const LIMIT: HeaderName = HeaderName::from_static("x-ratelimit-limit");
pub(crate) const REMAINING: HeaderName = HeaderName::from_static("x-ratelimit-remaining");
pub(crate) const RESET: HeaderName = HeaderName::from_static("x-ratelimit-reset");
pub(crate) const RETRY_AFTER: HeaderName = HeaderName::from_static("retry-after");

/// What the headers of one response announce.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Quota {
    pub(crate) limit: u32,
    pub(crate) remaining: u32,
    /// Unix seconds when the window ends.
    pub(crate) reset: u64,
}

impl Quota {
    /// Writes the three `X-RateLimit-*` headers.
    pub(crate) fn apply(self, headers: &mut HeaderMap) {
        headers.insert(LIMIT, HeaderValue::from(self.limit));
        headers.insert(REMAINING, HeaderValue::from(self.remaining));
        headers.insert(RESET, HeaderValue::from(self.reset));
    }

    /// The headers of a 429: nothing remains until `reset`, and `Retry-After`
    /// says how many seconds that is.
    pub(crate) fn apply_exhausted(self, headers: &mut HeaderMap) {
        Self {
            remaining: 0,
            ..self
        }
        .apply(headers);
        let wait = self
            .reset
            .saturating_sub(unix_seconds_ceil(SystemTime::now()));
        headers.insert(RETRY_AFTER, HeaderValue::from(wait.max(1)));
    }
}

#[derive(Debug)]
struct Window {
    start: SystemTime,
    used: u32,
}

/// Counts calls per window.
#[derive(Debug)]
pub(crate) struct Limiter {
    per_minute: Option<u32>,
    window: Mutex<Window>,
}

impl Limiter {
    pub(crate) fn new(limit: Option<RateLimit>) -> Self {
        Self {
            per_minute: limit.map(|l| l.per_minute),
            window: Mutex::new(Window {
                start: SystemTime::now(),
                used: 0,
            }),
        }
    }

    fn limit(&self) -> u32 {
        self.per_minute.unwrap_or(UNLIMITED_RATE_LIMIT)
    }

    /// Counts one call: `Ok` with the quota left, or `Err` when over the limit.
    pub(crate) fn acquire(&self) -> Result<Quota, Quota> {
        let mut window = self.window.lock().unwrap_or_else(PoisonError::into_inner);
        let now = SystemTime::now();
        roll(&mut window, now);
        let limit = self.limit();
        let over = self.per_minute.is_some_and(|limit| window.used >= limit);
        if !over {
            window.used = window.used.saturating_add(1);
        }
        let quota = Quota {
            limit,
            remaining: limit.saturating_sub(window.used),
            reset: unix_seconds_ceil(window.start + WINDOW),
        };
        if over { Err(quota) } else { Ok(quota) }
    }

    /// The quota now, without counting a call.
    pub(crate) fn peek(&self) -> Quota {
        let mut window = self.window.lock().unwrap_or_else(PoisonError::into_inner);
        roll(&mut window, SystemTime::now());
        let limit = self.limit();
        Quota {
            limit,
            remaining: limit.saturating_sub(window.used),
            reset: unix_seconds_ceil(window.start + WINDOW),
        }
    }
}

fn roll(window: &mut Window, now: SystemTime) {
    if now >= window.start + WINDOW {
        window.start = now;
        window.used = 0;
    }
}

/// Unix seconds of `time`, rounded up to the next whole second.
pub(crate) fn unix_seconds_ceil(time: SystemTime) -> u64 {
    let since = time.duration_since(UNIX_EPOCH).unwrap_or_default();
    since.as_secs() + u64::from(since.subsec_nanos() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_the_call_past_the_limit_and_counts_down() {
        let limiter = Limiter::new(Some(RateLimit { per_minute: 2 }));
        let remaining: Vec<Result<u32, u32>> = (0..3)
            .map(|_| {
                limiter
                    .acquire()
                    .map(|q| q.remaining)
                    .map_err(|q| q.remaining)
            })
            .collect();
        assert_eq!(remaining, [Ok(1), Ok(0), Err(0)]);
    }

    #[test]
    fn unlimited_never_refuses_and_announces_a_generous_limit() {
        let limiter = Limiter::new(None);
        for _ in 0..100 {
            assert!(limiter.acquire().is_ok());
        }
        let quota = limiter.peek();
        assert_eq!(
            (quota.limit, quota.remaining),
            (UNLIMITED_RATE_LIMIT, UNLIMITED_RATE_LIMIT - 100)
        );
        assert!(quota.reset >= unix_seconds_ceil(SystemTime::now()));
    }

    #[test]
    fn rounds_unix_seconds_up() {
        let cases = [
            (Duration::from_secs(10), 10),
            (Duration::from_millis(10_001), 11),
            (Duration::from_millis(10_999), 11),
        ];
        for (since_epoch, expected) in cases {
            assert_eq!(unix_seconds_ceil(UNIX_EPOCH + since_epoch), expected);
        }
    }
}
