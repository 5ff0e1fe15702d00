//! The native dialect's signature: `X-Cliq-Signature` as base64 RSA PKCS#1
//! v1.5 with SHA-256, checked with one or more extension public keys.
//!
//! Whether Cliq signs the bytes it sends or a re-serialisation is not
//! settled, so the raw bytes are tried first and then what
//! `JSON.stringify(JSON.parse(body))` yields; [`Verified::reserialized`]
//! says which matched.

use std::fmt;

use aws_lc_rs::signature::{RSA_PKCS1_2048_8192_SHA256, UnparsedPublicKey};
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use http::HeaderMap;

use super::stringify::stringify;
use super::{SIGNATURE_HEADER, Scheme, Verified, VerifyError};

/// An extension's RSA public key.
#[derive(Clone)]
pub struct PublicKey {
    /// The key as a DER `RSAPublicKey` (PKCS #1).
    rsa_public_key: Box<[u8]>,
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({} bytes)", self.rsa_public_key.len())
    }
}

/// Why a public key could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    /// Neither PEM nor base64.
    #[error("public key is neither PEM nor base64")]
    NotBase64,
    /// Base64, but not an RSA SubjectPublicKeyInfo or RSAPublicKey.
    #[error("public key is not an RSA SubjectPublicKeyInfo")]
    NotRsa,
}

impl PublicKey {
    /// Reads a key as Cliq shows it: PEM (`-----BEGIN PUBLIC KEY-----`, or
    /// `RSA PUBLIC KEY` for PKCS #1), or the bare base64 of the
    /// SubjectPublicKeyInfo.
    ///
    /// # Errors
    /// [`KeyError`] when the text is no RSA public key.
    pub fn parse(text: &str) -> Result<Self, KeyError> {
        let base64: String = text
            .lines()
            .filter(|line| !line.trim_start().starts_with("-----"))
            .flat_map(|line| line.chars().filter(|c| !c.is_whitespace()))
            .collect();
        let der = STANDARD
            .decode(&base64)
            .or_else(|_| STANDARD_NO_PAD.decode(&base64))
            .map_err(|_| KeyError::NotBase64)?;
        let rsa_public_key = spki_rsa_key(&der)
            .or_else(|| is_rsa_public_key(&der).then_some(der.as_slice()))
            .ok_or(KeyError::NotRsa)?;
        Ok(Self {
            rsa_public_key: rsa_public_key.into(),
        })
    }

    fn verifies(&self, message: &[u8], signature: &[u8]) -> bool {
        UnparsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, &self.rsa_public_key)
            .verify(message, signature)
            .is_ok()
    }
}

/// One DER element: its tag, its contents and what follows it.
fn der(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = input.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (len, rest) = match first {
        0..=0x7f => (usize::from(first), rest),
        0x81..=0x84 => {
            let count = usize::from(first & 0x7f);
            let (bytes, rest) = (rest.get(..count)?, rest.get(count..)?);
            (
                bytes
                    .iter()
                    .fold(0usize, |acc, &b| (acc << 8) | usize::from(b)),
                rest,
            )
        }
        _ => return None,
    };
    Some((tag, rest.get(..len)?, rest.get(len..)?))
}

/// The `RSAPublicKey` inside an RSA SubjectPublicKeyInfo.
fn spki_rsa_key(spki: &[u8]) -> Option<&[u8]> {
    const RSA_ENCRYPTION: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
    let (0x30, info, []) = der(spki)? else {
        return None;
    };
    let (0x30, algorithm, rest) = der(info)? else {
        return None;
    };
    let (0x06, oid, _) = der(algorithm)? else {
        return None;
    };
    let (0x03, bits, []) = der(rest)? else {
        return None;
    };
    let (&0, key) = bits.split_first()? else {
        return None;
    };
    (oid == RSA_ENCRYPTION && is_rsa_public_key(key)).then_some(key)
}

/// `SEQUENCE { INTEGER, INTEGER }`, the shape of a PKCS #1 `RSAPublicKey`.
fn is_rsa_public_key(der_bytes: &[u8]) -> bool {
    let Some((0x30, fields, [])) = der(der_bytes) else {
        return false;
    };
    let Some((0x02, _, rest)) = der(fields) else {
        return false;
    };
    matches!(der(rest), Some((0x02, _, [])))
}

/// Verifies native callbacks with one or more extension public keys.
#[derive(Clone, Debug)]
pub struct RsaScheme {
    keys: Vec<PublicKey>,
}

impl RsaScheme {
    /// A scheme accepting signatures from any of `keys`.
    pub fn new(keys: Vec<PublicKey>) -> Self {
        Self { keys }
    }

    fn matching_key(&self, message: &[u8], signature: &[u8]) -> Option<usize> {
        self.keys
            .iter()
            .position(|key| key.verifies(message, signature))
    }
}

impl Scheme for RsaScheme {
    fn verify(&self, headers: &HeaderMap, body: &[u8]) -> Result<Verified, VerifyError> {
        let text = headers
            .get(SIGNATURE_HEADER)
            .map(|value| value.as_bytes().trim_ascii())
            .filter(|text| !text.is_empty())
            .ok_or(VerifyError::MissingSignature)?;
        let signature = STANDARD
            .decode(text)
            .or_else(|_| STANDARD_NO_PAD.decode(text))
            .map_err(|_| VerifyError::InvalidSignature)?;
        if let Some(key_index) = self.matching_key(body, &signature) {
            return Ok(Verified::new("rsa", key_index, false));
        }
        let value =
            cliq_events::native::parse_json(body).map_err(|_| VerifyError::InvalidSignature)?;
        let reserialized = stringify(&value);
        self.matching_key(&reserialized, &signature)
            .map(|key_index| Verified::new("rsa", key_index, true))
            .ok_or(VerifyError::InvalidSignature)
    }
}
