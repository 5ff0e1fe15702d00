//! The callbacks Cliq sends a bot: events, slash commands and button clicks.
//!
//! [`Callback::from_slice`] reads the raw body once, detects the kind by the
//! contract's rules and builds the typed payload from that one parse:
//!
//! 1. a string `event` makes an [`EventCallback`];
//! 2. else a string `command` makes a [`CommandCallback`];
//! 3. else `"type": "invoke.function"` makes a [`FunctionCallback`];
//! 4. else [`ParseError::UnknownKind`].
//!
//! A `null` optional field counts as absent; a field of the wrong JSON type, a
//! missing required field, a body that is not JSON or not an object are typed
//! [`ParseError`]s. Unknown fields are ignored.

mod event;
mod fast;
mod fields;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

pub use event::{ChannelCreated, Event, EventCallback, MemberEvent, Mention, MessageEvent};
use fields::{Fields, Path, nested, opt_nested};

use crate::id::{ChannelId, MessageId, UserId};
use crate::timestamp::Timestamp;

/// The deepest nesting of arrays and objects a body may have, the body
/// object itself being level 1.
pub const MAX_DEPTH: usize = 128;

/// Whether arrays and objects nest deeper than `max` anywhere in `bytes`
/// (brackets inside strings do not count). A single pass with no allocation.
pub(crate) fn nesting_exceeds(bytes: &[u8], max: usize) -> bool {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for &byte in bytes {
        if in_string {
            match (escaped, byte) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

/// One callback, of any kind.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum Callback {
    /// An outgoing-webhook event.
    Event(EventCallback),
    /// A slash command.
    Command(CommandCallback),
    /// A click on an `invoke.function` button.
    Function(FunctionCallback),
}

/// The kind of a [`Callback`], without its payload.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CallbackKind {
    /// An event.
    Event,
    /// A command.
    Command,
    /// A function (button click).
    Function,
}

impl CallbackKind {
    /// `event`, `command` or `function`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Event => "event",
            Self::Command => "command",
            Self::Function => "function",
        }
    }
}

/// Why a body is not a valid callback.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// Not JSON: a syntax error, invalid UTF-8 or a lone surrogate.
    #[error("body is not valid JSON: {0}")]
    NotJson(#[source] serde_json::Error),
    /// Arrays and objects nested deeper than [`MAX_DEPTH`] levels.
    #[error("body nests arrays and objects deeper than {max} levels")]
    TooDeep {
        /// The limit.
        max: usize,
    },
    /// JSON, but not an object.
    #[error("body is not a JSON object")]
    NotObject,
    /// An object that is no callback kind.
    #[error(
        "body is no callback: it needs a string `event`, a string `command` or `\"type\": \"invoke.function\"`"
    )]
    UnknownKind,
    /// A required field is absent (or `null`).
    #[error("required field `{field}` is missing")]
    MissingField {
        /// The field's path, such as `data.sender.id`.
        field: String,
    },
    /// A field has the wrong JSON type or an invalid value.
    #[error("field `{field}` must be {expected}")]
    InvalidField {
        /// The field's path, such as `user.name`.
        field: String,
        /// What it must be.
        expected: &'static str,
    },
}

impl ParseError {
    fn missing(path: Path<'_>) -> Self {
        Self::MissingField {
            field: path.to_string(),
        }
    }

    fn invalid(path: Path<'_>, expected: &'static str) -> Self {
        Self::InvalidField {
            field: path.to_string(),
            expected,
        }
    }
}

impl Callback {
    /// Parses a raw body.
    ///
    /// # Errors
    /// [`ParseError`] saying why the body is no valid callback.
    pub fn from_slice(body: &[u8]) -> Result<Self, ParseError> {
        if let Some(command) = CommandCallback::from_slice_fast(body) {
            return Ok(Self::Command(command));
        }
        if nesting_exceeds(body, MAX_DEPTH) {
            return Err(ParseError::TooDeep { max: MAX_DEPTH });
        }
        // The depth is bounded above, so serde_json's own recursion limit
        // (one level short of the contract's) can be lifted safely.
        let mut deserializer = serde_json::Deserializer::from_slice(body);
        deserializer.disable_recursion_limit();
        let value = Value::deserialize(&mut deserializer).map_err(ParseError::NotJson)?;
        deserializer.end().map_err(ParseError::NotJson)?;
        Self::from_value(value)
    }

