//! Rate limits: the server's `X-RateLimit-*` headers, and the optional
//! client-side limiter that keeps a client under its plan's quota.

use std::sync::{Mutex, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::header::HeaderMap;
use tokio::time::Instant;

/// The rate limit as the server last reported it in `X-RateLimit-Limit`,
/// `X-RateLimit-Remaining` and `X-RateLimit-Reset`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct RateLimitStatus {
    /// Calls allowed in the current window.
    pub limit: u32,
    /// Calls left in the current window.
    pub remaining: u32,
    /// When the window resets, in Unix seconds.
    pub reset: u64,
}

impl RateLimitStatus {
    /// Reads the three headers; `None` unless all are present and numeric.
    pub(crate) fn from_headers(headers: &HeaderMap) -> Option<Self> {
        Some(Self {
            limit: header_number(headers, "x-ratelimit-limit")?,
            remaining: header_number(headers, "x-ratelimit-remaining")?,
            reset: header_number(headers, "x-ratelimit-reset")?,
        })
    }
}

pub(crate) fn header_number<T>(headers: &HeaderMap, name: &str) -> Option<T>
where
    T: std::str::FromStr,
{
    headers.get(name)?.to_str().ok()?.trim().parse().ok()
}

/// How long until Unix time `reset`; zero when it has passed.
pub(crate) fn until_unix(reset: u64) -> Duration {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    Duration::from_secs(reset).saturating_sub(now)
}

/// A Cliq plan, for its API quota per minute (the reference's rate-limit
/// table).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Plan {
    /// 30 calls a minute.
    Free,
    /// 60 calls a minute.
    Standard,
    /// 120 calls a minute.
    Professional,
    /// 300 calls a minute.
    Enterprise,
}

impl Plan {
    /// The plan's quota.
    pub fn quota(self) -> Quota {
        let per_minute = match self {
            Self::Free => 30,
            Self::Standard => 60,
            Self::Professional => 120,
            Self::Enterprise => 300,
        };
        Quota::per_minute(per_minute)
    }
}

/// A client-side quota: at most `calls` calls in any `period`, spread evenly
/// once the first `calls` have been used in a burst.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Quota {
    calls: u32,
    period: Duration,
}

impl Quota {
    /// `calls` per `period`; zero calls is taken as one.
    pub fn new(calls: u32, period: Duration) -> Self {
        Self {
            calls: calls.max(1),
            period,
        }
    }

    /// `calls` per minute.
    pub fn per_minute(calls: u32) -> Self {
        Self::new(calls, Duration::from_secs(60))
    }

    /// Calls allowed per period.
    pub fn calls(&self) -> u32 {
        self.calls
    }

    /// The period.
    pub fn period(&self) -> Duration {
        self.period
    }
}

/// A token bucket in its GCRA form: one instant (when the bucket would be
/// full again) instead of a refill task.
#[derive(Debug)]
pub(crate) struct Limiter {
    interval: Duration,
    burst: Duration,
    next_free: Mutex<Option<Instant>>,
}

impl Limiter {
    pub(crate) fn new(quota: Quota) -> Self {
        let interval = quota.period / quota.calls;
        Self {
            interval,
            burst: interval * (quota.calls - 1),
            next_free: Mutex::new(None),
        }
    }

    /// Reserves the next slot and waits for it.
    pub(crate) async fn acquire(&self) {
        let delay = self.reserve(Instant::now());
        if !delay.is_zero() {
            tracing::debug!(delay_ms = delay.as_millis(), "client-side quota: waiting");
            tokio::time::sleep(delay).await;
        }
    }

    fn reserve(&self, now: Instant) -> Duration {
        let mut next_free = self
            .next_free
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let theoretical = next_free.map_or(now, |at| at.max(now));
        let delay = theoretical.saturating_duration_since(now + self.burst);
        *next_free = Some(theoretical + self.interval);
        delay
    }
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;

    use super::*;

    #[test]
    fn reads_status_only_when_all_headers_parse() {
        let mut headers = HeaderMap::new();
        headers.insert("x-ratelimit-limit", HeaderValue::from_static("60"));
        headers.insert("x-ratelimit-remaining", HeaderValue::from_static("45"));
        headers.insert("x-ratelimit-reset", HeaderValue::from_static("1702396800"));
        let status = RateLimitStatus::from_headers(&headers);
        let expected = RateLimitStatus {
            limit: 60,
            remaining: 45,
            reset: 1_702_396_800,
        };
        assert_eq!(status, Some(expected));
        headers.insert("x-ratelimit-remaining", HeaderValue::from_static("many"));
        assert_eq!(RateLimitStatus::from_headers(&headers), None);
    }

    #[test]
    fn plans_carry_the_reference_quotas() {
        let cases = [
            (Plan::Free, 30),
            (Plan::Standard, 60),
            (Plan::Professional, 120),
            (Plan::Enterprise, 300),
        ];
        for (plan, per_minute) in cases {
            assert_eq!(
                plan.quota(),
                Quota::new(per_minute, Duration::from_secs(60))
            );
        }
    }

    #[test]
    fn limiter_allows_a_burst_then_spaces_calls() {
        let limiter = Limiter::new(Quota::new(3, Duration::from_millis(300)));
        let start = Instant::now();
        let delays: Vec<u128> = (0..6).map(|_| limiter.reserve(start).as_millis()).collect();
        assert_eq!(delays, [0, 0, 0, 100, 200, 300]);
    }

    #[test]
    fn past_resets_need_no_wait() {
        assert_eq!(until_unix(0), Duration::ZERO);
        assert!(until_unix(u64::MAX / 2) > Duration::from_secs(3600));
    }
}
