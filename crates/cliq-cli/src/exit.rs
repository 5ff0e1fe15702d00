//! How `cliq` ends: its exit codes, its own failures, and where text goes.

use std::fmt;
use std::io::{self, Write};
use std::process::ExitCode;

/// The exit codes, as `--help` shows them.
pub(crate) const EXIT_CODES: &str = "\
Exit codes:
  0  success: the bot answered 2xx (verify: the signature holds)
  1  the bot refused the callback (non-2xx): its error envelope is explained
  2  usage error, unreadable file or key, a file that is not JSON, or an address the emulator cannot bind
  3  the bot is unreachable (connection refused, or no answer in time)
  4  verify: the signature does not hold";

/// What a run of `cliq` comes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Exit {
    /// 0: a 2xx reply, a signature that holds, or a command that did its job.
    Success,
    /// 1: the bot answered non-2xx.
    Refused,
    /// 2: bad arguments or input.
    Usage,
    /// 3: nothing answered at the URL.
    Unreachable,
    /// 4: the signature does not hold.
    NotVerified,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        Self::from(match exit {
            Exit::Success => 0,
            Exit::Refused => 1,
            Exit::Usage => 2,
            Exit::Unreachable => 3,
            Exit::NotVerified => 4,
        })
    }
}

/// A failure of `cliq` itself (not the bot's answer): printed to stderr as
/// `cliq: <message>` before exiting with its code.
#[derive(Debug)]
pub(crate) struct Failure {
    exit: Exit,
    message: String,
}

impl Failure {
    /// Bad arguments, file or input: exit 2.
    pub(crate) fn usage(message: impl Into<String>) -> Self {
        Self {
            exit: Exit::Usage,
            message: message.into(),
        }
    }

    /// The bot could not be reached: exit 3.
    pub(crate) fn unreachable(message: impl Into<String>) -> Self {
        Self {
            exit: Exit::Unreachable,
            message: message.into(),
        }
    }

    /// The code to exit with.
    pub(crate) fn exit(&self) -> Exit {
        self.exit
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Writes `text` and a newline to stdout. A closed pipe (`cliq … | head`) is
/// not an error worth a panic, which `println!` would make it.
pub(crate) fn out(text: &str) {
    let mut stdout = io::stdout().lock();
    let _ = writeln!(stdout, "{text}");
    let _ = stdout.flush();
}

/// Writes raw bytes to stdout, adding a final newline when they lack one.
pub(crate) fn out_bytes(bytes: &[u8]) {
    let mut stdout = io::stdout().lock();
    let _ = stdout.write_all(bytes);
    if !bytes.ends_with(b"\n") {
        let _ = stdout.write_all(b"\n");
    }
    let _ = stdout.flush();
}

/// Writes `text` and a newline to stderr.
pub(crate) fn err(text: &str) {
    let _ = writeln!(io::stderr().lock(), "{text}");
}
