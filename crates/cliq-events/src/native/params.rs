//! `params`: the handler-specific part of a native call.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::parts::{
    FormParam, Location, MessageList, MessageObject, NativeAttachment, Selection, Target,
};
use super::people::{Access, AppInfo, Environment, NativeChat, NativeMention, NativeUser};
use super::read::{NativeParseError, take, take_str};

/// The handler-specific `params` of a native call, with the parts the samples
/// show typed. Which are present depends on the handler; every field not
/// typed here stays in [`Params::extra`], so a call serialises back to what
/// was received (`null`s aside).
///
/// Arrays and maps are `Option`s so that an empty one sent (`"mentions": []`)
/// and one not sent stay apart.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Params {
    /// Who acted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<NativeUser>,
    /// Where.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chat: Option<NativeChat>,
    /// The message: text for a bot's `message_handler`, an object elsewhere.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<MessageParam>,
    /// The messages a message action was run on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub messages: Option<MessageList>,
    /// Who the message or command mentions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mentions: Option<Vec<NativeMention>>,
    /// Files sent with it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<NativeAttachment>>,
    /// Text after a command; a button's arguments for a function.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arguments: Option<Arguments>,
    /// A command's options.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub options: Option<Map<String, Value>>,
    /// Command suggestions picked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub selections: Option<Vec<Selection>>,
    /// The caller's location.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// The caller's ids and organization.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access: Option<Access>,
    /// The caller's data centre.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub environment: Option<Environment>,
    /// What was clicked or changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<Target>,
    /// A form's name and values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub form: Option<FormParam>,
    /// A bot context's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context_id: Option<String>,
    /// A bot context's answers by question name: `{"name": {"text": …}}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answers: Option<Map<String, Value>>,
    /// What happened: `added`, `removed`, `ringing`, …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation: Option<String>,
    /// Handler-specific data (a call's id and time, a participation's message).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<Value>,
    /// A link preview's URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// A link preview's domain.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// The extension version being installed or removed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_info: Option<AppInfo>,
    /// What triggered a button or widget call: `click`, `load`, `refresh`, …
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    /// Every other field, kept as sent (`message_details`, `raw_message`,
    /// an incoming webhook's `body`, the samples' misspelt `messgaes`, …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `params.message`: text in a bot's `message_handler`, an object elsewhere.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum MessageParam {
    /// The message's text.
    Text(String),
    /// The message object (possibly empty).
    Object(Box<MessageObject>),
}

impl MessageParam {
    /// The text, in either form.
    pub fn text(&self) -> Option<&str> {
        match self {
            Self::Text(text) => Some(text),
            Self::Object(message) => message.text.as_deref(),
        }
    }

    /// The object form, if that is how it came.
    pub fn object(&self) -> Option<&MessageObject> {
        match self {
            Self::Text(_) => None,
            Self::Object(message) => Some(message),
        }
    }
}

/// `params.arguments`: the text after a command, or a function's arguments
/// object (a button's `{"key": …}`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Arguments {
    /// A command's arguments as typed.
    Text(String),
    /// A function's arguments.
    Object(Map<String, Value>),
}

impl Arguments {
    /// The text form, if that is how they came.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Self::Text(text) => Some(text),
            Self::Object(_) => None,
        }
    }

    /// The object form, if that is how they came.
    pub fn as_object(&self) -> Option<&Map<String, Value>> {
        match self {
            Self::Text(_) => None,
            Self::Object(map) => Some(map),
        }
    }
}

impl Params {
    /// The mentions, empty when none were sent.
    pub fn mentions(&self) -> &[NativeMention] {
        self.mentions.as_deref().unwrap_or_default()
    }

    /// The attachments, empty when none were sent.
    pub fn attachments(&self) -> &[NativeAttachment] {
        self.attachments.as_deref().unwrap_or_default()
    }

    /// Reads the `params` object; a typed field of the wrong shape is
    /// [`NativeParseError::InvalidField`] naming it.
    pub(super) fn read(mut map: Map<String, Value>) -> Result<Self, NativeParseError> {
        const AT: &str = "params";
        let m = &mut map;
        Ok(Self {
            user: take(m, AT, "user", "a user object")?,
            chat: take(m, AT, "chat", "a chat object")?,
            message: take(m, AT, "message", "a string or a message object")?,
            messages: take(m, AT, "messages", "a message list object")?,
            mentions: take(m, AT, "mentions", "an array of mention objects")?,
            attachments: take(m, AT, "attachments", "an array of attachment objects")?,
            arguments: take(m, AT, "arguments", "a string or an object")?,
            options: take(m, AT, "options", "an object")?,
            selections: take(m, AT, "selections", "an array of selection objects")?,
            location: take(m, AT, "location", "a location object")?,
            access: take(m, AT, "access", "an access object")?,
            environment: take(m, AT, "environment", "an environment object")?,
            target: take(m, AT, "target", "a target object")?,
            form: take(m, AT, "form", "a form object")?,
            context_id: take_str(m, AT, "context_id")?,
            answers: take(m, AT, "answers", "an object")?,
            operation: take_str(m, AT, "operation")?,
            data: take(m, AT, "data", "any JSON value")?,
            url: take_str(m, AT, "url")?,
            domain: take_str(m, AT, "domain")?,
            app_info: take(m, AT, "app_info", "an app info object")?,
            event: take_str(m, AT, "event")?,
            extra: map,
        })
    }
}
