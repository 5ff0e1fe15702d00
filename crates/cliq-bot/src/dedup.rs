//! Event de-duplication: each `(event, message_id)` is handled once per window.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

/// The default number of keys the in-memory store keeps.
pub const DEFAULT_DEDUP_CAPACITY: usize = 100_000;

/// What a repeat delivery shares with the first: the event name and the
/// message id.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DedupKey {
    /// The event name.
    pub event: String,
    /// `data.message_id`.
    pub message_id: String,
}

/// Where claimed keys are kept. Implement it over a shared store (Redis, a
/// database) when several replicas serve one bot.
pub trait DedupStore: Send + Sync + fmt::Debug + 'static {
    /// Takes `key` until `expires`, atomically. `false` when it is already
    /// taken and not expired: the delivery is a repeat.
    fn claim(&self, key: &DedupKey, now: SystemTime, expires: SystemTime) -> bool;

    /// Gives `key` back, after its handler failed, so a retry runs again.
    fn release(&self, key: &DedupKey);
}

/// A bounded in-memory [`DedupStore`]. Past `capacity` keys, the oldest is
/// forgotten first. Clones share one store.
#[derive(Clone, Debug)]
pub struct MemoryDedupStore {
    inner: Arc<Mutex<Inner>>,
    capacity: usize,
}

#[derive(Debug, Default)]
struct Inner {
    keys: HashMap<DedupKey, (SystemTime, u64)>,
    order: VecDeque<(SystemTime, u64, DedupKey)>,
    next_generation: u64,
}

impl Default for MemoryDedupStore {
    fn default() -> Self {
        Self::new(DEFAULT_DEDUP_CAPACITY)
    }
}

impl MemoryDedupStore {
    /// A store keeping at most `capacity` keys (at least one).
    pub fn new(capacity: usize) -> Self {
        Self {
            inner: Arc::default(),
            capacity: capacity.max(1),
        }
    }

    /// How many keys are held now.
    pub fn len(&self) -> usize {
        self.lock().keys.len()
    }

    /// Whether no key is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Inner {
    /// Drops expired keys, and the oldest while over capacity. Queue entries
    /// of released or re-claimed keys are skipped as they surface; the queue
    /// is cut at twice the capacity so that they cannot pile up.
    fn prune(&mut self, now: SystemTime, capacity: usize) {
        while let Some((expires, generation, key)) = self.order.front() {
            let current = self.keys.get(key).is_some_and(|&(_, g)| g == *generation);
            let keep = current
                && *expires > now
                && self.keys.len() < capacity
                && self.order.len() < 2 * capacity;
            if keep {
                break;
            }
            if let Some((_, _, key)) = self.order.pop_front()
                && current
            {
                self.keys.remove(&key);
            }
        }
    }
}

impl DedupStore for MemoryDedupStore {
    fn claim(&self, key: &DedupKey, now: SystemTime, expires: SystemTime) -> bool {
        let mut inner = self.lock();
        inner.prune(now, self.capacity);
        if inner.keys.get(key).is_some_and(|&(until, _)| until > now) {
            return false;
        }
        let generation = inner.next_generation;
        inner.next_generation += 1;
        inner.keys.insert(key.clone(), (expires, generation));
        inner.order.push_back((expires, generation, key.clone()));
        true
    }

    fn release(&self, key: &DedupKey) {
        self.lock().keys.remove(key);
    }
}

/// The window as the store sees it.
pub(crate) fn window_end(now: SystemTime, window: Duration) -> SystemTime {
    now.checked_add(window).unwrap_or(now)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(id: &str) -> DedupKey {
        DedupKey {
            event: "message.created".into(),
            message_id: id.into(),
        }
    }

    #[test]
    fn claims_once_per_window_and_releases() {
        let store = MemoryDedupStore::new(10);
        let t0 = SystemTime::UNIX_EPOCH + Duration::from_secs(1000);
        let end = t0 + Duration::from_secs(600);
        assert!(store.claim(&key("a"), t0, end));
        assert!(!store.claim(&key("a"), t0 + Duration::from_secs(599), end));
        store.release(&key("a"));
        assert!(store.claim(&key("a"), t0, end));
        assert!(store.claim(&key("a"), end, end + Duration::from_secs(600)));
    }

    #[test]
    fn stays_within_capacity() {
        let store = MemoryDedupStore::new(3);
        let t0 = SystemTime::UNIX_EPOCH;
        for i in 0..20 {
            assert!(store.claim(&key(&i.to_string()), t0, t0 + Duration::from_secs(600)));
        }
        assert!(store.len() <= 3);
    }
}
