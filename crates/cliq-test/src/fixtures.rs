//! The canonical payloads: PROTOCOL.md's examples of every callback kind and
//! a reply, and the native dialect's samples, as text and typed.
//!
//! They are the files of `cliq-events/tests/fixtures/` (the native samples
//! are MIT-licensed; see the `LICENSE` beside them), embedded. Send a typed
//! one with [`TestKit::event`](crate::TestKit::event) or
//! [`TestKit::native`](crate::TestKit::native), or its text with
//! [`TestKit::post`](crate::TestKit::post).
//!
//! ```
//! use cliq_test::fixtures;
//!
//! assert_eq!(fixtures::command().command, "/deploy");
//! assert_eq!(fixtures::click().name, "approve_pr");
//! assert_eq!(fixtures::native("bot.welcome_handler").map(|c| c.name).as_deref(), Some("Sample"));
//! ```

use cliq_events::callback::{CommandCallback, Event, EventCallback, FunctionCallback};
use cliq_events::message::Message;
use cliq_events::native::NativeCallback;
use serde::de::DeserializeOwned;

macro_rules! protocol {
    ($($(#[$doc:meta])* $name:ident = $file:literal;)*) => {$(
        $(#[$doc])*
        pub const $name: &str =
            include_str!(concat!("../../cliq-events/tests/fixtures/protocol/", $file));
    )*};
}

protocol! {
    /// `/deploy production` from John Doe in Development.
    COMMAND = "command-deploy.json";
    /// A click on Approve (`approve_pr`, button `1`).
    CLICK = "function-approve.json";
    /// `message.created`: "Hello team!".
    MESSAGE_CREATED = "event-message-created.json";
    /// `bot.mention`: "@DeployBot status production".
    BOT_MENTION = "event-bot-mention.json";
    /// `channel.created`: "Development Team".
    CHANNEL_CREATED = "event-channel-created.json";
    /// `channel.member.added`: Jane Roe joined Development.
    MEMBER_ADDED = "event-channel-member-added.json";
    /// `reaction.added`, an event this framework does not know.
    UNKNOWN_EVENT = "event-unknown.json";
    /// A reply: a message with a card, two buttons and a bot profile.
    REPLY_CARD = "reply-card.json";
}

/// Reads a fixture known to parse (the kit's tests parse each one).
fn parse<T>(name: &str, text: &str) -> T
where
    T: DeserializeOwned,
{
    serde_json::from_str(text).unwrap_or_else(|error| panic!("fixture {name}: {error}"))
}

/// [`COMMAND`], typed.
pub fn command() -> CommandCallback {
    parse("COMMAND", COMMAND)
}

/// [`CLICK`], typed.
pub fn click() -> FunctionCallback {
    parse("CLICK", CLICK)
}

/// [`MESSAGE_CREATED`], typed.
pub fn message_created() -> EventCallback {
    parse("MESSAGE_CREATED", MESSAGE_CREATED)
}

/// [`BOT_MENTION`], typed.
pub fn bot_mention() -> EventCallback {
    parse("BOT_MENTION", BOT_MENTION)
}

/// [`CHANNEL_CREATED`], typed.
pub fn channel_created() -> EventCallback {
    parse("CHANNEL_CREATED", CHANNEL_CREATED)
}

/// [`MEMBER_ADDED`], typed.
pub fn member_added() -> EventCallback {
    parse("MEMBER_ADDED", MEMBER_ADDED)
}

/// [`MEMBER_ADDED`] as `channel.member.removed`: Jane Roe left.
pub fn member_removed() -> EventCallback {
    let added = member_added();
    match added.event {
        Event::MemberAdded(member) => {
            EventCallback::new(Event::MemberRemoved(member), added.timestamp)
        }
        other => EventCallback::new(other, added.timestamp),
    }
}

/// [`UNKNOWN_EVENT`], typed (as [`Event::Unknown`]).
pub fn unknown_event() -> EventCallback {
    parse("UNKNOWN_EVENT", UNKNOWN_EVENT)
}

/// [`REPLY_CARD`], typed.
pub fn reply_card() -> Message {
    parse("REPLY_CARD", REPLY_CARD)
}

macro_rules! native_samples {
    ($($kind:literal),* $(,)?) => {
        /// The native samples by kind (`<component>.<handler>`) and text, one
        /// per handler of every component.
        pub const NATIVE: &[(&str, &str)] = &[$(
            ($kind, include_str!(concat!("../../cliq-events/tests/fixtures/native/", $kind, ".json"))),
        )*];
    };
}

native_samples![
    "bot.action_handler",
    "bot.call_handler",
    "bot.context_handler",
    "bot.incomingwebhook_handler",
    "bot.mention_handler",
    "bot.message_handler",
    "bot.participation_handler",
    "bot.welcome_handler",
    "command.execution_handler",
    "command.suggestion_handler",
    "extension.installation_handler",
    "extension.installation_validator",
    "extension.uninstallation_handler",
    "function.button_handler",
    "function.form_change_handler",
    "function.form_handler",
    "function.form_values_handler",
    "function.form_view_handler",
    "function.widget_button_handler",
    "link_preview.action_handler",
    "link_preview.after_send_handler",
    "link_preview.menu_handler",
    "link_preview.preview_handler",
    "messageaction.execution_handler",
    "widget.view_handler",
];

/// The native sample of `kind` (`"command.execution_handler"`,
/// `"bot.welcome_handler"`, … — see [`NATIVE`]), typed; `None` for a kind
/// there is no sample of.
pub fn native(kind: &str) -> Option<NativeCallback> {
    let (_, text) = NATIVE.iter().find(|(name, _)| *name == kind)?;
    Some(parse(kind, text))
}
