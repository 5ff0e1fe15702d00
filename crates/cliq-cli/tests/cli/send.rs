//! Commands, clicks, events and files: built, signed, posted, drawn.

use cliq::bot::verify::SigningSecret;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use crate::support::{Bot, SECRET, cliq, to};

#[tokio::test]
async fn a_command_round_trips_and_its_card_is_drawn() {
    let bot = Bot::start("body").await;
    let run = to(&bot, &["send", "command", "/deploy production"]).await;
    run.expect(0, &[
        "HTTP 200 OK · request id ",
        "Deployment #1 to production needs approval",
        "╭─ Deployment requested  (theme: modern-inline)",
        "├─ section 1\n│  **Environment:** production\n│  **Version:** latest\n│  **Requested by:** John Doe",
        "│  [Approve] → invoke.function approve_deploy (id 1)",
        "│  [Cancel] → invoke.function cancel_deploy (id 1)",
        "│  [View logs] → open.url https://logs.example.com/deployments/1",
    ]);
    let json = to(
        &bot,
        &[
            "send",
            "command",
            "deploy staging",
            "--user",
            "Ann",
            "--json",
        ],
    )
    .await;
    json.expect(0, &["HTTP 200 OK"]);
    let reply: serde_json::Value = serde_json::from_str(&json.stdout).expect("raw JSON on stdout");
    assert_eq!(reply["card"]["title"], "Deployment requested");
    assert!(reply["card"]["sections"].to_string().contains("Ann"));
    bot.stop().await;
}

#[tokio::test]
async fn a_click_round_trips() {
    let bot = Bot::start("body").await;
    to(&bot, &["send", "command", "/deploy staging 2.0"])
        .await
        .expect(0, &[]);
    let run = to(
        &bot,
        &[
            "click",
            "approve_deploy",
            "--id",
            "1",
            "--label",
            "Approve",
            "--user",
            "Ann",
        ],
    )
    .await;
    run.expect(
        0,
        &[
            "Deployment #1 started",
            "╭─ Deployment started",
            "**Approved by:** Ann",
        ],
    );
    let again = to(&bot, &["click", "approve_deploy", "--id", "1"]).await;
    // Running or, past its three short steps, finished.
    again.expect(0, &["Deployment #1 is already"]);
    let unknown = to(&bot, &["click", "Approve_Deploy", "--id", "1"]).await;
    unknown.expect(1, &["refused: UNKNOWN_FUNCTION", "case included"]);
    bot.stop().await;
}

#[tokio::test]
async fn an_event_round_trips_and_a_repeat_is_reported_as_duplicate() {
    let bot = Bot::start("body").await;
    for event in [
        "bot.mention",
        "message.created",
        "channel.created",
        "channel.member.added",
        "channel.member.removed",
        "poll.closed",
    ] {
        to(&bot, &["send", "event", event])
            .await
            .expect(0, &["received: the bot took the callback"]);
    }
    let args = [
        "send",
        "event",
        "bot.mention",
        "--text",
        "@deploy status",
        "--message-id",
        "M1",
    ];
    to(&bot, &args).await.expect(0, &["received: "]);
    to(&bot, &args).await.expect(0, &["received (duplicate"]);
    bot.stop().await;
}

#[tokio::test]
async fn a_file_is_sent_byte_for_byte() {
    let body = b"{\r\n  \"event\" : \"message.created\",\r\n  \"data\": {\"message_id\": \"F1\", \"text\": \"hi\",\r\n  \"sender\": {\"id\": \"1\", \"name\": \"A\"}, \"channel\": {\"id\": \"C\", \"name\": \"c\"}}\r\n}\r\n";
    let path = std::env::temp_dir().join(format!("cliq-cli-{}.json", std::process::id()));
    std::fs::write(&path, body).expect("write file");
    let file = path.to_str().expect("utf-8 path");

    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}/cliq", listener.local_addr().expect("addr"));
    let captured = tokio::spawn(capture(listener));
    let env = [("CLIQ_URL", url.as_str()), ("CLIQ_SIGNING_SECRET", SECRET)];
    cliq(&["send", "event", file], &env, b"")
        .await
        .expect(0, &["received"]);
    let (head, received) = captured.await.expect("captured");
    assert_eq!(received, body, "the body arrived unchanged");
    let signature = SigningSecret::new(SECRET).sign(&[body]);
    assert!(
        head.contains(&format!("x-cliq-signature: sha256={signature}")),
        "{head}"
    );

    let bot = Bot::start("body").await;
    to(&bot, &["send", "event", file])
        .await
        .expect(0, &["received"]);
    bot.stop().await;
    let _ = std::fs::remove_file(&path);
}

/// Answers one request `{"received": true}`; returns its head (lowercase) and body.
async fn capture(listener: TcpListener) -> (String, Vec<u8>) {
    let (mut stream, _) = listener.accept().await.expect("accept");
    let mut bytes = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        let n = stream.read(&mut buffer).await.expect("read");
        bytes.extend_from_slice(&buffer[..n]);
        let text = String::from_utf8_lossy(&bytes).to_lowercase();
        if let Some(end) = text.find("\r\n\r\n") {
            let length = text
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0);
            if n == 0 || bytes.len() >= end + 4 + length {
                let reply = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 16\r\nconnection: close\r\n\r\n{\"received\":true}";
                stream.write_all(reply.as_bytes()).await.expect("reply");
                return (text[..end].to_owned(), bytes[end + 4..].to_vec());
            }
        }
        assert!(n > 0, "connection closed early");
    }
}

#[tokio::test]
async fn the_timestamped_scheme_round_trips_and_its_refusals_are_explained() {
    let bot = Bot::start("timestamped").await;
    let url = bot.url();
    let env = |scheme| {
        [
            ("CLIQ_URL", url.clone()),
            ("CLIQ_SIGNING_SECRET", SECRET.to_owned()),
            ("CLIQ_SIGNATURE_SCHEME", scheme),
        ]
    };
    let run = |args: &'static [&'static str], scheme: &str| {
        let env = env(scheme.to_owned());
        async move {
            let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
            cliq(args, &env, b"").await
        }
    };
    run(&["send", "command", "/deploy staging"], "timestamped")
        .await
        .expect(0, &["Deployment requested"]);
    run(&["send", "command", "/deploy staging"], "body")
        .await
        .expect(1, &["refused: INVALID_TIMESTAMP", "--scheme timestamped"]);
    run(
        &["send", "command", "/deploy staging", "--timestamp", "1000"],
        "timestamped",
    )
    .await
    .expect(1, &["refused: STALE_TIMESTAMP", "clock skew"]);
    bot.stop().await;
}
