//! The verified receiver for Zoho Cliq bots: Cliq's callbacks in, checked,
//! routed to your handlers, answered with validated messages.
//!
//! # Quick start
//!
//! ```no_run
//! use cliq_bot::{Bot, Button, Card, Context, Message, Section};
//! use cliq_bot::events::{CommandCallback, MessageEvent};
//!
//! type Error = Box<dyn std::error::Error + Send + Sync>;
//!
//! #[tokio::main]
//! async fn main() -> Result<(), Error> {
//!     let bot = Bot::builder()
//!         .secret(std::env::var("CLIQ_SIGNING_SECRET")?)
//!         .command("deploy", |cx: Context, cmd: CommandCallback| async move {
//!             let card = Card::builder()
//!                 .title("Deployment requested")
//!                 .section(Section::new(1).text(format!("**By:** {}", cmd.user.name)))
//!                 .button(Button::invoke_function("Approve", "approve_deploy", cx.request_id()));
//!             Ok::<_, Error>(Message::builder(format!("Deploy {}?", cmd.arguments())).card(card))
//!         })
//!         .on_message(|_cx: Context, msg: MessageEvent| async move {
//!             tracing::info!(text = %msg.text, "message");
//!             Ok::<_, Error>(())
//!         })
//!         .build()?;
//!     bot.serve("127.0.0.1:3000").await?;
//!     Ok(())
//! }
//! ```
//!
//! # What happens to a callback
//!
//! `POST /cliq` (the path is configurable) is checked in the contract's
//! order — media type, body size, signature over the exact bytes received —
//! then parsed once into a [`events::Callback`] and routed: commands by name
//! (ignoring `/` and ASCII case), functions (button clicks) by exact name,
//! events to the [`EventHandler`] method or closure of their kind. Every
//! refusal is answered in the error envelope with the code of
//! [`Rejection`]; `GET /healthz` answers without a signature.
//!
//! # Handlers
//!
//! A handler is an async closure or a type implementing [`CommandHandler`],
//! [`FunctionHandler`] or [`EventHandler`] with `async fn`. It receives a
//! [`Context`] (request id, user, channel, shared state, background work)
//! and the typed payload, and returns anything that converts into a
//! [`Reply`] — a [`Message`], a message builder, a string, `()` — or an
//! error. Shared state is a type parameter: [`Bot::with_state`].
//! [`HandlerExt::guard`] puts policy (an allow-list, say) in front of a
//! handler.
//!
//! # Guarantees
//!
//! - No handler sees a request whose signature was not verified over the
//!   raw bytes (constant-time, several secrets for rotation, the `body` or
//!   `timestamped` scheme, or your own [`verify::Scheme`]).
//! - An event with a `data.message_id` runs once per de-duplication window,
//!   even when repeats race; a failed run releases its key for the retry.
//! - A reply that breaks a limit is never sent: the callback is answered 500
//!   with the limit's code.
//! - A handler's error, panic or deadline never affects other requests;
//!   past the in-flight limit the bot answers 503 with `Retry-After`.
//! - Shutdown (SIGTERM, Ctrl-C) stops accepting, then finishes callbacks in
//!   flight and the work handlers started with [`Context::spawn`].
//! - Stalled connections are closed after the header-read timeout, idle
//!   keep-alive connections after the idle timeout.
//!
//! # Serving
//!
//! [`Bot::serve`] binds and serves until a shutdown signal;
//! [`Bot::serve_with_shutdown`] takes a listener and a signal of your own;
//! [`Bot::into_router`] gives an axum [`Router`](axum::Router) to nest under a
//! prefix and layer like any axum app (the server timeouts are then yours to
//! set).

pub mod clock;
pub mod dedup;
pub mod env;
pub mod handler;
pub mod native;
pub mod verify;

mod bot;
mod config;
mod context;
mod dispatch;
mod error;
mod rejection;
mod reply;
mod server;

pub use bot::{Bot, HEALTH_PATH};
pub use config::{BotBuilder, SignatureScheme, defaults};
pub use context::Context;
pub use error::BuildError;
pub use handler::{
    BoxError, CommandHandler, EventHandler, FunctionHandler, Guard, HandlerExt, HandlerResult,
    UnknownEvent, allow_users, guard_fn,
};
pub use native::NativeHandler;
pub use rejection::Rejection;
pub use reply::Reply;
pub use server::shutdown_signal;

#[doc(inline)]
pub use cliq_events as events;
#[doc(no_inline)]
pub use cliq_events::{Attachment, BotProfile, Button, Card, Message, Section, Theme};
