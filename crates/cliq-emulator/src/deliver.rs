//! Playing Cliq towards a bot: signed command, button-click and event
//! callbacks (PROTOCOL.md §2–§3), and the bot's reply recorded as Cliq would
//! show it.
//!
//! Callbacks come from the current user ([`Emulator::me`]) in the default
//! channel unless told otherwise, are signed with
//! [`EmulatorConfig::signing_secret`](crate::EmulatorConfig::signing_secret)
//! in the [`SignatureKind`] asked for, and are posted once, without retry. A
//! reply that is a message (`200` with a string `text`) is posted to the
//! callback's channel as a message from the bot: the sender's name is the
//! reply's `bot.name`, else `Bot`, and its id that of a bot of that name
//! created through the API, else `bot`.

use std::fmt;

use cliq_events::rest::PostedMessage;
use cliq_events::{
    ButtonRef, ChannelId, CommandCallback, EventCallback, FunctionCallback, MessageRef, Timestamp,
};
use serde_json::Value;

use crate::emulator::Emulator;
use crate::seed::DEFAULT_CHANNEL_ID;

mod error;
pub(crate) mod send;

pub use error::{DeliverError, DeliverErrorKind};

/// The signature scheme a callback is signed with (PROTOCOL.md §2).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SignatureKind {
    /// HMAC-SHA256 over the raw body.
    #[default]
    Body,
    /// HMAC-SHA256 over `<unix seconds>.<raw body>`, with `X-Cliq-Timestamp`.
    Timestamped,
}

/// What a bot answered to a callback.
#[derive(Clone, Debug, PartialEq)]
pub struct Delivery {
    /// The HTTP status.
    pub status: u16,
    /// The body, parsed as JSON (`Null` when it is not JSON).
    pub body: Value,
    /// The reply as posted to the channel, when the bot answered a message.
    pub posted: Option<PostedMessage>,
    /// The `response_url` a native callback carried, where the bot may POST
    /// a late reply ([`Emulator::late_reply_for`]); `None` for the other
    /// dialect.
    pub response_url: Option<String>,
}

impl Emulator {
    /// Runs `command_line` (such as `"/deploy production"`) in the default channel.
    ///
    /// # Errors
    /// The bot could not be reached or its answer not read.
    pub async fn deliver_command(
        &self,
        bot_url: &str,
        command_line: &str,
        scheme: SignatureKind,
    ) -> Result<Delivery, DeliverError> {
        let channel = ChannelId::new(DEFAULT_CHANNEL_ID);
        self.deliver_command_in(bot_url, &channel, command_line, scheme)
            .await
    }

    /// Runs `command_line` in `channel`.
    ///
    /// # Errors
    /// The channel does not exist; the bot could not be reached or its answer
    /// not read.
    pub async fn deliver_command_in(
        &self,
        bot_url: &str,
        channel: &ChannelId,
        command_line: &str,
        scheme: SignatureKind,
    ) -> Result<Delivery, DeliverError> {
        let channel = self.channel_ref(channel)?;
        let line = command_line.trim();
        let (command, arguments) = line
            .split_once(char::is_whitespace)
            .map_or((line, ""), |(c, a)| (c, a.trim()));
        let callback = CommandCallback {
            command: format!("/{}", command.trim_start_matches('/')),
            arguments: (!arguments.is_empty()).then(|| arguments.to_owned()),
            user: self.me_ref(),
            channel,
        };
        let body = serde_json::to_vec(&callback).map_err(DeliverError::serialize)?;
        self.send(bot_url, body, scheme, Some(callback.channel.id))
            .await
    }

    /// Runs a command registered with `POST /commands` against its
    /// `callback_url`, in the default channel.
    ///
    /// # Errors
    /// No command of that name is registered; then as
    /// [`deliver_command`](Self::deliver_command).
    pub async fn run_command(
        &self,
        command_line: &str,
        scheme: SignatureKind,
    ) -> Result<Delivery, DeliverError> {
        let name = command_line
            .trim()
            .trim_start_matches('/')
            .split_whitespace()
            .next()
            .unwrap_or_default();
        let url = self
            .shared
            .store()
            .commands
            .iter()
            .find(|c| c.name.eq_ignore_ascii_case(name))
            .and_then(|c| c.callback_url.clone())
            .ok_or_else(|| DeliverError::new(DeliverErrorKind::UnknownCommand))?;
        self.deliver_command(&url, command_line, scheme).await
    }

    /// Clicks the `invoke.function` button `button_id` calling `function`, in
    /// the default channel. When a message of that channel carries the button,
    /// the callback names the message and the button's label.
    ///
    /// # Errors
    /// The bot could not be reached or its answer not read.
    pub async fn deliver_click(
        &self,
        bot_url: &str,
        function: &str,
        button_id: &str,
        scheme: SignatureKind,
    ) -> Result<Delivery, DeliverError> {
        let channel = self.channel_ref(&ChannelId::new(DEFAULT_CHANNEL_ID))?;
        let carrier = self.find_button(&channel.id, function, button_id);
        let callback = FunctionCallback {
            name: function.to_owned(),
            button: ButtonRef {
                id: button_id.to_owned(),
                label: carrier.as_ref().map(|(_, label)| label.clone()),
            },
            user: self.me_ref(),
            channel: Some(channel.clone()),
            message: carrier.map(|(id, _)| MessageRef { id }),
            timestamp: Some(Timestamp::now()),
            data: Some(Value::Object(serde_json::Map::new())),
        };
        let body = serde_json::to_vec(&callback).map_err(DeliverError::serialize)?;
        self.send(bot_url, body, scheme, Some(channel.id)).await
    }

    /// Posts an outgoing-webhook event. Events are answered without a
    /// message, so nothing is posted.
    ///
    /// # Errors
    /// The bot could not be reached or its answer not read.
    pub async fn deliver_event(
        &self,
        bot_url: &str,
        event: &EventCallback,
        scheme: SignatureKind,
    ) -> Result<Delivery, DeliverError> {
        let body = serde_json::to_vec(event).map_err(DeliverError::serialize)?;
        self.send(bot_url, body, scheme, None).await
    }

    /// Posts any JSON body, signed: for payloads the typed methods cannot
    /// build. A message reply is posted to the default channel.
    ///
    /// # Errors
    /// The bot could not be reached or its answer not read.
    pub async fn deliver_json(
        &self,
        bot_url: &str,
        body: &Value,
        scheme: SignatureKind,
    ) -> Result<Delivery, DeliverError> {
        let body = serde_json::to_vec(body).map_err(DeliverError::serialize)?;
        let channel = ChannelId::new(DEFAULT_CHANNEL_ID);
        self.send(bot_url, body, scheme, Some(channel)).await
    }
}

impl fmt::Display for SignatureKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Body => "body",
            Self::Timestamped => "timestamped",
        })
    }
}
