//! Signature verification: the pure checks over secret, headers and raw bytes.
//!
//! [`Scheme`] is what the receiver calls; [`HmacScheme`] implements the two
//! HMAC-SHA256 schemes of the contract. [`VerifyLayer`] wraps any scheme as a
//! tower layer that also enforces the media type and the body limit.

mod layer;
mod replay;
mod rsa;
pub(crate) mod service;
mod stringify;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use hmac::{Hmac, Mac};
use http::{HeaderMap, HeaderName};
use sha2::Sha256;

pub use layer::VerifyLayer;
pub use replay::{DEFAULT_REPLAY_CAPACITY, ReplayCache};
pub use rsa::{KeyError, PublicKey, RsaScheme};
pub use service::{VerifiedBody, VerifyService};

use crate::clock::Clock;
use crate::rejection::Rejection;

/// The signature header.
pub const SIGNATURE_HEADER: &str = "x-cliq-signature";
/// The timestamp header of the timestamped scheme.
pub const TIMESTAMP_HEADER: &str = "x-cliq-timestamp";
/// The most signatures one request may carry.
pub const MAX_SIGNATURES: usize = 8;
/// The default tolerance of the timestamped scheme.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(300);

type HmacSha256 = Hmac<Sha256>;

/// A shared signing secret. Its `Debug` output is `***`; it has no `Display`.
///
/// It keeps the HMAC state keyed with the secret rather than the secret
/// itself: each signature starts from a copy of that state instead of
/// hashing the key again.
#[derive(Clone)]
pub struct SigningSecret(Arc<Keyed>);

struct Keyed {
    mac: HmacSha256,
    empty: bool,
}

impl SigningSecret {
    /// Wraps the secret's bytes.
    pub fn new(secret: impl AsRef<[u8]>) -> Self {
        let secret = secret.as_ref();
        // HMAC takes keys of any length, so this cannot fail.
        let mac = <HmacSha256 as Mac>::new_from_slice(secret).unwrap_or_else(|_| unreachable!());
        Self(Arc::new(Keyed {
            mac,
            empty: secret.is_empty(),
        }))
    }

    /// Whether the secret has no bytes (which the builder refuses).
    pub fn is_empty(&self) -> bool {
        self.0.empty
    }

    fn mac(&self) -> HmacSha256 {
        self.0.mac.clone()
    }

    /// Signs a message made of `parts`, as hex: what a sender puts in
    /// `X-Cliq-Signature` (after `sha256=`, which is optional).
    pub fn sign(&self, parts: &[&[u8]]) -> String {
        let mut mac = self.mac();
        for part in parts {
            mac.update(part);
        }
        const_hex::encode(mac.finalize().into_bytes())
    }
}

impl fmt::Debug for SigningSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// Why a request's signature is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// No signature header, or one with no entries.
    #[error("the request carries no X-Cliq-Signature header")]
    MissingSignature,
    /// No signature verifies, or none is well-formed.
    #[error("the signature does not verify")]
    InvalidSignature,
    /// The timestamp header is missing or not an integer of seconds.
    #[error("X-Cliq-Timestamp must be whole unix seconds in decimal digits")]
    InvalidTimestamp,
    /// The timestamp is outside the tolerance.
    #[error("the timestamp is outside the accepted window")]
    StaleTimestamp,
    /// The signature was already accepted inside the window.
    #[error("this signature was already accepted")]
    ReplayedRequest,
}

/// What verification learnt; inserted into the request's extensions.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Verified {
    /// Which scheme accepted the request.
    pub scheme: &'static str,
    /// The index of the secret or key that matched, in configuration order.
    pub key_index: usize,
    /// Whether the signature matched a re-serialisation of the body rather
    /// than its raw bytes (the RSA scheme tries both).
    pub reserialized: bool,
}

impl Verified {
    pub(crate) fn new(scheme: &'static str, key_index: usize, reserialized: bool) -> Self {
        Self {
            scheme,
            key_index,
            reserialized,
        }
    }
}

/// A way to verify a request's signature, given its headers and raw body.
///
/// Implement it to add a scheme (such as a public-key signature) without
/// touching the router.
pub trait Scheme: Send + Sync + 'static {
    /// Accepts or refuses a request.
    ///
    /// # Errors
    /// The [`VerifyError`] the contract names for the refusal.
    fn verify(&self, headers: &HeaderMap, body: &[u8]) -> Result<Verified, VerifyError>;
}

