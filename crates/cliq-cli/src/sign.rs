//! Signing: the headers a sender adds, the secrets and timestamps they come
//! from, and `cliq sign`.

use std::io::{IsTerminal, Read};
use std::time::{SystemTime, UNIX_EPOCH};

use cliq_bot::verify::{MAX_SIGNATURES, SigningSecret};

use crate::args::{Scheme, Signing};
use crate::exit::{self, Exit, Failure};

/// The headers that sign one body.
#[derive(Debug)]
pub(crate) struct Headers {
    /// `X-Cliq-Signature`: `sha256=<hex>`, one per secret, comma-separated.
    pub(crate) signature: String,
    /// `X-Cliq-Timestamp`, for the timestamped scheme.
    pub(crate) timestamp: Option<String>,
}

impl Headers {
    /// The headers as a sender writes them, one per line.
    pub(crate) fn lines(&self) -> String {
        let mut lines = String::new();
        if let Some(timestamp) = &self.timestamp {
            lines.push_str(&format!("X-Cliq-Timestamp: {timestamp}\n"));
        }
        lines.push_str(&format!("X-Cliq-Signature: {}", self.signature));
        lines
    }
}

/// Signs `body` as `signing` says: with every secret, in its scheme.
pub(crate) fn headers(signing: &Signing, body: &[u8]) -> Result<Headers, Failure> {
    let secrets = secrets(signing.secret()?)?;
    if secrets.len() > MAX_SIGNATURES {
        return Err(Failure::usage(format!(
            "a request carries at most {MAX_SIGNATURES} signatures; CLIQ_SIGNING_SECRET holds {}",
            secrets.len()
        )));
    }
    let timestamp = match signing.scheme {
        Scheme::Body if signing.timestamp.is_some() => {
            exit::err("cliq: --timestamp is ignored: the body scheme signs no timestamp");
            None
        }
        Scheme::Body => None,
        Scheme::Timestamped => Some(match &signing.timestamp {
            Some(text) => parse_timestamp(text)?.0,
            None => now().to_string(),
        }),
    };
    let signature = secrets
        .iter()
        .map(|secret| {
            let digest = match &timestamp {
                Some(ts) => secret.sign(&[ts.as_bytes(), b".", body]),
                None => secret.sign(&[body]),
            };
            format!("sha256={digest}")
        })
        .collect::<Vec<_>>()
        .join(", ");
    Ok(Headers {
        signature,
        timestamp,
    })
}

/// `cliq sign`: prints the headers for the body on stdin.
pub(crate) fn run(signing: &Signing) -> Result<Exit, Failure> {
    let body = read_stdin()?;
    exit::out(&headers(signing, &body)?.lines());
    Ok(Exit::Success)
}

/// The secrets of a comma-separated list, as the bot reads `CLIQ_SIGNING_SECRET`.
pub(crate) fn secrets(list: &str) -> Result<Vec<SigningSecret>, Failure> {
    cliq_bot::env::signing_secrets(list).map_err(|_| Failure::usage("the signing secret is empty"))
}

/// A timestamp as the contract takes it — 1 to 19 decimal digits — with its value.
pub(crate) fn parse_timestamp(text: &str) -> Result<(String, u64), Failure> {
    let digits = !text.is_empty() && text.len() <= 19 && text.bytes().all(|b| b.is_ascii_digit());
    match text.parse::<u64>() {
        Ok(seconds) if digits => Ok((text.to_owned(), seconds)),
        _ => Err(Failure::usage(format!(
            "--timestamp must be unix seconds in decimal digits, not `{text}`"
        ))),
    }
}

/// The current time in unix seconds.
pub(crate) fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}

/// The whole of stdin, as the body to sign or verify.
pub(crate) fn read_stdin() -> Result<Vec<u8>, Failure> {
    let mut stdin = std::io::stdin().lock();
    if stdin.is_terminal() {
        exit::err("cliq: reading the body from stdin (end it with Ctrl-D)");
    }
    let mut body = Vec::new();
    stdin
        .read_to_end(&mut body)
        .map_err(|e| Failure::usage(format!("cannot read the body from stdin: {e}")))?;
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signing(secret: &str, scheme: Scheme, timestamp: Option<&str>) -> Signing {
        Signing {
            secret: Some(secret.to_owned()),
            scheme,
            timestamp: timestamp.map(str::to_owned),
        }
    }

    #[test]
    fn signs_each_scheme_with_every_secret() {
        let body = b"{}";
        let cases = [
            (signing("s", Scheme::Body, None), None, 1),
            (signing("a, b", Scheme::Body, None), None, 2),
            (
                signing("s", Scheme::Timestamped, Some("1700000000")),
                Some("1700000000"),
                1,
            ),
        ];
        for (signing, timestamp, count) in cases {
            let headers = headers(&signing, body).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(headers.timestamp.as_deref(), timestamp);
            assert_eq!(headers.signature.matches("sha256=").count(), count);
        }
        let expected = SigningSecret::new("s").sign(&[b"1700000000", b".", body]);
        let lines = headers(&signing("s", Scheme::Timestamped, Some("1700000000")), body)
            .map(|h| h.lines())
            .unwrap_or_default();
        assert_eq!(
            lines,
            format!("X-Cliq-Timestamp: 1700000000\nX-Cliq-Signature: sha256={expected}")
        );
    }

    #[test]
    fn refuses_what_the_contract_refuses() {
        for text in ["", "-1", "1.5", "12345678901234567890", " 1"] {
            assert!(parse_timestamp(text).is_err(), "{text:?}");
        }
        assert_eq!(parse_timestamp("007").ok(), Some(("007".to_owned(), 7)));
        assert!(secrets(" , ").is_err());
    }
}
