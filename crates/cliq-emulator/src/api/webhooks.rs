//! Webhooks: incoming (an URL that posts to a channel) and outgoing (events
//! posted to an URL; see [`outgoing`](crate::outgoing)).
//!
//! Where the reference is silent:
//! - an incoming webhook's URL is
//!   `{base}/api/v2/channelsbynames/{unique name}/messages/{token}`, the unique
//!   name being the channel's name lowercased without characters other than
//!   letters, digits, `-` and `_`; the token is the credential: a wrong one is
//!   `401 INVALID_TOKEN`, a name not matching the token's channel
//!   `404 INVALID_CHANNEL`, and so is a channel deleted since;
//! - a message posted there answers `201` with the stored message, sent by
//!   the webhook: the sender's id is the webhook's id and its name the
//!   message's `bot.name`, else the webhook's name;
//! - creating either kind for an unknown channel is `404 INVALID_CHANNEL`; an
//!   outgoing webhook's `url` must be an absolute `http(s)` URL
//!   (`400 INVALID_REQUEST`).

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::post;
use bytes::Bytes;
use cliq_events::rest::{
    CreateIncomingWebhook, CreateOutgoingWebhook, IncomingWebhook, MessageSender, OutgoingWebhook,
};
use cliq_events::{ChannelId, ErrorCode, Message, UserId, WebhookId};

use super::{Target, is_http_url};
use crate::auth::random_hex;
use crate::respond::{self, ApiError, ApiResult, parse_json};
use crate::state::{IncomingRecord, Shared};

pub(super) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/webhooks/incoming", post(create_incoming))
        .route("/webhooks/outgoing", post(create_outgoing))
}

/// The name a channel goes by in incoming-webhook URLs.
fn unique_name(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

impl Shared {
    /// Creates an incoming webhook for `request.channel_id`; with `strict`, an
    /// unknown channel is refused, else its id stands in for its name.
    pub(crate) fn create_incoming(
        &self,
        request: CreateIncomingWebhook,
        strict: bool,
    ) -> Result<IncomingWebhook, ApiError> {
        let mut store = self.store();
        let channel_name = match store.channel(&request.channel_id) {
            Some(record) => unique_name(&record.channel.name),
            None if strict => return Err(ApiError::no_channel()),
            None => unique_name(request.channel_id.as_str()),
        };
        let (_, id) = store.next_id("WH_");
        let token = random_hex(32);
        let webhook = IncomingWebhook {
            url: self.api_url(&format!("/channelsbynames/{channel_name}/messages/{token}")),
            id: Some(WebhookId::new(id)),
            name: Some(request.name),
            description: request.description,
            channel_id: Some(request.channel_id),
        };
        store.incoming.push(IncomingRecord {
            webhook: webhook.clone(),
            token,
            channel_name,
        });
        Ok(webhook)
    }

    /// The URL of an incoming webhook of `channel`, created if there is none.
    pub(crate) fn incoming_url(&self, channel: &ChannelId) -> String {
        let existing = self
            .store()
            .incoming
            .iter()
            .find(|r| r.webhook.channel_id.as_ref() == Some(channel))
            .map(|r| r.webhook.url.clone());
        existing.unwrap_or_else(|| {
            let request = CreateIncomingWebhook::new("Emulator webhook", channel.clone());
            self.create_incoming(request, false)
                .map(|webhook| webhook.url)
                .unwrap_or_default()
        })
    }
}

async fn create_incoming(State(shared): State<Arc<Shared>>, body: Bytes) -> ApiResult {
    let request: CreateIncomingWebhook = parse_json(&body)?;
    if request.name.trim().is_empty() {
        return Err(ApiError::invalid("name must not be empty"));
    }
    respond::created(shared.create_incoming(request, true)?)
}

async fn create_outgoing(State(shared): State<Arc<Shared>>, body: Bytes) -> ApiResult {
    let request: CreateOutgoingWebhook = parse_json(&body)?;
    if !is_http_url(&request.url) {
        return Err(ApiError::invalid("url must be an absolute http(s) URL"));
    }
    let mut store = shared.store();
    if let Some(channel) = &request.channel_id {
        store.channel(channel).ok_or_else(ApiError::no_channel)?;
    }
    let (_, id) = store.next_id("WH_");
    let webhook = OutgoingWebhook {
        id: Some(WebhookId::new(id)),
        name: request.name,
        url: request.url,
        events: request.events,
        channel_id: request.channel_id,
    };
    store.outgoing.push(webhook.clone());
    respond::created(webhook)
}

/// `POST {incoming webhook url}`: no OAuth token; the URL's token is the credential.
pub(super) async fn post_incoming(
    State(shared): State<Arc<Shared>>,
    Path((channel_name, token)): Path<(String, String)>,
    body: Bytes,
) -> ApiResult {
    let record = shared
        .store()
        .incoming
        .iter()
        .find(|r| r.token == token)
        .cloned()
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                ErrorCode::InvalidToken,
                "The webhook token is invalid",
            )
        })?;
    let webhook = record.webhook;
    let channel = webhook
        .channel_id
        .clone()
        .ok_or_else(ApiError::no_channel)?;
    if record.channel_name != channel_name {
        return Err(ApiError::no_channel());
    }
    let message: Message = parse_json(&body)?;
    let name = webhook.name.clone().unwrap_or_else(|| "Webhook".to_owned());
    let sender = MessageSender {
        id: UserId::new(webhook.id.as_ref().map_or("", WebhookId::as_str)),
        name: message.bot().map_or(name, |profile| profile.name.clone()),
        email: None,
    };
    respond::created(shared.post_message(&Target::Channel(channel), &message, sender)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_names_keep_letters_digits_and_dashes() {
        let names = [
            ("Development", "development"),
            ("Project Phoenix - Updated", "projectphoenix-updated"),
            ("channel-0", "channel-0"),
        ];
        for (name, expected) in names {
            assert_eq!(unique_name(name), expected);
        }
    }
}
