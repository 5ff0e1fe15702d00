//! Call builders for slash commands and button clicks; await one to send
//! it. Events are in `call/event.rs`, native calls in `call/native.rs`, raw
//! requests in `call/post.rs`.

use std::future::{Future, IntoFuture};
use std::pin::Pin;

use cliq_events::callback::{ButtonRef, CommandCallback, FunctionCallback, MessageRef};
use cliq_events::message::Button;
use serde_json::Value;

use crate::error::{KitError, KitErrorKind};
use crate::kit::{Outgoing, TestKit};
use crate::people::{Where, Who};
use crate::reply::Reply;
use crate::sign::{Dialect, Signing};

/// What awaiting a call builder gives: the bot's [`Reply`], or a
/// [`KitError`] when the kit could not send the call.
pub type ReplyFuture<'a> = Pin<Box<dyn Future<Output = Result<Reply, KitError>> + Send + 'a>>;

/// Setters for the user and channel a callback comes from.
macro_rules! people_setters {
    () => {
        /// The user it comes from, by display name (default: the kit's user).
        /// With an emulator, one of its users by display or first name.
        pub fn user(mut self, name: impl Into<String>) -> Self {
            self.who = $crate::people::Who::Named(name.into());
            self
        }

        /// Exactly this user.
        pub fn user_ref(mut self, user: cliq_events::UserRef) -> Self {
            self.who = $crate::people::Who::Given(user);
            self
        }

        /// The channel, by name (default: the kit's channel). With an
        /// emulator, a name it does not know is created there.
        pub fn channel(mut self, name: impl Into<String>) -> Self {
            self.place = $crate::people::Where::Named(name.into());
            self
        }

        /// Exactly this channel.
        pub fn channel_ref(mut self, channel: cliq_events::ChannelRef) -> Self {
            self.place = $crate::people::Where::Given(channel);
            self
        }
    };
}

pub(crate) mod event;
pub(crate) mod native;
pub(crate) mod post;

/// A slash command, from [`TestKit::command`].
#[derive(Debug)]
#[must_use = "a call does nothing until awaited"]
pub struct CommandCall<'a, S> {
    kit: &'a TestKit<S>,
    command: String,
    arguments: String,
    who: Who,
    place: Where,
    signing: Signing,
}

impl<S> TestKit<S>
where
    S: Clone + Send + Sync + 'static,
{
    /// A slash command as typed in Cliq: `"/deploy production 2.5.0"` is
    /// the command `/deploy` (the `/` is added when missing) with the
    /// arguments `production 2.5.0`.
    pub fn command(&self, typed: &str) -> CommandCall<'_, S> {
        let typed = typed.trim();
        let (command, arguments) = typed.split_once(char::is_whitespace).unwrap_or((typed, ""));
        let slash = if command.starts_with('/') { "" } else { "/" };
        CommandCall {
            kit: self,
            command: format!("{slash}{command}"),
            arguments: arguments.trim().to_owned(),
            who: Who::Default,
            place: Where::Default,
            signing: Signing::default(),
        }
    }

    /// A click on the `invoke.function` button calling `function` with
    /// button id `id`.
    pub fn click(&self, function: &str, id: &str) -> ClickCall<'_, S> {
        ClickCall {
            kit: self,
            name: function.to_owned(),
            button: ButtonRef {
                id: id.to_owned(),
                label: None,
            },
            message_id: None,
            data: None,
            who: Who::Default,
            place: Where::Default,
            signing: Signing::default(),
        }
    }

    /// A click on `button`, as taken from a reply
    /// ([`Reply::expect_button`](crate::Reply::expect_button)): its
    /// function, id and label.
    ///
    /// # Panics
    /// When `button` is not an `invoke.function` button: nothing calls
    /// the bot back when one of those is clicked.
    #[track_caller]
    pub fn press(&self, button: &Button) -> ClickCall<'_, S> {
        let Button::InvokeFunction { label, name, id } = button else {
            panic!(
                "{:?} is an {} button: clicking it does not call the bot",
                button.label(),
                button.kind()
            );
        };
        let mut call = self.click(name, id);
        call.button.label = Some(label.clone());
        call
    }
}

impl<S> CommandCall<'_, S> {
    people_setters!();
    signing_setters!();
}

impl<'a, S> IntoFuture for CommandCall<'a, S>
where
    S: Clone + Send + Sync + 'static,
{
    type Output = Result<Reply, KitError>;
    type IntoFuture = ReplyFuture<'a>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let kit = self.kit;
            let Some(channel) = kit.place(&self.place).await? else {
                return Err(KitError::new(
                    KitErrorKind::Request,
                    "a command needs a channel",
                ));
            };
            let command = CommandCallback {
                command: self.command,
                arguments: Some(self.arguments),
                user: kit.who(&self.who),
                channel,
            };
            kit.deliver(json(&command, self.signing)?).await
        })
    }
}

/// A button click, from [`TestKit::click`] or [`TestKit::press`].
#[derive(Debug)]
#[must_use = "a call does nothing until awaited"]
pub struct ClickCall<'a, S> {
    kit: &'a TestKit<S>,
    name: String,
    button: ButtonRef,
    message_id: Option<String>,
    data: Option<Value>,
    who: Who,
    place: Where,
    signing: Signing,
}

impl<S> ClickCall<'_, S> {
    people_setters!();
    signing_setters!();

    /// The button's label.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.button.label = Some(label.into());
        self
    }

    /// The id of the message carrying the button (default: none sent).
    pub fn message_id(mut self, id: impl Into<String>) -> Self {
        self.message_id = Some(id.into());
        self
    }

    /// The free-form `data` (default: none sent).
    pub fn data(mut self, data: Value) -> Self {
        self.data = Some(data);
        self
    }

    /// Sends no `channel` (it is optional on clicks).
    pub fn without_channel(mut self) -> Self {
        self.place = Where::Nowhere;
        self
    }
}

impl<'a, S> IntoFuture for ClickCall<'a, S>
where
    S: Clone + Send + Sync + 'static,
{
    type Output = Result<Reply, KitError>;
    type IntoFuture = ReplyFuture<'a>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let kit = self.kit;
            let click = FunctionCallback {
                name: self.name,
                button: self.button,
                user: kit.who(&self.who),
                channel: kit.place(&self.place).await?,
                message: self.message_id.map(|id| MessageRef { id: id.into() }),
                timestamp: kit.timestamp(),
                data: self.data,
            };
            kit.deliver(json(&click, self.signing)?).await
        })
    }
}

/// `payload` as a signed JSON request in the contract's dialect.
pub(crate) fn json<T>(payload: &T, signing: Signing) -> Result<Outgoing, KitError>
where
    T: serde::Serialize,
{
    let body =
        serde_json::to_vec(payload).map_err(|error| KitError::new(KitErrorKind::Request, error))?;
    Ok(Outgoing::json(body, signing, Dialect::Contract))
}
