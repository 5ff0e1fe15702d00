//! Configuration from the environment, as the examples and most deployments
//! take it.
//!
//! | variable | meaning | default |
//! |---|---|---|
//! | `CLIQ_SIGNING_SECRET` | the signing secret; several, comma-separated, while rotating | none: development mode |
//! | `CLIQ_ADDR` | the address to bind | `127.0.0.1:3000` |
//! | `CLIQ_SIGNATURE_SCHEME` | `body` or `timestamped` | `body` |
//!
//! With no secret set, [`EnvConfig::from_env`] enters development mode: it
//! makes a random secret, binds loopback only, and
//! [`EnvConfig::development_banner`] prints the secret with a ready-to-paste
//! command that sends a signed test callback.

use std::fmt::Write as _;
use std::io::Read as _;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use crate::config::{BotBuilder, SignatureScheme};
use crate::verify::SigningSecret;

/// The default address.
pub const DEFAULT_ADDR: SocketAddr = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 3000);

/// Settings read from `CLIQ_*` variables.
#[derive(Clone, Debug)]
pub struct EnvConfig {
    secrets: Vec<crate::verify::SigningSecret>,
    /// The secret made up in development mode, to show the developer.
    generated: Option<cliq_events::Secret>,
    /// The address to bind.
    pub addr: SocketAddr,
    /// The signature scheme.
    pub scheme: SignatureScheme,
}

/// A `CLIQ_*` variable that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EnvError {
    /// `CLIQ_ADDR` is not `host:port`.
    #[error("CLIQ_ADDR must be an address such as 127.0.0.1:3000, not `{0}`")]
    Addr(String),
    /// `CLIQ_SIGNATURE_SCHEME` is neither `body` nor `timestamped`.
    #[error("CLIQ_SIGNATURE_SCHEME must be `body` or `timestamped`, not `{0}`")]
    Scheme(String),
    /// `CLIQ_SIGNING_SECRET` is set but holds no secret (only commas or spaces).
    #[error("CLIQ_SIGNING_SECRET is set but empty")]
    EmptySecret,
}

/// The secrets of a comma-separated list, as `CLIQ_SIGNING_SECRET` holds
/// them while rotating (blank entries ignored).
///
/// # Errors
/// [`EnvError::EmptySecret`] when the list holds no secret.
pub fn signing_secrets(list: &str) -> Result<Vec<SigningSecret>, EnvError> {
    let secrets: Vec<SigningSecret> = list
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(SigningSecret::new)
        .collect();
    if secrets.is_empty() {
        return Err(EnvError::EmptySecret);
    }
    Ok(secrets)
}

impl EnvConfig {
    /// Reads the process environment.
    ///
    /// # Errors
    /// [`EnvError`] naming the variable that cannot be used.
    pub fn from_env() -> Result<Self, EnvError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads settings through `lookup` (the environment, or a map in tests).
    ///
    /// # Errors
    /// [`EnvError`] naming the variable that cannot be used.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, EnvError> {
        let addr = match lookup("CLIQ_ADDR").filter(|a| !a.trim().is_empty()) {
            Some(text) => text.trim().parse().map_err(|_| EnvError::Addr(text))?,
            None => DEFAULT_ADDR,
        };
        let scheme = match lookup("CLIQ_SIGNATURE_SCHEME").as_deref().map(str::trim) {
            None | Some("" | "body") => SignatureScheme::Body,
            Some("timestamped") => SignatureScheme::timestamped(),
            Some(other) => return Err(EnvError::Scheme(other.to_owned())),
        };
        let (secrets, generated) = match lookup("CLIQ_SIGNING_SECRET") {
            Some(list) => (signing_secrets(&list)?, None),
            None => {
                let secret = random_secret();
                (
                    vec![SigningSecret::new(&secret)],
                    Some(cliq_events::Secret::new(secret)),
                )
            }
        };
        // Development mode never listens beyond this machine.
        let addr = if generated.is_some() && !addr.ip().is_loopback() {
            SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), addr.port())
        } else {
            addr
        };
        Ok(Self {
            secrets,
            generated,
            addr,
            scheme,
        })
    }

    /// Whether no secret was configured and one was made up.
    pub fn is_development(&self) -> bool {
        self.generated.is_some()
    }

    /// Sets the secrets and scheme on a bot builder.
    pub fn apply<S>(&self, builder: BotBuilder<S>) -> BotBuilder<S>
    where
        S: Clone + Send + Sync + 'static,
    {
        builder
            .signing_secrets(self.secrets.iter().cloned())
            .signature_scheme(self.scheme)
    }

    /// In development mode, what to tell the developer: the generated secret
    /// and a `curl` command sending `body` (a callback) signed with it to
    /// `path`. `None` outside development mode.
    pub fn development_banner(&self, path: &str, body: &str) -> Option<String> {
        let secret = self.generated.as_ref()?.expose();
        let url = format!("http://{}{}", self.addr, path);
        let mut banner = String::new();
        let _ = writeln!(banner, "development mode: no CLIQ_SIGNING_SECRET set");
        let _ = writeln!(banner, "  listening on {url} (loopback only)");
        let _ = writeln!(banner, "  generated secret: {secret}");
        let _ = writeln!(banner, "  send a signed test callback:");
        match self.scheme {
            SignatureScheme::Body => {
                let signature = SigningSecret::new(secret).sign(&[body.as_bytes()]);
                let _ = writeln!(
                    banner,
                    "    curl -sS {url} -H 'content-type: application/json' -H 'x-cliq-signature: {signature}' -d '{body}'"
                );
            }
            _ => {
                let _ = writeln!(banner, "    body='{body}'; ts=$(date +%s)");
                let _ = writeln!(
                    banner,
                    "    sig=$(printf '%s.%s' \"$ts\" \"$body\" | openssl dgst -sha256 -hmac '{secret}' | sed 's/.* //')"
                );
                let _ = writeln!(
                    banner,
                    "    curl -sS {url} -H 'content-type: application/json' -H \"x-cliq-timestamp: $ts\" -H \"x-cliq-signature: $sig\" -d \"$body\""
                );
            }
        }
        Some(banner)
    }
}

