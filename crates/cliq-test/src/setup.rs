//! [`TestKitBuilder`] and the [`Setup`] a bot is built from: the kit's
//! secret, scheme, clock, extension key and outbound client.

use std::fmt;
use std::hash::{BuildHasher, RandomState};
use std::time::SystemTime;

use cliq_bot::env::EnvConfig;
use cliq_bot::verify::SigningSecret;
use cliq_bot::{Bot, BotBuilder, BoxError, SignatureScheme};
use cliq_client::Client;
use cliq_emulator::Emulator;
use cliq_events::callback::{ChannelRef, UserRef};

use crate::clock::ManualClock;
use crate::error::{KitError, KitErrorKind};
use crate::kit::{Outbound, TestKit};
use crate::sign::{Signer, native_key};

/// What the kit gives the bot it tests: call [`apply`](Self::apply) on the
/// bot's builder.
pub struct Setup {
    secret: String,
    scheme: SignatureScheme,
    clock: ManualClock,
    client: Option<Client>,
    native_key: &'static str,
    user: UserRef,
    channel: ChannelRef,
}

impl fmt::Debug for Setup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Setup")
            .field("secret", &"***")
            .field("scheme", &self.scheme)
            .field("clock", &self.clock)
            .field("client", &self.client.is_some())
            .finish_non_exhaustive()
    }
}

impl Setup {
    /// Sets on `builder` the kit's secret and scheme, its clock, its
    /// extension public key (for native calls) and, with an emulator, the
    /// outbound client pointed at it.
    pub fn apply<S>(&self, builder: BotBuilder<S>) -> BotBuilder<S>
    where
        S: Clone + Send + Sync + 'static,
    {
        let builder = builder
            .secret(&self.secret)
            .signature_scheme(self.scheme)
            .clock(self.clock.clone())
            .native_public_key(self.native_key);
        match &self.client {
            Some(client) => builder.client(client.clone()),
            None => builder,
        }
    }

    /// The kit's secret and scheme as `CLIQ_*` settings, for bots whose
    /// builder takes an [`EnvConfig`] (the timestamped scheme gets the
    /// default tolerance); still [`apply`](Self::apply) the rest.
    pub fn env_config(&self) -> EnvConfig {
        let scheme = match self.scheme {
            SignatureScheme::Timestamped { .. } => "timestamped",
            _ => "body",
        };
        let config = EnvConfig::from_lookup(|name| match name {
            "CLIQ_SIGNING_SECRET" => Some(self.secret.clone()),
            "CLIQ_SIGNATURE_SCHEME" => Some(scheme.to_owned()),
            _ => None,
        });
        // The builder refused secrets `CLIQ_SIGNING_SECRET` cannot carry.
        config.unwrap_or_else(|error| unreachable!("the kit's settings are valid: {error}"))
    }

    /// The kit's signing secret.
    pub fn secret(&self) -> SigningSecret {
        SigningSecret::new(&self.secret)
    }

    /// The kit's signature scheme.
    pub fn scheme(&self) -> SignatureScheme {
        self.scheme
    }

    /// The kit's clock (a handle on the same time).
    pub fn clock(&self) -> ManualClock {
        self.clock.clone()
    }

    /// The client pointed at the emulator, with one.
    pub fn client(&self) -> Option<&Client> {
        self.client.as_ref()
    }

    /// The kit's extension public key: the base64 SubjectPublicKeyInfo, as
    /// Cliq shows it.
    pub fn native_public_key(&self) -> &str {
        self.native_key
    }

    pub(crate) fn into_parts(self) -> (Signer, ManualClock, UserRef, ChannelRef) {
        let signer = Signer {
            secret: SigningSecret::new(&self.secret),
            scheme: self.scheme,
        };
        (signer, self.clock, self.user, self.channel)
    }
}

/// Builds a [`TestKit`]; see [`TestKit::builder`].
#[must_use]
pub struct TestKitBuilder {
    secret: String,
    scheme: SignatureScheme,
    emulator: bool,
    start: Option<SystemTime>,
    user: UserRef,
    channel: ChannelRef,
}

impl fmt::Debug for TestKitBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TestKitBuilder")
            .field("secret", &"***")
            .field("scheme", &self.scheme)
            .field("emulator", &self.emulator)
            .field("start", &self.start)
            .finish_non_exhaustive()
    }
}

