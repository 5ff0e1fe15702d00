//! The command line, as clap reads it.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use cliq_emulator::EmulatorConfig;

use crate::exit::{EXIT_CODES, Failure};

/// Talk to a Zoho Cliq bot from the terminal: send it signed callbacks and
/// draw its replies, sign and verify bodies, serve a local Cliq emulator.
///
/// `--dialect native` sends the real platform's RSA-signed calls instead of
/// PROTOCOL.md's HMAC-signed ones; `cliq keygen` makes their key pair.
///
/// Plain HTTP only: cliq talks to bots on this machine or a private network
/// and carries no TLS stack; reach a bot behind HTTPS through its upstream port.
#[derive(Debug, Parser)]
#[command(name = "cliq", version, after_help = EXIT_CODES)]
pub(crate) struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Send a signed slash command or event to a bot and show its reply (either dialect).
    #[command(subcommand)]
    Send(Send),
    /// Click an `invoke.function` button: send its function callback, show the reply.
    #[command(after_help = EXIT_CODES)]
    Click(ClickArgs),
    /// Print the headers that sign the body read from stdin.
    #[command(after_help = EXIT_CODES)]
    Sign(Signing),
    /// Check a signature over the body read from stdin, and say why it fails.
    #[command(after_help = EXIT_CODES)]
    Verify(VerifyArgs),
    /// Serve a local Cliq (REST API, OAuth, callbacks) until Ctrl-C.
    #[command(after_help = EXIT_CODES)]
    Emulator(EmulatorArgs),
    /// Make an RSA-2048 key pair for the native dialect: the private key (PKCS #8 PEM)
    /// signs `--dialect native` calls, the public key goes to the bot
    /// (`CLIQ_NATIVE_PUBLIC_KEY`).
    #[command(after_help = EXIT_CODES)]
    Keygen(KeygenArgs),
}

/// What `cliq send` sends.
#[derive(Debug, Subcommand)]
pub(crate) enum Send {
    /// A slash command, as typed: `cliq send command "/deploy production"`.
    #[command(after_help = EXIT_CODES)]
    Command(CommandArgs),
    /// An outgoing-webhook event by name (`cliq send event message.created --text hi`),
    /// or a JSON file sent byte for byte (`cliq send event payload.json`).
    #[command(after_help = EXIT_CODES)]
    Event(EventArgs),
}

/// The signature scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Scheme {
    /// HMAC-SHA256 of the raw body.
    Body,
    /// HMAC-SHA256 of `<X-Cliq-Timestamp>.<raw body>`.
    Timestamped,
}

/// Which of the two dialects a callback speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub(crate) enum Dialect {
    /// PROTOCOL.md: `command` / `invoke.function` / `event` bodies, HMAC-SHA256 with the secret.
    #[default]
    Contract,
    /// The real platform's (CLIQ-NATIVE.md): `{type, handler, name, timestamp, params}`
    /// calls, RSA-signed with --private-key; the reply is `{"output": …}`.
    Native,
}

/// How bodies are signed or verified.
#[derive(Debug, Args)]
pub(crate) struct Signing {
    /// The signing secret; several, comma-separated, while rotating (sign with each, accept any).
    /// Not used by `--dialect native`.
    #[arg(
        long = "signing-secret",
        visible_alias = "secret",
        env = "CLIQ_SIGNING_SECRET",
        hide_env_values = true,
        value_name = "SECRET"
    )]
    pub(crate) secret: Option<String>,
    /// The signature scheme.
    #[arg(
        long,
        env = "CLIQ_SIGNATURE_SCHEME",
        value_enum,
        default_value = "body"
    )]
    pub(crate) scheme: Scheme,
    /// X-Cliq-Timestamp, in unix seconds, for the timestamped scheme (when signing: default now).
    #[arg(long, value_name = "UNIX_SECONDS")]
    pub(crate) timestamp: Option<String>,
}

/// Where to send, and how to show the reply.
#[derive(Debug, Args)]
pub(crate) struct Target {
    /// The bot's callback URL; plain http:// only.
    #[arg(
        long,
        env = "CLIQ_URL",
        default_value = "http://127.0.0.1:3000/cliq",
        value_name = "URL"
    )]
    pub(crate) url: String,
    /// Print the reply's raw JSON instead of drawing it.
    #[arg(long)]
    pub(crate) json: bool,
    /// The dialect to speak: PROTOCOL.md's HMAC-signed callbacks, or the native
    /// platform's RSA-signed calls (needs --private-key).
    #[arg(long, value_enum, default_value = "contract")]
    pub(crate) dialect: Dialect,
    /// Native dialect: the RSA private key to sign with, a PKCS #8 PEM file (`cliq keygen`
    /// makes one). CLIQ_PRIVATE_KEY may also hold the PEM itself.
    #[arg(
        long,
        env = "CLIQ_PRIVATE_KEY",
        hide_env_values = true,
        value_name = "FILE"
    )]
    pub(crate) private_key: Option<String>,
    #[command(flatten)]
    pub(crate) signing: Signing,
}

/// Who acts, and where.
#[derive(Debug, Args)]
pub(crate) struct Who {
    /// The user's name.
    #[arg(long, default_value = "John Doe", value_name = "NAME")]
    pub(crate) user: String,
    /// The user's id.
    #[arg(long, default_value = "9876543210", value_name = "ID")]
    pub(crate) user_id: String,
    /// The channel's name.
    #[arg(long, default_value = "Development", value_name = "NAME")]
    pub(crate) channel: String,
    /// The channel's id.
    #[arg(long, default_value = "CT_1234567890", value_name = "ID")]
    pub(crate) channel_id: String,
}

