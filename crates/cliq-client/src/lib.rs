//! An async client for the Zoho Cliq REST API v2: every endpoint typed,
//! tokens refreshed, rate limits waited out, retries that never post twice.
//!
//! # Quick start
//!
//! ```no_run
//! use cliq_client::{Client, DataCentre, Plan};
//! use cliq_client::events::{ChannelId, Message};
//! use cliq_client::events::rest::ListChannels;
//! use futures_util::TryStreamExt;
//!
//! # async fn run() -> Result<(), cliq_client::Error> {
//! let client = Client::builder()
//!     .data_centre(DataCentre::Eu)
//!     .oauth("1000.CLIENTID", "client-secret", "1000.refresh-token")
//!     .plan(Plan::Standard)
//!     .build()?;
//!
//! let hello = Message::text("Deployment finished")?;
//! let posted = client.messages().send(&ChannelId::new("CT_1234567890"), &hello).await?;
//! println!("posted {}", posted.id);
//!
//! let channels: Vec<_> = client.channels().list_all(&ListChannels::new().limit(50)).try_collect().await?;
//! println!("{} channels", channels.len());
//! # Ok(())
//! # }
//! ```
//!
//! # Endpoints
//!
//! One handle per resource of the reference, each borrowed from the
//! [`Client`]: [`Client::channels`], [`Client::messages`], [`Client::bots`],
//! [`Client::webhooks`], [`Client::users`], [`Client::organization`],
//! [`Client::files`], [`Client::commands`]. Request bodies, queries and
//! returned objects are the types of [`events::rest`]; outgoing messages are
//! [`events::Message`]. Lists come as one page (`list`, returning
//! [`ListResponse`](events::envelope::ListResponse)) or as a
//! [`Stream`](futures_core::Stream) that follows `next_token` (`list_all`).
//! Messages are checked with [`Message::validate`](events::Message::validate)
//! before they leave: an invalid one never reaches the network.
//!
//! # Authentication
//!
//! A static [`access_token`](ClientBuilder::access_token), or
//! [`oauth`](ClientBuilder::oauth) credentials: the access token is then
//! fetched from the data centre's accounts server, replaced shortly before
//! it expires and when the API answers `401 INVALID_TOKEN` (the call is then
//! sent once more). However many calls wait on a refresh, one refresh is
//! made. Every request carries `Authorization: Zoho-oauthtoken <token>`,
//! except posts to bot and incoming-webhook URLs, which carry their own
//! credential. Tokens and webhook URLs are never logged nor put in an error.
//!
//! # Rate limits and retries
//!
//! - `429`: the client waits until `X-RateLimit-Reset` and sends again,
//!   unless the reset is further than
//!   [`max_rate_limit_wait`](ClientBuilder::max_rate_limit_wait) (then
//!   [`ErrorKind::RateLimited`]). [`Client::rate_limit`] shows the last
//!   `X-RateLimit-*` headers seen.
//! - A client-side [`Plan`] or [`Quota`] spaces calls before the server
//!   has to refuse them.
//! - `GET`, `PUT` and `DELETE` are retried after a 5xx or a transport
//!   failure, with jittered exponential backoff
//!   ([`max_attempts`](ClientBuilder::max_attempts), default 3). A `POST` is
//!   retried only when the connection was never made: after a 5xx or a
//!   timeout it may have been processed, and a message is never posted twice.
//!
//! # Errors
//!
//! One opaque [`Error`]; [`Error::kind`] tells an API refusal (with the
//! reference's [`ErrorCode`](events::ErrorCode), also [`Error::code`]) from a
//! rate limit, an authentication failure, an invalid message, a transport
//! failure, an unexpected body or invalid settings.
//!
//! # TLS
//!
//! reqwest's rustls backend (the aws-lc-rs provider) with the operating
//! system's root certificates; no OpenSSL. Other `reqwest` clients in the
//! same program keep working as they would without this crate.

mod api;
mod auth;
mod builder;
mod call;
mod client;
mod error;
mod pagination;
mod ratelimit;
mod retry;
mod tls;

pub use api::{Bots, Channels, Commands, Files, Messages, Organizations, Users, Webhooks};
pub use builder::ClientBuilder;
pub use client::Client;
pub use cliq_events::data_centre::{DataCentre, UnknownDataCentre};
pub use error::{Error, ErrorKind};
pub use ratelimit::{Plan, Quota, RateLimitStatus};

/// The payload types this client sends and returns (the `cliq-events`
/// crate).
#[doc(inline)]
pub use cliq_events as events;