    /// Builds a callback from a parsed JSON value.
    ///
    /// # Errors
    /// [`ParseError`] saying why the value is no valid callback.
    pub fn from_value(value: Value) -> Result<Self, ParseError> {
        let Value::Object(map) = value else {
            return Err(ParseError::NotObject);
        };
        let fields = Fields::new(map, Path::ROOT);
        if fields.peek_str("event").is_some() {
            event::read(fields).map(Self::Event)
        } else if fields.peek_str("command").is_some() {
            CommandCallback::read(fields).map(Self::Command)
        } else if fields.peek_str("type") == Some("invoke.function") {
            FunctionCallback::read(fields).map(Self::Function)
        } else {
            Err(ParseError::UnknownKind)
        }
    }

    /// The callback's kind.
    pub fn kind(&self) -> CallbackKind {
        match self {
            Self::Event(_) => CallbackKind::Event,
            Self::Command(_) => CallbackKind::Command,
            Self::Function(_) => CallbackKind::Function,
        }
    }

    /// The name routed on: the event name, the command without its `/`, or the
    /// function name.
    pub fn name(&self) -> &str {
        match self {
            Self::Event(event) => event.name(),
            Self::Command(command) => command.name(),
            Self::Function(function) => &function.name,
        }
    }
}

/// A user as callbacks carry one: `{"id", "name", "email"?}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UserRef {
    /// The user's id.
    pub id: UserId,
    /// The display name.
    pub name: String,
    /// The e-mail address, when sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

impl UserRef {
    /// A user with an id and a name.
    pub fn new(id: impl Into<UserId>, name: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            email: None,
        }
    }

    fn read(fields: &mut Fields<'_>) -> Result<Self, ParseError> {
        Ok(Self {
            id: fields.str("id")?.into(),
            name: fields.str("name")?,
            email: fields.opt_str("email")?,
        })
    }
}

/// A channel as callbacks carry one: `{"id", "name"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChannelRef {
    /// The channel's id.
    pub id: ChannelId,
    /// The channel's name.
    pub name: String,
}

impl ChannelRef {
    /// A channel with an id and a name.
    pub fn new(id: impl Into<ChannelId>, name: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
        }
    }

    fn read(fields: &mut Fields<'_>) -> Result<Self, ParseError> {
        Ok(Self {
            id: fields.str("id")?.into(),
            name: fields.str("name")?,
        })
    }
}

/// A slash-command callback: `{"command", "arguments", "user", "channel"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CommandCallback {
    /// The command as typed, usually with its `/` (`/deploy`).
    pub command: String,
    /// What followed the command; absent when nothing did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arguments: Option<String>,
    /// Who ran it.
    pub user: UserRef,
    /// Where it was run.
    pub channel: ChannelRef,
}

impl CommandCallback {
    /// The command name without a leading `/`: `deploy` for `/deploy`.
    pub fn name(&self) -> &str {
        self.command.strip_prefix('/').unwrap_or(&self.command)
    }

    /// Reads `body` in one pass, straight into a command, when it is a
    /// well-formed contract command: what [`Callback::from_slice`] would
    /// read as [`Callback::Command`], built the same way, without the
    /// intermediate `Value`.
    ///
    /// `None` is no verdict: the body may be another kind, a native call
    /// (it has a `handler`), or invalid. Read it with
    /// [`Callback::from_slice`] to classify it and name what is wrong.
    pub fn from_slice_fast(body: &[u8]) -> Option<Self> {
        fast::command(body)
    }

    /// The arguments as one string, empty when none were given.
    pub fn arguments(&self) -> &str {
        self.arguments.as_deref().unwrap_or("")
    }

    /// The arguments split on whitespace.
    pub fn args(&self) -> impl Iterator<Item = &str> {
        self.arguments().split_whitespace()
    }

