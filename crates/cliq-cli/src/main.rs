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
//! cliq keygen --out key.pem                      # an RSA pair for the native dialect
//! cliq send command "/deploy production" --dialect native --private-key key.pem
//! ```
//!
//! Every callback is built from the `cliq-events` types, signed as
//! `PROTOCOL.md` §2 says (`--scheme body|timestamped`, `--timestamp` to pin
//! `X-Cliq-Timestamp`) and posted to `--url`; the reply is drawn — a card
//! with its title, theme, sections and buttons, `{"received": true}` as one
//! line, an error envelope as its code, message and a hint — or printed raw
//! with `--json`. The bot's `X-Request-Id` is shown when it sends one.
//!
//! `--dialect native` speaks the real platform's dialect (CLIQ-NATIVE.md)
//! instead: `send command` becomes a `command` / `execution_handler` call,
//! `click` a `function` / `button_handler` call (`params.arguments` is
//! `--data` plus `{"key": <id>}`), `send event message.created` and
//! `bot.mention` the bot's (`--bot NAME`) `message_handler` and
//! `mention_handler` calls; other events have no native counterpart and are
//! refused (exit 2), and a file is sent as it is. Each call carries
//! `timestamp` (epoch ms, now) and `params` (`user`, `chat`, `arguments`,
//! `access`, `environment`, …) as Zoho's samples show them, but no
//! `response_url`: `cliq` cannot receive a late reply. It is signed with
//! `--private-key` (`CLIQ_PRIVATE_KEY`: a PKCS #8 PEM file, or the PEM
//! itself) — `X-Cliq-Signature` is base64 RSA PKCS #1 v1.5 SHA-256 of the
//! body — and its `{"output": …}` reply drawn: a message's text, card title
//! and theme, slides and buttons (action type and target), a banner, or the
//! output's JSON. `cliq keygen` makes the key pair: the private key to
//! `--out` (mode 0600) or stdout, the public key (base64 SPKI and PEM, for
//! the bot's `CLIQ_NATIVE_PUBLIC_KEY`) beside it.
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
//! | `CLIQ_PRIVATE_KEY` | `--dialect native`: the RSA private key, a PKCS #8 PEM file or the PEM itself | none |
//! | `CLIQ_EMULATOR_ADDR` | where `cliq emulator` serves | `127.0.0.1:4000` |
//!
//! # Exit codes
//!
//! | code | meaning |
//! |---|---|
//! | 0 | success: the bot answered 2xx; `verify`: the signature holds |
//! | 1 | the bot refused the callback (non-2xx); its envelope is explained |
//! | 2 | usage error, unreadable file or key, a file that is not JSON, an address the emulator cannot bind |
//! | 3 | the bot is unreachable: connection refused, or no answer within 30 s |
//! | 4 | `verify`: the signature does not hold |

// Output goes through `exit::out` and `exit::err`, which write with
// `std::io::Write` and ignore a closed pipe, so `print!` is never used and the
// workspace's print lints need no exception here.

mod args;
mod emulator;
mod exit;
mod explain;
mod keys;
mod native;
mod payload;
mod render;
mod send;
mod sign;
mod verify;

use std::process::ExitCode;

use clap::Parser;

use crate::args::{Cli, Command, Dialect, Send};
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
            let body = match args.target.dialect {
                Dialect::Contract => payload::command(&args.line, &args.who)?,
                Dialect::Native => native::command(&args.line, &args.who)?,
            };
            send::post(&args.target, body).await
        }
        Command::Send(Send::Event(args)) => {
            let body = match (args.file(), args.target.dialect) {
                (Some(path), _) => payload::file(&path)?,
                (None, Dialect::Contract) => payload::event(&args)?,
                (None, Dialect::Native) => native::event(&args)?,
            };
            send::post(&args.target, body).await
        }
        Command::Click(args) => {
            let body = match args.target.dialect {
                Dialect::Contract => payload::click(&args)?,
                Dialect::Native => native::click(&args)?,
            };
            send::post(&args.target, body).await
        }
        Command::Sign(signing) => sign::run(&signing),
        Command::Verify(args) => verify::run(&args),
        Command::Emulator(args) => emulator::run(args).await,
        Command::Keygen(args) => keys::keygen(&args),
    }
}