impl Default for TestKitBuilder {
    fn default() -> Self {
        let noise = RandomState::new().hash_one(SystemTime::now());
        Self {
            secret: format!("cliq-test-{noise:016x}"),
            scheme: SignatureScheme::Body,
            emulator: false,
            start: None,
            user: UserRef::new("9876543210", "John Doe"),
            channel: ChannelRef::new("CT_1234567890", "Development"),
        }
    }
}

impl TestKitBuilder {
    /// The signing secret (default: a random one per kit). It must be
    /// non-empty, without commas or surrounding white space.
    pub fn secret(mut self, secret: impl Into<String>) -> Self {
        self.secret = secret.into();
        self
    }

    /// The signature scheme (default: [`SignatureScheme::Body`]).
    pub fn scheme(mut self, scheme: SignatureScheme) -> Self {
        self.scheme = scheme;
        self
    }

    /// The timestamped scheme with its default tolerance of 300 s.
    pub fn timestamped(self) -> Self {
        self.scheme(SignatureScheme::timestamped())
    }

    /// Starts an emulated Cliq for what the bot sends (see
    /// [`TestKit::with_emulator`]).
    pub fn emulator(mut self) -> Self {
        self.emulator = true;
        self
    }

    /// What the clock shows at first (default: the system's time, rounded
    /// down to the second).
    pub fn start_time(mut self, time: SystemTime) -> Self {
        self.start = Some(time);
        self
    }

    /// The user callbacks come from by default.
    pub fn user(mut self, user: UserRef) -> Self {
        self.user = user;
        self
    }

    /// The channel callbacks come from by default (with an emulator, one
    /// it knows).
    pub fn channel(mut self, channel: ChannelRef) -> Self {
        self.channel = channel;
        self
    }

    /// Starts the emulator if asked, then builds the bot with `bot`.
    ///
    /// # Errors
    /// [`KitErrorKind::Build`] for an unusable secret or when `bot` fails;
    /// [`KitErrorKind::Emulator`] when the emulator cannot start.
    pub async fn build<S, F, E>(self, bot: F) -> Result<TestKit<S>, KitError>
    where
        S: Clone + Send + Sync + 'static,
        F: FnOnce(&Setup) -> Result<Bot<S>, E>,
        E: Into<BoxError>,
    {
        let outbound = if self.emulator {
            Some(start_emulator().await?)
        } else {
            None
        };
        self.assemble(outbound, bot)
    }

    pub(crate) fn assemble<S, F, E>(
        self,
        outbound: Option<Outbound>,
        bot: F,
    ) -> Result<TestKit<S>, KitError>
    where
        S: Clone + Send + Sync + 'static,
        F: FnOnce(&Setup) -> Result<Bot<S>, E>,
        E: Into<BoxError>,
    {
        let secret = self.secret.trim();
        if secret.is_empty() || secret.len() != self.secret.len() || secret.contains(',') {
            return Err(KitError::new(
                KitErrorKind::Build,
                "the kit's secret must be non-empty, without commas or surrounding white space",
            ));
        }
        let setup = Setup {
            native_key: native_key()?.public_base64.as_str(),
            secret: self.secret,
            scheme: self.scheme,
            clock: self
                .start
                .map_or_else(ManualClock::starting_now, ManualClock::new),
            client: outbound.as_ref().map(|o| o.client.clone()),
            user: self.user,
            channel: self.channel,
        };
        let built = bot(&setup).map_err(|error| KitError::new(KitErrorKind::Build, error))?;
        Ok(TestKit::from_parts(built, setup, outbound))
    }
}

async fn start_emulator() -> Result<Outbound, KitError> {
    let emulator = Emulator::start()
        .await
        .map_err(|error| KitError::new(KitErrorKind::Emulator, error))?;
    let client = emulator_client(&emulator)?;
    Ok(Outbound { emulator, client })
}

/// An outbound client aimed at `emulator`: its REST API, its token
/// endpoint and its access token.
///
/// # Errors
/// The client cannot be built.
pub fn emulator_client(emulator: &Emulator) -> Result<Client, KitError> {
    Client::builder()
        .base_url(emulator.base_url())
        .accounts_url(emulator.base_url())
        .access_token(emulator.access_token())
        .build()
        .map_err(|error| KitError::new(KitErrorKind::Emulator, error))
}
