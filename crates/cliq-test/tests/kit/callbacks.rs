//! Slash commands and button clicks: payloads, defaults, people, replies.

use cliq::bot::events::{ChannelRef, UserRef};
use cliq::bot::{Button, Card, Section};
use cliq_test::{ReplyBody, fixtures};

use crate::support::{TestResult, kit};

#[tokio::test]
async fn a_command_gets_its_card_reply() -> TestResult {
    let (kit, log) = kit();
    let reply = kit.command("/deploy production").await?.expect_ok();
    assert_eq!(reply.status(), 200);
    assert_eq!(reply.text(), Some("Deploy production?"));
    assert!(reply.request_id().is_some_and(|id| id.len() == 24));
    let expected = Card::builder()
        .title("Deployment requested")
        .section(Section::new(1).text("**Environment:** production"))
        .button(Button::invoke_function("Approve", "approve", "42"))
        .button(Button::open_url("Logs", "https://logs.example.com/42"))
        .build()
        .expect("valid card");
    reply.assert_card(&expected);
    assert_eq!(
        log.lines(),
        [r#"command /deploy "production" John Doe Development CT_1234567890"#]
    );
    Ok(())
}

#[tokio::test]
async fn commands_are_typed_as_in_cliq() -> TestResult {
    let (kit, log) = kit();
    kit.command("deploy").await?.expect_ok();
    kit.command("  /DEPLOY   staging 2.5.0 ").await?.expect_ok();
    assert_eq!(
        log.lines(),
        [
            r#"command /deploy "" John Doe Development CT_1234567890"#,
            r#"command /DEPLOY "staging 2.5.0" John Doe Development CT_1234567890"#,
        ]
    );
    Ok(())
}

#[tokio::test]
async fn users_and_channels_can_be_named_or_given() -> TestResult {
    let (kit, log) = kit();
    kit.command("/deploy qa")
        .user("Jane")
        .channel("ops")
        .await?;
    let user = UserRef::new("U_7", "Bob");
    let channel = ChannelRef::new("CT_9", "Nine");
    kit.command("/deploy qa")
        .user_ref(user)
        .channel_ref(channel)
        .await?;
    kit.command("/deploy qa").channel("Development").await?;
    assert_eq!(
        log.lines(),
        [
            r#"command /deploy "qa" Jane ops CT_ops"#,
            r#"command /deploy "qa" Bob Nine CT_9"#,
            r#"command /deploy "qa" John Doe Development CT_1234567890"#,
        ]
    );
    assert_eq!(kit.channel_id("ops"), "CT_ops");
    Ok(())
}

#[tokio::test]
async fn an_unknown_command_is_refused() -> TestResult {
    let (kit, _) = kit();
    let reply = kit.command("/nope").await?;
    assert_eq!(reply.status(), 404);
    let error = reply.expect_error("UNKNOWN_COMMAND");
    assert_eq!(error.status.code, 404);
    Ok(())
}

#[tokio::test]
async fn a_click_reaches_its_function() -> TestResult {
    let (kit, log) = kit();
    let reply = kit.click("approve", "7").user("Jane").await?;
    assert_eq!(reply.expect_text(), "Approved #7 by Jane");
    kit.click("approve", "8")
        .label("Go")
        .without_channel()
        .await?;
    kit.click("approve", "9")
        .message_id("MSG_1")
        .data(serde_json::json!({"k": 1}))
        .await?;
    assert_eq!(
        log.lines(),
        [
            "click 7  Development",
            "click 8 Go ",
            "click 9  Development"
        ]
    );
    kit.click("nope", "1")
        .await?
        .expect_error("UNKNOWN_FUNCTION");
    Ok(())
}

#[tokio::test]
async fn pressing_a_reply_button_clicks_it() -> TestResult {
    let (kit, log) = kit();
    let requested = kit.command("/deploy production").await?;
    let approved = kit.press(requested.expect_button("Approve")).await?;
    assert_eq!(approved.expect_text(), "Approved #42 by John Doe");
    assert_eq!(log.lines()[1], "click 42 Approve Development");
    Ok(())
}

#[tokio::test]
#[should_panic(expected = "\"Logs\" is an open.url button: clicking it does not call the bot")]
async fn pressing_a_link_button_is_a_mistake() {
    let (kit, _) = kit();
    let requested = kit.command("/deploy production").await.expect("sent");
    let _ = kit.press(requested.expect_button("Logs"));
}

#[tokio::test]
async fn a_handler_returning_nothing_is_received() -> TestResult {
    let (kit, _) = kit();
    let reply = kit.message("hi").await?;
    assert_eq!(reply.body(), &ReplyBody::Received);
    assert!(reply.message().is_none() && reply.card().is_none() && reply.error().is_none());
    Ok(())
}

#[tokio::test]
async fn the_canonical_command_and_click_are_accepted() -> TestResult {
    let (kit, log) = kit();
    let reply = kit.post(fixtures::COMMAND).await?;
    assert_eq!(reply.expect_text(), "Deploy production?");
    // The canonical click names `approve_pr`, which this bot does not serve.
    kit.post(fixtures::CLICK)
        .await?
        .expect_error("UNKNOWN_FUNCTION");
    assert_eq!(log.lines().len(), 1);
    Ok(())
}
