//! What the bot sends to Cliq, recorded by the emulator; `settle` waits for
//! the background work that sends it.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Duration;

use cliq::bot::events::CommandCallback;
use cliq::bot::{Bot, Context, Message};
use cliq_test::TestKit;

use crate::support::{Error, TestResult};

/// `/announce <what>` answers "started by <user id>" at once and posts
/// "finished <what>" to the command's channel a little later.
async fn announce(cx: Context, cmd: CommandCallback) -> Result<String, Error> {
    let client = cx.client().cloned().ok_or("no outbound client")?;
    let channel = cmd.channel.id.clone();
    let message = Message::text(format!("finished {}", cmd.arguments()))?;
    cx.spawn(async move {
        tokio::time::sleep(Duration::from_millis(50)).await;
        if let Err(error) = client.messages().send(&channel, &message).await {
            tracing::error!(%error, "follow-up not posted");
        }
    });
    Ok(format!("started by {}", cmd.user.id))
}

async fn emulated() -> TestKit {
    TestKit::with_emulator(|kit| {
        kit.apply(Bot::builder())
            .command("announce", announce)
            .build()
    })
    .await
    .expect("kit")
}

#[tokio::test]
async fn a_follow_up_arrives_once_the_kit_settles() -> TestResult {
    let kit = emulated().await;
    let reply = kit.command("/announce release").await?;
    assert_eq!(reply.expect_text(), "started by 9876543210");
    let channel = kit.channel().id.clone();
    assert!(kit.sent_to(&channel).is_empty(), "posted before it slept");
    kit.settle().await;
    let sent = kit.sent_to(&channel);
    assert_eq!(sent.len(), 1, "{sent:#?}");
    assert_eq!(sent[0].text, "finished release");
    assert_eq!(kit.sent_containing("finished").len(), 1);
    Ok(())
}

#[tokio::test]
async fn named_channels_and_users_exist_in_the_emulator() -> TestResult {
    let kit = emulated().await;
    let reply = kit
        .command("/announce hotfix")
        .user("Jane Smith")
        .channel("ops")
        .await?;
    assert_eq!(reply.expect_text(), "started by 1234567891");
    kit.command("/announce again")
        .channel("ops")
        .await?
        .expect_ok();
    kit.settle().await;
    let ops = kit.channel_id("ops");
    assert!(ops.as_str().starts_with("CT_") && ops != "CT_ops", "{ops}");
    let texts: Vec<String> = kit.sent_to(&ops).into_iter().map(|m| m.text).collect();
    assert_eq!(texts, ["finished hotfix", "finished again"]);
    assert!(kit.sent_to(&kit.channel().id).is_empty());
    let emulator = kit.emulator().expect("an emulator");
    assert_eq!(
        emulator
            .channels()
            .iter()
            .filter(|c| c.name == "ops")
            .count(),
        1
    );
    assert!(kit.client().is_some());
    Ok(())
}

#[tokio::test]
async fn the_builder_takes_the_emulator_and_a_scheme() -> TestResult {
    let kit = TestKit::builder()
        .emulator()
        .timestamped()
        .build(|kit| {
            assert!(kit.client().is_some());
            kit.apply(Bot::builder())
                .command("announce", announce)
                .build()
        })
        .await?;
    kit.command("/announce x").await?.expect_ok();
    kit.settle().await;
    assert_eq!(kit.sent_containing("finished x").len(), 1);
    Ok(())
}

#[tokio::test]
async fn without_an_emulator_nothing_is_recorded() -> TestResult {
    let kit = TestKit::new(|kit| {
        kit.apply(Bot::builder())
            .command("announce", announce)
            .build()
    })?;
    kit.command("/announce x")
        .await?
        .expect_error("HANDLER_ERROR");
    assert!(kit.emulator().is_none() && kit.client().is_none());
    let panicked = catch_unwind(AssertUnwindSafe(|| kit.sent_containing("x")));
    let payload = panicked.expect_err("no emulator to ask");
    assert_eq!(
        payload.downcast_ref::<&str>(),
        Some(&"this kit has no emulator: build it with TestKit::with_emulator")
    );
    Ok(())
}
