//! Webhooks: the event names, incoming and outgoing webhooks and their
//! create bodies. The body posted to an incoming webhook's URL is a
//! [`Message`](crate::message::Message).

use serde::{Deserialize, Serialize};

use crate::id::{ChannelId, WebhookId};

wire_enum! {
    /// An event an [`OutgoingWebhook`] subscribes to.
    pub enum WebhookEvent {
        /// `message.created`: a new message was posted.
        MessageCreated = "message.created",
        /// `channel.created`: a new channel was created.
        ChannelCreated = "channel.created",
        /// `channel.member.added`: a member was added to a channel.
        ChannelMemberAdded = "channel.member.added",
        /// `channel.member.removed`: a member was removed from a channel.
        ChannelMemberRemoved = "channel.member.removed",
        /// `mention`: a user was mentioned in a message.
        Mention = "mention",
        /// `bot.mention`: a bot was mentioned in a message.
        BotMention = "bot.mention",
    }
}

/// An incoming webhook, as `POST /webhooks/incoming` returns it.
///
/// The reference shows no response body, only that it carries `url`; the
/// other fields mirror the request and are optional.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncomingWebhook {
    /// The URL that posts to the channel, without an OAuth token.
    pub url: String,
    /// The webhook's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<WebhookId>,
    /// The display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The channel the webhook posts to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<ChannelId>,
}

/// An outgoing webhook: where Cliq posts which events.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutgoingWebhook {
    /// The webhook's id; the reference shows none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<WebhookId>,
    /// The display name.
    pub name: String,
    /// The URL Cliq posts events to.
    pub url: String,
    /// The events posted.
    #[serde(default, deserialize_with = "crate::serde_util::null_as_default")]
    pub events: Vec<WebhookEvent>,
    /// The channel watched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<ChannelId>,
}

/// The body of `POST /webhooks/incoming`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[must_use]
pub struct CreateIncomingWebhook {
    /// The display name.
    pub name: String,
    /// The description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The channel the webhook posts to.
    pub channel_id: ChannelId,
}

impl CreateIncomingWebhook {
    /// A webhook named `name` that posts to `channel_id`.
    pub fn new(name: impl Into<String>, channel_id: impl Into<ChannelId>) -> Self {
        Self {
            name: name.into(),
            description: None,
            channel_id: channel_id.into(),
        }
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }
}

/// The body of `POST /webhooks/outgoing`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[must_use]
pub struct CreateOutgoingWebhook {
    /// The display name.
    pub name: String,
    /// The URL Cliq posts events to.
    pub url: String,
    /// The events posted.
    #[serde(default, deserialize_with = "crate::serde_util::null_as_default")]
    pub events: Vec<WebhookEvent>,
    /// The channel watched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<ChannelId>,
}

impl CreateOutgoingWebhook {
    /// A webhook named `name` posting to `url`, with no events yet.
    pub fn new(name: impl Into<String>, url: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            url: url.into(),
            events: Vec::new(),
            channel_id: None,
        }
    }

    /// Subscribes to `event`.
    pub fn event(mut self, event: WebhookEvent) -> Self {
        self.events.push(event);
        self
    }

    /// Watches only `channel_id`.
    pub fn channel_id(mut self, channel_id: impl Into<ChannelId>) -> Self {
        self.channel_id = Some(channel_id.into());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builders_write_the_reference_bodies() -> serde_json::Result<()> {
        let incoming = CreateIncomingWebhook::new("GitHub Notifications", "CT_1234567890")
            .description("Webhook for GitHub events");
        assert_reference_body!(incoming, "request-create-incoming-webhook.json");
        let url = "https://yourdomain.com/webhook/cliq";
        let outgoing = CreateOutgoingWebhook::new("External Service Integration", url)
            .event(WebhookEvent::MessageCreated)
            .event(WebhookEvent::Mention)
            .channel_id("CT_1234567890");
        assert_reference_body!(outgoing, "request-create-outgoing-webhook.json");
        Ok(())
    }
}
