//! The objects and request bodies of the Cliq REST API v2.
//!
//! Three kinds of type live here, one file per resource:
//!
//! - **Objects** the API returns ([`Channel`], [`PostedMessage`], [`User`],
//!   [`Organization`], [`Bot`], [`IncomingWebhook`], [`OutgoingWebhook`],
//!   [`Command`], [`File`], [`TokenResponse`]). Wrap them in
//!   [`DataResponse`](crate::envelope::DataResponse) or
//!   [`ListResponse`](crate::envelope::ListResponse) to read a whole response.
//!   They ignore unknown fields, keep unknown enum values in an `Other` variant,
//!   read `null` as absent, and make optional every field an example of the
//!   reference omits.
//! - **Request bodies** of the `POST` and `PUT` endpoints ([`CreateChannel`],
//!   [`EditMessage`], [`CreateBot`], …): the required data goes to `new`,
//!   the rest to setters; unset optional fields are not serialised. A body
//!   that is a message (send to a channel, a user, a bot or an incoming
//!   webhook) is a [`Message`](crate::message::Message).
//! - **Query parameters** of the list endpoints ([`ListChannels`],
//!   [`ListMessages`], [`SearchUsers`]).
//!
//! Secrets ([`Secret`]) print as `***` in `Debug` output.
//!
//! ```
//! use cliq_events::envelope::DataResponse;
//! use cliq_events::rest::{Channel, ChannelType, CreateChannel};
//!
//! let body = CreateChannel::new("Project Phoenix").is_private(false);
//! let json = serde_json::to_string(&body)?;
//! assert_eq!(json, r#"{"name":"Project Phoenix","is_private":false}"#);
//!
//! let reply: DataResponse<Channel> = serde_json::from_str(
//!     r#"{"data": {"id": "CT_1", "name": "Phoenix", "type": "channel"}}"#,
//! )?;
//! assert_eq!(reply.data.channel_type, Some(ChannelType::Channel));
//! # Ok::<(), serde_json::Error>(())
//! ```

/// Declares a string enum whose unknown values are kept in an `Other` variant,
/// with `as_str`, `from_wire`, `Display` and string serde, like
/// [`Theme`](crate::message::Theme).
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $($(#[$vmeta:meta])* $variant:ident = $wire:literal,)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
            /// A value this version does not know, kept as sent.
            Other(String),
        }

        impl $name {
            /// The value as it appears on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::Other(value) => value,
                }
            }

            /// Reads a wire value; unknown values become [`Self::Other`].
            pub fn from_wire(value: &str) -> Self {
                match value {
                    $($wire => Self::$variant,)*
                    other => Self::Other(other.to_owned()),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S>(&self, serializer: S) -> Result<S::Ok, S::Error>
            where
                S: ::serde::Serializer,
            {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D>(deserializer: D) -> Result<Self, D::Error>
            where
                D: ::serde::Deserializer<'de>,
            {
                let value = <::std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                Ok(Self::from_wire(&value))
            }
        }
    };
}

/// Asserts that `body` serialises to the reference's example `file` from
/// `tests/fixtures/spec/`, inside a test returning `serde_json::Result`.
#[cfg(test)]
macro_rules! assert_reference_body {
    ($body:expr, $file:literal) => {{
        let text = include_str!(concat!("../../tests/fixtures/spec/", $file));
        let reference: serde_json::Value = serde_json::from_str(text)?;
        assert_eq!(serde_json::to_value(&$body)?, reference, "{}", $file);
    }};
}

mod bot;
mod channel;
mod command;
mod file;
mod message;
mod oauth;
mod user;
mod webhook;

pub use bot::{Bot, BotStatus, CreateBot, UpdateBot};
pub use channel::{
    AddMembers, Channel, ChannelType, ChannelTypeFilter, CreateChannel, ListChannels, UpdateChannel,
};
pub use command::{Command, CreateCommand};
pub use file::File;
pub use message::{AddReaction, EditMessage, ListMessages, MessageSender, PostedMessage, Reaction};
pub use oauth::{Secret, TokenRequest, TokenResponse};
pub use user::{Organization, SearchUsers, User, UserStatus};
pub use webhook::{
    CreateIncomingWebhook, CreateOutgoingWebhook, IncomingWebhook, OutgoingWebhook, WebhookEvent,
};
