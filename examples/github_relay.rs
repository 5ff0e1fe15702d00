//! Relays GitHub webhooks into a Cliq channel: a pull request opened or a
//! push becomes a card posted to a channel incoming-webhook URL.
//!
//! GitHub signs each delivery with `X-Hub-Signature-256: sha256=<hex HMAC>`;
//! the relay checks it with the same verification layer a Cliq bot uses,
//! over the exact bytes received, with a scheme of its own.
//!
//! ```sh
//! GITHUB_WEBHOOK_SECRET=... CLIQ_WEBHOOK_URL=https://cliq.zoho.com/api/v2/channelsbynames/dev/messages?zapikey=... \
//!     cargo run --example github_relay
//! ```
//!
//! | variable | meaning | default |
//! |---|---|---|
//! | `GITHUB_WEBHOOK_SECRET` | the secret set on the GitHub webhook | required |
//! | `CLIQ_WEBHOOK_URL` | the channel's incoming-webhook URL | required |
//! | `RELAY_ADDR` | the address to bind | `127.0.0.1:3001` |

use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use cliq::bot::verify::{
    Scheme, SigningSecret, Verified, VerifyError, VerifyLayer, matching, parse_signatures,
};
use cliq::bot::{Button, Card, Message, Section, Theme};
use cliq::client::Client;
use serde_json::Value;

type Error = Box<dyn std::error::Error + Send + Sync>;

/// GitHub's signature: `X-Hub-Signature-256: sha256=<hex>` over the raw body.
#[derive(Debug)]
pub struct GithubSignature(pub SigningSecret);

impl Scheme for GithubSignature {
    fn verify(&self, headers: &HeaderMap, body: &[u8]) -> Result<Verified, VerifyError> {
        let lines = headers
            .get_all("x-hub-signature-256")
            .iter()
            .map(axum::http::HeaderValue::as_bytes);
        let signatures = parse_signatures(lines)?;
        matching(std::slice::from_ref(&self.0), &signatures, &[body])
            .map(|_| Verified::default())
            .ok_or(VerifyError::InvalidSignature)
    }
}

/// Where relayed messages go.
#[derive(Clone, Debug)]
pub struct Relay {
    /// A client for tokenless webhook posts.
    pub client: Client,
    /// The channel's incoming-webhook URL.
    pub webhook_url: String,
}

/// The relay: `POST /github`, verified with `secret`.
pub fn router(secret: SigningSecret, relay: Relay) -> Router {
    Router::new()
        .route("/github", post(receive))
        .layer(VerifyLayer::new(
            Arc::new(GithubSignature(secret)),
            1024 * 1024,
        ))
        .with_state(relay)
}

async fn receive(State(relay): State<Relay>, headers: HeaderMap, body: String) -> StatusCode {
    let event = headers
        .get("x-github-event")
        .and_then(|value| value.to_str().ok())
        .unwrap_or("");
    let Ok(payload) = serde_json::from_str::<Value>(&body) else {
        return StatusCode::BAD_REQUEST;
    };
    let message = match event {
        "pull_request" if payload["action"] == "opened" => pull_request(&payload),
        "push" => push(&payload),
        // `ping` and everything else: acknowledged, nothing to relay.
        _ => return StatusCode::NO_CONTENT,
    };
    let Ok(message) = message else {
        return StatusCode::UNPROCESSABLE_ENTITY;
    };
    match relay
        .client
        .webhooks()
        .send_to_incoming(&relay.webhook_url, &message)
        .await
    {
        Ok(()) => StatusCode::OK,
        Err(error) => {
            tracing::warn!(%error, "could not post to Cliq");
            StatusCode::BAD_GATEWAY
        }
    }
}

fn text(value: &Value) -> &str {
    value.as_str().unwrap_or("?")
}

/// The card the reference's GitHub integration example posts.
fn pull_request(payload: &Value) -> Result<Message, Error> {
    let pr = &payload["pull_request"];
    let mut card = Card::builder()
        .title(text(&pr["title"]))
        .theme(Theme::ModernInline)
        .section(
            Section::new(1)
                .text(format!("**Author:** {}", text(&pr["user"]["login"])))
                .text(format!(
                    "**Repository:** {}",
                    text(&payload["repository"]["name"])
                ))
                .text(format!("**Branch:** {}", text(&pr["head"]["ref"]))),
        );
    if let Some(url) = pr["html_url"].as_str() {
        card = card.button(Button::open_url("View PR", url));
    }
    Ok(Message::builder("New pull request opened")
        .card(card)
        .build()?)
}

fn push(payload: &Value) -> Result<Message, Error> {
    let branch = text(&payload["ref"]).trim_start_matches("refs/heads/");
    let commits = payload["commits"].as_array().map_or(0, Vec::len);
    let mut section = Section::new(1)
        .text(format!(
            "**Repository:** {}",
            text(&payload["repository"]["name"])
        ))
        .text(format!("**Branch:** {branch}"))
        .text(format!(
            "**Pushed by:** {}",
            text(&payload["pusher"]["name"])
        ));
    for commit in payload["commits"].as_array().into_iter().flatten().take(5) {
        let first_line = text(&commit["message"]).lines().next().unwrap_or("");
        section = section.text(format!("• {first_line}"));
    }
    let mut card = Card::builder()
        .title(format!("{commits} commit(s) pushed to {branch}"))
        .theme(Theme::ModernInline)
        .section(section);
    if let Some(url) = payload["compare"].as_str() {
        card = card.button(Button::open_url("Compare", url));
    }
    Ok(Message::builder(format!("Push to {branch}"))
        .card(card)
        .build()?)
}

#[allow(dead_code, reason = "the test suite includes this file for `router`")]
#[tokio::main]
async fn main() -> Result<(), Error> {
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::INFO)
        .init();
    let secret = std::env::var("GITHUB_WEBHOOK_SECRET").map_err(|_| "set GITHUB_WEBHOOK_SECRET")?;
    let webhook_url = std::env::var("CLIQ_WEBHOOK_URL").map_err(|_| "set CLIQ_WEBHOOK_URL")?;
    let addr = std::env::var("RELAY_ADDR").unwrap_or_else(|_| "127.0.0.1:3001".to_owned());
    let relay = Relay {
        client: Client::builder().tokenless().build()?,
        webhook_url,
    };
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    tracing::info!(%addr, "relaying GitHub webhooks from /github");
    axum::serve(listener, router(SigningSecret::new(secret), relay))
        .with_graceful_shutdown(cliq::bot::shutdown_signal())
        .await?;
    Ok(())
}
