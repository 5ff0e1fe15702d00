//! Identifier newtypes.
//!
//! Cliq identifiers are opaque strings (`CT_1234567890`, `9876543210`). Each kind
//! gets its own type so that a user id cannot be passed where a channel id is
//! expected; all of them serialise as the bare string.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta] $name:ident;)*) => {$(
        #[$doc]
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps an identifier as received from or sent to Cliq.
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            /// The identifier as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// Unwraps the identifier.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                Self(id)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.to_owned())
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    )*};
}

id_type! {
    /// A channel's identifier, such as `CT_1234567890`.
    ChannelId;
    /// A user's identifier, such as `9876543210`.
    UserId;
    /// A message's identifier, such as `MSG_1234567890`.
    MessageId;
    /// A bot's identifier, such as `BOT_1234567890`.
    BotId;
    /// An uploaded file's identifier, such as `FILE_1234567890`.
    FileId;
    /// An organization's identifier, such as `123456`.
    OrganizationId;
    /// An incoming or outgoing webhook's identifier.
    WebhookId;
    /// A slash command's identifier.
    CommandId;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_serialise_as_bare_strings() {
        let id = ChannelId::new("CT_1");
        assert_eq!(serde_json::to_string(&id).ok().as_deref(), Some("\"CT_1\""));
        let back: ChannelId =
            serde_json::from_str("\"CT_1\"").unwrap_or_else(|_| ChannelId::new(""));
        assert_eq!(back, "CT_1");
        assert_eq!(id.to_string(), "CT_1");
    }
}
