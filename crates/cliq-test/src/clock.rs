//! [`ManualClock`]: wall-clock time that moves only when the test moves it.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use cliq_bot::clock::Clock;

/// A [`Clock`] that stands still until told otherwise.
///
/// Clones share one time: the kit keeps one, the bot another, and
/// [`advance`](Self::advance) on either moves both. The bot measures
/// de-duplication windows and timestamp tolerance with it; the kit stamps
/// `X-Cliq-Timestamp`, event timestamps and native `timestamp`s with it.
///
/// It does not move tokio's timers: for handler deadlines and `sleep`s, use
/// `#[tokio::test(start_paused = true)]`.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use cliq_bot::clock::Clock;
/// use cliq_test::ManualClock;
///
/// let clock = ManualClock::new(UNIX_EPOCH + Duration::from_secs(1_765_553_400));
/// let bot_side = clock.clone();
/// clock.advance(Duration::from_secs(301));
/// assert_eq!(bot_side.unix_seconds(), 1_765_553_701);
/// ```
#[derive(Clone, Debug)]
pub struct ManualClock {
    now: Arc<Mutex<SystemTime>>,
}

impl ManualClock {
    /// A clock showing `start`.
    pub fn new(start: SystemTime) -> Self {
        Self {
            now: Arc::new(Mutex::new(start)),
        }
    }

    /// A clock showing the system's time now, rounded down to a whole
    /// second, so that a bot left on the system clock still accepts the
    /// kit's timestamps.
    pub fn starting_now() -> Self {
        let seconds = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_secs());
        Self::new(UNIX_EPOCH + Duration::from_secs(seconds))
    }

    /// The time shown.
    pub fn time(&self) -> SystemTime {
        *self.lock()
    }

    /// Moves the time forward by `by`.
    pub fn advance(&self, by: Duration) {
        let mut now = self.lock();
        *now += by;
    }

    /// Moves the time back by `by` (not before the Unix epoch).
    pub fn rewind(&self, by: Duration) {
        let mut now = self.lock();
        *now = now.checked_sub(by).unwrap_or(UNIX_EPOCH);
    }

    /// Shows `time` from now on.
    pub fn set(&self, time: SystemTime) {
        *self.lock() = time;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, SystemTime> {
        // A panic elsewhere cannot leave a `SystemTime` half-written.
        self.now.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Default for ManualClock {
    fn default() -> Self {
        Self::starting_now()
    }
}

impl Clock for ManualClock {
    fn now(&self) -> SystemTime {
        self.time()
    }
}