/// 32 random bytes as hex, from the operating system where it offers them.
fn random_secret() -> String {
    let mut bytes = [0u8; 32];
    let read = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut bytes));
    if read.is_err() {
        use std::hash::{BuildHasher, RandomState};
        for (i, chunk) in bytes.chunks_mut(8).enumerate() {
            let word = RandomState::new().hash_one((i, std::time::SystemTime::now()));
            chunk.copy_from_slice(&word.to_le_bytes());
        }
    }
    const_hex::encode(bytes)
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn config(vars: &[(&str, &str)]) -> Result<EnvConfig, EnvError> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        EnvConfig::from_lookup(|name| vars.get(name).cloned())
    }

    #[test]
    fn reads_secrets_scheme_and_address() {
        let c = config(&[
            ("CLIQ_SIGNING_SECRET", "old, new"),
            ("CLIQ_SIGNATURE_SCHEME", "timestamped"),
            ("CLIQ_ADDR", "0.0.0.0:8080"),
        ]);
        let c = c.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.secrets.len(), 2);
        assert!(!c.is_development());
        assert_eq!(c.addr.to_string(), "0.0.0.0:8080");
        assert!(matches!(c.scheme, SignatureScheme::Timestamped { .. }));
    }

    #[test]
    fn refuses_bad_values() {
        assert_eq!(
            config(&[("CLIQ_SIGNATURE_SCHEME", "rsa")]).err(),
            Some(EnvError::Scheme("rsa".into()))
        );
        assert_eq!(
            config(&[("CLIQ_ADDR", "nowhere")]).err(),
            Some(EnvError::Addr("nowhere".into()))
        );
        assert_eq!(
            config(&[("CLIQ_SIGNING_SECRET", " , ")]).err(),
            Some(EnvError::EmptySecret)
        );
    }

    #[test]
    fn development_mode_generates_a_secret_and_stays_on_loopback() {
        let c = config(&[("CLIQ_ADDR", "0.0.0.0:9000")]).unwrap_or_else(|e| panic!("{e}"));
        assert!(c.is_development());
        assert_eq!(c.addr.to_string(), "127.0.0.1:9000");
        let banner = c.development_banner("/cliq", "{}").unwrap_or_default();
        assert!(banner.contains("x-cliq-signature: "), "{banner}");
        let other = config(&[]).unwrap_or_else(|e| panic!("{e}"));
        assert_ne!(format!("{:?}", c.generated), "");
        assert_ne!(
            c.generated.as_ref().map(|s| s.expose().to_owned()),
            other.generated.as_ref().map(|s| s.expose().to_owned())
        );
    }
}
