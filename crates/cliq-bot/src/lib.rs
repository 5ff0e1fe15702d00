//! The verified receiver for Zoho Cliq bots.

mod bot;
pub mod clock;
mod config;
mod context;
pub mod dedup;
mod dispatch;
mod error;
pub mod handler;
mod rejection;
mod reply;
mod server;
pub mod verify;

pub use bot::{Bot, HEALTH_PATH};
pub use config::{BotBuilder, SignatureScheme, defaults};
pub use context::Context;
pub use error::BuildError;
pub use handler::{
    BoxError, CommandHandler, EventHandler, FunctionHandler, Guard, HandlerExt, HandlerResult,
    UnknownEvent, allow_users, guard_fn,
};
pub use rejection::Rejection;
pub use reply::Reply;
pub use server::shutdown_signal;

/// The payload types, re-exported from `cliq-events`.
#[doc(inline)]
pub use cliq_events as events;
pub use cliq_events::{Button, Card, Message, Section, Theme};
