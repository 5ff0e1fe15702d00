//! `response_url`: where a bot POSTs a native reply that missed the budget.
//! Each native call gets a URL of its own; every POST to it is recorded.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use axum::extract::{Path, State};
use bytes::Bytes;
use cliq_events::rest::PostedMessage;
use cliq_events::{ChannelId, ErrorCode};
use serde_json::Value;
use tokio::sync::watch;

use super::convert;
use crate::auth::random_hex;
use crate::deliver::Delivery;
use crate::emulator::Emulator;
use crate::respond::{self, ApiError, ApiResult, parse_json};
use crate::state::Shared;

/// A body a bot POSTed to a `response_url`.
#[derive(Clone, Debug, PartialEq)]
pub struct LateReply {
    /// The URL it was posted to, as the call carried it.
    pub response_url: String,
    /// The body, such as `{"output": {"text": "Done"}}`.
    pub body: Value,
    /// The reply as posted to the call's channel, when it was a message.
    pub posted: Option<PostedMessage>,
}

/// The URLs handed out and the replies received.
#[derive(Debug)]
pub(crate) struct ResponseLog {
    /// Token → the channel message replies go to.
    issued: Mutex<HashMap<String, ChannelId>>,
    received: Mutex<Vec<LateReply>>,
    /// How many replies were received: waiters watch it.
    count: watch::Sender<usize>,
}

impl Default for ResponseLog {
    fn default() -> Self {
        Self {
            issued: Mutex::default(),
            received: Mutex::default(),
            count: watch::Sender::new(0),
        }
    }
}

impl ResponseLog {
    fn issued(&self) -> MutexGuard<'_, HashMap<String, ChannelId>> {
        self.issued.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn received(&self) -> MutexGuard<'_, Vec<LateReply>> {
        self.received.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn record(&self, reply: LateReply) {
        self.received().push(reply);
        self.count.send_modify(|n| *n += 1);
    }

    fn first_for(&self, url: &str) -> Option<LateReply> {
        self.received()
            .iter()
            .find(|r| r.response_url == url)
            .cloned()
    }
}

impl Shared {
    /// A fresh `response_url` whose message replies go to `channel`.
    pub(crate) fn issue_response_url(&self, channel: ChannelId) -> String {
        let token = random_hex(32);
        let url = self.response_url(&token);
        self.responses.issued().insert(token, channel);
        url
    }

    fn response_url(&self, token: &str) -> String {
        self.api_url(&format!("/extensions/responses/{token}"))
    }
}

/// `POST /api/v2/extensions/responses/{token}`: no OAuth token; the URL's
/// token is the credential.
pub(crate) async fn post_response(
    State(shared): State<Arc<Shared>>,
    Path(token): Path<String>,
    body: Bytes,
) -> ApiResult {
    let channel = shared
        .responses
        .issued()
        .get(&token)
        .cloned()
        .ok_or_else(|| ApiError::not_found(ErrorCode::NotFound, "No such response URL"))?;
    let body: Value = parse_json(&body)?;
    let posted = convert::output_message(&body)
        .and_then(|message| shared.post_bot_reply(&channel, &message));
    tracing::debug!(posted = posted.is_some(), "late native reply received");
    shared.responses.record(LateReply {
        response_url: shared.response_url(&token),
        body,
        posted,
    });
    respond::no_content()
}

impl Emulator {
    /// Every body POSTed to a `response_url` of this emulator, in arrival
    /// order; one posted twice is there twice.
    pub fn late_replies(&self) -> Vec<LateReply> {
        self.shared.responses.received().clone()
    }

    /// The first late reply to `delivery`'s `response_url`, waiting for it up
    /// to `wait`; `None` when none came by then or the delivery carried no
    /// `response_url`.
    pub async fn late_reply_for(&self, delivery: &Delivery, wait: Duration) -> Option<LateReply> {
        let url = delivery.response_url.as_deref()?;
        let log = &self.shared.responses;
        // Subscribed before looking, so a reply recorded in between is seen.
        let mut count = log.count.subscribe();
        let found = async {
            loop {
                if let Some(reply) = log.first_for(url) {
                    return Some(reply);
                }
                // The sender lives as long as `self`: this never ends early.
                count.changed().await.ok()?;
            }
        };
        tokio::time::timeout(wait, found).await.ok().flatten()
    }
}
