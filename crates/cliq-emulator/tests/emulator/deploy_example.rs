//! The deploy-bot example, unchanged, end to end through the emulator in
//! both dialects: `/deploy production`, a click on Approve, and the
//! follow-up posted back through the REST API.

use std::time::Duration;

use cliq::bot::env::EnvConfig;
use cliq_emulator::{Delivery, Emulator, EmulatorConfig, SignatureKind};
use cliq_events::{Button, Card};

use crate::support::serve_bot;

#[allow(
    dead_code,
    unreachable_pub,
    reason = "an example, included for its `builder`"
)]
#[path = "../../../../examples/deploy_bot.rs"]
mod example;

#[derive(Clone, Copy, Debug)]
enum Dialect {
    /// PROTOCOL.md: HMAC-signed `command` and `invoke.function` callbacks.
    Contract,
    /// CLIQ-NATIVE.md: RSA-signed native calls.
    Native,
}

async fn command(emulator: &Emulator, url: &str, dialect: Dialect, line: &str) -> Delivery {
    let delivered = match dialect {
        Dialect::Contract => {
            emulator
                .deliver_command(url, line, SignatureKind::Body)
                .await
        }
        Dialect::Native => emulator.deliver_native_command(url, line).await,
    };
    delivered.expect("delivered")
}

async fn click(emulator: &Emulator, url: &str, dialect: Dialect, id: &str) -> Delivery {
    let delivered = match dialect {
        Dialect::Contract => {
            emulator
                .deliver_click(url, "approve_deploy", id, SignatureKind::Body)
                .await
        }
        Dialect::Native => {
            emulator
                .deliver_native_click(url, "approve_deploy", id)
                .await
        }
    };
    delivered.expect("delivered")
}

/// The card title of the reply `delivery` posted.
fn posted_card_title(delivery: &Delivery) -> Option<&str> {
    delivery.posted.as_ref()?.card.as_ref()?.title()
}

async fn deploy_flow(dialect: Dialect) {
    let emulator = Emulator::start().await.expect("emulator");
    let client = cliq::client::Client::builder()
        .base_url(emulator.base_url())
        .accounts_url(emulator.base_url())
        .access_token(emulator.access_token())
        .build()
        .expect("client");
    let config = EnvConfig::from_lookup(|name| {
        (name == "CLIQ_SIGNING_SECRET").then(|| EmulatorConfig::DEFAULT_SIGNING_SECRET.to_owned())
    })
    .expect("config");
    let deployments = example::Deployments::new(example::Settings {
        step: Duration::from_millis(10),
        follow_up: example::FollowUp::Channel,
        ..example::Settings::default()
    });
    let bot = example::builder(&config, deployments.clone())
        .client(client)
        .native_public_key(&emulator.public_key_pem())
        .build()
        .expect("valid bot");
    let handle = bot.clone();
    let running = serve_bot(bot).await;

    let requested = command(&emulator, &running.url, dialect, "/deploy production").await;
    assert_eq!(requested.status, 200, "{requested:?}");
    let native = matches!(dialect, Dialect::Native);
    assert_eq!(
        requested.body.get("output").is_some(),
        native,
        "{requested:?}"
    );
    assert_eq!(requested.response_url.is_some(), native, "{requested:?}");
    assert_eq!(
        posted_card_title(&requested),
        Some("Deployment requested"),
        "{requested:?}"
    );
    let card = requested.posted.as_ref().and_then(|p| p.card.as_ref());
    let id = card
        .into_iter()
        .flat_map(Card::buttons)
        .find_map(|button| match button {
            Button::InvokeFunction { label, name, id }
                if label == "Approve" && name == "approve_deploy" =>
            {
                Some(id.clone())
            }
            _ => None,
        })
        .expect("an Approve button");

    let started = click(&emulator, &running.url, dialect, &id).await;
    assert_eq!(started.status, 200, "{started:?}");
    assert_eq!(
        posted_card_title(&started),
        Some("Deployment started"),
        "{started:?}"
    );
    assert_eq!(
        started.posted.as_ref().map(|p| p.text.as_str()),
        Some(format!("Deployment #{id} started").as_str())
    );

    handle.settle().await;
    assert_eq!(deployments.finished(), 1);
    let finished = format!("Deployment finished: #{id}, production latest");
    assert_eq!(emulator.messages_containing(&finished).len(), 1);
    assert!(emulator.late_replies().is_empty());
    emulator.shutdown().await;
}

#[tokio::test]
async fn deploy_example_runs_in_the_contract_dialect() {
    deploy_flow(Dialect::Contract).await;
}

#[tokio::test]
async fn deploy_example_runs_in_the_native_dialect() {
    deploy_flow(Dialect::Native).await;
}
