//! Fault injection: errors, rate limits and latency on demand.
//!
//! Faults queue up in the order they are asked for and each is spent by one
//! REST call (`/api/v2/...`, webhook URLs included; never `/oauth`).

use std::collections::VecDeque;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime};

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::ratelimit::{Quota, unix_seconds_ceil};
use crate::respond::ApiError;

/// How far ahead `X-RateLimit-Reset` is on a 429 injected by
/// [`Faults::fail_next`], which takes no duration.
pub const DEFAULT_RESET_AFTER: Duration = Duration::from_secs(1);

/// Fault injection for an [`Emulator`](crate::Emulator): see
/// [`Emulator::faults`](crate::Emulator::faults).
///
/// ```
/// # async fn example() -> std::io::Result<()> {
/// let emulator = cliq_emulator::Emulator::start().await?;
/// emulator.faults().fail_next(2, 500); // the next two calls: 500 INTERNAL_ERROR
/// # Ok(()) }
/// ```
#[derive(Debug, Default)]
pub struct Faults {
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    queue: VecDeque<Fault>,
    latency: Duration,
}

/// One injected failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Fault {
    status: StatusCode,
    /// Whether the request is processed before the error is answered.
    pub(crate) after_processing: bool,
    reset_after: Duration,
}

impl Faults {
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn push(&self, n: usize, fault: Fault) {
        self.state().queue.extend(std::iter::repeat_n(fault, n));
    }

    /// The next `n` REST calls (any endpoint except `/oauth`) answer `status`
    /// with the reference's error envelope and code (500 → `INTERNAL_ERROR`,
    /// 429 → `RATE_LIMIT_EXCEEDED` with `X-RateLimit-Reset` one second ahead,
    /// 401 → `INVALID_TOKEN`, 503 → `OVERLOADED`, 403 → `PERMISSION_DENIED`,
    /// 400 → `INVALID_REQUEST`, 404 → `NOT_FOUND`), *without* processing the
    /// request. A status outside 400–599 is answered as 500.
    pub fn fail_next(&self, n: usize, status: u16) {
        self.push(n, Fault::new(status, false, DEFAULT_RESET_AFTER));
    }

    /// Like [`fail_next`](Self::fail_next), but the request *is* processed (a
    /// message really gets posted) before the error is answered: the case
    /// that makes blind retries of a `POST` duplicate messages.
    pub fn fail_next_after_processing(&self, n: usize, status: u16) {
        self.push(n, Fault::new(status, true, DEFAULT_RESET_AFTER));
    }

    /// The next `n` calls answer `429 RATE_LIMIT_EXCEEDED` with
    /// `X-RateLimit-Reset` set `reset_after` ahead (unix seconds, rounded up)
    /// and `X-RateLimit-Remaining: 0`.
    pub fn rate_limit_next(&self, n: usize, reset_after: Duration) {
        self.push(n, Fault::new(429, false, reset_after));
    }

    /// Adds `latency` to every REST response from now on (on top of
    /// [`EmulatorConfig::latency`](crate::EmulatorConfig::latency)).
    pub fn set_latency(&self, latency: Duration) {
        self.state().latency = latency;
    }

    /// Drops every queued fault and the injected latency.
    pub fn clear(&self) {
        let mut state = self.state();
        state.queue.clear();
        state.latency = Duration::ZERO;
    }

    /// How many injected faults are still queued.
    pub fn pending(&self) -> usize {
        self.state().queue.len()
    }

    /// Takes the fault the current call spends, if any.
    pub(crate) fn take(&self) -> Option<Fault> {
        self.state().queue.pop_front()
    }

    /// The injected latency.
    pub(crate) fn latency(&self) -> Duration {
        self.state().latency
    }
}

impl Fault {
    fn new(status: u16, after_processing: bool, reset_after: Duration) -> Self {
        let status = StatusCode::from_u16(status)
            .ok()
            .filter(|s| s.is_client_error() || s.is_server_error())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        Self {
            status,
            after_processing,
            reset_after,
        }
    }

    /// The injected answer, with the rate-limit headers of `quota`.
    pub(crate) fn response(self, quota: Quota) -> Response {
        let mut response = ApiError::for_status(self.status, message(self.status)).into_response();
        if self.status == StatusCode::TOO_MANY_REQUESTS {
            let reset = unix_seconds_ceil(SystemTime::now() + self.reset_after);
            Quota { reset, ..quota }.apply_exhausted(response.headers_mut());
        } else {
            quota.apply(response.headers_mut());
        }
        response
    }
}

fn message(status: StatusCode) -> &'static str {
    match status.as_u16() {
        401 => "Access token is invalid or expired",
        429 => "API rate limit exceeded",
        500 => "Internal server error",
        _ => "Injected failure",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_are_spent_in_order_and_cleared() {
        let faults = Faults::default();
        faults.fail_next(1, 500);
        faults.rate_limit_next(1, Duration::from_secs(5));
        faults.fail_next_after_processing(1, 503);
        let statuses: Vec<(u16, bool)> = std::iter::from_fn(|| faults.take())
            .map(|f| (f.status.as_u16(), f.after_processing))
            .collect();
        assert_eq!(statuses, [(500, false), (429, false), (503, true)]);
        faults.fail_next(3, 500);
        faults.set_latency(Duration::from_millis(5));
        faults.clear();
        assert_eq!((faults.pending(), faults.latency()), (0, Duration::ZERO));
    }

    #[test]
    fn statuses_outside_the_error_range_become_500() {
        for (asked, answered) in [(200, 500), (99, 500), (404, 404), (599, 599)] {
            assert_eq!(
                Fault::new(asked, false, DEFAULT_RESET_AFTER).status,
                answered
            );
        }
    }
}
