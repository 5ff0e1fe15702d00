//! Signatures in both schemes, and the timestamped scheme's window and
//! replay refusal under the kit's clock.

use std::time::{Duration, UNIX_EPOCH};

use cliq::bot::SignatureScheme;
use cliq_test::TestKit;

use crate::support::{Log, TestResult, bot, kit};

async fn timestamped() -> (TestKit<Log>, Log) {
    let log = Log::default();
    let kit = TestKit::builder()
        .timestamped()
        .build(|setup| bot(setup, log.clone()))
        .await
        .expect("kit");
    (kit, log)
}

#[tokio::test]
async fn a_wrong_or_missing_signature_is_refused() -> TestResult {
    let (kit, log) = kit();
    kit.command("/deploy qa")
        .signed_with("not-the-secret")
        .await?
        .expect_error("INVALID_SIGNATURE");
    kit.command("/deploy qa")
        .unsigned()
        .await?
        .expect_error("MISSING_SIGNATURE");
    kit.message("hi")
        .unsigned()
        .await?
        .expect_error("MISSING_SIGNATURE");
    kit.click("approve", "1")
        .signed_with("x")
        .await?
        .expect_error("INVALID_SIGNATURE");
    assert!(log.lines().is_empty());
    Ok(())
}

#[tokio::test]
async fn the_body_scheme_ignores_time() -> TestResult {
    let (kit, _) = kit();
    let reply = kit.command("/deploy qa").signed_at(UNIX_EPOCH).await?;
    assert_eq!(reply.status(), 200);
    kit.advance(Duration::from_secs(86_400));
    kit.command("/deploy qa").await?.expect_ok();
    Ok(())
}

#[tokio::test]
async fn the_timestamped_scheme_accepts_fresh_requests() -> TestResult {
    let (kit, log) = timestamped().await;
    kit.command("/deploy production").await?.expect_ok();
    kit.click("approve", "42").await?.expect_ok();
    kit.message("hi").await?.expect_received();
    assert_eq!(log.lines().len(), 3);
    Ok(())
}

#[tokio::test]
async fn refuses_stale_timestamp_after_the_clock_moves() -> TestResult {
    let (kit, log) = timestamped().await;
    let signed_now = kit.command("/deploy production").signed_at(kit.now());
    kit.advance(Duration::from_secs(301));
    let reply = signed_now.await?;
    assert_eq!(reply.status(), 401);
    reply.expect_error("STALE_TIMESTAMP");
    // Signed at the new time, the same command is fresh.
    kit.command("/deploy production").await?.expect_ok();
    assert_eq!(log.lines().len(), 1);
    Ok(())
}

#[tokio::test]
async fn the_window_is_300_seconds_inclusive_either_way() -> TestResult {
    let (kit, _) = timestamped().await;
    let now = kit.now();
    let at = |secs: u64, later: bool| {
        let shift = Duration::from_secs(secs);
        if later { now + shift } else { now - shift }
    };
    kit.command("/deploy a")
        .signed_at(at(300, false))
        .await?
        .expect_ok();
    kit.command("/deploy b")
        .signed_at(at(300, true))
        .await?
        .expect_ok();
    kit.command("/deploy c")
        .signed_at(at(301, true))
        .await?
        .expect_error("STALE_TIMESTAMP");
    Ok(())
}

#[tokio::test]
async fn an_identical_request_in_the_same_second_is_a_replay() -> TestResult {
    let (kit, log) = timestamped().await;
    kit.click("approve", "42").await?.expect_ok();
    kit.click("approve", "42")
        .await?
        .expect_error("REPLAYED_REQUEST");
    kit.advance(Duration::from_secs(1));
    kit.click("approve", "42").await?.expect_ok();
    assert_eq!(log.lines().len(), 2);
    Ok(())
}

#[tokio::test]
async fn a_malformed_timestamp_is_refused() -> TestResult {
    let (kit, _) = timestamped().await;
    kit.post(r#"{"command": "/deploy", "user": {"id": "1", "name": "A"}, "channel": {"id": "C", "name": "c"}}"#)
        .unsigned()
        .header("x-cliq-signature", "0".repeat(64))
        .header("x-cliq-timestamp", "-5")
        .await?
        .expect_error("INVALID_TIMESTAMP");
    Ok(())
}

#[tokio::test]
async fn the_clock_starts_where_told_and_is_shared() -> TestResult {
    let start = UNIX_EPOCH + Duration::from_secs(1_765_553_400);
    let log = Log::default();
    let kit = TestKit::builder()
        .start_time(start)
        .scheme(SignatureScheme::Timestamped {
            tolerance: Duration::from_secs(10),
        })
        .build(|setup| {
            assert_eq!(setup.clock().time(), start);
            bot(setup, log.clone())
        })
        .await?;
    assert_eq!(kit.now(), start);
    let early = kit.command("/deploy x").signed_at(kit.now());
    kit.set_time(start + Duration::from_secs(11));
    early.await?.expect_error("STALE_TIMESTAMP");
    kit.clock().rewind(Duration::from_secs(1));
    kit.command("/deploy x").signed_at(start).await?.expect_ok();
    Ok(())
}
