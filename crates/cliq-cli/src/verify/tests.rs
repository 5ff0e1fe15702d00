//! Each cause `cliq verify` names, from a body and a signature made for it.

use cliq_bot::verify::SigningSecret;

use super::{Check, Verdict};
use crate::args::Scheme;

const NOW: u64 = 1_765_000_000;
const PRETTY: &str = "{\n  \"command\": \"/deploy\",\n  \"arguments\": \"production\"\n}";
const COMPACT: &str = "{\"command\":\"/deploy\",\"arguments\":\"production\"}";

/// How the sender signed.
struct Signed {
    secret: &'static str,
    timestamp: Option<u64>,
    body: &'static str,
}

fn signature(signed: &Signed) -> String {
    let secret = SigningSecret::new(signed.secret);
    match signed.timestamp {
        Some(ts) => secret.sign(&[ts.to_string().as_bytes(), b".", signed.body.as_bytes()]),
        None => secret.sign(&[signed.body.as_bytes()]),
    }
}

/// The verdict over `body` with secret `dev`, in `scheme`, with `timestamp` given.
fn verdict(header: &str, body: &str, scheme: Scheme, timestamp: Option<u64>) -> Verdict {
    let secrets = [SigningSecret::new("dev")];
    let padded = [SigningSecret::new("dev\n")];
    let text = timestamp.map(|ts| ts.to_string());
    let check = Check {
        secrets: &secrets,
        padded: &padded,
        body: body.as_bytes(),
        scheme,
        timestamp: text.as_deref().zip(timestamp),
        now: NOW,
    };
    check.verdict(header)
}

#[test]
fn names_the_cause_of_each_failure() {
    use Scheme::{Body, Timestamped};
    let signed = |secret, timestamp, body| Signed {
        secret,
        timestamp,
        body,
    };
    // (how it was signed, body received, scheme, --timestamp, holds, expected words)
    let cases = [
        (
            signed("dev", None, COMPACT),
            COMPACT,
            Body,
            None,
            true,
            "holds: body scheme",
        ),
        (
            signed("dev", Some(NOW), COMPACT),
            COMPACT,
            Timestamped,
            Some(NOW),
            true,
            "holds: timestamped",
        ),
        (
            signed("dev", Some(NOW - 20), COMPACT),
            COMPACT,
            Timestamped,
            None,
            true,
            "X-Cliq-Timestamp: 1764999980",
        ),
        (
            signed("dev", None, PRETTY),
            COMPACT,
            Body,
            None,
            false,
            "re-encoded pretty-printed (2-space indent): something between sender and bot re-serialised the JSON",
        ),
        (
            signed("dev", None, COMPACT),
            PRETTY,
            Body,
            None,
            false,
            "re-encoded compactly",
        ),
        (
            signed("dev", Some(NOW), PRETTY),
            COMPACT,
            Timestamped,
            Some(NOW),
            false,
            "re-serialised",
        ),
        (
            signed("dev", None, "{\"a\":1}\n"),
            "{\"a\":1}",
            Body,
            None,
            false,
            "trailing newline added",
        ),
        (
            signed("other", None, COMPACT),
            COMPACT,
            Body,
            None,
            false,
            "wrong secret or body changed",
        ),
        (
            signed("dev", Some(NOW - 5), COMPACT),
            COMPACT,
            Body,
            None,
            false,
            "scheme mismatch: the signature is of the timestamped scheme (over `1764999995.<body>`)",
        ),
        (
            signed("dev", Some(7), COMPACT),
            COMPACT,
            Body,
            Some(7),
            false,
            "scheme mismatch",
        ),
        (
            signed("dev", None, COMPACT),
            COMPACT,
            Timestamped,
            Some(NOW),
            false,
            "scheme mismatch: the signature covers the body alone",
        ),
        (
            signed("dev", None, COMPACT),
            COMPACT,
            Timestamped,
            None,
            false,
            "scheme mismatch",
        ),
        (
            signed("dev", Some(NOW - 1000), COMPACT),
            COMPACT,
            Timestamped,
            Some(NOW - 1000),
            false,
            "1000 s in the past, over the 300 s tolerance",
        ),
        (
            signed("dev", Some(NOW + 400), COMPACT),
            COMPACT,
            Timestamped,
            Some(NOW + 400),
            false,
            "STALE_TIMESTAMP",
        ),
        (
            signed("dev\n", None, COMPACT),
            COMPACT,
            Body,
            None,
            false,
            "secret with a trailing newline",
        ),
        (
            signed("other", None, COMPACT),
            COMPACT,
            Timestamped,
            None,
            false,
            "pass --timestamp",
        ),
    ];
    for (signed, body, scheme, timestamp, holds, expected) in cases {
        let header = format!("sha256={}", signature(&signed));
        let Verdict {
            holds: verified,
            text,
        } = verdict(&header, body, scheme, timestamp);
        assert_eq!(verified, holds, "{text}");
        assert!(text.contains(expected), "expected `{expected}` in: {text}");
    }
}

#[test]
fn explains_malformed_signatures() {
    let good = signature(&Signed {
        secret: "dev",
        timestamp: None,
        body: COMPACT,
    });
    let cases = [
        ("abc", "`abc`: 3 characters where 64 hex digits belong"),
        (&*format!("SHA256={good}"), "must be `sha256=` (lowercase)"),
        (&*"z".repeat(64), "not all hex digits"),
        ("", "no signature given"),
        (&*format!("{good},").repeat(9), "9 entries, at most 8"),
    ];
    for (header, expected) in cases {
        let Verdict { holds, text } = verdict(header, COMPACT, Scheme::Body, None);
        assert!(!holds);
        assert!(text.contains(expected), "expected `{expected}` in: {text}");
    }
    // A pasted header line, and rotation lists, are read as the bot reads them.
    for header in [
        format!("X-Cliq-Signature: sha256={good}"),
        format!("sha256={}, {good}", "0".repeat(64)),
    ] {
        assert!(
            verdict(&header, COMPACT, Scheme::Body, None).holds,
            "{header}"
        );
    }
}
