//! Why a callback could not be delivered.

use std::error::Error as StdError;
use std::fmt;

type BoxError = Box<dyn StdError + Send + Sync>;

/// A callback could not be delivered, or its answer not read.
///
/// A bot that answers with an error status is no `DeliverError`: that is a
/// [`Delivery`](crate::Delivery) with that status.
#[derive(Debug)]
pub struct DeliverError {
    kind: DeliverErrorKind,
    source: Option<BoxError>,
}

/// The kind of a [`DeliverError`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DeliverErrorKind {
    /// The channel named does not exist in the emulator.
    UnknownChannel,
    /// No command of that name was registered with `POST /commands`.
    UnknownCommand,
    /// The callback could not be serialised.
    Serialize,
    /// The bot could not be reached, timed out, or its answer not read.
    Request,
}

impl DeliverError {
    pub(crate) fn new(kind: DeliverErrorKind) -> Self {
        Self { kind, source: None }
    }

    pub(crate) fn serialize(error: serde_json::Error) -> Self {
        Self {
            kind: DeliverErrorKind::Serialize,
            source: Some(Box::new(error)),
        }
    }

    pub(crate) fn request(error: reqwest::Error) -> Self {
        Self {
            kind: DeliverErrorKind::Request,
            source: Some(Box::new(error)),
        }
    }

    /// What went wrong.
    pub fn kind(&self) -> DeliverErrorKind {
        self.kind
    }
}

impl fmt::Display for DeliverError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.kind {
            DeliverErrorKind::UnknownChannel => "no such channel in the emulator",
            DeliverErrorKind::UnknownCommand => "no such command registered",
            DeliverErrorKind::Serialize => "could not serialise the callback",
            DeliverErrorKind::Request => "could not deliver the callback",
        })
    }
}

impl StdError for DeliverError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_deref()
            .map(|source| source as &(dyn StdError + 'static))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_small_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<DeliverError>();
        assert_eq!(std::mem::size_of::<DeliverError>(), 24);
    }

    #[test]
    fn messages_are_lowercase_without_a_period() {
        let kinds = [
            DeliverErrorKind::UnknownChannel,
            DeliverErrorKind::UnknownCommand,
            DeliverErrorKind::Serialize,
            DeliverErrorKind::Request,
        ];
        for kind in kinds {
            let message = DeliverError::new(kind).to_string();
            assert!(message.starts_with(char::is_lowercase), "{message}");
            assert!(!message.ends_with('.'), "{message}");
        }
    }
}
