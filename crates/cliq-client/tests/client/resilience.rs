//! Token refresh, rate limits, retries, pagination, the client-side quota,
//! and messages refused before they leave.

use std::time::{Duration, Instant};

use cliq_client::events::rest::ListChannels;
use cliq_client::events::{ErrorCode, Message};
use cliq_client::{ErrorKind, Quota};
use futures_util::TryStreamExt;
use futures_util::future::join_all;

use crate::{TestResult, builder, emulator, oauth, static_token};

#[tokio::test]
async fn concurrent_calls_share_one_refresh() -> TestResult {
    let emulator = emulator().await?;
    let client = oauth(&emulator).build()?;
    let me = || {
        let client = client.clone();
        async move { client.users().me().await }
    };
    // No token yet: twenty calls wait on the first one's refresh.
    let first = join_all((0..20).map(|_| me())).await;
    assert!(first.iter().all(Result::is_ok));
    assert_eq!(emulator.token_refreshes(), 1);
    // The token dies server-side: twenty calls meet 401 INVALID_TOKEN.
    emulator.expire_access_tokens();
    let second = join_all((0..20).map(|_| tokio::spawn(me()))).await;
    for result in second {
        result??;
    }
    assert_eq!(emulator.token_refreshes(), 2);
    Ok(())
}

#[tokio::test]
async fn static_tokens_are_not_refreshed_and_bad_credentials_are_auth_errors() -> TestResult {
    let emulator = emulator().await?;
    let client = static_token(&emulator).build()?;
    emulator.expire_access_tokens();
    let rejected = client.users().me().await.err();
    assert_eq!(
        rejected.and_then(|e| e.code().cloned()),
        Some(ErrorCode::InvalidToken)
    );

    let wrong = builder(&emulator)
        .oauth("1000.nobody", "wrong", "1000.wrong")
        .build()?;
    let refused = wrong.users().me().await.err();
    assert_eq!(refused.map(|e| e.kind().clone()), Some(ErrorKind::Auth));
    assert_eq!(emulator.token_refreshes(), 0);
    Ok(())
}

#[tokio::test]
async fn a_429_is_waited_out_until_the_reset() -> TestResult {
    let emulator = emulator().await?;
    let client = static_token(&emulator).build()?;
    emulator.faults().rate_limit_next(1, Duration::from_secs(2));
    let start = Instant::now();
    client.organization().get().await?;
    assert!(
        start.elapsed() >= Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
    let seen = client.rate_limit().ok_or("rate-limit headers")?;
    assert!(seen.limit >= seen.remaining);
    Ok(())
}

#[tokio::test]
async fn a_reset_beyond_the_longest_wait_fails_at_once() -> TestResult {
    let emulator = emulator().await?;
    let client = static_token(&emulator)
        .max_rate_limit_wait(Duration::from_secs(1))
        .build()?;
    emulator
        .faults()
        .rate_limit_next(1, Duration::from_secs(30));
    let start = Instant::now();
    let error = client.organization().get().await.err().ok_or("an error")?;
    assert!(matches!(
        error.kind(),
        ErrorKind::RateLimited { reset: Some(_) }
    ));
    assert!(start.elapsed() < Duration::from_secs(1));
    Ok(())
}

#[tokio::test]
async fn gets_are_retried_after_server_errors() -> TestResult {
    let emulator = emulator().await?;
    let client = static_token(&emulator).build()?;
    let channel = emulator.default_channel();
    emulator.faults().fail_next(2, 500);
    let before = emulator.requests();
    assert_eq!(client.channels().get(&channel.id).await?, channel);
    assert_eq!(emulator.requests() - before, 3);
    Ok(())
}

#[tokio::test]
async fn a_post_is_never_retried_after_a_server_error() -> TestResult {
    let emulator = emulator().await?;
    let client = static_token(&emulator).build()?;
    let channel = emulator.default_channel().id;

    emulator.faults().fail_next_after_processing(1, 500);
    let before = emulator.requests();
    let error = client
        .messages()
        .send(&channel, &Message::text("exactly once")?)
        .await
        .err();
    assert_eq!(error.and_then(|e| e.status()), Some(500));
    assert_eq!(emulator.messages_containing("exactly once").len(), 1);
    assert_eq!(emulator.requests() - before, 1);

    emulator.faults().fail_next(2, 500);
    let before = emulator.requests();
    let error = client
        .messages()
        .send(&channel, &Message::text("not at all")?)
        .await
        .err();
    assert_eq!(
        error.and_then(|e| e.code().cloned()),
        Some(ErrorCode::InternalError)
    );
    assert!(emulator.messages_containing("not at all").is_empty());
    assert_eq!(emulator.requests() - before, 1);
    assert_eq!(emulator.faults().pending(), 1);
    Ok(())
}

#[tokio::test]
async fn list_all_follows_next_token_through_every_page() -> TestResult {
    let emulator = emulator().await?;
    let client = oauth(&emulator).build()?;
    emulator.seed_channels(120);
    let expected = emulator.channels();
    assert!((101..=150).contains(&expected.len()));
    let before = emulator.requests();
    let query = ListChannels::new().limit(50);
    let channels: Vec<_> = client.channels().list_all(&query).try_collect().await?;
    assert_eq!(channels, expected);
    assert_eq!(emulator.requests() - before, 3);
    Ok(())
}

#[tokio::test]
async fn the_quota_spaces_calls_after_a_burst() -> TestResult {
    let emulator = emulator().await?;
    // Two calls at once, then one every 200 ms: five calls take 600 ms.
    let quota = Quota::new(2, Duration::from_millis(400));
    let client = static_token(&emulator).quota(quota).build()?;
    let start = Instant::now();
    for _ in 0..5 {
        client.users().me().await?;
    }
    assert!(
        start.elapsed() >= Duration::from_millis(550),
        "{:?}",
        start.elapsed()
    );
    Ok(())
}

#[tokio::test]
async fn an_invalid_message_never_reaches_the_network() -> TestResult {
    let emulator = emulator().await?;
    let client = static_token(&emulator).build()?;
    // The builder refuses such a message; one read from JSON can hold it.
    let json = serde_json::json!({ "text": "x".repeat(10_001) });
    let message: Message = serde_json::from_value(json)?;
    let channel = emulator.default_channel().id;
    let before = emulator.requests();
    let refusals = [
        client.messages().send(&channel, &message).await.err(),
        client
            .messages()
            .send_direct(&emulator.me().id, &message)
            .await
            .err(),
        client
            .bots()
            .send_via_webhook(&emulator.bot_webhook_url("B"), &message)
            .await
            .err(),
    ];
    for error in refusals {
        let kind = error.map(|e| e.kind().clone());
        assert!(matches!(kind, Some(ErrorKind::Validation(_))), "{kind:?}");
    }
    assert_eq!(emulator.requests(), before);
    Ok(())
}
