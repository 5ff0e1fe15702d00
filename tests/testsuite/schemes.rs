//! Both signature schemes and secret rotation.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use cliq::bot::{Bot, Context, SignatureScheme};
use cliq::events::CommandCallback;

use crate::support::{self, Answer, client, sign_timestamped, sign_with};

type Err = Box<dyn std::error::Error + Send + Sync>;

fn echo(builder: cliq::bot::BotBuilder) -> Bot {
    builder
        .command("echo", |_cx: Context, cmd: CommandCallback| async move {
            Ok::<_, Err>(cmd.arguments().to_owned())
        })
        .build()
        .expect("valid bot")
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

async fn post(url: &str, body: &str, signature: &str, timestamp: Option<&str>) -> Answer {
    let mut request = client()
        .post(url)
        .header("content-type", "application/json")
        .header("x-cliq-signature", signature)
        .body(body.to_owned());
    if let Some(timestamp) = timestamp {
        request = request.header("x-cliq-timestamp", timestamp);
    }
    Answer::read(request.send().await.expect("send")).await
}

#[tokio::test]
async fn accepts_any_rotated_secret() {
    let bot = support::start(echo(Bot::builder().secrets(["old-secret", "new-secret"]))).await;
    let body = support::command("/echo", "hi");
    for secret in ["old-secret", "new-secret"] {
        let answer = post(
            &bot.url("/cliq"),
            &body,
            &sign_with(secret, body.as_bytes()),
            None,
        )
        .await;
        assert_eq!(answer.status, 200, "{secret}");
        assert_eq!(answer.json["text"], "hi");
    }
    let answer = post(
        &bot.url("/cliq"),
        &body,
        &sign_with("retired", body.as_bytes()),
        None,
    )
    .await;
    answer.assert_error(401, "INVALID_SIGNATURE");
    bot.stop().await;
}

#[tokio::test]
async fn timestamped_scheme_follows_the_contract() {
    let bot = support::start(echo(
        Bot::builder()
            .secret(support::SECRET)
            .signature_scheme(SignatureScheme::timestamped()),
    ))
    .await;
    let url = bot.url("/cliq");
    let body = support::command("/echo", "ts");
    let ts = now().to_string();
    let good = sign_timestamped(support::SECRET, &ts, body.as_bytes());

    let answer = post(&url, &body, &good, Some(&ts)).await;
    assert_eq!(answer.status, 200, "{answer:?}");
    post(&url, &body, &good, Some(&ts))
        .await
        .assert_error(401, "REPLAYED_REQUEST");
    post(&url, &body, &good, None)
        .await
        .assert_error(401, "INVALID_TIMESTAMP");
    post(&url, &body, &good, Some("12a"))
        .await
        .assert_error(401, "INVALID_TIMESTAMP");
    post(&url, &body, &good, Some("+1"))
        .await
        .assert_error(401, "INVALID_TIMESTAMP");
    // Signed over the body alone: the body scheme's signature is refused here.
    let body_only = sign_with(support::SECRET, body.as_bytes());
    post(&url, &body, &body_only, Some(&ts))
        .await
        .assert_error(401, "INVALID_SIGNATURE");
    let old = (now() - 301).to_string();
    let stale = sign_timestamped(support::SECRET, &old, body.as_bytes());
    post(&url, &body, &stale, Some(&old))
        .await
        .assert_error(401, "STALE_TIMESTAMP");
    let future = (now() + 400).to_string();
    let ahead = sign_timestamped(support::SECRET, &future, body.as_bytes());
    post(&url, &body, &ahead, Some(&future))
        .await
        .assert_error(401, "STALE_TIMESTAMP");
    // A missing signature is reported first, whatever the timestamp.
    let answer = Answer::read(
        client()
            .post(&url)
            .header("content-type", "application/json")
            .header("x-cliq-timestamp", "bogus")
            .body(body.clone())
            .send()
            .await
            .expect("send"),
    )
    .await;
    answer.assert_error(401, "MISSING_SIGNATURE");
    // The same body at another second is a new request.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let ts2 = now().to_string();
    let again = sign_timestamped(support::SECRET, &ts2, body.as_bytes());
    assert_eq!(post(&url, &body, &again, Some(&ts2)).await.status, 200);
    bot.stop().await;
}