impl fmt::Debug for dyn Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Scheme")
    }
}

impl From<VerifyError> for Rejection {
    fn from(error: VerifyError) -> Self {
        match error {
            VerifyError::MissingSignature => Rejection::MissingSignature,
            VerifyError::InvalidSignature => Rejection::InvalidSignature,
            VerifyError::InvalidTimestamp => Rejection::InvalidTimestamp,
            VerifyError::StaleTimestamp => Rejection::StaleTimestamp,
            VerifyError::ReplayedRequest => Rejection::ReplayedRequest,
        }
    }
}

/// The signatures of one request, decoded; at most [`MAX_SIGNATURES`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Signatures {
    digests: [[u8; 32]; MAX_SIGNATURES],
    len: usize,
}

impl Signatures {
    /// The decoded digests.
    pub fn as_slice(&self) -> &[[u8; 32]] {
        &self.digests[..self.len]
    }
}

/// Reads every `X-Cliq-Signature` line as one comma-joined list.
///
/// Entries are separated by commas and/or white space; each is 64 hex digits in
/// any case, optionally after a lowercase `sha256=`; empty entries are ignored.
///
/// # Errors
/// [`VerifyError::MissingSignature`] when there is no entry at all;
/// [`VerifyError::InvalidSignature`] when there are more than
/// [`MAX_SIGNATURES`] entries or none is well-formed.
pub fn parse_signatures<'a, I>(lines: I) -> Result<Signatures, VerifyError>
where
    I: IntoIterator<Item = &'a [u8]>,
{
    let mut signatures = Signatures::default();
    let mut entries = 0;
    for line in lines {
        for entry in line
            .split(|b| matches!(b, b',' | b' ' | b'\t'))
            .filter(|e| !e.is_empty())
        {
            entries += 1;
            if entries > MAX_SIGNATURES {
                return Err(VerifyError::InvalidSignature);
            }
            let hex_digits = entry.strip_prefix(b"sha256=").unwrap_or(entry);
            let mut digest = [0u8; 32];
            if hex_digits.len() == 64 && const_hex::decode_to_slice(hex_digits, &mut digest).is_ok()
            {
                signatures.digests[signatures.len] = digest;
                signatures.len += 1;
            }
        }
    }
    match (entries, signatures.len) {
        (0, _) => Err(VerifyError::MissingSignature),
        (_, 0) => Err(VerifyError::InvalidSignature),
        _ => Ok(signatures),
    }
}

/// Which signatures verify under which secret, over the message made of `parts`
/// (fed to the MAC in order, never concatenated). Comparison is constant-time.
///
/// Returns the index of the first secret that verified anything, and a bit
/// mask of the signatures that verified under it.
pub fn matching(
    secrets: &[SigningSecret],
    signatures: &Signatures,
    parts: &[&[u8]],
) -> Option<(usize, u8)> {
    secrets.iter().enumerate().find_map(|(index, secret)| {
        let mut mac = secret.mac();
        for part in parts {
            mac.update(part);
        }
        let mask = signatures
            .as_slice()
            .iter()
            .enumerate()
            .filter(|(_, digest)| mac.clone().verify_slice(digest.as_slice()).is_ok())
            .fold(0u8, |mask, (bit, _)| mask | 1 << bit);
        (mask != 0).then_some((index, mask))
    })
}

/// Several schemes, any of which may accept a request: HMAC secrets for the
/// contract's dialect beside extension public keys for the native one.
///
/// When none accepts, the most specific refusal is reported (a replay or a
/// stale timestamp before a bad signature before a missing one).
#[derive(Debug)]
pub struct AnyScheme(Vec<Arc<dyn Scheme>>);

impl AnyScheme {
    /// Tries `schemes` in order.
    pub fn new(schemes: Vec<Arc<dyn Scheme>>) -> Self {
        Self(schemes)
    }
}

impl Scheme for AnyScheme {
    fn verify(&self, headers: &HeaderMap, body: &[u8]) -> Result<Verified, VerifyError> {
        let mut refusal = VerifyError::MissingSignature;
        for scheme in &self.0 {
            match scheme.verify(headers, body) {
                Ok(verified) => return Ok(verified),
                Err(error) if specificity(error) > specificity(refusal) => refusal = error,
                Err(_) => {}
            }
        }
        Err(refusal)
    }
}

