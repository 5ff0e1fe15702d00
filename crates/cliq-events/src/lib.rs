//! Typed payloads of Zoho Cliq.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod callback;
pub mod envelope;
pub mod error_code;
pub mod id;
pub mod message;
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
pub use timestamp::Timestamp;
