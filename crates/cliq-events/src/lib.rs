//! Typed payloads of Zoho Cliq: the callbacks a bot receives, the messages
//! and cards it sends, and the objects of the REST API.
//!
//! This crate is data only — serde types, builders and their limits, no I/O
//! and no runtime — so a receiver, a client and a test tool can share it.
//!
//! ```
//! use cliq_events::{Button, Callback, Card, Message, Section, Theme};
//!
//! let body = br#"{"command": "/deploy", "arguments": "production",
//!     "user": {"id": "9876543210", "name": "John Doe"},
//!     "channel": {"id": "CT_1234567890", "name": "Development"}}"#;
//!
//! let Callback::Command(command) = Callback::from_slice(body)? else {
//!     unreachable!("a command");
//! };
//! assert_eq!(command.name(), "deploy");
//!
//! let card = Card::builder()
//!     .title("Deployment requested")
//!     .theme(Theme::ModernInline)
//!     .section(Section::new(1).text(format!("**Environment:** {}", command.arguments())))
//!     .button(Button::invoke_function("Approve", "approve_deploy", "42"))
//!     .button(Button::open_url("View logs", "https://logs.example.com"));
//! let reply = Message::builder(format!("Requested by {}", command.user.name))
//!     .card(card)
//!     .build()?;
//! assert_eq!(serde_json::to_value(&reply)?["card"]["buttons"][0]["name"], "approve_deploy");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Callbacks
//!
//! [`Callback::from_slice`] parses a raw body once, detects its kind (event,
//! command, function) by the contract's rules and returns typed data or a
//! [`ParseError`] naming the field at fault. Unknown fields are ignored;
//! unknown events, themes, button types and error codes are kept.
//!
//! # Messages and cards
//!
//! [`Message::builder`] and [`Card::builder`] check every limit in
//! [`message::limits`] when built; the error names the limit broken
//! ([`ValidationError`]) and maps to the contract's error code.
//!
//! # The native dialect
//!
//! [`native`] reads what the real Cliq platform sends webhook-based
//! extensions (`{type, handler, name, params}`, epoch-millisecond
//! timestamps), gives commands and button clicks the same typed view as
//! above ([`native::NativeCallback::to_command`],
//! [`native::NativeCallback::to_function`]), and builds its replies
//! (messages with slides, forms, banners, widget views, suggestions) inside
//! `{"output": ...}`.
//!
//! # REST objects
//!
//! [`rest`] holds the API's objects (channels, messages as stored, users,
//! bots, webhooks, commands, files, OAuth tokens), its request bodies and
//! list queries; [`envelope`] holds the success, list and error envelopes.

pub mod callback;
pub mod data_centre;
pub mod envelope;
pub mod error_code;
pub mod id;
pub mod message;
pub mod native;
pub mod rest;
mod serde_util;
pub mod timestamp;

pub use callback::{
    ButtonRef, Callback, CallbackKind, ChannelCreated, ChannelRef, CommandCallback, Event,
    EventCallback, FunctionCallback, MemberEvent, Mention, MessageEvent, MessageRef, ParseError,
    UserRef,
};
pub use error_code::ErrorCode;
pub use id::{BotId, ChannelId, CommandId, FileId, MessageId, OrganizationId, UserId, WebhookId};
pub use message::{
    Attachment, BotProfile, Button, Card, CardBuilder, Element, Message, MessageBuilder, Section,
    Theme, ValidationError,
};
pub use native::{NativeCallback, NativeMessage, NativeReply};
pub use rest::Secret;
pub use timestamp::Timestamp;
