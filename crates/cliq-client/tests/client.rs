//! The client against the emulator, over real HTTP on loopback: every
//! endpoint, then refresh, rate limits, retries, pagination and the quota.

#[path = "client/endpoints.rs"]
mod endpoints;
#[path = "client/resilience.rs"]
mod resilience;

use std::time::Duration;

use cliq_client::{Client, ClientBuilder};
use cliq_emulator::Emulator;

type TestResult = Result<(), Box<dyn std::error::Error + Send + Sync>>;

/// A started emulator.
async fn emulator() -> Result<Emulator, std::io::Error> {
    Emulator::start().await
}

/// A builder pointed at `emulator`, with short backoffs to keep tests fast.
fn builder(emulator: &Emulator) -> ClientBuilder {
    Client::builder()
        .base_url(emulator.base_url())
        .accounts_url(emulator.base_url())
        .backoff(Duration::from_millis(10), Duration::from_millis(50))
}

/// A client with the emulator's OAuth client: tokens come from the refresh grant.
fn oauth(emulator: &Emulator) -> ClientBuilder {
    let credentials = emulator.oauth_client();
    builder(emulator).oauth(
        credentials.client_id,
        credentials.client_secret,
        credentials.refresh_token,
    )
}

/// A client with the emulator's current access token, never refreshed.
fn static_token(emulator: &Emulator) -> ClientBuilder {
    builder(emulator).access_token(emulator.access_token())
}
