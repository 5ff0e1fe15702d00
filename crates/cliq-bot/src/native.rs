//! The native dialect: what the real Cliq platform sends webhook-based
//! extensions, served by the same bot.
//!
//! A native command execution reaches the same [`CommandHandler`] as a
//! contract command, and a `button_handler` click the same
//! [`FunctionHandler`](crate::FunctionHandler), with the same typed view;
//! [`Context::native`](crate::Context::native) gives the native extras. Their
//! replies are converted to native messages and sent inside
//! `{"output": ...}`. Every other handler kind (bot handlers, suggestions,
//! forms, message actions, widgets, link previews, installation) is served
//! by a [`NativeHandler`] registered for its component, handler type and
//! name.
//!
//! A native call must be answered within a budget measured from its
//! `timestamp` (15 s by default). A handler not done by then gets an
//! immediate placeholder reply, and its real reply is POSTed to the call's
//! `response_url` when ready.
//!
//! [`CommandHandler`]: crate::CommandHandler

pub(crate) mod dispatch;
pub(crate) mod routes;

use std::future::Future;

use cliq_events::native::{NativeCallback, NativeReply};

pub(crate) use routes::{NativeKey, NativeRoutes};

use crate::context::Context;
use crate::handler::{Answered, BoxError, HandlerResult};

/// Handles native calls of one component, handler type and name.
pub trait NativeHandler<S = ()>: Send + Sync + 'static {
    /// Answers one native call.
    fn call(
        &self,
        cx: Context<S>,
        call: NativeCallback,
    ) -> impl Future<Output = HandlerResult<NativeReply>> + Send;
}

impl<S, F, Fut, R, E> NativeHandler<S> for F
where
    F: Fn(Context<S>, NativeCallback) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<R, E>> + Send,
    R: Into<NativeReply>,
    E: Into<BoxError>,
    S: Send + 'static,
{
    fn call(
        &self,
        cx: Context<S>,
        call: NativeCallback,
    ) -> impl Future<Output = HandlerResult<NativeReply>> + Send {
        Answered::new(self(cx, call))
    }
}
