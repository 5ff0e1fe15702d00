//! A local Zoho Cliq: the REST API v2 served from memory, an OAuth token
//! endpoint, fault injection, and Cliq's side of the callback contract played
//! towards a bot.
//!
//! # Quick start
//!
//! ```
//! use cliq_emulator::Emulator;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let emulator = Emulator::start().await?; // 127.0.0.1, a free port
//! let channel = emulator.default_channel();
//! let url = format!("{}/api/v2/channels/{}/messages", emulator.base_url(), channel.id);
//! let response = reqwest::Client::new()
//!     .post(url)
//!     .header("Authorization", format!("Zoho-oauthtoken {}", emulator.access_token()))
//!     .header("Content-Type", "application/json")
//!     .body(r#"{"text": "Hello team!"}"#)
//!     .send()
//!     .await?;
//! assert_eq!(response.status(), 201);
//!
//! let messages = emulator.channel_messages(&channel.id);
//! assert_eq!(messages[0].text, "Hello team!");
//! assert_eq!(messages[0].sender.name, "John Doe");
//! # Ok(()) }
//! ```
//!
//! # The REST API
//!
//! Every endpoint of the reference is served under `{base_url}/api/v2`, with
//! the reference's envelopes (`{"data", "status"}`, lists with `list_info`,
//! `204` for deletions, `{"error": {"code", "message"}, "status"}` for
//! refusals) and the `cliq-events` types:
//!
//! | resource | endpoints |
//! |---|---|
//! | channels | `GET,POST /channels`, `GET,PUT,DELETE /channels/{id}`, `POST /channels/{id}/members`, `DELETE /channels/{id}/members/{user_id}` |
//! | messages | `GET,POST /channels/{id}/messages`, `POST /users/{id}/messages`, `PUT,DELETE /messages/{id}`, `POST /messages/{id}/reactions` |
//! | bots | `GET,POST /bots`, `PUT,DELETE /bots/{id}`, `POST /bots/{id}/incoming` (no token) |
//! | webhooks | `POST /webhooks/incoming`, `POST /channelsbynames/{name}/messages/{token}` (no token), `POST /webhooks/outgoing` |
//! | users | `GET /users/me`, `GET /users?query=&limit=`, `GET /users/{id}`, `GET /organization` |
//! | files | `POST /files` (multipart, field `file`), `GET /files/{id}` |
//! | commands | `GET,POST /commands` |
//! | native | `POST /extensions/responses/{token}` (no token; see [the native dialect](#the-native-dialect)) |
//!
//! Every route but the webhook and response URLs needs
//! `Authorization: Zoho-oauthtoken <token>`; a missing, unknown or expired
//! token is `401 INVALID_TOKEN`. Every `/api/v2` answer carries
//! `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset`. A body
//! that is not valid JSON for the endpoint is `400 INVALID_REQUEST`, an unknown
//! route `404 NOT_FOUND`, a wrong method `405 METHOD_NOT_ALLOWED`.
//!
//! The seeded state: the organization "Acme Corporation" (`123456`); users
//! John Doe (`9876543210`, the token's owner, [`Emulator::me`]), Jane Smith
//! and Bob Wilson; the channel "Development" (`CT_1234567890`,
//! [`Emulator::default_channel`]).
//!
//! ## Where the reference is silent
//!
//! - **Statuses**: creating (`POST` of a channel, message, reaction, bot,
//!   webhook, file or command, and posts to webhook URLs) answers `201` with
//!   the object; adding members answers `200` with the channel; deleting
//!   answers `204`, also for a member who was not one.
//! - **Channel lists** are in creation order; `limit` defaults to 20 and is
//!   clamped to 1–50; `next_token` is opaque and a foreign one is
//!   `400 INVALID_REQUEST`. Members are e-mail addresses; one of no user is
//!   still added and counted.
//! - **History** is in posting order, oldest first: the latest `limit`
//!   (default 20, at most 100), or the latest before `before`, or the first
//!   after `after`; `has_more` says whether some were left out.
//! - **Messages** are checked with [`Message::validate`](cliq_events::Message::validate)
//!   (`400` with the limit's code); an empty message, or an attachment naming
//!   no uploaded file, is `400 INVALID_REQUEST`. Sent with a token, they come
//!   from the current user; there is no permission model (any message may be
//!   edited or deleted). An unknown message is `404 NOT_FOUND`.
//! - **Bot webhook URLs** post to the default channel, from the bot (its id;
//!   the message's `bot.name`, else the bot's name). An incoming webhook's URL
//!   names the channel's lowercased name and carries a token: a wrong token is
//!   `401 INVALID_TOKEN`.
//! - **Outgoing webhooks** with no `events` get every event, with no
//!   `channel_id` every channel; events are `message.created`,
//!   `channel.created`, `channel.member.added` and `channel.member.removed`,
//!   signed with the body scheme, delivered once without retry.
//! - **Users**: `query` matches names and e-mail, case-insensitively, as a
//!   substring; no `query` lists everyone.
//! - **Rate limit**: one fixed sixty-second window for the whole API; every
//!   `/api/v2` call counts, whatever its outcome.
//!
//! # OAuth
//!
//! `POST {base_url}/oauth/v2/token` serves the `authorization_code` and
//! `refresh_token` grants for the client of [`Emulator::oauth_client`];
//! [`Emulator::expire_access_tokens`] forces a refresh, and
//! [`Emulator::token_refreshes`] counts them. See `oauth.rs` for the errors.
//!
//! # Faults
//!
//! [`Emulator::faults`] queues errors (with or without processing the
//! request), rate limits and latency; [`EmulatorConfig::rate_limit`] enforces a
//! real per-minute limit.
//!
//! # Playing Cliq towards a bot
//!
//! [`Emulator::deliver_command`], [`Emulator::deliver_click`] and
//! [`Emulator::deliver_event`] post signed callbacks to a bot and record its
//! message replies in the channel. Outgoing webhooks registered with
//! `POST /webhooks/outgoing` receive signed `message.created`,
//! `channel.created` and member events; see
//! [`Emulator::outgoing_deliveries`].
//!
//! # The native dialect
//!
//! The emulator also plays what the real Cliq sends webhook-based extensions
//! (CLIQ-NATIVE.md):
//!
//! ```
//! use cliq_bot::{Bot, Context};
//! use cliq_emulator::Emulator;
//! use cliq_events::CommandCallback;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let emulator = Emulator::start().await?;
//! let bot = Bot::builder()
//!     .native_public_key(&emulator.public_key_pem())
//!     .command("deploy", |_cx: Context, command: CommandCallback| async move {
//!         Ok::<_, std::io::Error>(format!("Deploying to {}", command.arguments()))
//!     })
//!     .build()?;
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
//! let url = format!("http://{}/cliq", listener.local_addr()?);
//! tokio::spawn(bot.serve_with_shutdown(listener, std::future::pending()));
//!
//! let delivery = emulator.deliver_native_command(&url, "/deploy production").await?;
//! assert_eq!(delivery.body["output"]["text"], "Deploying to production");
//! let channel = emulator.default_channel().id;
//! assert_eq!(emulator.channel_messages(&channel)[0].text, "Deploying to production");
//! # Ok(()) }
//! ```
//!
//! - **The key**: the emulator signs with an RSA key pair, given as
//!   [`EmulatorConfig::rsa_key_pkcs8`] or else made once per process (a
//!   2048-bit key, a few hundred milliseconds in a debug build) and shared by
//!   every emulator of the process. A bot trusts it with
//!   [`Emulator::public_key_pem`] or [`Emulator::public_key_base64`].
//! - **Signing**: `X-Cliq-Signature` is the base64 RSA PKCS #1 v1.5 SHA-256
//!   signature over the exact bytes sent ([`Emulator::sign_native`]).
//! - **Calls** ([`Emulator::deliver_native`], [`Emulator::deliver_native_json`],
//!   and the shortcuts [`Emulator::deliver_native_command`] and
//!   [`Emulator::deliver_native_click`]) come from the current user in the
//!   default channel ([`Emulator::native_call`]), get `timestamp` set to now
//!   and `response_url` set to a fresh
//!   `{base}/api/v2/extensions/responses/{token}` unless they carry their
//!   own, and are posted once, without retry.
//! - **Replies**: a `200` whose `output` is a message (an object with a
//!   string `text` and no `type`) is posted to the call's channel
//!   (`params.chat.id` when the emulator has that channel, else the default
//!   channel) as a message from the bot, as for the other dialect. The native
//!   message is shown with a card: its card's title, theme and thumbnail, a
//!   section per `text` slide, and its `invoke.function` buttons (the
//!   button's `key` as their id) and `open.url` ones; what such a card cannot
//!   show is dropped, and when the card breaks a limit the text is posted
//!   alone.
//! - **Late replies**: `POST {response_url}` needs no token (the URL is the
//!   credential) and answers `204`. Every body it is sent is recorded, so a
//!   reply posted twice shows twice ([`Emulator::late_replies`],
//!   [`Emulator::late_reply_for`]); a message in it is posted to the call's
//!   channel. An unknown token is `404 NOT_FOUND`, a body that is not JSON
//!   `400 INVALID_REQUEST`. The URL is under `/api/v2`, so the gate
//!   (latency, faults, rate limit) applies to it as to the webhook URLs.
//!
//! # The binary
//!
//! `cliq-emulator [--addr 127.0.0.1:4000] [--signing-secret S]` serves one
//! emulator until Ctrl-C, after printing its base URL and credentials.

mod api;
mod auth;
mod config;
mod deliver;
mod emulator;
mod faults;
mod gate;
mod inspect;
mod native;
mod oauth;
mod outgoing;
mod ratelimit;
mod respond;
pub mod seed;
mod state;

#[doc(inline)]
pub use auth::OAuthClient;
#[doc(inline)]
pub use config::{EmulatorConfig, RateLimit};
#[doc(inline)]
pub use deliver::{DeliverError, DeliverErrorKind, Delivery, SignatureKind};
#[doc(inline)]
pub use emulator::Emulator;
#[doc(inline)]
pub use faults::{DEFAULT_RESET_AFTER, Faults};
#[doc(inline)]
pub use native::LateReply;
#[doc(inline)]
pub use ratelimit::UNLIMITED_RATE_LIMIT;
