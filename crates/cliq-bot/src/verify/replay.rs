//! The bounded cache of accepted signatures, for the timestamped scheme.

use std::collections::{BTreeSet, HashSet};
use std::sync::{Arc, Mutex, PoisonError};

use super::{MAX_SIGNATURES, VerifyError};

/// The default number of signatures a [`ReplayCache`] remembers.
pub const DEFAULT_REPLAY_CAPACITY: usize = 100_000;

/// Remembers signatures accepted by the timestamped scheme until their
/// timestamp leaves the window, so that each is accepted once.
///
/// Bounded: past `capacity` live entries, the one whose window closes first is
/// forgotten. Clones share one cache.
#[derive(Clone, Debug)]
pub struct ReplayCache {
    inner: Arc<Mutex<Inner>>,
    capacity: usize,
}

#[derive(Debug, Default)]
struct Inner {
    seen: HashSet<[u8; 32]>,
    by_expiry: BTreeSet<(u64, [u8; 32])>,
}

impl Default for ReplayCache {
    fn default() -> Self {
        Self::new(DEFAULT_REPLAY_CAPACITY)
    }
}

impl ReplayCache {
    /// A cache remembering at most `capacity` signatures (at least one).
    pub fn new(capacity: usize) -> Self {
        Self {
            inner: Arc::default(),
            capacity: capacity.max(1),
        }
    }

    /// How many signatures are remembered now.
    pub fn len(&self) -> usize {
        self.lock().seen.len()
    }

    /// Whether nothing is remembered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Refuses if any of `digests` was seen; otherwise records all of them
    /// until `expires` (unix seconds). Atomic: of two concurrent requests with
    /// one signature, exactly one passes.
    ///
    /// # Errors
    /// [`VerifyError::ReplayedRequest`] when a digest was already recorded.
    pub fn check_and_record(
        &self,
        digests: impl Iterator<Item = [u8; 32]>,
        expires: u64,
        now: u64,
    ) -> Result<(), VerifyError> {
        let mut batch = [[0u8; 32]; MAX_SIGNATURES];
        let mut len = 0;
        for digest in digests.take(MAX_SIGNATURES) {
            batch[len] = digest;
            len += 1;
        }
        let batch = &batch[..len];
        let mut inner = self.lock();
        inner.prune(now);
        if batch.iter().any(|digest| inner.seen.contains(digest)) {
            return Err(VerifyError::ReplayedRequest);
        }
        for digest in batch {
            while inner.seen.len() >= self.capacity {
                inner.evict_first();
            }
            inner.seen.insert(*digest);
            inner.by_expiry.insert((expires, *digest));
        }
        Ok(())
    }
}

impl Inner {
    fn prune(&mut self, now: u64) {
        while let Some(&(expires, digest)) = self.by_expiry.first() {
            if expires >= now {
                break;
            }
            self.by_expiry.pop_first();
            self.seen.remove(&digest);
        }
    }

    fn evict_first(&mut self) {
        if let Some((_, digest)) = self.by_expiry.pop_first() {
            self.seen.remove(&digest);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_a_seen_digest_until_it_expires() {
        let cache = ReplayCache::new(10);
        let a = [1u8; 32];
        assert_eq!(cache.check_and_record([a].into_iter(), 100, 50), Ok(()));
        assert_eq!(
            cache.check_and_record([a].into_iter(), 100, 60),
            Err(VerifyError::ReplayedRequest)
        );
        assert_eq!(cache.check_and_record([a].into_iter(), 200, 101), Ok(()));
    }

    #[test]
    fn stays_within_capacity() {
        let cache = ReplayCache::new(3);
        for i in 0..10u8 {
            assert_eq!(
                cache.check_and_record([[i; 32]].into_iter(), 100 + u64::from(i), 0),
                Ok(())
            );
        }
        assert_eq!(cache.len(), 3);
    }
}
