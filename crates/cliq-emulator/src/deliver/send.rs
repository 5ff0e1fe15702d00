//! Signing and posting a callback, and recording a bot's message reply.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use cliq_bot::verify::{SIGNATURE_HEADER, TIMESTAMP_HEADER};
use cliq_events::rest::{MessageSender, PostedMessage};
use cliq_events::{Button, ChannelId, ChannelRef, Message, MessageId, UserId, UserRef};
use serde_json::Value;

use super::{DeliverError, DeliverErrorKind, Delivery, SignatureKind};
use crate::api::Target;
use crate::emulator::Emulator;
use crate::state::{Shared, display_name};

/// How long a callback may take: past the bot's own 10 s deadline.
const CALLBACK_TIMEOUT: Duration = Duration::from_secs(30);

impl Emulator {
    pub(crate) fn me_ref(&self) -> UserRef {
        let me = self.me();
        UserRef::new(me.id.clone(), display_name(&me))
    }

    pub(crate) fn channel_ref(&self, id: &ChannelId) -> Result<ChannelRef, DeliverError> {
        let store = self.shared.store();
        let record = store
            .channel(id)
            .ok_or_else(|| DeliverError::new(DeliverErrorKind::UnknownChannel))?;
        Ok(ChannelRef::new(id.clone(), record.channel.name.clone()))
    }

    /// The latest message of `channel` with that button, and the button's label.
    pub(crate) fn find_button(
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
        let mut request = self.callback_request(bot_url);
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
        let (status, body) = exchange(request.body(body)).await?;
        let posted = match reply_channel {
            Some(channel) if status == 200 && body.get("text").is_some_and(Value::is_string) => {
                serde_json::from_value::<Message>(body.clone())
                    .ok()
                    .and_then(|message| self.shared.post_bot_reply(&channel, &message))
            }
            _ => None,
        };
        Ok(Delivery {
            status,
            body,
            posted,
            response_url: None,
        })
    }

    /// A JSON `POST` to a bot, with the callback timeout, not yet signed.
    pub(crate) fn callback_request(&self, bot_url: &str) -> reqwest::RequestBuilder {
        self.shared
            .http
            .post(bot_url)
            .header("content-type", "application/json")
            .timeout(CALLBACK_TIMEOUT)
    }
}

/// Sends a callback and reads the answer: its status, and its body as JSON
/// (`Null` when it is not JSON).
pub(crate) async fn exchange(
    request: reqwest::RequestBuilder,
) -> Result<(u16, Value), DeliverError> {
    let response = request.send().await.map_err(DeliverError::request)?;
    let status = response.status().as_u16();
    let bytes = response.bytes().await.map_err(DeliverError::request)?;
    Ok((
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    ))
}

impl Shared {
    /// Posts a bot's message reply to `channel`; `None` if it is no valid
    /// message. The sender's name is the message's `bot.name`, else `Bot`,
    /// and its id that of a bot of that name created through the API, else
    /// `bot`.
    pub(crate) fn post_bot_reply(
        self: &Arc<Self>,
        channel: &ChannelId,
        message: &Message,
    ) -> Option<PostedMessage> {
        let name = message.bot().map_or("Bot", |profile| profile.name.as_str());
        let id = self
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
        self.post_message(&target, message, sender).ok()
    }
}
