//! [`TestKit`]: a bot driven in process through its real router, and the
//! builder that wires the bot to the kit's secret, clock and emulator.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use axum::Router;
use axum::body::Body;
use cliq_bot::{Bot, BoxError};
use cliq_client::Client;
use cliq_emulator::Emulator;
use cliq_events::callback::{ChannelRef, UserRef};
use cliq_events::timestamp::Timestamp;
use http::header::CONTENT_TYPE;
use tower::ServiceExt as _;

use crate::clock::ManualClock;
use crate::error::{KitError, KitErrorKind};
use crate::reply::Reply;
use crate::setup::{Setup, TestKitBuilder};
use crate::sign::{Dialect, Signer, Signing, unix_seconds};

/// A bot under test, driven in process — no socket — through the router it
/// serves ([`Bot::into_router`]) and the verification in front of it.
///
/// Every callback the kit sends is a contract-exact payload signed with the
/// bot's own secret in its scheme (or the kit's RSA key for the native
/// dialect) and stamped by the kit's [`ManualClock`], which the bot also
/// reads. The answer comes back as a typed [`Reply`]. See the
/// [crate docs](crate) for a tour.
pub struct TestKit<S = ()> {
    pub(crate) bot: Bot<S>,
    router: Router,
    signer: Signer,
    pub(crate) clock: ManualClock,
    pub(crate) outbound: Option<Outbound>,
    pub(crate) user: UserRef,
    pub(crate) channel: ChannelRef,
    sequence: AtomicU64,
}

/// The emulated Cliq the bot's outbound client talks to.
#[derive(Debug)]
pub(crate) struct Outbound {
    pub(crate) emulator: Emulator,
    pub(crate) client: Client,
}

/// One request, ready to be signed and sent.
#[derive(Debug)]
pub(crate) struct Outgoing {
    pub(crate) body: Vec<u8>,
    pub(crate) signing: Signing,
    pub(crate) dialect: Dialect,
    pub(crate) method: String,
    pub(crate) path: Option<String>,
    pub(crate) content_type: Option<String>,
    pub(crate) headers: Vec<(String, String)>,
}

impl Outgoing {
    /// A JSON `POST` to the bot's callback path.
    pub(crate) fn json(body: Vec<u8>, signing: Signing, dialect: Dialect) -> Self {
        Self {
            body,
            signing,
            dialect,
            method: "POST".to_owned(),
            path: None,
            content_type: Some("application/json".to_owned()),
            headers: Vec::new(),
        }
    }
}

impl<S> std::fmt::Debug for TestKit<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestKit")
            .field("bot", &self.bot)
            .field("clock", &self.clock)
            .field("emulator", &self.outbound.as_ref().map(|o| &o.emulator))
            .finish_non_exhaustive()
    }
}

impl TestKit<()> {
    /// Starts a kit with options: the timestamped scheme, an emulator, a
    /// start time, default user and channel.
    pub fn builder() -> TestKitBuilder {
        TestKitBuilder::default()
    }
}

