//! [`Context`]: what every handler receives beside its payload.

use std::future::Future;
use std::sync::Arc;

use cliq_events::callback::{ChannelRef, UserRef};
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;
use tracing::Instrument;

/// The request a handler serves: its id, who and where, the bot's shared
/// state, and a way to start background work that graceful shutdown waits for.
#[derive(Debug, Clone)]
pub struct Context<S = ()> {
    request_id: Arc<str>,
    user: Option<UserRef>,
    channel: Option<ChannelRef>,
    state: S,
    runtime: Runtime,
}

/// The bot-wide part of every context: background tasks and shutdown.
#[derive(Debug, Clone, Default)]
pub(crate) struct Runtime {
    pub(crate) tasks: TaskTracker,
    pub(crate) shutdown: CancellationToken,
}

impl<S> Context<S> {
    pub(crate) fn new(
        request_id: Arc<str>,
        user: Option<UserRef>,
        channel: Option<ChannelRef>,
        state: S,
        runtime: Runtime,
    ) -> Self {
        Self {
            request_id,
            user,
            channel,
            state,
            runtime,
        }
    }

    /// The request id, as in the `X-Request-Id` response header and the logs.
    pub fn request_id(&self) -> &str {
        &self.request_id
    }

    /// The user the callback came from: a command's or click's user, a
    /// message's sender, a member added or removed, a channel's creator.
    pub fn user(&self) -> Option<&UserRef> {
        self.user.as_ref()
    }

    /// The channel the callback concerns, when there is one.
    pub fn channel(&self) -> Option<&ChannelRef> {
        self.channel.as_ref()
    }

    /// The bot's shared state.
    pub fn state(&self) -> &S {
        &self.state
    }

    /// Starts background work that outlives the reply. Graceful shutdown
    /// waits for it (up to the grace period); it runs inside this request's
    /// tracing span.
    pub fn spawn<F>(&self, work: F)
    where
        F: Future<Output = ()> + Send + 'static,
    {
        self.runtime.tasks.spawn(work.in_current_span());
    }

    /// Resolves when shutdown begins, so long-running background work can
    /// stop early.
    pub async fn shutdown_started(&self) {
        self.runtime.shutdown.cancelled().await;
    }
}
