//! The limits of an outgoing message, and the checks behind every `build()`.

use crate::error_code::ErrorCode;

use super::{Button, Card, Message};

/// The documented limits of an outgoing message.
pub mod limits {
    /// The most characters (Unicode scalar values) in a message's `text`.
    pub const MAX_TEXT_CHARS: usize = 10_000;
    /// The most buttons on one card.
    pub const MAX_BUTTONS: usize = 5;
}

/// A limit an outgoing message breaks.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ValidationError {
    /// `text` is longer than [`limits::MAX_TEXT_CHARS`].
    #[error("message text is {len} characters, over the limit of {max}")]
    MessageTooLong {
        /// The text's length in characters.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// The card has more than [`limits::MAX_BUTTONS`] buttons.
    #[error("card has {count} buttons, over the limit of {max}")]
    TooManyButtons {
        /// How many buttons the card has.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// A button breaks one of its own limits.
    #[error("button {index} is invalid: {problem}")]
    InvalidButton {
        /// The button's position on the card, from 0.
        index: usize,
        /// What is wrong with it.
        problem: ButtonProblem,
    },
}

/// What is wrong with a button.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ButtonProblem {
    /// The label is empty.
    #[error("empty label")]
    EmptyLabel,
    /// An `open.url` button whose URL is not an absolute `http(s)` URL.
    #[error("url is not an absolute http(s) URL")]
    InvalidUrl,
    /// An `invoke.function` button with an empty function name.
    #[error("empty function name")]
    EmptyFunctionName,
    /// A button type other than `open.url` and `invoke.function`.
    #[error("unsupported button type")]
    UnsupportedType,
}

impl ValidationError {
    /// The contract's error code for this limit.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::MessageTooLong { .. } => ErrorCode::MessageTooLong,
            Self::TooManyButtons { .. } => ErrorCode::TooManyButtons,
            Self::InvalidButton { .. } => ErrorCode::InvalidButton,
        }
    }
}

pub(super) fn message(message: &Message) -> Result<(), ValidationError> {
    // No more characters than bytes: only a long text needs counting. Counting
    // stops one past the limit, so a huge text costs no more than a legal one.
    let len = if message.text.len() <= limits::MAX_TEXT_CHARS {
        0
    } else {
        message
            .text
            .chars()
            .take(limits::MAX_TEXT_CHARS + 1)
            .count()
    };
    if len > limits::MAX_TEXT_CHARS {
        return Err(ValidationError::MessageTooLong {
            len: message.text.chars().count(),
            max: limits::MAX_TEXT_CHARS,
        });
    }
    message.card.as_ref().map_or(Ok(()), card)
}

pub(super) fn card(card: &Card) -> Result<(), ValidationError> {
    if card.buttons.len() > limits::MAX_BUTTONS {
        return Err(ValidationError::TooManyButtons {
            count: card.buttons.len(),
            max: limits::MAX_BUTTONS,
        });
    }
    for (index, button) in card.buttons.iter().enumerate() {
        button_problem(button).map_or(Ok(()), |problem| {
            Err(ValidationError::InvalidButton { index, problem })
        })?;
    }
    Ok(())
}

fn button_problem(button: &Button) -> Option<ButtonProblem> {
    match button {
        Button::Other(_) => Some(ButtonProblem::UnsupportedType),
        _ if button.label().is_empty() => Some(ButtonProblem::EmptyLabel),
        Button::OpenUrl { url, .. } if !is_absolute_http_url(url) => {
            Some(ButtonProblem::InvalidUrl)
        }
        Button::InvokeFunction { name, .. } if name.is_empty() => {
            Some(ButtonProblem::EmptyFunctionName)
        }
        _ => None,
    }
}

/// `http://` or `https://` (scheme in any case), a non-empty host, and no
/// whitespace or control characters anywhere.
pub(crate) fn is_absolute_http_url(url: &str) -> bool {
    let Some(rest) = strip_prefix_ignoring_case(url, "http://")
        .or_else(|| strip_prefix_ignoring_case(url, "https://"))
    else {
        return false;
    };
    // The delimiters are ASCII, so byte positions are character boundaries.
    let authority = &rest[..rest
        .bytes()
        .position(|b| matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(rest.len())];
    let host = authority
        .rfind('@')
        .map_or(authority, |at| &authority[at + 1..]);
    let host = host
        .strip_suffix(|c: char| c.is_ascii_digit())
        .map_or(host, |_| host.rsplit_once(':').map_or(host, |(h, _)| h));
    let clean = if url.is_ascii() {
        !url.bytes()
            .any(|b| b.is_ascii_whitespace() || b.is_ascii_control())
    } else {
        !url.chars().any(|c| c.is_whitespace() || c.is_control())
    };
    !host.is_empty() && !host.starts_with(':') && clean
}

/// `text` after `prefix`, matched ignoring ASCII case.
fn strip_prefix_ignoring_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_http_urls() {
        let cases = [
            ("https://logs.example.com", true),
            ("http://localhost:8080/x?y#z", true),
            ("HTTPS://Example.com", true),
            ("https://user@host/path", true),
            ("ftp://example.com", false),
            ("/relative/path", false),
            ("https://", false),
            ("https:///path", false),
            ("https://:80/", false),
            ("https://exa mple.com", false),
            ("example.com", false),
            ("", false),
            ("http:/x.com", false),
            ("httpx://x.com", false),
            ("x://https://x.com", false),
            ("HtTp://x.com", true),
            ("https://x.com/a\u{b}b", false),
            ("https://x.com/\u{a0}", false),
            ("https://x.com/\u{e9}", true),
            ("https://a@b@host:8080/p", true),
            ("https://user@:80/", false),
        ];
        for (url, ok) in cases {
            assert_eq!(is_absolute_http_url(url), ok, "{url}");
        }
    }
}
