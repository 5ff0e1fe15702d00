//! Handlers stored behind object-safe traits returning boxed futures.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use cliq_events::callback::{
    ChannelCreated, CommandCallback, Event, FunctionCallback, MemberEvent, MessageEvent,
};

use super::{BoxError, CommandHandler, EventHandler, FunctionHandler, HandlerResult, UnknownEvent};
use crate::context::Context;

pub(crate) type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A command or function handler, erased.
pub(crate) trait ErasedHandler<S, In>: Send + Sync {
    fn call(&self, cx: Context<S>, input: In) -> BoxFuture<'_, HandlerResult>;

    /// Like `call`, with a future that owns the handler: one box, free to
    /// move to another task.
    fn call_owned(self: Arc<Self>, cx: Context<S>, input: In) -> BoxFuture<'static, HandlerResult>;
}

struct Command<H>(H);
struct Function<H>(H);

impl<S, H> ErasedHandler<S, CommandCallback> for Command<H>
where
    H: CommandHandler<S>,
    S: Send + 'static,
{
    fn call(&self, cx: Context<S>, input: CommandCallback) -> BoxFuture<'_, HandlerResult> {
        Box::pin(self.0.call(cx, input))
    }

    fn call_owned(
        self: Arc<Self>,
        cx: Context<S>,
        input: CommandCallback,
    ) -> BoxFuture<'static, HandlerResult> {
        Box::pin(async move { self.0.call(cx, input).await })
    }
}

impl<S, H> ErasedHandler<S, FunctionCallback> for Function<H>
where
    H: FunctionHandler<S>,
    S: Send + 'static,
{
    fn call(&self, cx: Context<S>, input: FunctionCallback) -> BoxFuture<'_, HandlerResult> {
        Box::pin(self.0.call(cx, input))
    }

    fn call_owned(
        self: Arc<Self>,
        cx: Context<S>,
        input: FunctionCallback,
    ) -> BoxFuture<'static, HandlerResult> {
        Box::pin(async move { self.0.call(cx, input).await })
    }
}

pub(crate) fn command<S, H>(handler: H) -> Arc<dyn ErasedHandler<S, CommandCallback>>
where
    H: CommandHandler<S>,
    S: Send + 'static,
{
    Arc::new(Command(handler))
}

pub(crate) fn function<S, H>(handler: H) -> Arc<dyn ErasedHandler<S, FunctionCallback>>
where
    H: FunctionHandler<S>,
    S: Send + 'static,
{
    Arc::new(Function(handler))
}

/// Every event, erased: a whole [`EventHandler`] or a table of closures.
pub(crate) trait ErasedEvents<S>: Send + Sync {
    fn call(&self, cx: Context<S>, event: Event) -> BoxFuture<'_, HandlerResult<()>>;
}

pub(crate) struct Events<H>(pub(crate) H);

impl<S, H> ErasedEvents<S> for Events<H>
where
    H: EventHandler<S>,
    S: Send + 'static,
{
    fn call(&self, cx: Context<S>, event: Event) -> BoxFuture<'_, HandlerResult<()>> {
        match event {
            Event::MessageCreated(m) => Box::pin(self.0.on_message(cx, m)),
            Event::Mention(m) => Box::pin(self.0.on_mention(cx, m)),
            Event::BotMention(m) => Box::pin(self.0.on_bot_mention(cx, m)),
            Event::ChannelCreated(c) => Box::pin(self.0.on_channel_created(cx, c)),
            Event::MemberAdded(m) => Box::pin(self.0.on_member_added(cx, m)),
            Event::MemberRemoved(m) => Box::pin(self.0.on_member_removed(cx, m)),
            Event::Unknown { name, data } => {
                Box::pin(self.0.on_unknown(cx, UnknownEvent { name, data }))
            }
            // Variants added later reach the fallback with their name only.
            other => Box::pin(self.0.on_unknown(
                cx,
                UnknownEvent {
                    name: other.name().to_owned(),
                    data: serde_json::Map::new(),
                },
            )),
        }
    }
}

/// One event closure, erased.
pub(crate) trait ErasedEvent<S, In>: Send + Sync {
    fn call(&self, cx: Context<S>, input: In) -> BoxFuture<'_, HandlerResult<()>>;
}

pub(crate) struct EventFn<F>(pub(crate) F);

impl<S, In, F, Fut, E> ErasedEvent<S, In> for EventFn<F>
where
    F: Fn(Context<S>, In) -> Fut + Send + Sync,
    Fut: Future<Output = Result<(), E>> + Send + 'static,
    E: Into<BoxError>,
{
    fn call(&self, cx: Context<S>, input: In) -> BoxFuture<'_, HandlerResult<()>> {
        let future = (self.0)(cx, input);
        Box::pin(async move { future.await.map_err(Into::into) })
    }
}

type Slot<S, In> = Option<Arc<dyn ErasedEvent<S, In>>>;

/// Event closures registered one by one.
pub(crate) struct EventTable<S> {
    pub(crate) message: Slot<S, MessageEvent>,
    pub(crate) mention: Slot<S, MessageEvent>,
    pub(crate) bot_mention: Slot<S, MessageEvent>,
    pub(crate) channel_created: Slot<S, ChannelCreated>,
    pub(crate) member_added: Slot<S, MemberEvent>,
    pub(crate) member_removed: Slot<S, MemberEvent>,
    pub(crate) unknown: Slot<S, UnknownEvent>,
}

impl<S> Default for EventTable<S> {
    fn default() -> Self {
        Self {
            message: None,
            mention: None,
            bot_mention: None,
            channel_created: None,
            member_added: None,
            member_removed: None,
            unknown: None,
        }
    }
}

impl<S> EventTable<S> {
    pub(crate) fn is_empty(&self) -> bool {
        self.message.is_none()
            && self.mention.is_none()
            && self.bot_mention.is_none()
            && self.channel_created.is_none()
            && self.member_added.is_none()
            && self.member_removed.is_none()
            && self.unknown.is_none()
    }
}

fn run<'a, S, In>(
    slot: &'a Slot<S, In>,
    cx: Context<S>,
    input: In,
) -> BoxFuture<'a, HandlerResult<()>>
where
    S: Send + 'a,
    In: Send + 'a,
{
    match slot {
        Some(handler) => handler.call(cx, input),
        None => Box::pin(async { Ok(()) }),
    }
}

impl<S> ErasedEvents<S> for EventTable<S>
where
    S: Send + Sync + 'static,
{
    fn call(&self, cx: Context<S>, event: Event) -> BoxFuture<'_, HandlerResult<()>> {
        match event {
            Event::MessageCreated(m) => run(&self.message, cx, m),
            Event::Mention(m) => run(&self.mention, cx, m),
            Event::BotMention(m) => run(&self.bot_mention, cx, m),
            Event::ChannelCreated(c) => run(&self.channel_created, cx, c),
            Event::MemberAdded(m) => run(&self.member_added, cx, m),
            Event::MemberRemoved(m) => run(&self.member_removed, cx, m),
            Event::Unknown { name, data } => run(&self.unknown, cx, UnknownEvent { name, data }),
            other => {
                let name = other.name().to_owned();
                let data = serde_json::Map::new();
                run(&self.unknown, cx, UnknownEvent { name, data })
            }
        }
    }
}