    fn read(mut fields: Fields<'_>) -> Result<Self, ParseError> {
        Ok(Self {
            command: fields.non_empty_str("command")?,
            arguments: fields.opt_str("arguments")?,
            user: nested(&mut fields, "user", UserRef::read)?,
            channel: nested(&mut fields, "channel", ChannelRef::read)?,
        })
    }
}

/// The button clicked: `{"id", "label"?}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ButtonRef {
    /// The id the bot put on the button.
    pub id: String,
    /// The button's label, when sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// The message a clicked button sits on: `{"id"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MessageRef {
    /// The message's id.
    pub id: MessageId,
}

/// A click on an `invoke.function` button.
#[derive(Clone, Debug, PartialEq)]
pub struct FunctionCallback {
    /// The function name the bot put on the button.
    pub name: String,
    /// The button clicked.
    pub button: ButtonRef,
    /// Who clicked.
    pub user: UserRef,
    /// Where, when sent.
    pub channel: Option<ChannelRef>,
    /// The message carrying the button, when sent.
    pub message: Option<MessageRef>,
    /// When the click happened, when sent.
    pub timestamp: Option<Timestamp>,
    /// Free-form data, when sent.
    pub data: Option<Value>,
}

impl FunctionCallback {
    fn read(mut fields: Fields<'_>) -> Result<Self, ParseError> {
        // `type` was matched by kind detection.
        Ok(Self {
            name: fields.non_empty_str("name")?,
            button: nested(&mut fields, "button", |b| {
                Ok(ButtonRef {
                    id: b.str("id")?,
                    label: b.opt_str("label")?,
                })
            })?,
            user: nested(&mut fields, "user", UserRef::read)?,
            channel: opt_nested(&mut fields, "channel", ChannelRef::read)?,
            message: opt_nested(&mut fields, "message", |m| {
                Ok(MessageRef {
                    id: m.str("id")?.into(),
                })
            })?,
            timestamp: fields.opt_timestamp("timestamp")?,
            data: fields.opt_value("data"),
        })
    }
}

impl Serialize for FunctionCallback {
    fn serialize<S>(&self, serializer: S) -> Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("type", "invoke.function")?;
        map.serialize_entry("name", &self.name)?;
        map.serialize_entry("button", &self.button)?;
        map.serialize_entry("user", &self.user)?;
        if let Some(channel) = &self.channel {
            map.serialize_entry("channel", channel)?;
        }
        if let Some(message) = &self.message {
            map.serialize_entry("message", message)?;
        }
        if let Some(timestamp) = &self.timestamp {
            map.serialize_entry("timestamp", timestamp)?;
        }
        if let Some(data) = &self.data {
            map.serialize_entry("data", data)?;
        }
        map.end()
    }
}

/// Deserialises through the same rules as [`Callback::from_slice`].
macro_rules! deserialize_via_callback {
    ($($ty:ty => $variant:ident),*) => {$(
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D>(deserializer: D) -> Result<Self, D::Error>
            where
                D: Deserializer<'de>,
            {
                match Callback::from_value(Value::deserialize(deserializer)?) {
                    Ok(Callback::$variant(inner)) => Ok(inner),
                    Ok(_) => Err(serde::de::Error::custom(concat!("not a ", stringify!($variant), " callback"))),
                    Err(error) => Err(serde::de::Error::custom(error)),
                }
            }
        }
    )*};
}

deserialize_via_callback!(
    EventCallback => Event,
    CommandCallback => Command,
    FunctionCallback => Function
);

impl<'de> Deserialize<'de> for Callback {
    fn deserialize<D>(deserializer: D) -> Result<Self, D::Error>
    where
        D: Deserializer<'de>,
    {
        Self::from_value(Value::deserialize(deserializer)?).map_err(serde::de::Error::custom)
    }
}

/// Reads an array of objects with `read`, naming errors under `path`.
fn read_array<T>(
    items: Vec<Value>,
    path: Path<'_>,
    read: impl Fn(&mut Fields<'_>) -> Result<T, ParseError>,
) -> Result<Vec<T>, ParseError> {
    items
        .into_iter()
        .map(|item| match item {
            Value::Object(map) => read(&mut Fields::new(map, path)),
            _ => Err(ParseError::invalid(path, "an array of objects")),
        })
        .collect()
}
