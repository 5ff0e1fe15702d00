//! The GitHub relay example: verified deliveries become cards in a Cliq
//! channel (the emulator's), forged ones are refused.

use cliq::bot::verify::SigningSecret;
use cliq_emulator::Emulator;

use crate::support::{Answer, client};

#[allow(
    dead_code,
    unreachable_pub,
    reason = "an example, included for its `router`"
)]
#[path = "../../examples/github_relay.rs"]
mod example;

const SECRET: &str = "github-secret";

async fn post(addr: std::net::SocketAddr, event: &str, body: &str, signature: &str) -> Answer {
    let response = client()
        .post(format!("http://{addr}/github"))
        .header("content-type", "application/json")
        .header("x-github-event", event)
        .header("x-hub-signature-256", signature)
        .body(body.to_owned())
        .send()
        .await
        .expect("send");
    Answer::read(response).await
}

#[tokio::test]
async fn relays_pull_requests_and_pushes_as_cards() {
    let emulator = Emulator::start().await.expect("emulator");
    let channel = emulator.default_channel().id;
    let relay = example::Relay {
        client: cliq::client::Client::builder()
            .tokenless()
            .build()
            .expect("client"),
        webhook_url: emulator.incoming_webhook_url(&channel),
    };
    let app = example::router(SigningSecret::new(SECRET), relay);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let server = tokio::spawn(async move { axum::serve(listener, app).await });
    let sign = |body: &str| {
        format!(
            "sha256={}",
            SigningSecret::new(SECRET).sign(&[body.as_bytes()])
        )
    };

    let opened = serde_json::json!({
        "action": "opened",
        "pull_request": {
            "title": "Add OAuth login",
            "html_url": "https://github.com/acme/app/pull/234",
            "user": {"login": "octocat"},
            "head": {"ref": "feature/oauth"}
        },
        "repository": {"name": "app"}
    })
    .to_string();
    assert_eq!(
        post(addr, "pull_request", &opened, &sign(&opened))
            .await
            .status,
        200
    );
    let push = serde_json::json!({
        "ref": "refs/heads/main",
        "compare": "https://github.com/acme/app/compare/a...b",
        "pusher": {"name": "octocat"},
        "repository": {"name": "app"},
        "commits": [{"message": "Fix login\n\nDetails"}, {"message": "Bump version"}]
    })
    .to_string();
    assert_eq!(post(addr, "push", &push, &sign(&push)).await.status, 200);
    assert_eq!(post(addr, "ping", "{}", &sign("{}")).await.status, 204);
    let forged = post(addr, "push", &push, &format!("sha256={}", "0".repeat(64))).await;
    assert_eq!((forged.status, forged.code()), (401, "INVALID_SIGNATURE"));
    let unsigned = client()
        .post(format!("http://{addr}/github"))
        .header("content-type", "application/json")
        .body(push.clone())
        .send()
        .await
        .expect("send");
    let unsigned = Answer::read(unsigned).await;
    assert_eq!(
        (unsigned.status, unsigned.code()),
        (401, "MISSING_SIGNATURE")
    );

    let posted = emulator.channel_messages(&channel);
    let titles: Vec<_> = posted
        .iter()
        .filter_map(|m| m.card.as_ref().and_then(|c| c.title()).map(str::to_owned))
        .collect();
    assert_eq!(titles, ["Add OAuth login", "2 commit(s) pushed to main"]);
    let pr_card = posted[0].card.as_ref().expect("card");
    assert_eq!(pr_card.buttons()[0].label(), "View PR");
    server.abort();
    emulator.shutdown().await;
}
