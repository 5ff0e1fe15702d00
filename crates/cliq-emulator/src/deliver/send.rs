//! Signing and posting a callback, and recording a bot's message reply.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use cliq_bot::verify::{SIGNATURE_HEADER, TIMESTAMP_HEADER};
use cliq_events::rest::{MessageSender, PostedMessage};
use cliq_events::{Button, ChannelId, ChannelRef, Message, MessageId, UserId, UserRef};
use serde_json::Value;

use super::{DeliverError, DeliverErrorKind, Delivery, SignatureKind};
use crate::api::Target;
use crate::emulator::Emulator;
use crate::state::display_name;

/// How long a callback may take: past the bot's own 10 s deadline.
const CALLBACK_TIMEOUT: Duration = Duration::from_secs(30);

impl Emulator {
    pub(super) fn me_ref(&self) -> UserRef {
        let me = self.me();
        UserRef::new(me.id.clone(), display_name(&me))
    }

    pub(super) fn channel_ref(&self, id: &ChannelId) -> Result<ChannelRef, DeliverError> {
        let store = self.shared.store();
        let record = store
            .channel(id)
            .ok_or_else(|| DeliverError::new(DeliverErrorKind::UnknownChannel))?;
        Ok(ChannelRef::new(id.clone(), record.channel.name.clone()))
    }

    /// The latest message of `channel` with that button, and the button's label.
    pub(super) fn find_button(
        &self,
        channel: &ChannelId,
        function: &str,
        button_id: &str,
    ) -> Option<(MessageId, String)> {
        let store = self.shared.store();
        store
            .messages
            .iter()
            .rev()
            .filter(|m| m.posted.channel_id.as_ref() == Some(channel))
            .find_map(|m| {
                let card = m.posted.card.as_ref()?;
                card.buttons().iter().find_map(|button| match button {
                    Button::InvokeFunction { label, name, id }
                        if name == function && id == button_id =>
                    {
                        Some((m.posted.id.clone(), label.clone()))
                    }
                    _ => None,
                })
            })
    }

    pub(super) async fn send(
        &self,
        bot_url: &str,
        body: Vec<u8>,
        scheme: SignatureKind,
        reply_channel: Option<ChannelId>,
    ) -> Result<Delivery, DeliverError> {
        let secret = &self.shared.secret;
        let mut request = self
            .shared
            .http
            .post(bot_url)
            .header("content-type", "application/json")
            .timeout(CALLBACK_TIMEOUT);
        request = match scheme {
            SignatureKind::Body => request.header(SIGNATURE_HEADER, secret.sign(&[&body])),
            SignatureKind::Timestamped => {
                let now = SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .unwrap_or_default()
                    .as_secs()
                    .to_string();
                let signature = secret.sign(&[now.as_bytes(), b".", &body]);
                request
                    .header(TIMESTAMP_HEADER, now)
                    .header(SIGNATURE_HEADER, signature)
            }
        };
        let response = request
            .body(body)
            .send()
            .await
            .map_err(DeliverError::request)?;
        let status = response.status().as_u16();
        let bytes = response.bytes().await.map_err(DeliverError::request)?;
        let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        let posted = match reply_channel {
            Some(channel) if status == 200 && body.get("text").is_some_and(Value::is_string) => {
                self.record_reply(&channel, &body)
            }
            _ => None,
        };
        Ok(Delivery {
            status,
            body,
            posted,
        })
    }

    /// Posts a bot's message reply to `channel`; `None` if it is no valid message.
    fn record_reply(&self, channel: &ChannelId, body: &Value) -> Option<PostedMessage> {
        let message: Message = serde_json::from_value(body.clone()).ok()?;
        let name = message.bot().map_or("Bot", |profile| profile.name.as_str());
        let id = self
            .shared
            .store()
            .bots
            .iter()
            .find(|b| b.name == name)
            .map_or_else(|| UserId::new("bot"), |b| UserId::new(b.id.as_str()));
        let sender = MessageSender {
            id,
            name: name.to_owned(),
            email: None,
        };
        let target = Target::Channel(channel.clone());
        self.shared.post_message(&target, &message, sender).ok()
    }
}
