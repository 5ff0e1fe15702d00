//! Bots: the Bot Object and the create and update bodies.

use serde::{Deserialize, Serialize};

use crate::id::{BotId, UserId};
use crate::timestamp::Timestamp;

wire_enum! {
    /// The `status` of a [`Bot`].
    ///
    /// The reference shows only `active`; other states arrive as
    /// [`BotStatus::Other`].
    pub enum BotStatus {
        /// `active`: the bot receives and posts messages.
        Active = "active",
    }
}

/// A bot, as `GET /bots` and `POST /bots` return it (the Bot Object).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bot {
    /// The bot's id, such as `BOT_1234567890`.
    pub id: BotId,
    /// The display name.
    pub name: String,
    /// The description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The URL that posts as the bot, without an OAuth token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook_url: Option<String>,
    /// Whether the bot is active.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<BotStatus>,
    /// The creator's user id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator_id: Option<UserId>,
    /// When the bot was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_time: Option<Timestamp>,
    /// When the bot was last modified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified_time: Option<Timestamp>,
}

/// The body of `POST /bots`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[must_use]
pub struct CreateBot {
    /// The display name.
    pub name: String,
    /// The description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The avatar URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo_url: Option<String>,
}

impl CreateBot {
    /// A bot with this name and no description or avatar.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            description: None,
            photo_url: None,
        }
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Sets the avatar URL.
    pub fn photo_url(mut self, url: impl Into<String>) -> Self {
        self.photo_url = Some(url.into());
        self
    }
}

/// The body of `PUT /bots/{bot_id}`; unset fields stay as they are.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[must_use]
pub struct UpdateBot {
    /// The new display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The new description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl UpdateBot {
    /// An update that changes nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Renames the bot.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Replaces the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builders_write_the_reference_bodies() -> serde_json::Result<()> {
        let create = CreateBot::new("NotificationBot")
            .description("Bot for sending notifications")
            .photo_url("https://example.com/bot-icon.png");
        assert_reference_body!(create, "request-create-bot.json");
        let update = UpdateBot::new()
            .name("Updated Bot Name")
            .description("Updated description");
        assert_reference_body!(update, "request-update-bot.json");
        Ok(())
    }
}
