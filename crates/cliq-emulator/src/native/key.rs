//! The emulator's RSA key pair: what it signs native callbacks with, as the
//! real Cliq signs them with its own.
//!
//! Making a 2048-bit key takes a while in an unoptimised build (0.15 to
//! 0.4 s), so one key is made per process, when the first emulator starts, and
//! shared by every emulator not given a key of its own
//! ([`EmulatorConfig::rsa_key_pkcs8`]).
//!
//! [`EmulatorConfig::rsa_key_pkcs8`]: crate::EmulatorConfig::rsa_key_pkcs8

use std::fmt;
use std::io;
use std::sync::Arc;

use aws_lc_rs::encoding::{AsDer, PublicKeyX509Der};
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::rsa::{KeyPair, KeySize};
use aws_lc_rs::signature::{KeyPair as _, RSA_PKCS1_SHA256};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use tokio::sync::OnceCell;

/// How many base64 characters a PEM line holds.
const PEM_LINE: usize = 64;

/// A key pair and its public half as SubjectPublicKeyInfo DER.
pub(crate) struct RsaKey {
    pair: KeyPair,
    spki: Vec<u8>,
}

impl fmt::Debug for RsaKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RsaKey")
            .field("public_key_bytes", &self.spki.len())
            .finish_non_exhaustive()
    }
}

impl RsaKey {
    fn new(pair: KeyPair) -> io::Result<Self> {
        let spki: PublicKeyX509Der<'static> = pair
            .public_key()
            .as_der()
            .map_err(|_| io::Error::other("could not encode the RSA public key"))?;
        Ok(Self {
            spki: spki.as_ref().to_vec(),
            pair,
        })
    }

    /// Reads an unencrypted PKCS #8 RSA private key.
    pub(crate) fn from_pkcs8(der: &[u8]) -> io::Result<Self> {
        let pair = KeyPair::from_pkcs8(der).map_err(|rejected| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("rsa_key_pkcs8 is no RSA private key: {rejected}"),
            )
        })?;
        Self::new(pair)
    }

    /// A fresh 2048-bit key.
    pub(crate) fn generate() -> io::Result<Self> {
        let pair = KeyPair::generate(KeySize::Rsa2048)
            .map_err(|_| io::Error::other("could not generate an RSA key pair"))?;
        Self::new(pair)
    }

    /// The key an emulator configured with `pkcs8` signs with: that key, or
    /// the one shared by every emulator of this process, made on first call
    /// on a blocking thread (a few hundred milliseconds in a debug build).
    pub(crate) async fn load(pkcs8: Option<&[u8]>) -> io::Result<Arc<Self>> {
        static SHARED: OnceCell<Arc<RsaKey>> = OnceCell::const_new();
        if let Some(der) = pkcs8 {
            return Self::from_pkcs8(der).map(Arc::new);
        }
        let key = SHARED
            .get_or_try_init(|| async {
                tokio::task::spawn_blocking(Self::generate)
                    .await
                    .map_err(io::Error::other)?
                    .map(Arc::new)
            })
            .await?;
        Ok(Arc::clone(key))
    }

    /// Base64 of an RSA PKCS #1 v1.5 SHA-256 signature over `message`.
    pub(crate) fn sign(&self, message: &[u8]) -> io::Result<String> {
        let mut signature = vec![0; self.pair.public_modulus_len()];
        self.pair
            .sign(
                &RSA_PKCS1_SHA256,
                &SystemRandom::new(),
                message,
                &mut signature,
            )
            .map_err(|_| io::Error::other("could not sign with the RSA key"))?;
        Ok(STANDARD.encode(signature))
    }

    /// The public key as bare base64 SubjectPublicKeyInfo.
    pub(crate) fn public_base64(&self) -> String {
        STANDARD.encode(&self.spki)
    }

    /// The public key as a `PUBLIC KEY` PEM block.
    pub(crate) fn public_pem(&self) -> String {
        let base64 = self.public_base64();
        let mut pem = String::from("-----BEGIN PUBLIC KEY-----\n");
        for line in base64.as_bytes().chunks(PEM_LINE) {
            pem.push_str(&String::from_utf8_lossy(line));
            pem.push('\n');
        }
        pem.push_str("-----END PUBLIC KEY-----\n");
        pem
    }
}

#[cfg(test)]
mod tests {
    use aws_lc_rs::signature::{RSA_PKCS1_2048_8192_SHA256, UnparsedPublicKey};

    use super::*;

    #[test]
    fn signs_verifiably_and_reads_its_own_pkcs8() {
        let key = RsaKey::generate().expect("key");
        let signature = STANDARD
            .decode(key.sign(b"{}").expect("sign"))
            .expect("base64");
        let public =
            UnparsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, key.pair.public_key().as_ref());
        assert!(public.verify(b"{}", &signature).is_ok());
        assert!(public.verify(b"{ }", &signature).is_err());
        let pkcs8 = key.pair.as_der().expect("pkcs8");
        let again = RsaKey::from_pkcs8(pkcs8.as_ref()).expect("read back");
        assert_eq!(again.public_base64(), key.public_base64());
        let refused = RsaKey::from_pkcs8(b"not a key").expect_err("refused");
        assert_eq!(refused.kind(), io::ErrorKind::InvalidInput);
        let pem = key.public_pem();
        assert!(
            pem.starts_with("-----BEGIN PUBLIC KEY-----\nMIIBIjAN"),
            "{pem}"
        );
        assert!(pem.lines().all(|line| line.len() <= PEM_LINE));
    }
}
