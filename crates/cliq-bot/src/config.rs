//! [`BotBuilder`]: secrets, scheme, limits and handlers, checked by `build()`.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use cliq_events::callback::{
    ChannelCreated, CommandCallback, FunctionCallback, MemberEvent, MessageEvent,
};
use cliq_events::native::{Component, HandlerType, NativeMessage, NativeReply};

use crate::Context;
use crate::bot::{Bot, BotInner, NativeConfig, Routes};
use crate::clock::{Clock, SystemClock};
use crate::context::Runtime;
use crate::dedup::{DedupStore, MemoryDedupStore};
use crate::error::BuildError;
use crate::handler::erased::{EventFn, Events};
use crate::handler::{
    BoxError, CommandHandler, ErasedEvents, ErasedHandler, EventHandler, EventTable,
    FunctionHandler, UnknownEvent, command, function,
};
use crate::native::routes as native_routes;
use crate::native::{NativeHandler, NativeKey, NativeRoutes};
use crate::verify::{
    AnyScheme, DEFAULT_TOLERANCE, HmacMode, HmacScheme, PublicKey, ReplayCache, RsaScheme, Scheme,
    SigningSecret,
};

/// Defaults of the receiver, as the contract sets them.
pub mod defaults {
    use std::time::Duration;

    /// The callback path.
    pub const PATH: &str = "/cliq";
    /// The body limit in bytes (inclusive).
    pub const BODY_LIMIT: usize = 1024 * 1024;
    /// How long a handler may run.
    pub const HANDLER_DEADLINE: Duration = Duration::from_secs(10);
    /// How many callbacks may be in flight at once.
    pub const MAX_IN_FLIGHT: usize = 1024;
    /// How long an event's `(event, message_id)` is remembered.
    pub const DEDUP_WINDOW: Duration = Duration::from_secs(600);
    /// How long a connection may take to send its request headers.
    pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
    /// How long an idle keep-alive connection is kept.
    pub const IDLE_TIMEOUT: Duration = Duration::from_secs(60);
    /// How long graceful shutdown waits for callbacks and background work.
    pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(30);
    /// How long after a native call's timestamp its HTTP reply may come.
    pub const NATIVE_BUDGET: Duration = Duration::from_secs(15);
    /// How long a native handler may run in all; past the budget its reply
    /// goes to `response_url`.
    pub const NATIVE_DEADLINE: Duration = Duration::from_secs(120);
    /// The text answered at once when a native handler misses the budget.
    pub const NATIVE_PLACEHOLDER: &str = "Working on it…";
}

/// The signature scheme a bot verifies with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum SignatureScheme {
    /// HMAC-SHA256 over the raw body (the default).
    #[default]
    Body,
    /// HMAC-SHA256 over `<X-Cliq-Timestamp>.<raw body>`, with a tolerance
    /// and replay refusal.
    Timestamped {
        /// How far the timestamp may be from now (whole seconds; 300 s by default).
        tolerance: Duration,
    },
}

impl SignatureScheme {
    /// The timestamped scheme with the default tolerance of 300 s.
    pub fn timestamped() -> Self {
        Self::Timestamped {
            tolerance: DEFAULT_TOLERANCE,
        }
    }
}

/// Server settings: timeouts and the shutdown grace period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ServerConfig {
    pub(crate) header_read_timeout: Duration,
    pub(crate) idle_timeout: Duration,
    pub(crate) shutdown_grace: Duration,
}

/// Builds a [`Bot`]; see [`Bot::builder`].
#[must_use]
pub struct BotBuilder<S = ()> {
    state: S,
    secrets: Vec<SigningSecret>,
    public_keys: Vec<PublicKey>,
    scheme: SignatureScheme,
    custom_scheme: Option<Arc<dyn Scheme>>,
    path: String,
    body_limit: usize,
    deadline: Duration,
    max_in_flight: usize,
    dedup_window: Duration,
    dedup_store: Option<Arc<dyn DedupStore>>,
    clock: Arc<dyn Clock>,
    server: ServerConfig,
    commands: HashMap<String, Arc<dyn ErasedHandler<S, CommandCallback>>>,
    functions: HashMap<String, Arc<dyn ErasedHandler<S, FunctionCallback>>>,
    command_fallback: Option<Arc<dyn ErasedHandler<S, CommandCallback>>>,
    function_fallback: Option<Arc<dyn ErasedHandler<S, FunctionCallback>>>,
    events: Option<Arc<dyn ErasedEvents<S>>>,
    event_table: EventTable<S>,
    native: NativeRoutes<S>,
    native_budget: Duration,
    native_deadline: Duration,
    native_placeholder: NativeReply,
    client: Option<cliq_client::Client>,
    errors: Vec<BuildError>,
}

