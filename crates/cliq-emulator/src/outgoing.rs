//! Outgoing webhooks: the events the emulator posts to registered URLs.
//!
//! Whenever a message is posted to a channel, a channel is created, or a member
//! is added to or removed from a channel, every outgoing webhook subscribed to
//! that event (an empty `events` list subscribes to all) and watching that
//! channel (no `channel_id` watches all) gets a `POST` of the event in the
//! shape of PROTOCOL.md §3, signed with the body scheme and the configured
//! secret. Delivery is fire and forget on a spawned task, once, without retry;
//! each outcome is recorded as `(url, status)`, status `0` when no HTTP answer
//! came back.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use cliq_events::rest::{Channel, PostedMessage};
use cliq_events::{
    ChannelCreated, ChannelId, ChannelRef, Event, EventCallback, MemberEvent, MessageEvent,
    Timestamp, UserRef,
};
use tokio::sync::watch;

use crate::state::{Shared, Store};

/// How long one delivery may take.
const DELIVERY_TIMEOUT: Duration = Duration::from_secs(10);

/// The outcomes of deliveries, and how many are still in flight.
#[derive(Debug)]
pub(crate) struct OutgoingLog {
    outcomes: Mutex<Vec<(String, u16)>>,
    in_flight: watch::Sender<usize>,
}

impl Default for OutgoingLog {
    fn default() -> Self {
        Self {
            outcomes: Mutex::new(Vec::new()),
            in_flight: watch::Sender::new(0),
        }
    }
}

impl OutgoingLog {
    pub(crate) fn outcomes(&self) -> Vec<(String, u16)> {
        self.outcomes
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn record(&self, url: String, status: u16) {
        self.outcomes
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((url, status));
    }

    /// Resolves once no delivery is in flight.
    pub(crate) async fn settled(&self) {
        let mut in_flight = self.in_flight.subscribe();
        // The sender lives as long as `self`, so this only ends when settled.
        let _ = in_flight.wait_for(|n| *n == 0).await;
    }
}

/// Counts a delivery in flight from before its task is spawned until the task
/// is done or dropped unrun, so that `settled` never misses one.
struct InFlight(Arc<Shared>);

impl InFlight {
    fn new(shared: Arc<Shared>) -> Self {
        shared.outgoing.in_flight.send_modify(|n| *n += 1);
        Self(shared)
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0
            .outgoing
            .in_flight
            .send_modify(|n| *n = n.saturating_sub(1));
    }
}

impl Store {
    /// The URLs of the outgoing webhooks that get `event` from `channel`.
    pub(crate) fn subscribers(&self, event: &str, channel: &ChannelId) -> Vec<String> {
        self.outgoing
            .iter()
            .filter(|hook| {
                hook.events.is_empty() || hook.events.iter().any(|e| e.as_str() == event)
            })
            .filter(|hook| hook.channel_id.as_ref().is_none_or(|c| c == channel))
            .map(|hook| hook.url.clone())
            .collect()
    }
}

/// `message.created` for a message posted in `channel`.
pub(crate) fn message_created(posted: &PostedMessage, channel: &Channel) -> EventCallback {
    let sender = &posted.sender;
    let data = MessageEvent {
        message_id: posted.id.clone(),
        text: posted.text.clone(),
        sender: UserRef {
            id: sender.id.clone(),
            name: sender.name.clone(),
            email: sender.email.clone(),
        },
        channel: ChannelRef::new(channel.id.clone(), channel.name.clone()),
        mentions: None,
    };
    EventCallback::new(Event::MessageCreated(data), Some(Timestamp::now()))
}

/// `channel.created`.
pub(crate) fn channel_created(channel: &Channel, creator: UserRef) -> EventCallback {
    let data = ChannelCreated {
        channel: channel.clone(),
        creator: Some(creator),
    };
    EventCallback::new(Event::ChannelCreated(data), Some(Timestamp::now()))
}

/// `channel.member.added` or `channel.member.removed`.
pub(crate) fn member_event(added: bool, channel: &Channel, member: UserRef) -> EventCallback {
    let data = MemberEvent {
        channel: ChannelRef::new(channel.id.clone(), channel.name.clone()),
        member,
    };
    let event = if added {
        Event::MemberAdded(data)
    } else {
        Event::MemberRemoved(data)
    };
    EventCallback::new(event, Some(Timestamp::now()))
}

impl Shared {
    /// Posts `event` to every URL of `urls`, each on its own task.
    pub(crate) fn emit(self: &Arc<Self>, urls: Vec<String>, event: &EventCallback) {
        if urls.is_empty() {
            return;
        }
        let body = match serde_json::to_vec(event) {
            Ok(body) => bytes::Bytes::from(body),
            Err(error) => {
                tracing::warn!(%error, "could not serialise an outgoing event");
                return;
            }
        };
        let signature = self.secret.sign(&[&body]);
        for url in urls {
            let in_flight = InFlight::new(Arc::clone(self));
            let body = body.clone();
            let signature = signature.clone();
            self.runtime.spawn(async move {
                let shared = &in_flight.0;
                let status = post_signed(&shared.http, &url, body, &signature).await;
                tracing::debug!(status, "outgoing webhook delivered");
                shared.outgoing.record(url, status);
            });
        }
    }
}

async fn post_signed(
    http: &reqwest::Client,
    url: &str,
    body: bytes::Bytes,
    signature: &str,
) -> u16 {
    let sent = http
        .post(url)
        .header("content-type", "application/json")
        .header(cliq_bot::verify::SIGNATURE_HEADER, signature)
        .timeout(DELIVERY_TIMEOUT)
        .body(body)
        .send()
        .await;
    sent.map_or(0, |response| response.status().as_u16())
}
