//! [`Bot`]: the built receiver, and the axum [`Router`] it serves.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use axum::Router;
use axum::response::IntoResponse;
use axum::routing::{any, get, post_service};
use cliq_events::callback::{CommandCallback, FunctionCallback};
use http::{HeaderValue, Request, header};
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};

use crate::clock::Clock;
use crate::config::{BotBuilder, ServerConfig, command_key};
use crate::context::{self, Runtime};
use crate::dedup::DedupStore;
use crate::dispatch::CallbackService;
use crate::handler::{ErasedEvents, ErasedHandler};
use crate::rejection::Rejection;
use crate::verify::Scheme;

/// The health-check path.
pub const HEALTH_PATH: &str = "/healthz";

/// A built bot: verified, routed handlers behind one callback path.
///
/// Serve it with [`Bot::serve`], or turn it into an axum [`Router`] with
/// [`Bot::into_router`] to nest and layer it like any axum app.
pub struct Bot<S = ()> {
    pub(crate) inner: Arc<BotInner<S>>,
}

impl<S> Clone for Bot<S> {
    fn clone(&self) -> Self {
        Self {
            inner: Arc::clone(&self.inner),
        }
    }
}

impl<S> std::fmt::Debug for Bot<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bot")
            .field("path", &self.inner.path)
            .field(
                "commands",
                &self.inner.routes.commands.keys().collect::<Vec<_>>(),
            )
            .field(
                "functions",
                &self.inner.routes.functions.keys().collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

pub(crate) struct BotInner<S> {
    pub(crate) state: S,
    pub(crate) scheme: Arc<dyn Scheme>,
    pub(crate) path: String,
    pub(crate) body_limit: usize,
    pub(crate) deadline: Duration,
    pub(crate) in_flight: InFlight,
    pub(crate) dedup_window: Duration,
    pub(crate) dedup: Arc<dyn DedupStore>,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) server: ServerConfig,
    pub(crate) routes: Routes<S>,
    pub(crate) native: NativeConfig<S>,
    pub(crate) client: Option<cliq_client::Client>,
    pub(crate) runtime: Arc<Runtime>,
}

/// How native calls are served.
pub(crate) struct NativeConfig<S> {
    pub(crate) routes: crate::native::NativeRoutes<S>,
    /// How long after the call's timestamp the HTTP reply may take.
    pub(crate) budget: Duration,
    /// How long a native handler may run in all (its reply may go late).
    pub(crate) deadline: Duration,
    /// What the HTTP reply says when the handler misses the budget.
    pub(crate) placeholder: cliq_events::native::NativeReply,
    /// Posts late replies to `response_url` (tokenless).
    pub(crate) poster: cliq_client::Client,
}

pub(crate) struct Routes<S> {
    pub(crate) commands: HashMap<String, Arc<dyn ErasedHandler<S, CommandCallback>>>,
    pub(crate) functions: HashMap<String, Arc<dyn ErasedHandler<S, FunctionCallback>>>,
    pub(crate) command_fallback: Option<Arc<dyn ErasedHandler<S, CommandCallback>>>,
    pub(crate) function_fallback: Option<Arc<dyn ErasedHandler<S, FunctionCallback>>>,
    pub(crate) events: Option<Arc<dyn ErasedEvents<S>>>,
}

impl<S> Routes<S> {
    pub(crate) fn command(
        &self,
        name: &str,
    ) -> Option<&Arc<dyn ErasedHandler<S, CommandCallback>>> {
        let found = if name.bytes().any(|b| b.is_ascii_uppercase()) {
            self.commands.get(&command_key(name))
        } else {
            self.commands.get(name)
        };
        found.or(self.command_fallback.as_ref())
    }

    pub(crate) fn function(
        &self,
        name: &str,
    ) -> Option<&Arc<dyn ErasedHandler<S, FunctionCallback>>> {
        self.functions.get(name).or(self.function_fallback.as_ref())
    }
}

impl Bot<()> {
    /// Starts a bot without shared state.
    pub fn builder() -> BotBuilder<()> {
        BotBuilder::new(())
    }
}

