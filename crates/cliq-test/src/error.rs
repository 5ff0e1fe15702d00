//! [`KitError`]: what can go wrong setting up the kit or sending a callback
//! (never a refusal by the bot: that is a [`Reply`](crate::Reply)).

use std::error::Error as StdError;
use std::fmt;

use cliq_bot::BoxError;

/// Why the kit could not build the bot, reach the emulator or deliver a
/// callback. A refusal by the bot is no error: it is a
/// [`Reply`](crate::Reply) with its status and code.
pub struct KitError {
    inner: Box<Inner>,
}

struct Inner {
    kind: KitErrorKind,
    source: Option<BoxError>,
}

/// What kind of [`KitError`] happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum KitErrorKind {
    /// The closure given to the kit did not build a bot.
    Build,
    /// The emulator could not start, or refused a call the kit made
    /// (creating a channel, say).
    Emulator,
    /// The request could not be signed or the payload serialised.
    Request,
    /// The bot's answer could not be read.
    Response,
}

impl KitError {
    pub(crate) fn new(kind: KitErrorKind, source: impl Into<BoxError>) -> Self {
        Self {
            inner: Box::new(Inner {
                kind,
                source: Some(source.into()),
            }),
        }
    }

    pub(crate) fn bare(kind: KitErrorKind) -> Self {
        Self {
            inner: Box::new(Inner { kind, source: None }),
        }
    }

    /// What kind of error this is.
    pub fn kind(&self) -> KitErrorKind {
        self.inner.kind
    }
}

impl fmt::Debug for KitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KitError")
            .field("kind", &self.inner.kind)
            .field("source", &self.inner.source)
            .finish()
    }
}

impl fmt::Display for KitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.inner.kind {
            KitErrorKind::Build => "the bot could not be built",
            KitErrorKind::Emulator => "the emulator failed",
            KitErrorKind::Request => "the request could not be made",
            KitErrorKind::Response => "the reply could not be read",
        })
    }
}

impl StdError for KitError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.inner
            .source
            .as_deref()
            .map(|source| source as &(dyn StdError + 'static))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_one_pointer_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<KitError>();
        assert_eq!(size_of::<KitError>(), size_of::<usize>());
    }

    #[test]
    fn names_its_kind_and_keeps_its_source() {
        let error = KitError::new(KitErrorKind::Emulator, "port in use");
        assert_eq!(error.to_string(), "the emulator failed");
        assert_eq!(error.kind(), KitErrorKind::Emulator);
        assert_eq!(
            error.source().map(ToString::to_string).as_deref(),
            Some("port in use")
        );
    }
}
