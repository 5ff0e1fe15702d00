//! Posted messages: the Message Object, the history query and the edit and
//! reaction bodies. The send bodies are [`Message`](crate::message::Message).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::id::{ChannelId, MessageId, UserId};
use crate::message::{Attachment, Card};
use crate::timestamp::Timestamp;

/// A message as the API returns it (the reference's Message Object).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PostedMessage {
    /// The message's id, such as `MSG_1234567890`.
    pub id: MessageId,
    /// The text; empty for a card-only message.
    #[serde(default)]
    pub text: String,
    /// Who posted it.
    pub sender: MessageSender,
    /// The channel it was posted in; absent for a direct message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_id: Option<ChannelId>,
    /// When it was posted.
    pub time: Timestamp,
    /// When it was last edited; `null` when never.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edited_time: Option<Timestamp>,
    /// Whether it was edited.
    #[serde(default)]
    pub is_edited: bool,
    /// The mentions, kept as sent: the reference shows only an empty list.
    #[serde(default, deserialize_with = "crate::serde_util::null_as_default")]
    pub mentions: Vec<Value>,
    /// The attached files.
    #[serde(default, deserialize_with = "crate::serde_util::null_as_default")]
    pub attachments: Vec<Attachment>,
    /// The reactions, one per emoji.
    #[serde(default, deserialize_with = "crate::serde_util::null_as_default")]
    pub reactions: Vec<Reaction>,
    /// The card, when the message carries one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card: Option<Card>,
}

/// The `sender` of a [`PostedMessage`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageSender {
    /// The sender's user id.
    pub id: UserId,
    /// The sender's display name.
    pub name: String,
    /// The sender's email address; bots have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// One emoji's reactions to a [`PostedMessage`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reaction {
    /// The emoji, such as `👍`.
    pub emoji: String,
    /// How many users reacted with it.
    #[serde(default)]
    pub count: u64,
    /// The users who reacted with it.
    #[serde(default, deserialize_with = "crate::serde_util::null_as_default")]
    pub users: Vec<UserId>,
}

/// The query of `GET /channels/{channel_id}/messages`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[must_use]
pub struct ListMessages {
    /// Messages per page; the server defaults to [`ListMessages::DEFAULT_LIMIT`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Only messages before this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<MessageId>,
    /// Only messages after this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<MessageId>,
}

impl ListMessages {
    /// The most messages one page may hold.
    pub const MAX_LIMIT: u32 = 100;
    /// The page size when no limit is given.
    pub const DEFAULT_LIMIT: u32 = 20;

    /// The latest messages, with the server's defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the page size, lowered to [`Self::MAX_LIMIT`] when above it.
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit.min(Self::MAX_LIMIT));
        self
    }

    /// Only messages posted before `message`.
    pub fn before(mut self, message: impl Into<MessageId>) -> Self {
        self.before = Some(message.into());
        self
    }

    /// Only messages posted after `message`.
    pub fn after(mut self, message: impl Into<MessageId>) -> Self {
        self.after = Some(message.into());
        self
    }
}

/// The body of `PUT /messages/{message_id}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditMessage {
    /// The new text.
    pub text: String,
}

impl EditMessage {
    /// Replaces the message's text with `text`.
    pub fn new(text: impl Into<String>) -> Self {
        Self { text: text.into() }
    }
}

/// The body of `POST /messages/{message_id}/reactions`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddReaction {
    /// The emoji, such as `👍`.
    pub emoji: String,
}

impl AddReaction {
    /// Reacts with `emoji`.
    pub fn new(emoji: impl Into<String>) -> Self {
        Self {
            emoji: emoji.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn builders_write_the_reference_bodies() -> serde_json::Result<()> {
        let edit = EditMessage::new("Updated message content");
        assert_reference_body!(edit, "request-edit-message.json");
        assert_reference_body!(AddReaction::new("👍"), "request-add-reaction.json");
        Ok(())
    }

    #[test]
    fn history_query_leaves_out_unset_fields_and_caps_the_limit() -> serde_json::Result<()> {
        assert_eq!(serde_json::to_value(ListMessages::new())?, json!({}));
        let full = ListMessages::new()
            .limit(500)
            .before("MSG_2")
            .after("MSG_1");
        let expected = json!({"limit": 100, "before": "MSG_2", "after": "MSG_1"});
        assert_eq!(serde_json::to_value(full)?, expected);
        Ok(())
    }
}