impl<S> Bot<S>
where
    S: Clone + Send + Sync + 'static,
{
    /// Starts a bot whose handlers share `state` (available as
    /// [`Context::state`](crate::Context::state)).
    pub fn with_state(state: S) -> BotBuilder<S> {
        BotBuilder::new(state)
    }

    pub(crate) fn from_inner(inner: BotInner<S>) -> Self {
        Self {
            inner: Arc::new(inner),
        }
    }

    /// The callback path.
    pub fn path(&self) -> &str {
        &self.inner.path
    }

    /// The registered command names (without `/`, lower case), sorted.
    pub fn commands(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .inner
            .routes
            .commands
            .keys()
            .map(String::as_str)
            .collect();
        names.sort_unstable();
        names
    }

    /// The registered function names, sorted.
    pub fn functions(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .inner
            .routes
            .functions
            .keys()
            .map(String::as_str)
            .collect();
        names.sort_unstable();
        names
    }

    /// Waits until every piece of background work has finished: what
    /// handlers started ([`Context::spawn`](crate::Context::spawn), late
    /// native replies) and handlers whose sender hung up before they
    /// answered — so a test does not end before the work it triggered. (A
    /// handler whose answer was received has finished already.)
    pub async fn settle(&self) {
        let tasks = &self.inner.runtime.tasks;
        tasks.close();
        tasks.wait().await;
        tasks.reopen();
    }

    /// A line per registered handler: what this bot serves.
    pub fn report(&self) -> String {
        let routes = &self.inner.routes;
        let mut lines: Vec<String> = Vec::new();
        lines.extend(
            self.commands()
                .iter()
                .map(|name| format!("command  /{name}")),
        );
        lines.extend(
            self.functions()
                .iter()
                .map(|name| format!("function {name}")),
        );
        if routes.events.is_some() {
            lines.push("events   (handler registered)".to_owned());
        }
        let mut native: Vec<String> = self
            .inner
            .native
            .routes
            .handlers
            .keys()
            .map(|key| format!("native   {key}"))
            .collect();
        native.sort_unstable();
        lines.extend(native);
        for (present, what) in [
            (routes.command_fallback.is_some(), "command  fallback"),
            (routes.function_fallback.is_some(), "function fallback"),
            (
                self.inner.native.routes.fallback.is_some(),
                "native   fallback",
            ),
        ] {
            if present {
                lines.push(what.to_owned());
            }
        }
        lines.join("\n")
    }

    /// The bot as an axum [`Router`]: `POST <path>` for callbacks,
    /// `GET`/`HEAD /healthz`, and the error envelope for every other path and
    /// method. Every response carries `X-Request-Id` (the request's own, when
    /// it has one). Nest it under a prefix and add layers as with any router.
    pub fn into_router(self) -> Router {
        self.into_services().1
    }

    /// The callback service and the whole router around it: the server
    /// sends callbacks straight to the first, everything else through the
    /// second.
    pub(crate) fn into_services(self) -> (CallbackService<S>, Router) {
        let ids = RequestIds::new();
        // Callbacks, the hot path, set and echo their request id themselves;
        // everything else goes through tower-http's request-id layers.
        let others = Router::new()
            .route(
                &self.inner.path,
                any(|| async { Rejection::MethodNotAllowed { allow: "POST" } }),
            )
            .route(
                HEALTH_PATH,
                get(health)
                    .fallback(|| async { Rejection::MethodNotAllowed { allow: "GET, HEAD" } }),
            )
            .fallback(|| async { Rejection::NotFound })
            .layer(PropagateRequestIdLayer::x_request_id())
            .layer(SetRequestIdLayer::x_request_id(ids.clone()));
        let service = CallbackService::new(Arc::clone(&self.inner), ids);
        let callback = post_service(service.clone()).fallback_service(others.clone());
        let router = Router::new()
            .route(&self.inner.path, callback)
            .fallback_service(others);
        (service, router)
    }
}

async fn health() -> impl IntoResponse {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        r#"{"status":"ok"}"#,
    )
}

/// Request ids: a per-process random prefix and a counter, 24 hex digits.
#[derive(Clone, Debug)]
pub(crate) struct RequestIds {
    prefix: u64,
    counter: Arc<AtomicU64>,
}

impl RequestIds {
    pub(crate) fn new() -> Self {
        use std::hash::{BuildHasher, RandomState};
        let prefix = RandomState::new().hash_one(std::time::SystemTime::now());
        Self {
            prefix,
            counter: Arc::new(AtomicU64::new(0)),
        }
    }

    /// The next id, `{prefix:016x}{n:08x}`, written in place: no
    /// allocation, no formatter.
    pub(crate) fn next(&self) -> context::RequestId {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let mut id = [b'0'; 24];
        let (prefix, count) = id.split_at_mut(16);
        let _ = const_hex::encode_to_slice(self.prefix.to_be_bytes(), prefix);
        let _ = const_hex::encode_to_slice(((n & 0xffff_ffff) as u32).to_be_bytes(), count);
        context::RequestId::Made(id)
    }
}

impl MakeRequestId for RequestIds {
    fn make_request_id<B>(&mut self, _request: &Request<B>) -> Option<RequestId> {
        Some(RequestId::new(self.next().header_value()))
    }
}

/// The callbacks in flight, against their limit: a count, taken and given
/// back without waiting or locking.
#[derive(Debug)]
pub(crate) struct InFlight {
    count: AtomicUsize,
    limit: usize,
}

impl InFlight {
    pub(crate) fn new(limit: usize) -> Self {
        Self {
            count: AtomicUsize::new(0),
            limit,
        }
    }

    /// A place for one more callback, or `None` when all are taken.
    pub(crate) fn enter(&self) -> Option<InFlightGuard<'_>> {
        if self.count.fetch_add(1, Ordering::AcqRel) >= self.limit {
            self.count.fetch_sub(1, Ordering::AcqRel);
            return None;
        }
        Some(InFlightGuard(self))
    }
}

/// Gives its place back when dropped.
pub(crate) struct InFlightGuard<'a>(&'a InFlight);

impl Drop for InFlightGuard<'_> {
    fn drop(&mut self) {
        self.0.count.fetch_sub(1, Ordering::AcqRel);
    }
}
