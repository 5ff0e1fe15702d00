//! A refusal in one line: the envelope's code and message, and what to check.

use cliq_events::ErrorCode;
use cliq_events::envelope::ErrorResponse;

use crate::args::{Dialect, Scheme};

/// What was sent, for hints that depend on it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Sent<'a> {
    /// The URL posted to.
    pub(crate) url: &'a str,
    /// The signature scheme used (the contract dialect's).
    pub(crate) scheme: Scheme,
    /// The dialect spoken.
    pub(crate) dialect: Dialect,
}

/// `refused: CODE — message; hint: …`.
pub(crate) fn refusal(envelope: &ErrorResponse, sent: Sent<'_>) -> String {
    let code = &envelope.error.code;
    let message = envelope.error.message.trim_end_matches('.');
    match hint(code, sent) {
        Some(hint) => format!("refused: {code} — {message}; hint: {hint}"),
        None => format!("refused: {code} — {message}"),
    }
}

/// What to check for the common codes.
fn hint(code: &ErrorCode, sent: Sent<'_>) -> Option<String> {
    let scheme = match sent.scheme {
        Scheme::Body => "body",
        Scheme::Timestamped => "timestamped",
    };
    let hint = match code {
        ErrorCode::InvalidSignature if sent.dialect == Dialect::Native => {
            "the bot does not trust this RSA key: --private-key (CLIQ_PRIVATE_KEY) must be the private half of the public key the bot was given (CLIQ_NATIVE_PUBLIC_KEY, BotBuilder::native_public_key); `cliq keygen` prints a pair".to_owned()
        }
        ErrorCode::InvalidPayload if sent.dialect == Dialect::Native => {
            "the body is no valid native call: see CLIQ-NATIVE.md, or does the bot serve the native dialect at all (is it given a public key)?".to_owned()
        }
        ErrorCode::InvalidSignature => format!(
            "check CLIQ_SIGNING_SECRET matches the bot's and the scheme (this request: {scheme}; set with --scheme or CLIQ_SIGNATURE_SCHEME)"
        ),
        ErrorCode::MissingSignature => {
            "no X-Cliq-Signature arrived: something in front of the bot strips it".to_owned()
        }
        ErrorCode::InvalidTimestamp if sent.scheme == Scheme::Body => {
            "the bot uses the timestamped scheme: pass --scheme timestamped".to_owned()
        }
        ErrorCode::InvalidTimestamp => {
            "X-Cliq-Timestamp must be whole unix seconds in decimal digits".to_owned()
        }
        ErrorCode::StaleTimestamp => {
            "clock skew: this machine's clock and the bot's differ by more than the tolerance (300 s by default), or --timestamp is old".to_owned()
        }
        ErrorCode::ReplayedRequest => {
            "this exact signature was already accepted: leave out --timestamp so a fresh one is used".to_owned()
        }
        ErrorCode::NotFound | ErrorCode::MethodNotAllowed => format!(
            "check the path of {} (CLIQ_URL): the bot's callback path, `/cliq` by default",
            sent.url
        ),
        ErrorCode::UnsupportedMediaType => {
            "the bot wants Content-Type: application/json".to_owned()
        }
        ErrorCode::PayloadTooLarge => {
            "the body is over the bot's limit (1 MiB by default)".to_owned()
        }
        ErrorCode::InvalidPayload => {
            "the body is no valid callback: see PROTOCOL.md §3 for each kind's required fields"
                .to_owned()
        }
        ErrorCode::UnknownCommand => {
            "the bot has no handler for this command: check its name".to_owned()
        }
        ErrorCode::UnknownFunction => {
            "the bot has no handler for this function: names match exactly, case included"
                .to_owned()
        }
        ErrorCode::UnknownHandler => {
            "the bot has no handler for this native call: a bot's message_handler or mention_handler needs a native handler (BotBuilder::bot_handler)".to_owned()
        }
        ErrorCode::HandlerError | ErrorCode::InternalError => {
            "the handler failed: see the bot's log for this request id".to_owned()
        }
        ErrorCode::HandlerTimeout => {
            "the handler ran past its deadline (10 s by default)".to_owned()
        }
        ErrorCode::Overloaded => "too many callbacks in flight: retry shortly".to_owned(),
        ErrorCode::MessageTooLong | ErrorCode::TooManyButtons | ErrorCode::InvalidButton => {
            "the handler's reply breaks a message limit (PROTOCOL.md §4)".to_owned()
        }
        _ => return None,
    };
    Some(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explains_in_one_line_with_a_hint_for_common_codes() {
        let sent = Sent {
            url: "http://127.0.0.1:3000/cliq",
            scheme: Scheme::Body,
            dialect: Dialect::Contract,
        };
        let cases = [
            (
                "INVALID_SIGNATURE",
                "check CLIQ_SIGNING_SECRET matches the bot's",
            ),
            ("STALE_TIMESTAMP", "clock skew"),
            ("INVALID_TIMESTAMP", "--scheme timestamped"),
            ("NOT_FOUND", "http://127.0.0.1:3000/cliq"),
            ("UNKNOWN_FUNCTION", "exactly"),
        ];
        for (code, expected) in cases {
            let envelope = ErrorResponse::new(401, ErrorCode::from_wire(code), "It failed.");
            let line = refusal(&envelope, sent);
            assert!(
                line.starts_with(&format!("refused: {code} — It failed; hint: ")),
                "{line}"
            );
            assert!(line.contains(expected), "{line}");
            assert!(!line.contains('\n'), "{line}");
        }
        let other = ErrorResponse::new(418, ErrorCode::from_wire("TEAPOT"), "short and stout");
        assert_eq!(refusal(&other, sent), "refused: TEAPOT — short and stout");
    }
}
