//! The native dialect: what the real Cliq platform sends a webhook-based
//! extension, and what it expects back (CLIQ-NATIVE.md).
//!
//! ```
//! use cliq_events::native::{self, Component, HandlerType, NativeButton, NativeCallback, NativeMessage};
//!
//! let body = br#"{"type": "command", "handler": {"type": "execution_handler"},
//!     "name": "deploy", "timestamp": 1569520690703,
//!     "params": {"arguments": "production",
//!         "user": {"id": "1", "first_name": "Scott", "last_name": "Fisher"},
//!         "chat": {"id": "CT_1", "title": "Ops"},
//!         "environment": {"data_center": "EU"}}}"#;
//! let value = native::parse_json(body)?;
//! assert!(native::is_native(&value));
//! let call = NativeCallback::from_value(value)?;
//! assert_eq!((call.component.clone(), call.handler.clone()), (Component::Command, HandlerType::ExecutionHandler));
//! assert_eq!(call.data_centre().map(|dc| dc.cliq_host()).as_deref(), Some("cliq.zoho.eu"));
//!
//! // The same typed view as a PROTOCOL.md command.
//! let command = call.to_command().ok_or("not a command")?;
//! assert_eq!((command.name(), command.arguments()), ("deploy", "production"));
//! assert_eq!(command.user.name, "Scott Fisher");
//!
//! let reply = NativeMessage::builder("Deploying")
//!     .button(NativeButton::invoke_function("Approve", "approve_deploy").key("42"))
//!     .build()?;
//! let body = native::NativeReply::from(reply).to_output_json()?;
//! assert_eq!(body["output"]["buttons"][0]["action"]["data"]["name"], "approve_deploy");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Detection
//!
//! [`is_native`] holds for a JSON object with a string `type` that is one of
//! the components ([`Component`] other than `Other`) **and** a `handler`
//! object whose `type` is a string. No PROTOCOL.md callback has a `handler`,
//! and the only `type` one carries is `invoke.function`, which is no
//! component: the two dialects never collide. [`NativeCallback::from_value`]
//! is more lenient: it takes any string `type` (an unknown component becomes
//! [`Component::Other`]) so that a caller that knows the body is native
//! loses nothing.
//!
//! # Parsing
//!
//! [`NativeCallback::from_slice`] parses the raw bytes once, refusing
//! nesting over [`MAX_DEPTH`](crate::callback::MAX_DEPTH) levels first; a
//! receiver serving both dialects parses with [`parse_json`] and then picks
//! a parser with [`is_native`]. `null` counts as absent. The parts of
//! `params` the samples show are typed ([`Params`]); every other field, at
//! every level, is kept in an `extra` map, and values sent as strings where
//! numbers were expected (`"time": "1493707283711"`, ids) are written back
//! as strings, so a call serialises back to the JSON received (`null`s
//! aside; an empty `name` is written back absent).
//!
//! # Replies
//!
//! [`NativeReply`] is any response; [`Output`] and
//! [`NativeReply::to_output_json`] wrap it in `{"output": ...}`. Messages,
//! forms and form modifications are built with builders whose `build()`
//! checks [`limits`] and required fields ([`NativeValidationError`]).
//!
//! # Both dialects, one view
//!
//! [`NativeCallback::to_command`] and [`NativeCallback::to_function`] give a
//! native command or button click as PROTOCOL.md's [`CommandCallback`] and
//! [`FunctionCallback`]:
//!
//! | PROTOCOL.md field | taken from |
//! |---|---|
//! | `command` | `"/"` + the envelope's `name` |
//! | `arguments` | `params.arguments` when it is a string (kept as is, even empty) |
//! | `name` (function) | the envelope's `name` |
//! | `button.id` | the first non-empty string of `params.arguments.key`, `params.target.key`, `params.target.id`, `params.target.name`; else empty |
//! | `button.label` | `params.target.label` |
//! | `user.id`, `user.email` | `params.user.id`, `params.user.email` (when non-empty) |
//! | `user.name` | [`NativeUser::display_name`], else the id |
//! | `channel` | `params.chat.id`, named by its `title`, else `channel_unique_name`, else the id |
//! | `message.id` | `params.message.id` |
//! | `timestamp` | the envelope's `timestamp` |
//! | `data` | `params.arguments` when it is an object |
//!
//! `arguments.key` comes first because a native button's `key` is what a
//! click reports ([`NativeButton::key`]; Zoho's SDK types a button click's
//! arguments as `{key}`), and the conversion below writes the PROTOCOL.md
//! button id there; the `target` fields follow for buttons made elsewhere
//! (the sample click carries only `target.name`).
//!
//! A PROTOCOL.md [`Message`] converts with `NativeMessage::try_from(&message)`,
//! so one handler's reply serves both dialects. `text` and `bot` carry over.
//! The card's `title`, `theme` and `thumbnail` make the native card (none
//! when all three are absent). Each section becomes a `text` slide of its
//! text elements joined by newlines. Buttons move to the message:
//! `invoke.function` keeps its label, names its function in
//! `action.data.name` and carries its id as `key`; `open.url` puts its URL
//! in `action.data.web`. Lost: section ids, non-text elements, empty
//! sections, buttons of other types, attachments. The result is built, so
//! the native limits apply: a label over 20 characters, which PROTOCOL.md
//! allows, is refused, as is a `poll` card (it has no options to carry).
//!
//! [`CommandCallback`]: crate::callback::CommandCallback
//! [`FunctionCallback`]: crate::callback::FunctionCallback
//! [`Message`]: crate::message::Message

mod button;
mod call;
mod card;
mod context;
mod convert;
mod form;
mod form_change;
mod input;
mod kind;
mod outgoing;
mod params;
mod parts;
mod people;
mod read;
mod reply;
mod validate;
mod widget;
mod wire;

pub use crate::data_centre::DataCentre;
pub use button::{ActionData, ActionType, ButtonAction, ButtonStyle, Confirm, NativeButton};
pub use call::NativeCallback;
pub use card::{NativeCard, PollOption, Slide, SlideType};
pub use context::{Context, ContextParam, ContextValue, Styles, Suggestion, SuggestionList};
pub use form::{Form, FormAction, FormBuilder};
pub use form_change::{FormModification, FormModificationAction, FormValues, ModificationType};
pub use input::{FormInput, FormOption, InputType};
pub use kind::{Component, HandlerType};
pub use outgoing::{NativeMessage, NativeMessageBuilder};
pub use params::{Arguments, MessageParam, Params};
pub use parts::{
    FormParam, Location, MessageList, MessageObject, NativeAttachment, Selection, Target,
};
pub use people::{
    Access, AppInfo, Environment, NativeChat, NativeMention, NativeUser, Organization,
};
pub use read::{NativeParseError, parse_json};
pub use reply::{Banner, BannerStatus, CommandSuggestion, InstallationResult, NativeReply, Output};
pub use validate::{ButtonAt, NativeValidationError, limits};
pub use widget::{WidgetSection, WidgetTab, WidgetView};
pub use wire::{EpochMillis, LooseString};

use serde_json::Value;

/// Whether a parsed body is a native call: an object with a string `type`
/// naming a known [`Component`] and a `handler` object with a string `type`.
/// See [Detection](self#detection).
pub fn is_native(body: &Value) -> bool {
    let Some(map) = body.as_object() else {
        return false;
    };
    let component = map.get("type").and_then(Value::as_str);
    let handler = map.get("handler").and_then(Value::as_object);
    component.is_some_and(|c| Component::from_wire(c).is_known())
        && handler
            .and_then(|h| h.get("type"))
            .is_some_and(Value::is_string)
}
