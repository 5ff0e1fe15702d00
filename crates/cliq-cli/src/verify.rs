//! `cliq verify`: whether a signature holds over a body and, when it does
//! not, the likeliest cause.

mod header;
mod reencode;
mod scheme;

use cliq_bot::verify::{Signatures, SigningSecret, matching, parse_signatures};

use crate::args::{Scheme, VerifyArgs};
use crate::exit::{self, Exit, Failure};
use crate::sign;
use header::{malformed, strip_header_name};
use scheme::BODY_NOT_TIMESTAMPED;

/// The timestamped scheme's tolerance, as the bot's default.
const TOLERANCE: u64 = 300;

/// `cliq verify`: prints the verdict; exit 0 when the signature holds, 4 when not.
pub(crate) fn run(args: &VerifyArgs) -> Result<Exit, Failure> {
    let secret = args.signing.secret()?;
    let secrets = sign::secrets(secret)?;
    let timestamp = args
        .signing
        .timestamp
        .as_deref()
        .map(sign::parse_timestamp)
        .transpose()?;
    let body = sign::read_stdin()?;
    // A secret read from a file or `echo` without trimming ends in a newline.
    let padded: Vec<SigningSecret> = secret
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| SigningSecret::new(format!("{s}\n")))
        .collect();
    let check = Check {
        secrets: &secrets,
        padded: &padded,
        body: &body,
        scheme: args.signing.scheme,
        timestamp: timestamp
            .as_ref()
            .map(|(text, secs)| (text.as_str(), *secs)),
        now: sign::now(),
    };
    let verdict = check.verdict(&args.signature);
    exit::out(&verdict.text);
    Ok(if verdict.holds {
        Exit::Success
    } else {
        Exit::NotVerified
    })
}

/// What `cliq verify` concludes.
#[derive(Debug)]
pub(crate) struct Verdict {
    /// Whether the bot would accept the signature.
    pub(crate) holds: bool,
    /// One sentence saying so, or why not.
    pub(crate) text: String,
}

impl Verdict {
    fn holds(how: &str) -> Self {
        Self {
            holds: true,
            text: format!("signature holds: {how}"),
        }
    }

    fn fails(why: impl Into<String>) -> Self {
        Self {
            holds: false,
            text: format!("signature does not hold: {}", why.into()),
        }
    }
}

/// One signature check and what is needed to explain its failure.
#[derive(Debug)]
pub(crate) struct Check<'a> {
    pub(crate) secrets: &'a [SigningSecret],
    /// The same secrets with a trailing newline.
    pub(crate) padded: &'a [SigningSecret],
    pub(crate) body: &'a [u8],
    pub(crate) scheme: Scheme,
    /// X-Cliq-Timestamp as given, and its value.
    pub(crate) timestamp: Option<(&'a str, u64)>,
    pub(crate) now: u64,
}

impl Check<'_> {
    /// Whether the signature in `header` holds, and why not when it does not.
    pub(crate) fn verdict(&self, header: &str) -> Verdict {
        let header = strip_header_name(header);
        let Ok(signatures) = parse_signatures([header.as_bytes()]) else {
            return Verdict::fails(malformed(header));
        };
        self.configured(&signatures)
            .unwrap_or_else(|| Verdict::fails(self.cause(&signatures)))
    }

    /// The configured scheme's verdict, or `None` when it fails for a cause
    /// still to be found.
    fn configured(&self, signatures: &Signatures) -> Option<Verdict> {
        let body = self.body;
        match (self.scheme, self.timestamp) {
            (Scheme::Body, _) => {
                let (index, _) = matching(self.secrets, signatures, &[body])?;
                Some(Verdict::holds(&format!(
                    "body scheme, {}",
                    self.which(index)
                )))
            }
            (Scheme::Timestamped, Some((text, secs))) => {
                let (index, _) =
                    matching(self.secrets, signatures, &[text.as_bytes(), b".", body])?;
                Some(match self.skew(secs) {
                    Some(skew) => Verdict::fails(format!(
                        "it is right, but X-Cliq-Timestamp {text} is {skew}, over the {TOLERANCE} s tolerance: the bot refuses it as STALE_TIMESTAMP (clock skew between sender and bot, or a request replayed late)"
                    )),
                    None => Verdict::holds(&format!(
                        "timestamped scheme at {text}, {}",
                        self.which(index)
                    )),
                })
            }
            // Without the timestamp, the timestamped scheme is all this can
            // check, and only near now.
            (Scheme::Timestamped, None) => {
                Some(if matching(self.secrets, signatures, &[body]).is_some() {
                    Verdict::fails(BODY_NOT_TIMESTAMPED)
                } else if let Some((ts, index)) = self.search(signatures) {
                    Verdict::holds(&format!(
                        "timestamped scheme, {}, if the request carries X-Cliq-Timestamp: {ts} (no --timestamp given: found by trying every second within {TOLERANCE} s of now)",
                        self.which(index)
                    ))
                } else {
                    Verdict::fails(format!(
                        "no X-Cliq-Timestamp within {TOLERANCE} s of now makes it hold: wrong secret, body changed, or an older timestamp; pass --timestamp (the X-Cliq-Timestamp sent) to tell which"
                    ))
                })
            }
        }
    }

    /// Why the configured check failed, the most specific cause found first.
    fn cause(&self, signatures: &Signatures) -> String {
        let signed = |secrets: &[SigningSecret], body: &[u8]| {
            matching(secrets, signatures, &self.message(body)).is_some()
        };
        if let Some(variant) = reencode::variants(self.body)
            .into_iter()
            .find(|v| signed(self.secrets, &v.bytes))
        {
            return format!(
                "the signature matches the body {}: {}; the signature covers the raw bytes, which must arrive unchanged",
                variant.how, variant.cause
            );
        }
        if let Some(why) = self.other_scheme(signatures) {
            return why;
        }
        if signed(self.padded, self.body) {
            return "the signature matches the secret with a trailing newline: the sender reads its secret from a file or `echo` without trimming it".to_owned();
        }
        let mut why = "wrong secret or body changed (no re-encoding of the body, and no other scheme, matches)".to_owned();
        if self.scheme == Scheme::Body && self.timestamp.is_none() {
            why.push_str(&format!(
                "; the timestamped scheme was tried only with timestamps within {TOLERANCE} s of now: pass --timestamp to try another"
            ));
        }
        why
    }

    /// The configured scheme's message over `body`, as parts.
    fn message<'b>(&'b self, body: &'b [u8]) -> Vec<&'b [u8]> {
        match self.timestamp {
            Some((text, _)) if self.scheme == Scheme::Timestamped => {
                vec![text.as_bytes(), b".", body]
            }
            _ => vec![body],
        }
    }

    /// `N s in the past` when `secs` is outside the tolerance of now.
    fn skew(&self, secs: u64) -> Option<String> {
        let skew = self.now.abs_diff(secs);
        (skew > TOLERANCE).then(|| {
            let side = if secs < self.now {
                "in the past"
            } else {
                "ahead"
            };
            format!("{skew} s {side}")
        })
    }

    fn which(&self, index: usize) -> String {
        match self.secrets.len() {
            1 => "the configured secret".to_owned(),
            n => format!("secret #{} of {n}", index + 1),
        }
    }
}

#[cfg(test)]
mod tests;
