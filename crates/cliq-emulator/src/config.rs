//! How an emulator is set up: token lifetime, rate limit, signing secret,
//! RSA key and latency.

use std::fmt;
use std::time::Duration;

/// The settings of an [`Emulator`](crate::Emulator).
///
/// Start from [`EmulatorConfig::default`] and change what the test needs:
///
/// ```
/// use std::time::Duration;
/// use cliq_emulator::{EmulatorConfig, RateLimit};
///
/// let config = EmulatorConfig {
///     rate_limit: Some(RateLimit { per_minute: 30 }),
///     access_token_lifetime: Duration::from_secs(60),
///     ..EmulatorConfig::default()
/// };
/// # let _ = config;
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct EmulatorConfig {
    /// How long an issued access token stays valid (3,600 s by default, as Zoho's).
    pub access_token_lifetime: Duration,
    /// The API's rate limit; `None` (the default) never answers 429 on its own,
    /// but still sends the `X-RateLimit-*` headers with a generous limit of
    /// [`UNLIMITED_RATE_LIMIT`](crate::UNLIMITED_RATE_LIMIT) calls a minute.
    pub rate_limit: Option<RateLimit>,
    /// The secret callbacks and outgoing-webhook events are signed with
    /// (`emulator-secret` by default).
    pub signing_secret: String,
    /// Added to every REST response (zero by default).
    pub latency: Duration,
    /// The RSA private key native callbacks are signed with, as unencrypted
    /// PKCS #8 DER. `None` (the default) uses a 2048-bit key made once per
    /// process and shared by every emulator without a key of its own.
    pub rsa_key_pkcs8: Option<Vec<u8>>,
}

impl EmulatorConfig {
    /// The signing secret used when none is configured.
    pub const DEFAULT_SIGNING_SECRET: &'static str = "emulator-secret";
    /// The access-token lifetime used when none is configured.
    pub const DEFAULT_TOKEN_LIFETIME: Duration = Duration::from_secs(3600);
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        Self {
            access_token_lifetime: Self::DEFAULT_TOKEN_LIFETIME,
            rate_limit: None,
            signing_secret: Self::DEFAULT_SIGNING_SECRET.to_owned(),
            latency: Duration::ZERO,
            rsa_key_pkcs8: None,
        }
    }
}

impl fmt::Debug for EmulatorConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EmulatorConfig")
            .field("access_token_lifetime", &self.access_token_lifetime)
            .field("rate_limit", &self.rate_limit)
            .field("signing_secret", &"***")
            .field("latency", &self.latency)
            .field("rsa_key_pkcs8", &self.rsa_key_pkcs8.as_ref().map(|_| "***"))
            .finish()
    }
}

/// A rate limit: how many REST calls one minute may hold.
///
/// Windows are fixed: the first call after a window ends opens the next one,
/// sixty seconds long. Every `/api/v2` call counts, whatever its outcome, and a
/// call past the limit is answered `429 RATE_LIMIT_EXCEEDED` with
/// `X-RateLimit-Reset` at the window's end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RateLimit {
    /// Calls allowed per window of sixty seconds.
    pub per_minute: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_signing_secret_and_the_key() {
        let config = EmulatorConfig {
            signing_secret: "hunter2".to_owned(),
            rsa_key_pkcs8: Some(b"private key".to_vec()),
            ..EmulatorConfig::default()
        };
        let printed = format!("{config:?}");
        assert!(!printed.contains("hunter2"), "{printed}");
        assert!(!printed.contains("112, 114"), "{printed}");
        assert!(printed.contains("***"));
    }
}
