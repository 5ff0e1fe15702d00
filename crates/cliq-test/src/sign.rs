//! Signing what the kit sends: HMAC with the bot's secret in its scheme, or
//! RSA with the kit's extension key for the native dialect.

use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

use aws_lc_rs::encoding::AsDer as _;
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::rsa::{KeyPair, KeySize};
use aws_lc_rs::signature::{KeyPair as _, RSA_PKCS1_SHA256};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use cliq_bot::SignatureScheme;
use cliq_bot::verify::{SIGNATURE_HEADER, SigningSecret, TIMESTAMP_HEADER};

use crate::error::{KitError, KitErrorKind};

/// The signature options every call builder offers.
macro_rules! signing_setters {
    () => {
        /// Signs as if sent at `time`: the `X-Cliq-Timestamp` of the
        /// timestamped scheme (default: the kit's clock when awaited). Sign
        /// at [`TestKit::now`](crate::TestKit::now), then
        /// [`advance`](crate::TestKit::advance) the clock, and the bot sees
        /// a stale request.
        pub fn signed_at(mut self, time: std::time::SystemTime) -> Self {
            self.signing.at = Some(time);
            self
        }

        /// Sends no signature (nor timestamp) header.
        pub fn unsigned(mut self) -> Self {
            self.signing.key = $crate::sign::Key::Unsigned;
            self
        }

        /// Signs with `secret` instead of the bot's, in the kit's scheme.
        pub fn signed_with(mut self, secret: impl AsRef<[u8]>) -> Self {
            self.signing.key =
                $crate::sign::Key::Secret(cliq_bot::verify::SigningSecret::new(secret));
            self
        }
    };
}

/// How one request is signed.
#[derive(Clone, Debug, Default)]
pub(crate) struct Signing {
    pub(crate) at: Option<SystemTime>,
    pub(crate) key: Key,
}

/// Which key signs a request.
#[derive(Clone, Debug, Default)]
pub(crate) enum Key {
    /// The bot's own: its secret, or the kit's RSA key for a native call.
    #[default]
    Kit,
    /// None at all.
    Unsigned,
    /// Another HMAC secret.
    Secret(SigningSecret),
}

/// Which dialect a body speaks, and so how the kit's key signs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Dialect {
    /// PROTOCOL.md: HMAC-SHA256 in the bot's scheme.
    Contract,
    /// The native dialect: RSA PKCS#1 v1.5 with SHA-256, base64.
    Native,
}

/// The bot's secret and scheme, as the kit signs with them.
#[derive(Debug)]
pub(crate) struct Signer {
    pub(crate) secret: SigningSecret,
    pub(crate) scheme: SignatureScheme,
}

impl Signer {
    /// The signature headers for `body`.
    pub(crate) fn headers(
        &self,
        body: &[u8],
        signing: &Signing,
        dialect: Dialect,
        now: SystemTime,
    ) -> Result<Vec<(&'static str, String)>, KitError> {
        let secret = match (&signing.key, dialect) {
            (Key::Unsigned, _) => return Ok(Vec::new()),
            (Key::Kit, Dialect::Native) => {
                return Ok(vec![(SIGNATURE_HEADER, native_key()?.sign(body)?)]);
            }
            (Key::Kit, Dialect::Contract) => &self.secret,
            (Key::Secret(secret), _) => secret,
        };
        if !matches!(self.scheme, SignatureScheme::Timestamped { .. }) {
            return Ok(vec![(SIGNATURE_HEADER, secret.sign(&[body]))]);
        }
        let seconds = unix_seconds(signing.at.unwrap_or(now)).to_string();
        let signature = secret.sign(&[seconds.as_bytes(), b".", body]);
        Ok(vec![
            (SIGNATURE_HEADER, signature),
            (TIMESTAMP_HEADER, seconds),
        ])
    }
}

/// Whole seconds since the Unix epoch (0 before it).
pub(crate) fn unix_seconds(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}

/// Milliseconds since the Unix epoch (0 before it), as native calls carry.
pub(crate) fn unix_millis(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH).map_or(0, |elapsed| {
        u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX)
    })
}

/// The kit's extension key pair, made once per test binary (RSA key
/// generation takes a while).
pub(crate) struct NativeKey {
    pair: KeyPair,
    /// The SubjectPublicKeyInfo in base64, as Cliq shows an extension's key.
    pub(crate) public_base64: String,
}

impl NativeKey {
    fn generate() -> Option<Self> {
        let pair = KeyPair::generate(KeySize::Rsa2048).ok()?;
        let der = pair.public_key().as_der().ok()?;
        let public_base64 = STANDARD.encode(der.as_ref());
        Some(Self {
            pair,
            public_base64,
        })
    }

    fn sign(&self, message: &[u8]) -> Result<String, KitError> {
        let mut signature = vec![0; self.pair.public_modulus_len()];
        self.pair
            .sign(
                &RSA_PKCS1_SHA256,
                &SystemRandom::new(),
                message,
                &mut signature,
            )
            .map_err(|_| KitError::bare(KitErrorKind::Request))?;
        Ok(STANDARD.encode(signature))
    }
}

/// The kit's extension key pair.
pub(crate) fn native_key() -> Result<&'static NativeKey, KitError> {
    static KEY: OnceLock<Option<NativeKey>> = OnceLock::new();
    KEY.get_or_init(NativeKey::generate)
        .as_ref()
        .ok_or_else(|| KitError::bare(KitErrorKind::Request))
}