impl<S> TestKit<S>
where
    S: Clone + Send + Sync + 'static,
{
    /// A kit around the bot `bot` builds from the kit's [`Setup`]: call
    /// [`Setup::apply`] on your `BotBuilder` so the bot verifies with the
    /// kit's secret and reads its clock. Body scheme, no emulator.
    ///
    /// # Errors
    /// [`KitErrorKind::Build`] when `bot` fails.
    pub fn new<F, E>(bot: F) -> Result<Self, KitError>
    where
        F: FnOnce(&Setup) -> Result<Bot<S>, E>,
        E: Into<BoxError>,
    {
        TestKit::builder().assemble(None, bot)
    }

    /// As [`new`](Self::new), with an emulated Cliq on `127.0.0.1:0`:
    /// [`Setup::apply`] hands the bot a client pointed at it, and
    /// [`sent_to`](Self::sent_to) shows what the bot posted.
    ///
    /// # Errors
    /// [`KitErrorKind::Emulator`] when it cannot start;
    /// [`KitErrorKind::Build`] when `bot` fails.
    pub async fn with_emulator<F, E>(bot: F) -> Result<Self, KitError>
    where
        F: FnOnce(&Setup) -> Result<Bot<S>, E>,
        E: Into<BoxError>,
    {
        TestKit::builder().emulator().build(bot).await
    }

    pub(crate) fn from_parts(bot: Bot<S>, setup: Setup, outbound: Option<Outbound>) -> Self {
        let (signer, clock, user, channel) = setup.into_parts();
        Self {
            router: bot.clone().into_router(),
            bot,
            signer,
            clock,
            outbound,
            user,
            channel,
            sequence: AtomicU64::new(0),
        }
    }

    /// The bot under test.
    pub fn bot(&self) -> &Bot<S> {
        &self.bot
    }

    /// Waits until every handler and all the background work they started
    /// ([`Context::spawn`](cliq_bot::Context::spawn), late native replies)
    /// is done — so that a test does not end, or assert, early.
    pub async fn settle(&self) {
        self.bot.settle().await;
    }

    /// The kit's clock, which the bot reads too.
    pub fn clock(&self) -> &ManualClock {
        &self.clock
    }

    /// The time on the kit's clock.
    pub fn now(&self) -> SystemTime {
        self.clock.time()
    }

    /// Moves the clock forward: de-duplication windows pass, timestamps
    /// signed before go stale. Tokio's timers do not move (see
    /// [Deadlines](crate#deadlines)).
    pub fn advance(&self, by: Duration) {
        self.clock.advance(by);
    }

    /// Sets the clock to `time`.
    pub fn set_time(&self, time: SystemTime) {
        self.clock.set(time);
    }

    /// The user callbacks come from unless told otherwise: John Doe,
    /// `9876543210` (the emulator's own user).
    pub fn user(&self) -> &UserRef {
        &self.user
    }

    /// The channel callbacks come from unless told otherwise: Development,
    /// `CT_1234567890` (the emulator's seeded channel).
    pub fn channel(&self) -> &ChannelRef {
        &self.channel
    }

    /// The kit's clock as a payload timestamp.
    pub(crate) fn timestamp(&self) -> Option<Timestamp> {
        i64::try_from(unix_seconds(self.now()))
            .ok()
            .and_then(|seconds| Timestamp::from_unix_seconds(seconds).ok())
    }

    /// A fresh id: `{prefix}_kit_{n}`.
    pub(crate) fn fresh_id(&self, prefix: &str) -> String {
        let n = self.sequence.fetch_add(1, Ordering::Relaxed) + 1;
        format!("{prefix}_kit_{n}")
    }

    /// Signs `outgoing` and sends it through the bot's router.
    pub(crate) async fn deliver(&self, outgoing: Outgoing) -> Result<Reply, KitError> {
        let signature = self.signer.headers(
            &outgoing.body,
            &outgoing.signing,
            outgoing.dialect,
            self.now(),
        )?;
        let mut request = http::Request::builder()
            .method(outgoing.method.as_str())
            .uri(outgoing.path.as_deref().unwrap_or(self.bot.path()));
        if let Some(content_type) = &outgoing.content_type {
            request = request.header(CONTENT_TYPE, content_type);
        }
        for (name, value) in signature.iter().map(|(n, v)| (*n, v.as_str())) {
            request = request.header(name, value);
        }
        for (name, value) in &outgoing.headers {
            request = request.header(name, value);
        }
        let request = request
            .body(Body::from(outgoing.body))
            .map_err(|error| KitError::new(KitErrorKind::Request, error))?;
        let Ok(response) = self.router.clone().oneshot(request).await;
        let status = response.status().as_u16();
        let request_id = response
            .headers()
            .get("x-request-id")
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .map_err(|error| KitError::new(KitErrorKind::Response, error))?;
        Ok(Reply::read(status, request_id, &bytes))
    }
}
