//! Every event kind, the canonical event payloads, and de-duplication under
//! the kit's clock.

use std::time::Duration;

use cliq::bot::events::Event;
use cliq_test::fixtures;

use crate::support::{TestResult, kit};

#[tokio::test]
async fn every_event_kind_reaches_its_handler() -> TestResult {
    let (kit, log) = kit();
    kit.message("hello").await?.expect_received();
    kit.mention("@Jane look").await?.expect_received();
    kit.bot_mention("@bot status").await?.expect_received();
    kit.member_added("Jane Smith").await?.expect_received();
    kit.member_removed("Bob")
        .channel("ops")
        .await?
        .expect_received();
    kit.channel_created("releases")
        .user("Jane")
        .await?
        .expect_received();
    kit.unknown_event("reaction.added", serde_json::json!({"emoji": "+1"}))
        .await?
        .expect_received();
    assert_eq!(
        log.lines(),
        [
            "message.created MSG_kit_1 John Doe hello",
            "mention @Jane look",
            "bot.mention @bot status",
            "member.added Jane Smith Development",
            "member.removed Bob ops",
            "channel.created releases by Jane",
            "unknown reaction.added",
        ]
    );
    Ok(())
}

#[tokio::test]
async fn the_canonical_events_are_accepted() -> TestResult {
    let (kit, log) = kit();
    for event in [
        fixtures::message_created(),
        fixtures::bot_mention(),
        fixtures::channel_created(),
        fixtures::member_added(),
        fixtures::member_removed(),
        fixtures::unknown_event(),
    ] {
        kit.event(event.event).await?.expect_received();
    }
    for text in [
        fixtures::MESSAGE_CREATED,
        fixtures::BOT_MENTION,
        fixtures::CHANNEL_CREATED,
        fixtures::MEMBER_ADDED,
        fixtures::UNKNOWN_EVENT,
    ] {
        // Sent as they are, the message events were already handled above.
        let reply = kit.post(text).await?.expect_ok();
        assert!(reply.raw().starts_with(r#"{"received":true"#), "{reply}");
    }
    let lines = log.lines();
    assert_eq!(lines.len(), 8, "{lines:#?}");
    assert_eq!(
        lines[0],
        "message.created MSG_1234567890 John Doe Hello team!"
    );
    assert_eq!(lines[4], "member.removed Jane Roe Development");
    assert_eq!(lines[5], "unknown reaction.added");
    Ok(())
}

#[tokio::test]
async fn a_repeated_event_is_a_duplicate_until_the_window_passes() -> TestResult {
    let (kit, log) = kit();
    kit.message("once")
        .message_id("MSG_1")
        .await?
        .expect_received();
    kit.message("once")
        .message_id("MSG_1")
        .await?
        .expect_duplicate();
    kit.advance(Duration::from_secs(599));
    kit.message("once")
        .message_id("MSG_1")
        .await?
        .expect_duplicate();
    kit.advance(Duration::from_secs(2));
    kit.message("once")
        .message_id("MSG_1")
        .await?
        .expect_received();
    assert_eq!(log.lines().len(), 2);
    Ok(())
}

#[tokio::test]
async fn events_with_fresh_ids_are_never_duplicates() -> TestResult {
    let (kit, log) = kit();
    for _ in 0..3 {
        kit.message("same text").await?.expect_received();
    }
    assert_eq!(log.lines().len(), 3);
    Ok(())
}

#[tokio::test]
async fn a_given_event_sent_twice_is_a_duplicate() -> TestResult {
    let (kit, _) = kit();
    let event = fixtures::bot_mention().event;
    assert!(matches!(event, Event::BotMention(_)));
    kit.event(event.clone()).await?.expect_received();
    kit.event(event).await?.expect_duplicate();
    // An unknown event is de-duplicated on its `data.message_id` too.
    let data = serde_json::json!({"emoji": "+1"});
    let unknown = || {
        kit.unknown_event("reaction.added", data.clone())
            .message_id("MSG_9")
    };
    unknown().await?.expect_received();
    unknown().await?.expect_duplicate();
    Ok(())
}

#[tokio::test]
async fn an_event_without_its_required_fields_is_invalid() -> TestResult {
    let (kit, log) = kit();
    let body = r#"{"event": "message.created", "data": {"text": "no id"}}"#;
    let reply = kit.post(body).await?;
    let error = reply.expect_error("INVALID_PAYLOAD");
    assert!(error.error.message.contains("message_id"), "{reply}");
    assert!(log.lines().is_empty());
    Ok(())
}
