//! Errors of configuration and serving (per-request refusals are
//! [`Rejection`](crate::Rejection)s).

/// Why [`BotBuilder::build`](crate::BotBuilder::build) refused a configuration.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// No signing secret was given.
    #[error("no signing secret: add one with .secret(..)")]
    NoSecret,
    /// A signing secret is empty.
    #[error("signing secret {index} is empty")]
    EmptySecret {
        /// Its position among the secrets given, from 0.
        index: usize,
    },
    /// A command is registered twice (names ignore `/` and ASCII case).
    #[error("command `{0}` is registered twice")]
    DuplicateCommand(String),
    /// A function is registered twice.
    #[error("function `{0}` is registered twice")]
    DuplicateFunction(String),
    /// An event has two handlers (`.events(..)` covers every event).
    #[error("event handler for `{0}` is registered twice")]
    DuplicateEvent(&'static str),
    /// A native handler is registered twice for one component, handler and name.
    #[error("native handler `{0}` is registered twice")]
    DuplicateNative(String),
    /// No HTTP client could be made for late native replies (no TLS roots).
    #[error("no HTTP client could be made for late native replies")]
    NoHttpClient,
    /// A fallback is registered twice.
    #[error("{kind} fallback is registered twice")]
    DuplicateFallback {
        /// `command` or `function`.
        kind: &'static str,
    },
    /// A command or function name is empty.
    #[error("{kind} name is empty")]
    EmptyName {
        /// `command` or `function`.
        kind: &'static str,
    },
    /// The callback path does not start with `/`.
    #[error("callback path `{0}` must start with `/`")]
    InvalidPath(String),
    /// A native public key could not be read.
    #[error("native public key {index} is invalid: {error}")]
    InvalidPublicKey {
        /// Its position among the keys given, from 0.
        index: usize,
        /// What is wrong with it.
        error: crate::verify::KeyError,
    },
    /// The body limit, in-flight limit or deadline is zero.
    #[error("body limit, in-flight limit and handler deadline must be above zero")]
    ZeroLimit,
}
