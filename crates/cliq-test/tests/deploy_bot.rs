//! The deploy-bot example under the kit: the whole flow with its follow-up
//! in the emulated Cliq, double and racing clicks, usage hints, the status
//! mention, and a stale timestamp under a moved clock.

use std::time::Duration;

use cliq::bot::Button;
use cliq_test::{KitError, TestKit, TestKitBuilder, render_card};

#[allow(
    dead_code,
    unreachable_pub,
    reason = "an example, included for its `builder`"
)]
#[path = "../../../examples/deploy_bot.rs"]
mod example;

use example::{Deployments, FollowUp, Settings};

/// The deploy bot under a kit from `kit`, posting follow-ups to the channel.
async fn deploy_bot(kit: TestKitBuilder) -> (TestKit<Deployments>, Deployments) {
    let deployments = Deployments::new(Settings {
        step: Duration::from_millis(1),
        follow_up: FollowUp::Channel,
        ..Settings::default()
    });
    let bot = |kit: &cliq_test::Setup| {
        kit.apply(example::builder(&kit.env_config(), deployments.clone()))
            .build()
    };
    (kit.build(bot).await.expect("kit"), deployments)
}

#[tokio::test]
async fn deploy_approve_and_finish() -> Result<(), KitError> {
    let (kit, deployments) = deploy_bot(TestKit::builder().emulator()).await;
    let requested = kit.command("/deploy production 2.5.0").await?;
    let card = render_card(requested.expect_card());
    for expected in [
        "title: Deployment requested",
        "production",
        "2.5.0",
        "John Doe",
    ] {
        assert!(card.contains(expected), "{card}");
    }
    let cancel = requested.expect_button("Cancel");
    assert!(matches!(cancel, Button::InvokeFunction { name, .. } if name == "cancel_deploy"));
    assert_eq!(requested.expect_button("View logs").kind(), "open.url");

    let approve = requested.expect_button("Approve");
    let started = kit.press(approve).await?;
    assert_eq!(started.expect_card().title(), Some("Deployment started"));
    let again = kit.press(approve).await?;
    assert_eq!(again.expect_text(), "Deployment #1 is already running.");
    let late_cancel = kit.press(cancel).await?;
    assert_eq!(
        late_cancel.expect_text(),
        "Deployment #1 is already running."
    );

    kit.settle().await;
    assert_eq!(deployments.finished(), 1);
    let finished = kit.sent_containing("Deployment finished");
    assert_eq!(finished.len(), 1, "{finished:#?}");
    let text = &kit.sent_to(&kit.channel().id)[0].text;
    assert_eq!(text, "Deployment finished: #1, production 2.5.0");
    Ok(())
}

#[tokio::test]
async fn cancel_then_approve_never_deploys() -> Result<(), KitError> {
    let (kit, deployments) = deploy_bot(TestKit::builder().emulator()).await;
    let requested = kit.command("/deploy staging").user("Jane Smith").await?;
    let cancelled = kit.press(requested.expect_button("Cancel")).await?;
    assert_eq!(
        cancelled.expect_text(),
        "Deployment cancelled: #1, by John Doe"
    );
    let approve = kit.press(requested.expect_button("Approve")).await?;
    assert_eq!(approve.expect_text(), "Deployment #1 is already cancelled.");
    let unknown = kit.click("approve_deploy", "999").await?;
    assert_eq!(unknown.expect_text(), "There is no deployment #999.");
    kit.settle().await;
    assert_eq!(deployments.finished(), 0);
    assert!(kit.sent_containing("Deployment finished").is_empty());
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn racing_approvals_deploy_once() -> Result<(), KitError> {
    let (kit, deployments) = deploy_bot(TestKit::builder()).await;
    let requested = kit.command("/deploy production").await?;
    let approve = || kit.press(requested.expect_button("Approve"));
    let clicks = tokio::join!(approve(), approve(), approve(), approve(), approve());
    let clicks = [clicks.0?, clicks.1?, clicks.2?, clicks.3?, clicks.4?];
    let started = clicks.iter().filter(|click| click.card().is_some()).count();
    assert_eq!(started, 1, "{clicks:#?}");
    kit.settle().await;
    assert_eq!(deployments.finished(), 1);
    Ok(())
}

#[tokio::test]
async fn anything_else_gets_a_usage_hint() -> Result<(), KitError> {
    let (kit, _) = deploy_bot(TestKit::builder()).await;
    for typed in ["/deploy", "/deploy qa", "/deploy production 1.0 extra"] {
        let text = kit.command(typed).await?.expect_text().to_owned();
        assert!(
            text.contains("staging") && text.contains("production"),
            "{text}"
        );
    }
    kit.bot_mention("@deploybot status")
        .await?
        .expect_received();
    Ok(())
}

#[tokio::test]
async fn a_stale_timestamp_is_refused_under_a_moved_clock() -> Result<(), KitError> {
    let (kit, deployments) = deploy_bot(TestKit::builder().timestamped()).await;
    let requested = kit.command("/deploy production").await?;
    let approve = requested.expect_button("Approve");
    let signed_now = kit.press(approve).signed_at(kit.now());
    kit.advance(Duration::from_secs(301));
    signed_now.await?.expect_error("STALE_TIMESTAMP");
    let fresh = kit.press(approve).await?;
    assert_eq!(fresh.expect_card().title(), Some("Deployment started"));
    kit.settle().await;
    assert_eq!(deployments.finished(), 1);
    Ok(())
}