impl<S> std::fmt::Debug for BotBuilder<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BotBuilder")
            .field("secrets", &self.secrets)
            .field("scheme", &self.scheme)
            .field("path", &self.path)
            .field("commands", &self.commands.keys().collect::<Vec<_>>())
            .field("functions", &self.functions.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl<S> BotBuilder<S>
where
    S: Clone + Send + Sync + 'static,
{
    pub(crate) fn new(state: S) -> Self {
        Self {
            state,
            secrets: Vec::new(),
            public_keys: Vec::new(),
            scheme: SignatureScheme::Body,
            custom_scheme: None,
            path: defaults::PATH.to_owned(),
            body_limit: defaults::BODY_LIMIT,
            deadline: defaults::HANDLER_DEADLINE,
            max_in_flight: defaults::MAX_IN_FLIGHT,
            dedup_window: defaults::DEDUP_WINDOW,
            dedup_store: None,
            clock: Arc::new(SystemClock),
            server: ServerConfig {
                header_read_timeout: defaults::HEADER_READ_TIMEOUT,
                idle_timeout: defaults::IDLE_TIMEOUT,
                shutdown_grace: defaults::SHUTDOWN_GRACE,
            },
            commands: HashMap::new(),
            functions: HashMap::new(),
            command_fallback: None,
            function_fallback: None,
            events: None,
            event_table: EventTable::default(),
            native: NativeRoutes::default(),
            native_budget: defaults::NATIVE_BUDGET,
            native_deadline: defaults::NATIVE_DEADLINE,
            native_placeholder: NativeMessage::builder(defaults::NATIVE_PLACEHOLDER)
                .build()
                .map_or(NativeReply::Empty, NativeReply::Message),
            client: None,
            errors: Vec::new(),
        }
    }

    /// Adds a signing secret. Several may be set while rotating: a signature
    /// valid under any of them is accepted.
    pub fn secret(mut self, secret: impl AsRef<[u8]>) -> Self {
        self.secrets.push(SigningSecret::new(secret));
        self
    }

    /// Adds several signing secrets.
    pub fn secrets<I>(mut self, secrets: I) -> Self
    where
        I: IntoIterator,
        I::Item: AsRef<[u8]>,
    {
        self.secrets
            .extend(secrets.into_iter().map(SigningSecret::new));
        self
    }

    /// Adds secrets already wrapped as [`SigningSecret`]s.
    pub fn signing_secrets(mut self, secrets: impl IntoIterator<Item = SigningSecret>) -> Self {
        self.secrets.extend(secrets);
        self
    }

    /// Accepts native-dialect callbacks signed by the holder of this
    /// extension public key (PEM, or the bare base64 that Cliq shows). Several
    /// may be given; with keys and no secret, only native callbacks verify.
    pub fn native_public_key(mut self, key: &str) -> Self {
        match PublicKey::parse(key) {
            Ok(key) => self.public_keys.push(key),
            Err(error) => self.errors.push(BuildError::InvalidPublicKey {
                index: self.public_keys.len(),
                error,
            }),
        }
        self
    }

    /// The HMAC scheme: [`SignatureScheme::Body`] (default) or timestamped.
    pub fn signature_scheme(mut self, scheme: SignatureScheme) -> Self {
        self.scheme = scheme;
        self
    }

    /// Verifies with a scheme of your own instead of the HMAC schemes
    /// (secrets are then not required).
    pub fn custom_scheme(mut self, scheme: impl Scheme) -> Self {
        self.custom_scheme = Some(Arc::new(scheme));
        self
    }

    /// The callback path (default `/cliq`). It must start with `/`.
    pub fn path(mut self, path: impl Into<String>) -> Self {
        self.path = path.into();
        self
    }

    /// The body limit in bytes, inclusive (default 1 MiB).
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }

    /// How long a handler may run before the callback is answered 504
    /// (default 10 s).
    pub fn handler_deadline(mut self, deadline: Duration) -> Self {
        self.deadline = deadline;
        self
    }

    /// How many callbacks may be in flight; past it, 503 (default 1,024).
    pub fn max_in_flight(mut self, limit: usize) -> Self {
        self.max_in_flight = limit;
        self
    }

    /// How long an event's `(event, message_id)` is remembered (default 10 min).
    pub fn dedup_window(mut self, window: Duration) -> Self {
        self.dedup_window = window;
        self
    }

    /// Where de-duplication keys are kept (default: in memory, bounded).
    pub fn dedup_store(mut self, store: impl DedupStore) -> Self {
        self.dedup_store = Some(Arc::new(store));
        self
    }

    /// The wall clock for timestamps and de-duplication (default: the system's).
    pub fn clock(mut self, clock: impl Clock) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// How long a connection may take to send its headers (default 10 s).
    pub fn header_read_timeout(mut self, timeout: Duration) -> Self {
        self.server.header_read_timeout = timeout;
        self
    }

    /// How long an idle keep-alive connection is kept (default 60 s).
    pub fn idle_timeout(mut self, timeout: Duration) -> Self {
        self.server.idle_timeout = timeout;
        self
    }

    /// How long shutdown waits for callbacks and background work (default 30 s).
    pub fn shutdown_grace(mut self, grace: Duration) -> Self {
        self.server.shutdown_grace = grace;
        self
    }

    /// Handles the slash command `name` (with or without its `/`; matched
    /// ignoring ASCII case).
    pub fn command<H>(mut self, name: &str, handler: H) -> Self
    where
        H: CommandHandler<S>,
    {
        let key = command_key(name);
        if key.is_empty() {
            self.errors.push(BuildError::EmptyName { kind: "command" });
        } else if self.commands.insert(key, command(handler)).is_some() {
            self.errors
                .push(BuildError::DuplicateCommand(name.to_owned()));
        }
        self
    }

    /// Handles clicks on `invoke.function` buttons named `name` (exact match).
    pub fn function<H>(mut self, name: &str, handler: H) -> Self
    where
        H: FunctionHandler<S>,
    {
        if name.is_empty() {
            self.errors.push(BuildError::EmptyName { kind: "function" });
        } else if self
            .functions
            .insert(name.to_owned(), function(handler))
            .is_some()
        {
            self.errors
                .push(BuildError::DuplicateFunction(name.to_owned()));
        }
        self
    }

    /// Handles commands no other handler serves.
    pub fn command_fallback<H>(mut self, handler: H) -> Self
    where
        H: CommandHandler<S>,
    {
        if self.command_fallback.replace(command(handler)).is_some() {
            self.errors
                .push(BuildError::DuplicateFallback { kind: "command" });
        }
        self
    }

    /// Handles functions no other handler serves.
    pub fn function_fallback<H>(mut self, handler: H) -> Self
    where
        H: FunctionHandler<S>,
    {
        if self.function_fallback.replace(function(handler)).is_some() {
            self.errors
                .push(BuildError::DuplicateFallback { kind: "function" });
        }
        self
    }

    /// The outbound client handlers get from
    /// [`Context::client`](crate::Context::client); it also posts late
    /// native replies.
    pub fn client(mut self, client: cliq_client::Client) -> Self {
        self.client = Some(client);
        self
    }

    /// How long after a native call's `timestamp` its HTTP reply may come
    /// (default 15 s); a handler still running then is answered with the
    /// placeholder and its reply is POSTed to `response_url`.
    pub fn native_budget(mut self, budget: Duration) -> Self {
        self.native_budget = budget;
        self
    }

    /// How long a native handler may run in all (default 120 s).
    pub fn native_deadline(mut self, deadline: Duration) -> Self {
        self.native_deadline = deadline;
        self
    }

    /// What a native call is answered with at once when its handler misses
    /// the budget (default: a short "Working on it…" message).
    pub fn native_placeholder(mut self, reply: impl Into<NativeReply>) -> Self {
        self.native_placeholder = reply.into();
        self
    }

    /// Handles native calls of `component` and `handler` for the component
    /// named `name` (`None`: any name). Command names ignore `/` and case.
    pub fn native<H>(
        mut self,
        component: Component,
        handler: HandlerType,
        name: Option<&str>,
        native_handler: H,
    ) -> Self
    where
        H: NativeHandler<S>,
    {
        let key = NativeKey::new(component, handler, name);
        let shown = key.to_string();
        if self
            .native
            .handlers
            .insert(key, native_routes::erase(native_handler))
            .is_some()
        {
            self.errors.push(BuildError::DuplicateNative(shown));
        }
        self
    }

    /// Handles one handler of the bot `bot` (its `name`), such as
    /// [`HandlerType::MessageHandler`] or [`HandlerType::WelcomeHandler`].
    pub fn bot_handler<H>(self, bot: &str, handler: HandlerType, native_handler: H) -> Self
    where
        H: NativeHandler<S>,
    {
        self.native(Component::Bot, handler, Some(bot), native_handler)
    }

    /// Suggests arguments while a user types the command `command`.
    pub fn command_suggestions<H>(self, command: &str, native_handler: H) -> Self
    where
        H: NativeHandler<S>,
    {
        self.native(
            Component::Command,
            HandlerType::SuggestionHandler,
            Some(command),
            native_handler,
        )
    }

    /// Handles the message action `name`.
    pub fn message_action<H>(self, name: &str, native_handler: H) -> Self
    where
        H: NativeHandler<S>,
    {
        self.native(
            Component::MessageAction,
            HandlerType::ExecutionHandler,
            Some(name),
            native_handler,
        )
    }

    /// Handles submissions of forms whose action calls `function`.
    pub fn form<H>(self, function: &str, native_handler: H) -> Self
    where
        H: NativeHandler<S>,
    {
        self.native(
            Component::Function,
            HandlerType::FormHandler,
            Some(function),
            native_handler,
        )
    }

    /// Draws the widget `name`.
    pub fn widget<H>(self, name: &str, native_handler: H) -> Self
    where
        H: NativeHandler<S>,
    {
        self.native(
            Component::Widget,
            HandlerType::ViewHandler,
            Some(name),
            native_handler,
        )
    }

    /// Handles one link-preview handler (unfurl, button, menu, after send).
    pub fn link_preview<H>(self, handler: HandlerType, native_handler: H) -> Self
    where
        H: NativeHandler<S>,
    {
        self.native(Component::LinkPreview, handler, None, native_handler)
    }

    /// Handles one extension handler (installation, validation, removal).
    pub fn extension<H>(self, handler: HandlerType, native_handler: H) -> Self
    where
        H: NativeHandler<S>,
    {
        self.native(Component::Extension, handler, None, native_handler)
    }

    /// Handles native calls nothing else serves.
    pub fn native_fallback<H>(mut self, native_handler: H) -> Self
    where
        H: NativeHandler<S>,
    {
        if self
            .native
            .fallback
            .replace(native_routes::erase(native_handler))
            .is_some()
        {
            self.errors
                .push(BuildError::DuplicateFallback { kind: "native" });
        }
        self
    }

    /// Handles every event with one [`EventHandler`].
    pub fn events<H>(mut self, handler: H) -> Self
    where
        H: EventHandler<S>,
    {
        if self.events.replace(Arc::new(Events(handler))).is_some() {
            self.errors.push(BuildError::DuplicateEvent("events"));
        }
        self
    }

    fn event_slot<In, F, Fut, E>(
        mut self,
        name: &'static str,
        slot: impl FnOnce(
            &mut EventTable<S>,
        ) -> &mut Option<Arc<dyn crate::handler::erased::ErasedEvent<S, In>>>,
        handler: F,
    ) -> Self
    where
        In: 'static,
        F: Fn(Context<S>, In) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), E>> + Send + 'static,
        E: Into<BoxError>,
    {
        if slot(&mut self.event_table)
            .replace(Arc::new(EventFn(handler)))
            .is_some()
        {
            self.errors.push(BuildError::DuplicateEvent(name));
        }
        self
    }

    /// Handles `message.created` with a closure.
    pub fn on_message<F, Fut, E>(self, handler: F) -> Self
    where
        F: Fn(Context<S>, MessageEvent) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), E>> + Send + 'static,
        E: Into<BoxError>,
    {
        self.event_slot("message.created", |t| &mut t.message, handler)
    }

    /// Handles `mention` with a closure.
    pub fn on_mention<F, Fut, E>(self, handler: F) -> Self
    where
        F: Fn(Context<S>, MessageEvent) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), E>> + Send + 'static,
        E: Into<BoxError>,
    {
        self.event_slot("mention", |t| &mut t.mention, handler)
    }

    /// Handles `bot.mention` with a closure.
    pub fn on_bot_mention<F, Fut, E>(self, handler: F) -> Self
    where
        F: Fn(Context<S>, MessageEvent) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), E>> + Send + 'static,
        E: Into<BoxError>,
    {
        self.event_slot("bot.mention", |t| &mut t.bot_mention, handler)
    }

    /// Handles `channel.created` with a closure.
    pub fn on_channel_created<F, Fut, E>(self, handler: F) -> Self
    where
        F: Fn(Context<S>, ChannelCreated) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), E>> + Send + 'static,
        E: Into<BoxError>,
    {
        self.event_slot("channel.created", |t| &mut t.channel_created, handler)
    }

    /// Handles `channel.member.added` with a closure.
    pub fn on_member_added<F, Fut, E>(self, handler: F) -> Self
    where
        F: Fn(Context<S>, MemberEvent) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), E>> + Send + 'static,
        E: Into<BoxError>,
    {
        self.event_slot("channel.member.added", |t| &mut t.member_added, handler)
    }

    /// Handles `channel.member.removed` with a closure.
    pub fn on_member_removed<F, Fut, E>(self, handler: F) -> Self
    where
        F: Fn(Context<S>, MemberEvent) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), E>> + Send + 'static,
        E: Into<BoxError>,
    {
        self.event_slot("channel.member.removed", |t| &mut t.member_removed, handler)
    }

    /// Handles events this version does not know, with a closure.
    pub fn on_unknown_event<F, Fut, E>(self, handler: F) -> Self
    where
        F: Fn(Context<S>, UnknownEvent) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), E>> + Send + 'static,
        E: Into<BoxError>,
    {
        self.event_slot("unknown", |t| &mut t.unknown, handler)
    }

    /// Checks the configuration and builds the bot.
    ///
    /// # Errors
    /// [`BuildError`] for a bot without a secret, an empty secret, a path not
    /// starting with `/`, a zero limit, or a handler registered twice.
    pub fn build(self) -> Result<Bot<S>, BuildError> {
        if let Some(error) = self.errors.into_iter().next() {
            return Err(error);
        }
        if !self.path.starts_with('/') {
            return Err(BuildError::InvalidPath(self.path));
        }
        if self.body_limit == 0 || self.max_in_flight == 0 || self.deadline.is_zero() {
            return Err(BuildError::ZeroLimit);
        }
        let events = match (self.events, self.event_table.is_empty()) {
            (Some(_), false) => return Err(BuildError::DuplicateEvent("events")),
            (Some(events), true) => Some(events),
            (None, false) => Some(Arc::new(self.event_table) as Arc<dyn ErasedEvents<S>>),
            (None, true) => None,
        };
        let scheme = match self.custom_scheme {
            Some(scheme) => scheme,
            None => {
                if self.secrets.is_empty() && self.public_keys.is_empty() {
                    return Err(BuildError::NoSecret);
                }
                if let Some(index) = self.secrets.iter().position(SigningSecret::is_empty) {
                    return Err(BuildError::EmptySecret { index });
                }
                let mode = match self.scheme {
                    SignatureScheme::Body => HmacMode::Body,
                    SignatureScheme::Timestamped { tolerance } => {
                        HmacMode::Timestamped { tolerance }
                    }
                };
                let mut schemes: Vec<Arc<dyn Scheme>> = Vec::new();
                if !self.secrets.is_empty() {
                    schemes.push(Arc::new(HmacScheme::new(
                        self.secrets,
                        mode,
                        ReplayCache::default(),
                        Arc::clone(&self.clock),
                    )));
                }
                if !self.public_keys.is_empty() {
                    schemes.push(Arc::new(RsaScheme::new(self.public_keys)));
                }
                match schemes.len() {
                    1 => schemes.remove(0),
                    _ => Arc::new(AnyScheme::new(schemes)),
                }
            }
        };
        Ok(Bot::from_inner(BotInner {
            state: self.state,
            scheme,
            path: self.path,
            body_limit: self.body_limit,
            deadline: self.deadline,
            in_flight: crate::bot::InFlight::new(self.max_in_flight),
            dedup_window: self.dedup_window,
            dedup: self
                .dedup_store
                .unwrap_or_else(|| Arc::new(MemoryDedupStore::default())),
            clock: self.clock,
            server: self.server,
            routes: Routes {
                commands: self.commands,
                functions: self.functions,
                command_fallback: self.command_fallback,
                function_fallback: self.function_fallback,
                events,
            },
            native: NativeConfig {
                routes: self.native,
                budget: self.native_budget,
                deadline: self.native_deadline,
                placeholder: self.native_placeholder,
                poster: match &self.client {
                    Some(client) => client.clone(),
                    None => cliq_client::Client::builder()
                        .tokenless()
                        .build()
                        .map_err(|_| BuildError::NoHttpClient)?,
                },
            },
            client: self.client,
            runtime: Arc::new(Runtime::default()),
        }))
    }
}

/// The key a command is registered and looked up under: no `/`, lower case.
pub(crate) fn command_key(name: &str) -> String {
    name.strip_prefix('/').unwrap_or(name).to_ascii_lowercase()
}
