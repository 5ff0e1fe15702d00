//! `cliq`: talk to a Zoho Cliq bot from the terminal.
//!
//! ```sh
//! export CLIQ_SIGNING_SECRET=dev                 # the bot's secret
//! cliq send command "/deploy production"         # a slash command; the reply card is drawn
//! cliq click approve_deploy --id 1               # a click on an invoke.function button
//! cliq send event message.created --text hi      # an outgoing-webhook event
//! cliq send event payload.json                   # a file, sent byte for byte
//! cliq sign < body.json                          # the headers that sign a body
//! cliq verify --signature sha256=… < body.json   # does it hold, and if not, why
//! cliq emulator                                  # a local Cliq on 127.0.0.1:4000
//! ```
//!
//! Every callback is built from the `cliq-events` types, signed as
//! `PROTOCOL.md` §2 says (`--scheme body|timestamped`, `--timestamp` to pin
//! `X-Cliq-Timestamp`) and posted to `--url`; the reply is drawn — a card
//! with its title, theme, sections and buttons, `{"received": true}` as one
//! line, an error envelope as its code, message and a hint — or printed raw
//! with `--json`. The bot's `X-Request-Id` is shown when it sends one.
//!
//! `cliq verify` says why a signature fails when it can tell: a malformed
//! value, a body re-encoded in transit (compact, pretty, spaced, sorted keys,
//! a trailing newline, CRLF/LF), the other scheme, a stale timestamp, a secret
//! with a trailing newline; else "wrong secret or body changed".
//!
//! Plain HTTP only: `cliq` carries no TLS stack.
//!
//! # Environment
//!
//! | variable | meaning | default |
//! |---|---|---|
//! | `CLIQ_URL` | the bot's callback URL | `http://127.0.0.1:3000/cliq` |
//! | `CLIQ_SIGNING_SECRET` | the secret; several, comma-separated: sign with each, accept any | none |
//! | `CLIQ_SIGNATURE_SCHEME` | `body` or `timestamped` | `body` |
//! | `CLIQ_EMULATOR_ADDR` | where `cliq emulator` serves | `127.0.0.1:4000` |
//!
//! # Exit codes
//!
//! | code | meaning |
//! |---|---|
//! | 0 | success: the bot answered 2xx; `verify`: the signature holds |
//! | 1 | the bot refused the callback (non-2xx); its envelope is explained |
//! | 2 | usage error, unreadable file, a file that is not JSON, an address the emulator cannot bind |
//! | 3 | the bot is unreachable: connection refused, or no answer within 30 s |
//! | 4 | `verify`: the signature does not hold |

// Output goes through `exit::out` and `exit::err`, which write with
// `std::io::Write` and ignore a closed pipe, so `print!` is never used and the
// workspace's print lints need no exception here.

mod args;
mod emulator;
mod exit;
mod explain;
mod payload;
mod render;
mod send;
mod sign;
mod verify;

use std::process::ExitCode;

use clap::Parser;

use crate::args::{Cli, Command, Send};
use crate::exit::{Exit, Failure};

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command).await {
        Ok(exit) => exit.into(),
        Err(failure) => {
            exit::err(&format!("cliq: {failure}"));
            failure.exit().into()
        }
    }
}

async fn run(command: Command) -> Result<Exit, Failure> {
    match command {
        Command::Send(Send::Command(args)) => {
            let body = payload::command(&args.line, &args.who)?;
            send::post(&args.target, body).await
        }
        Command::Send(Send::Event(args)) => {
            let body = match args.file() {
                Some(path) => payload::file(&path)?,
                None => payload::event(&args)?,
            };
            send::post(&args.target, body).await
        }
        Command::Click(args) => {
            let body = payload::click(&args)?;
            send::post(&args.target, body).await
        }
        Command::Sign(signing) => sign::run(&signing),
        Command::Verify(args) => verify::run(&args),
        Command::Emulator(args) => emulator::run(args).await,
    }
}