fn specificity(error: VerifyError) -> u8 {
    match error {
        VerifyError::MissingSignature => 0,
        VerifyError::InvalidSignature => 1,
        VerifyError::InvalidTimestamp => 2,
        VerifyError::StaleTimestamp => 3,
        VerifyError::ReplayedRequest => 4,
    }
}

/// Which HMAC scheme a receiver uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum HmacMode {
    /// `body`: the signature covers the raw body.
    Body,
    /// `timestamped`: it covers `<X-Cliq-Timestamp>.<raw body>`, which must be
    /// within `tolerance` of now, and each signature is accepted once.
    Timestamped {
        /// How far the timestamp may be from now, either way (whole seconds).
        tolerance: Duration,
    },
}

/// The contract's HMAC-SHA256 schemes, with one or more secrets.
#[derive(Debug)]
pub struct HmacScheme {
    secrets: Vec<SigningSecret>,
    mode: HmacMode,
    replay: ReplayCache,
    clock: Arc<dyn Clock>,
}

impl HmacScheme {
    /// A scheme over `secrets` (any of which may sign) in `mode`.
    pub fn new(
        secrets: Vec<SigningSecret>,
        mode: HmacMode,
        replay: ReplayCache,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            secrets,
            mode,
            replay,
            clock,
        }
    }

    fn verify_timestamped(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        tolerance: Duration,
    ) -> Result<Verified, VerifyError> {
        let signatures = parse_signatures(header_lines(headers, SIGNATURE));
        if signatures == Err(VerifyError::MissingSignature) {
            return Err(VerifyError::MissingSignature);
        }
        let (text, seconds) = timestamp(headers)?;
        let signatures = signatures?;
        let (key_index, mask) = matching(&self.secrets, &signatures, &[text, b".", body])
            .ok_or(VerifyError::InvalidSignature)?;
        let now = self.clock.unix_seconds();
        if now.abs_diff(seconds) > tolerance.as_secs() {
            return Err(VerifyError::StaleTimestamp);
        }
        let verified = signatures
            .as_slice()
            .iter()
            .enumerate()
            .filter(|(bit, _)| mask & (1 << bit) != 0)
            .map(|(_, digest)| *digest);
        self.replay
            .check_and_record(verified, seconds.saturating_add(tolerance.as_secs()), now)?;
        Ok(Verified::new("timestamped", key_index, false))
    }
}

impl Scheme for HmacScheme {
    fn verify(&self, headers: &HeaderMap, body: &[u8]) -> Result<Verified, VerifyError> {
        match self.mode {
            HmacMode::Body => {
                let signatures = parse_signatures(header_lines(headers, SIGNATURE))?;
                let (key_index, _) = matching(&self.secrets, &signatures, &[body])
                    .ok_or(VerifyError::InvalidSignature)?;
                Ok(Verified::new("body", key_index, false))
            }
            HmacMode::Timestamped { tolerance } => {
                self.verify_timestamped(headers, body, tolerance)
            }
        }
    }
}

/// [`SIGNATURE_HEADER`] and [`TIMESTAMP_HEADER`], made header names once.
const SIGNATURE: HeaderName = HeaderName::from_static(SIGNATURE_HEADER);
const TIMESTAMP: HeaderName = HeaderName::from_static(TIMESTAMP_HEADER);

fn header_lines(headers: &HeaderMap, name: HeaderName) -> impl Iterator<Item = &[u8]> {
    headers
        .get_all(name)
        .iter()
        .map(http::HeaderValue::as_bytes)
}

/// The timestamp header's exact text and its value: one line of 1 to 19
/// decimal digits (leading zeros allowed).
fn timestamp(headers: &HeaderMap) -> Result<(&[u8], u64), VerifyError> {
    let mut lines = header_lines(headers, TIMESTAMP);
    let (Some(text), None) = (lines.next(), lines.next()) else {
        return Err(VerifyError::InvalidTimestamp);
    };
    if text.is_empty() || text.len() > 19 || !text.iter().all(u8::is_ascii_digit) {
        return Err(VerifyError::InvalidTimestamp);
    }
    let seconds = text
        .iter()
        .fold(0u64, |acc, digit| acc * 10 + u64::from(digit - b'0'));
    Ok((text, seconds))
}

#[cfg(test)]
mod tests;
