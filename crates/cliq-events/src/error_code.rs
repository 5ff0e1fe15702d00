//! The error codes that appear in error envelopes.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! error_codes {
    ($($(#[$doc:meta])* $variant:ident = $wire:literal,)*) => {
        /// An error code, as carried by [`ErrorBody::code`](crate::envelope::ErrorBody::code).
        ///
        /// Holds the codes of the API reference's error table and those of the
        /// callback contract. A code this version does not know is kept in
        /// [`ErrorCode::Other`], so newer servers never break parsing.
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ErrorCode {
            $($(#[$doc])* $variant,)*
            /// A code this version does not know, kept as sent.
            Other(String),
        }

        impl ErrorCode {
            /// The code as it appears on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::Other(code) => code,
                }
            }

            /// Reads a wire code; unknown codes become [`ErrorCode::Other`].
            pub fn from_wire(code: &str) -> Self {
                match code {
                    $($wire => Self::$variant,)*
                    other => Self::Other(other.to_owned()),
                }
            }
        }
    };
}

error_codes! {
    /// The access token is invalid or expired.
    InvalidToken = "INVALID_TOKEN",
    /// The channel does not exist.
    InvalidChannel = "INVALID_CHANNEL",
    /// The caller lacks a permission.
    PermissionDenied = "PERMISSION_DENIED",
    /// A message's text is over the 10,000-character limit.
    MessageTooLong = "MESSAGE_TOO_LONG",
    /// The user does not exist.
    InvalidUser = "INVALID_USER",
    /// The API rate limit was exceeded.
    RateLimitExceeded = "RATE_LIMIT_EXCEEDED",
    /// The channel is archived.
    ChannelArchived = "CHANNEL_ARCHIVED",
    /// The bot does not exist.
    BotNotFound = "BOT_NOT_FOUND",
    /// No resource or route at that path.
    NotFound = "NOT_FOUND",
    /// The path does not serve that method.
    MethodNotAllowed = "METHOD_NOT_ALLOWED",
    /// The body is not `application/json`.
    UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE",
    /// The body is over the size limit.
    PayloadTooLarge = "PAYLOAD_TOO_LARGE",
    /// No `X-Cliq-Signature` header.
    MissingSignature = "MISSING_SIGNATURE",
    /// The signature does not verify or is malformed.
    InvalidSignature = "INVALID_SIGNATURE",
    /// The `X-Cliq-Timestamp` header is missing or not an integer.
    InvalidTimestamp = "INVALID_TIMESTAMP",
    /// The timestamp is outside the tolerance.
    StaleTimestamp = "STALE_TIMESTAMP",
    /// The signature was already accepted inside the window.
    ReplayedRequest = "REPLAYED_REQUEST",
    /// The body is not a valid payload.
    InvalidPayload = "INVALID_PAYLOAD",
    /// A command nobody handles.
    UnknownCommand = "UNKNOWN_COMMAND",
    /// A function nobody handles.
    UnknownFunction = "UNKNOWN_FUNCTION",
    /// A handler returned an error.
    HandlerError = "HANDLER_ERROR",
    /// A card has more buttons than allowed.
    TooManyButtons = "TOO_MANY_BUTTONS",
    /// A button breaks a limit (label, URL or function name).
    InvalidButton = "INVALID_BUTTON",
    /// An unexpected failure, such as a panic.
    InternalError = "INTERNAL_ERROR",
    /// A handler ran past its deadline.
    HandlerTimeout = "HANDLER_TIMEOUT",
    /// Too many callbacks in flight.
    Overloaded = "OVERLOADED",
    /// A native reply breaks a limit of the native dialect.
    InvalidReply = "INVALID_REPLY",
    /// A native call nobody handles.
    UnknownHandler = "UNKNOWN_HANDLER",
    /// A request field is invalid (used by the REST API for bad input).
    InvalidRequest = "INVALID_REQUEST",
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ErrorCode {
    fn serialize<S>(&self, serializer: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
    {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ErrorCode {
    fn deserialize<D>(deserializer: D) -> Result<Self, D::Error>
    where
        D: Deserializer<'de>,
    {
        let code = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Ok(Self::from_wire(&code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_and_unknown_codes_round_trip() {
        for wire in ["INVALID_TOKEN", "OVERLOADED", "SOMETHING_NEW"] {
            let code = ErrorCode::from_wire(wire);
            assert_eq!(code.as_str(), wire);
        }
        assert_eq!(
            ErrorCode::from_wire("BOT_NOT_FOUND"),
            ErrorCode::BotNotFound
        );
        assert!(matches!(ErrorCode::from_wire("NEW"), ErrorCode::Other(c) if c == "NEW"));
    }
}
