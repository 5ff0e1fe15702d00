//! [`Reply`]: what the bot answered, typed; its assertions, which explain
//! themselves when they fail, are in `reply/expect.rs`.

mod expect;

use std::fmt;

use cliq_events::envelope::ErrorResponse;
use cliq_events::message::{Button, Card, Message};
use cliq_events::native::NativeMessage;
use serde_json::Value;

/// The bot's answer to one callback: its HTTP status and its body, typed.
#[derive(Clone, Debug)]
pub struct Reply {
    status: u16,
    request_id: Option<String>,
    body: ReplyBody,
    raw: String,
}

/// The body of a [`Reply`], by what the contract says it can be.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum ReplyBody {
    /// A message (a command's or click's reply).
    Message(Message),
    /// `{"received": true}`: an event, or a handler that returned nothing.
    Received,
    /// `{"received": true, "duplicate": true}`: an event already handled
    /// inside the de-duplication window.
    Duplicate,
    /// A native reply: the value inside `{"output": ...}`.
    Native(Value),
    /// A refusal, in the error envelope.
    Error(ErrorResponse),
    /// Anything else, as JSON (`null` when the body is not JSON).
    Other(Value),
}

impl Reply {
    pub(crate) fn read(status: u16, request_id: Option<String>, bytes: &[u8]) -> Self {
        let value: Value = serde_json::from_slice(bytes).unwrap_or(Value::Null);
        let flag = |name: &str| value.get(name) == Some(&Value::Bool(true));
        let body = if !(200..300).contains(&status) {
            serde_json::from_value(value.clone()).map_or(ReplyBody::Other(value), ReplyBody::Error)
        } else if flag("duplicate") {
            ReplyBody::Duplicate
        } else if flag("received") {
            ReplyBody::Received
        } else if let Some(output) = value.get("output") {
            ReplyBody::Native(output.clone())
        } else if value.get("text").is_some() || value.get("card").is_some() {
            serde_json::from_value(value.clone())
                .map_or(ReplyBody::Other(value), ReplyBody::Message)
        } else {
            ReplyBody::Other(value)
        };
        Self {
            status,
            request_id,
            body,
            raw: String::from_utf8_lossy(bytes).into_owned(),
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The `X-Request-Id` the bot answered with.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The typed body.
    pub fn body(&self) -> &ReplyBody {
        &self.body
    }

    /// The body exactly as sent.
    pub fn raw(&self) -> &str {
        &self.raw
    }

    /// The message replied, if the reply is one.
    pub fn message(&self) -> Option<&Message> {
        match &self.body {
            ReplyBody::Message(message) => Some(message),
            _ => None,
        }
    }

    /// The message's text, if the reply is a message.
    pub fn text(&self) -> Option<&str> {
        self.message().map(Message::body)
    }

    /// The message's card, if it has one.
    pub fn card(&self) -> Option<&Card> {
        self.message().and_then(Message::card)
    }

    /// The card's button labelled `label`, if there is one.
    pub fn button(&self, label: &str) -> Option<&Button> {
        self.card()?.buttons().iter().find(|b| b.label() == label)
    }

    /// The error envelope, if the bot refused.
    pub fn error(&self) -> Option<&ErrorResponse> {
        match &self.body {
            ReplyBody::Error(error) => Some(error),
            _ => None,
        }
    }

    /// The value inside `{"output": ...}`, if the reply is native.
    pub fn native_output(&self) -> Option<&Value> {
        match &self.body {
            ReplyBody::Native(output) => Some(output),
            _ => None,
        }
    }

    /// The native reply read as a native message, if it is one.
    pub fn native_message(&self) -> Option<NativeMessage> {
        serde_json::from_value(self.native_output()?.clone()).ok()
    }
}

impl fmt::Display for Reply {
    /// One line: the status and what the body is.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ", self.status)?;
        match &self.body {
            ReplyBody::Message(message) => {
                write!(f, "message {:?}", message.body())?;
                match message.card() {
                    Some(card) => write!(f, " with card {:?}", card.title().unwrap_or("")),
                    None => Ok(()),
                }
            }
            ReplyBody::Received => f.write_str("{\"received\": true}"),
            ReplyBody::Duplicate => f.write_str("duplicate (event already handled)"),
            ReplyBody::Native(output) => write!(f, "native output {output}"),
            ReplyBody::Error(error) => {
                write!(f, "{}: {}", error.error.code.as_str(), error.error.message)
            }
            ReplyBody::Other(_) => write!(f, "{}", self.raw),
        }
    }
}
