//! Handler traits for commands, functions and events, their blanket impls for
//! async closures, and guards.
//!
//! Implement a trait with `async fn`, or pass an async closure:
//!
//! ```
//! use cliq_bot::{Context, Reply};
//! use cliq_bot::events::CommandCallback;
//!
//! async fn hello(cx: Context, cmd: CommandCallback) -> Result<String, std::convert::Infallible> {
//!     Ok(format!("hello, {}", cmd.user.name))
//! }
//! ```

pub(crate) mod erased;
mod guard;

use std::future::Future;
use std::marker::PhantomData;

use cliq_events::callback::{
    ChannelCreated, CommandCallback, FunctionCallback, MemberEvent, MessageEvent,
};
use serde_json::{Map, Value};

pub(crate) use erased::{BoxFuture, ErasedEvents, ErasedHandler, EventTable, command, function};
pub use guard::{AllowUsers, FnGuard, Guard, Guarded, HandlerExt, allow_users, guard_fn};

use crate::context::Context;
use crate::reply::Reply;

/// Any error a handler returns. It is logged (not sent) and the callback is
/// answered 500 `HANDLER_ERROR`.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// What handlers return.
pub type HandlerResult<T = Reply> = Result<T, BoxError>;

/// Handles a slash command.
pub trait CommandHandler<S = ()>: Send + Sync + 'static {
    /// Answers one command callback.
    fn call(
        &self,
        cx: Context<S>,
        command: CommandCallback,
    ) -> impl Future<Output = HandlerResult> + Send;
}

/// Handles a click on an `invoke.function` button.
pub trait FunctionHandler<S = ()>: Send + Sync + 'static {
    /// Answers one function callback.
    fn call(
        &self,
        cx: Context<S>,
        function: FunctionCallback,
    ) -> impl Future<Output = HandlerResult> + Send;
}

impl<S, F, Fut, R, E> CommandHandler<S> for F
where
    F: Fn(Context<S>, CommandCallback) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<R, E>> + Send,
    R: Into<Reply>,
    E: Into<BoxError>,
    S: Send + 'static,
{
    fn call(
        &self,
        cx: Context<S>,
        command: CommandCallback,
    ) -> impl Future<Output = HandlerResult> + Send {
        Answered::new(self(cx, command))
    }
}

impl<S, F, Fut, R, E> FunctionHandler<S> for F
where
    F: Fn(Context<S>, FunctionCallback) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<R, E>> + Send,
    R: Into<Reply>,
    E: Into<BoxError>,
    S: Send + 'static,
{
    fn call(
        &self,
        cx: Context<S>,
        function: FunctionCallback,
    ) -> impl Future<Output = HandlerResult> + Send {
        Answered::new(self(cx, function))
    }
}

pin_project_lite::pin_project! {
    /// A closure's future, its output made a handler's: a wrapper rather
    /// than an `async` block, which would keep a second copy of the context
    /// and the payload.
    pub(crate) struct Answered<Fut, T> {
        #[pin]
        inner: Fut,
        output: PhantomData<fn() -> T>,
    }
}

impl<Fut, T> Answered<Fut, T> {
    pub(crate) fn new(inner: Fut) -> Self {
        Self {
            inner,
            output: PhantomData,
        }
    }
}

impl<Fut, R, E, T> Future for Answered<Fut, T>
where
    Fut: Future<Output = Result<R, E>>,
    R: Into<T>,
    E: Into<BoxError>,
{
    type Output = HandlerResult<T>;

    fn poll(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<HandlerResult<T>> {
        self.project()
            .inner
            .poll(cx)
            .map(|result| result.map(Into::into).map_err(Into::into))
    }
}

/// Handles events, one method per known event. Every method defaults to
/// doing nothing; events are answered `{"received": true}` whatever happens,
/// unless a handler fails.
#[allow(unused_variables, reason = "the defaults ignore their arguments")]
pub trait EventHandler<S = ()>: Send + Sync + 'static {
    /// `message.created`.
    fn on_message(
        &self,
        cx: Context<S>,
        message: MessageEvent,
    ) -> impl Future<Output = HandlerResult<()>> + Send {
        async { Ok(()) }
    }

    /// `mention`: a user was mentioned.
    fn on_mention(
        &self,
        cx: Context<S>,
        message: MessageEvent,
    ) -> impl Future<Output = HandlerResult<()>> + Send {
        async { Ok(()) }
    }

    /// `bot.mention`: the bot was mentioned.
    fn on_bot_mention(
        &self,
        cx: Context<S>,
        message: MessageEvent,
    ) -> impl Future<Output = HandlerResult<()>> + Send {
        async { Ok(()) }
    }

    /// `channel.created`.
    fn on_channel_created(
        &self,
        cx: Context<S>,
        created: ChannelCreated,
    ) -> impl Future<Output = HandlerResult<()>> + Send {
        async { Ok(()) }
    }

    /// `channel.member.added`.
    fn on_member_added(
        &self,
        cx: Context<S>,
        event: MemberEvent,
    ) -> impl Future<Output = HandlerResult<()>> + Send {
        async { Ok(()) }
    }

    /// `channel.member.removed`.
    fn on_member_removed(
        &self,
        cx: Context<S>,
        event: MemberEvent,
    ) -> impl Future<Output = HandlerResult<()>> + Send {
        async { Ok(()) }
    }

    /// Any other event, with its name and raw `data`.
    fn on_unknown(
        &self,
        cx: Context<S>,
        event: UnknownEvent,
    ) -> impl Future<Output = HandlerResult<()>> + Send {
        async { Ok(()) }
    }
}

/// An event this version does not know: its name and raw `data`.
#[derive(Clone, Debug, PartialEq)]
pub struct UnknownEvent {
    /// The event name as sent.
    pub name: String,
    /// The `data` object as sent.
    pub data: Map<String, Value>,
}
