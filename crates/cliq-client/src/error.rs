//! The client's one error type: an opaque [`Error`] whose [`Error::kind`]
//! says what went wrong.

use std::error::Error as StdError;
use std::fmt;

use cliq_events::{ErrorCode, ValidationError};

type BoxError = Box<dyn StdError + Send + Sync>;

/// A failed call: the API refused it, the network failed, the response made
/// no sense, or the request was never sent (invalid message, bad settings).
///
/// Match on [`Error::kind`]; the underlying cause, when there is one, is
/// [`std::error::Error::source`]. Errors never carry a token or a webhook
/// URL.
pub struct Error {
    inner: Box<Inner>,
}

struct Inner {
    kind: ErrorKind,
    source: Option<BoxError>,
}

/// What went wrong; see [`Error::kind`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The API answered with an error envelope.
    Api {
        /// The HTTP status.
        status: u16,
        /// The envelope's code, such as [`ErrorCode::InvalidChannel`].
        code: ErrorCode,
        /// The envelope's explanation.
        message: String,
    },
    /// The API answered with an error status and no error envelope.
    Http {
        /// The HTTP status.
        status: u16,
    },
    /// The API's rate limit was hit and its reset lies further away than the
    /// client may wait, or the limit was hit on every attempt.
    RateLimited {
        /// When the limit resets, in Unix seconds, if the server said.
        reset: Option<u64>,
    },
    /// No access token could be obtained: the token endpoint refused the
    /// credentials or could not be reached.
    Auth,
    /// The outgoing message breaks a limit; nothing was sent.
    Validation(ValidationError),
    /// The request could not be sent, or the response not received.
    Transport,
    /// A response body was not what the endpoint returns.
    Decode,
    /// A URL given to a call (a webhook URL) is not an absolute `http(s)` URL.
    InvalidUrl,
    /// The client's settings are invalid; returned by
    /// [`ClientBuilder::build`](crate::ClientBuilder::build).
    Config(String),
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Self {
        Self {
            inner: Box::new(Inner { kind, source: None }),
        }
    }

    pub(crate) fn with_source<E>(mut self, source: E) -> Self
    where
        E: Into<BoxError>,
    {
        self.inner.source = Some(source.into());
        self
    }

    pub(crate) fn transport(source: reqwest::Error) -> Self {
        // Webhook URLs embed credentials, so no URL ever reaches the chain.
        Self::new(ErrorKind::Transport).with_source(source.without_url())
    }

    pub(crate) fn decode<E>(source: E) -> Self
    where
        E: Into<BoxError>,
    {
        Self::new(ErrorKind::Decode).with_source(source)
    }

    pub(crate) fn config(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Config(message.into()))
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.inner.kind
    }

    /// The API's error code, when the API answered with an error envelope.
    pub fn code(&self) -> Option<&ErrorCode> {
        match &self.inner.kind {
            ErrorKind::Api { code, .. } => Some(code),
            _ => None,
        }
    }

    /// The HTTP status, when the API answered with an error status.
    pub fn status(&self) -> Option<u16> {
        match &self.inner.kind {
            ErrorKind::Api { status, .. } | ErrorKind::Http { status } => Some(*status),
            ErrorKind::RateLimited { .. } => Some(429),
            _ => None,
        }
    }

    /// Whether the request timed out.
    pub fn is_timeout(&self) -> bool {
        self.inner
            .source
            .as_deref()
            .and_then(|source| source.downcast_ref::<reqwest::Error>())
            .is_some_and(reqwest::Error::is_timeout)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("cliq_client::Error");
        debug.field("kind", &self.inner.kind);
        if let Some(source) = &self.inner.source {
            debug.field("source", source);
        }
        debug.finish()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inner.kind {
            ErrorKind::Api {
                status,
                code,
                message,
            } => write!(f, "cliq api error {status} {code}: {message}"),
            ErrorKind::Http { status } => write!(f, "cliq answered http {status}"),
            ErrorKind::RateLimited { reset: Some(reset) } => {
                write!(f, "rate limited until unix time {reset}")
            }
            ErrorKind::RateLimited { reset: None } => f.write_str("rate limited"),
            ErrorKind::Auth => f.write_str("could not obtain an access token"),
            ErrorKind::Validation(error) => write!(f, "message not sent: {error}"),
            ErrorKind::Transport => f.write_str("request failed in transport"),
            ErrorKind::Decode => f.write_str("unexpected response body"),
            ErrorKind::InvalidUrl => f.write_str("not an absolute http(s) url"),
            ErrorKind::Config(message) => write!(f, "invalid client settings: {message}"),
        }
    }
}

impl StdError for Error {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match &self.inner.kind {
            ErrorKind::Validation(error) => Some(error),
            _ => self
                .inner
                .source
                .as_deref()
                .map(|source| source as &(dyn StdError + 'static)),
        }
    }
}

impl From<ValidationError> for Error {
    fn from(error: ValidationError) -> Self {
        Self::new(ErrorKind::Validation(error))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync + 'static>() {}

    #[test]
    fn is_one_pointer_and_thread_safe() {
        assert_send_sync::<Error>();
        assert_eq!(std::mem::size_of::<Error>(), std::mem::size_of::<usize>());
    }

    #[test]
    fn messages_are_lowercase_without_trailing_period() {
        let cases = [
            (
                ErrorKind::Api {
                    status: 404,
                    code: ErrorCode::InvalidChannel,
                    message: "The specified channel does not exist".to_owned(),
                },
                "cliq api error 404 INVALID_CHANNEL: The specified channel does not exist",
            ),
            (ErrorKind::Http { status: 502 }, "cliq answered http 502"),
            (
                ErrorKind::RateLimited {
                    reset: Some(1_702_396_800),
                },
                "rate limited until unix time 1702396800",
            ),
            (ErrorKind::Auth, "could not obtain an access token"),
            (
                ErrorKind::Config("no credentials".to_owned()),
                "invalid client settings: no credentials",
            ),
        ];
        for (kind, expected) in cases {
            let text = Error::new(kind).to_string();
            assert_eq!(text, expected);
            assert!(!text.ends_with('.'));
        }
    }

    #[test]
    fn code_and_status_come_from_the_envelope() {
        let error = Error::new(ErrorKind::Api {
            status: 401,
            code: ErrorCode::InvalidToken,
            message: "expired".to_owned(),
        });
        assert_eq!(error.code(), Some(&ErrorCode::InvalidToken));
        assert_eq!(error.status(), Some(401));
        assert_eq!(Error::new(ErrorKind::Transport).code(), None);
    }

    #[test]
    fn validation_errors_are_the_source() {
        let error = Error::from(ValidationError::MessageTooLong {
            len: 10_001,
            max: 10_000,
        });
        assert_eq!(error.code(), None);
        let source = error.source().map(ToString::to_string);
        assert_eq!(
            source.as_deref(),
            Some("message text is 10001 characters, over the limit of 10000")
        );
    }
}
