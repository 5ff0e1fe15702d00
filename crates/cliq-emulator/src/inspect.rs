//! Reading and seeding the emulator's state from a test, without HTTP.

use cliq_events::rest::{Bot, Channel, CreateBot, CreateChannel, File, PostedMessage, User};
use cliq_events::{ChannelId, UserId};

use crate::emulator::Emulator;
use crate::seed::{self, DEFAULT_CHANNEL_ID};

impl Emulator {
    /// The messages of `channel`, in posting order (edits and reactions
    /// applied, deleted ones gone).
    pub fn channel_messages(&self, channel: &ChannelId) -> Vec<PostedMessage> {
        self.shared
            .store()
            .messages
            .iter()
            .filter(|m| m.posted.channel_id.as_ref() == Some(channel))
            .map(|m| m.posted.clone())
            .collect()
    }

    /// The direct messages sent to `user`, in posting order.
    pub fn direct_messages(&self, user: &UserId) -> Vec<PostedMessage> {
        self.shared
            .store()
            .messages
            .iter()
            .filter(|m| m.recipient.as_ref() == Some(user))
            .map(|m| m.posted.clone())
            .collect()
    }

    /// Every message, in any channel or direct conversation, whose text
    /// contains `text`, in posting order.
    pub fn messages_containing(&self, text: &str) -> Vec<PostedMessage> {
        self.shared
            .store()
            .messages
            .iter()
            .filter(|m| m.posted.text.contains(text))
            .map(|m| m.posted.clone())
            .collect()
    }

    /// Creates `n` public channels named `channel-0`, `channel-1`, … (a later
    /// call goes on counting) and returns them. Outgoing webhooks hear
    /// `channel.created` as for channels created through the API.
    pub fn seed_channels(&self, n: usize) -> Vec<Channel> {
        (0..n)
            .filter_map(|_| {
                let k = {
                    let mut store = self.shared.store();
                    store.seeded_channels += 1;
                    store.seeded_channels - 1
                };
                let request = CreateChannel::new(format!("channel-{k}")).is_private(false);
                self.shared.create_channel(request).ok()
            })
            .collect()
    }

    /// Every channel, in creation order.
    pub fn channels(&self) -> Vec<Channel> {
        self.shared
            .store()
            .channels
            .iter()
            .map(|c| c.channel.clone())
            .collect()
    }

    /// The channel seeded at start: id `CT_1234567890`, name "Development";
    /// its current state, or as seeded if it was deleted.
    pub fn default_channel(&self) -> Channel {
        let store = self.shared.store();
        store
            .channel(&ChannelId::new(DEFAULT_CHANNEL_ID))
            .map_or_else(|| seed::default_channel(store.me()), |c| c.channel.clone())
    }

    /// The current user, the token's owner: id `9876543210`, John Doe,
    /// `john.doe@company.com`.
    pub fn me(&self) -> User {
        self.shared.store().me().clone()
    }

    /// Every user of the organization (the current user first).
    pub fn users(&self) -> Vec<User> {
        self.shared.store().users.clone()
    }

    /// The URL of an incoming webhook posting to `channel` (created on first
    /// use, then the same); it needs no token.
    pub fn incoming_webhook_url(&self, channel: &ChannelId) -> String {
        self.shared.incoming_url(channel)
    }

    /// The `webhook_url` of the bot named `bot_name`, created if there is none
    /// (an empty name becomes `Bot`). Messages posted there go to the default
    /// channel.
    pub fn bot_webhook_url(&self, bot_name: &str) -> String {
        let name = if bot_name.trim().is_empty() {
            "Bot"
        } else {
            bot_name
        };
        let existing = self
            .shared
            .store()
            .bots
            .iter()
            .find(|b| b.name == name)
            .and_then(|b| b.webhook_url.clone());
        existing.unwrap_or_else(|| {
            self.shared
                .create_bot(&CreateBot::new(name))
                .ok()
                .and_then(|bot| bot.webhook_url)
                .unwrap_or_default()
        })
    }

    /// Every bot, in creation order.
    pub fn bots(&self) -> Vec<Bot> {
        self.shared.store().bots.clone()
    }

    /// The uploaded files, in upload order.
    pub fn files(&self) -> Vec<File> {
        self.shared
            .store()
            .files
            .iter()
            .map(|f| f.file.clone())
            .collect()
    }

    /// The outcome of every outgoing-webhook delivery so far, in completion
    /// order: `(url, HTTP status)`, status `0` when no HTTP answer came back.
    /// Deliveries run in the background: await
    /// [`outgoing_settled`](Self::outgoing_settled) first.
    pub fn outgoing_deliveries(&self) -> Vec<(String, u16)> {
        self.shared.outgoing.outcomes()
    }

    /// Resolves once no outgoing-webhook delivery is in flight.
    pub async fn outgoing_settled(&self) {
        self.shared.outgoing.settled().await;
    }
}
