//! [`Context`]: what every handler receives beside its payload.

use std::future::Future;
use std::sync::Arc;

use cliq_events::callback::{ChannelRef, UserRef};
use cliq_events::native::NativeCallback;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;
use tracing::Instrument;

/// The request a handler serves: its id, who and where, the bot's shared
/// state, and a way to start background work that graceful shutdown waits for.
#[derive(Debug, Clone)]
pub struct Context<S = ()> {
    request_id: RequestId,
    user: Option<UserRef>,
    channel: Option<ChannelRef>,
    state: S,
    runtime: Arc<Runtime>,
    native: Option<Arc<NativeCallback>>,
    client: Option<cliq_client::Client>,
}

/// A request's id: one the bot made (24 hex digits, kept inline), or the
/// one the request came with.
#[derive(Clone, Debug)]
pub(crate) enum RequestId {
    Made([u8; 24]),
    Given(Arc<str>),
}

impl RequestId {
    /// The id a request came with in its `X-Request-Id` header (empty if it
    /// is not visible ASCII).
    pub(crate) fn given(value: &http::HeaderValue) -> Self {
        Self::Given(Arc::from(value.to_str().unwrap_or("")))
    }

    pub(crate) fn as_str(&self) -> &str {
        match self {
            // Hex digits: always UTF-8.
            Self::Made(digits) => std::str::from_utf8(digits).unwrap_or(""),
            Self::Given(id) => id,
        }
    }

    /// The id as a header value, for the response.
    pub(crate) fn header_value(&self) -> http::HeaderValue {
        http::HeaderValue::from_str(self.as_str())
            .unwrap_or_else(|_| http::HeaderValue::from_static(""))
    }
}

impl std::fmt::Display for RequestId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The bot-wide part of every context: background tasks and shutdown.
#[derive(Debug, Clone, Default)]
pub(crate) struct Runtime {
    pub(crate) tasks: TaskTracker,
    pub(crate) shutdown: CancellationToken,
}

impl<S> Context<S> {
    pub(crate) fn new(
        request_id: RequestId,
        user: Option<UserRef>,
        channel: Option<ChannelRef>,
        state: S,
        runtime: Arc<Runtime>,
    ) -> Self {
        Self {
            request_id,
            user,
            channel,
            state,
            runtime,
            native: None,
            client: None,
        }
    }

    pub(crate) fn with_client(mut self, client: Option<cliq_client::Client>) -> Self {
        self.client = client;
        self
    }

    /// The outbound client the bot was given
    /// ([`BotBuilder::client`](crate::BotBuilder::client)), to call Cliq
    /// during or after the reply: follow-up messages, channel lookups…
    pub fn client(&self) -> Option<&cliq_client::Client> {
        self.client.as_ref()
    }

    /// The same context, for a call of the native dialect.
    pub(crate) fn with_native(mut self, call: Arc<NativeCallback>) -> Self {
        self.native = Some(call);
        self
    }

    /// The native call being served, with everything the native dialect
    /// carries beyond the common view (chat, environment, response URL…);
    /// `None` for the contract's dialect.
    pub fn native(&self) -> Option<&NativeCallback> {
        self.native.as_deref()
    }

    /// The request id, as in the `X-Request-Id` response header and the logs.
    pub fn request_id(&self) -> &str {
        self.request_id.as_str()
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