/// `cliq send command`.
#[derive(Debug, Args)]
pub(crate) struct CommandArgs {
    /// The command line: the command (a leading `/` is added if missing), then its arguments.
    #[arg(value_name = "LINE")]
    pub(crate) line: String,
    #[command(flatten)]
    pub(crate) who: Who,
    #[command(flatten)]
    pub(crate) target: Target,
}

/// `cliq send event`.
#[derive(Debug, Args)]
pub(crate) struct EventArgs {
    /// message.created, mention, bot.mention, channel.created, channel.member.added,
    /// channel.member.removed or any other name; or a JSON file (`*.json`, or a path
    /// that exists), sent as-is. With --dialect native: message.created or bot.mention
    /// only (the bot's message_handler and mention_handler calls), or a file.
    #[arg(value_name = "EVENT|FILE")]
    pub(crate) event: String,
    /// Message events: the message text.
    #[arg(long, default_value = "hello")]
    pub(crate) text: String,
    /// Message events: the message id (default: a fresh one, so the bot's
    /// de-duplication never swallows a repeat).
    #[arg(long, value_name = "ID")]
    pub(crate) message_id: Option<String>,
    /// Message events: a user id the message mentions (repeatable).
    #[arg(long = "mention", value_name = "USER_ID")]
    pub(crate) mentions: Vec<String>,
    /// Native dialect: the bot's name, the call's `name` (message.created and bot.mention
    /// become the bot's message_handler and mention_handler calls).
    #[arg(long, default_value = "bot", value_name = "NAME")]
    pub(crate) bot: String,
    /// Member events: the member's name.
    #[arg(long, default_value = "Jane Roe", value_name = "NAME")]
    pub(crate) member: String,
    /// Member events: the member's id.
    #[arg(long, default_value = "1122334455", value_name = "ID")]
    pub(crate) member_id: String,
    /// Member events: the member's e-mail address.
    #[arg(long, value_name = "EMAIL")]
    pub(crate) member_email: Option<String>,
    /// Events of other names: the `data` object, as JSON.
    #[arg(long, value_name = "JSON")]
    pub(crate) data: Option<String>,
    #[command(flatten)]
    pub(crate) who: Who,
    #[command(flatten)]
    pub(crate) target: Target,
}

/// `cliq click`.
#[derive(Debug, Args)]
pub(crate) struct ClickArgs {
    /// The function name on the button (matched exactly).
    #[arg(value_name = "FUNCTION")]
    pub(crate) name: String,
    /// The button's id.
    #[arg(long)]
    pub(crate) id: String,
    /// The button's label.
    #[arg(long)]
    pub(crate) label: Option<String>,
    /// The id of the message the button sits on.
    #[arg(long, value_name = "ID")]
    pub(crate) message_id: Option<String>,
    /// Free-form `data`, as JSON.
    #[arg(long, value_name = "JSON")]
    pub(crate) data: Option<String>,
    #[command(flatten)]
    pub(crate) who: Who,
    #[command(flatten)]
    pub(crate) target: Target,
}

/// `cliq verify`.
#[derive(Debug, Args)]
pub(crate) struct VerifyArgs {
    /// The X-Cliq-Signature value: 64 hex digits, optionally after `sha256=`; several comma-separated.
    #[arg(long, value_name = "SIG")]
    pub(crate) signature: String,
    #[command(flatten)]
    pub(crate) signing: Signing,
}

/// `cliq emulator`, with the flags of the `cliq-emulator` binary.
#[derive(Debug, Args)]
pub(crate) struct EmulatorArgs {
    /// The address to serve on.
    #[arg(long, env = "CLIQ_EMULATOR_ADDR", default_value = "127.0.0.1:4000")]
    pub(crate) addr: SocketAddr,
    /// The secret callbacks and outgoing-webhook events are signed with.
    #[arg(
        long,
        env = "CLIQ_SIGNING_SECRET",
        default_value = EmulatorConfig::DEFAULT_SIGNING_SECRET,
        hide_env_values = true,
        hide_default_value = true
    )]
    pub(crate) signing_secret: String,
}

/// `cliq keygen`.
#[derive(Debug, Args)]
pub(crate) struct KeygenArgs {
    /// Write the private key here (mode 0600; an existing file is not overwritten) instead of
    /// to stdout. The public key is printed to stdout, or to stderr when the private key is.
    #[arg(long, value_name = "FILE")]
    pub(crate) out: Option<PathBuf>,
}

impl Signing {
    /// The secret list, which every HMAC signature needs.
    pub(crate) fn secret(&self) -> Result<&str, Failure> {
        self.secret.as_deref().ok_or_else(|| {
            Failure::usage(
                "no signing secret: pass --signing-secret or set CLIQ_SIGNING_SECRET (or, for the native dialect, --dialect native --private-key FILE)",
            )
        })
    }
}

impl EventArgs {
    /// The file to send, when the argument names one rather than an event.
    pub(crate) fn file(&self) -> Option<PathBuf> {
        let path = PathBuf::from(&self.event);
        let named = self.event.ends_with(".json") || self.event.contains(['/', '\\']);
        (named || path.is_file()).then_some(path)
    }
}
