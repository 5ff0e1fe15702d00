//! Fault injection: errors with and without processing, rate limits, latency.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use cliq_emulator::EmulatorConfig;
use serde_json::json;

use crate::support::Api;

const DEV: &str = "CT_1234567890";

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[tokio::test]
async fn fail_next_answers_errors_without_processing() {
    let api = Api::start().await;
    api.emu.faults().fail_next(2, 500);
    let path = format!("/channels/{DEV}/messages");
    for _ in 0..2 {
        let answer = api.post(&path, json!({"text": "lost"})).await;
        answer.assert_error(500, "INTERNAL_ERROR");
        assert!(answer.header("x-ratelimit-limit").is_some());
    }
    assert!(api.emu.messages_containing("lost").is_empty());
    api.post(&path, json!({"text": "kept"}))
        .await
        .assert_success(201);
    assert_eq!(api.emu.requests(), 3);
    assert_eq!(api.emu.faults().pending(), 0);
}

#[tokio::test]
async fn each_status_gets_its_reference_code() {
    let api = Api::start().await;
    let cases = [
        (500, "INTERNAL_ERROR"),
        (401, "INVALID_TOKEN"),
        (429, "RATE_LIMIT_EXCEEDED"),
        (503, "OVERLOADED"),
        (403, "PERMISSION_DENIED"),
    ];
    for (status, _) in cases {
        api.emu.faults().fail_next(1, status);
    }
    for (status, code) in cases {
        let before = now();
        let answer = api.get("/users/me").await;
        answer.assert_error(status, code);
        if status == 429 {
            let reset: u64 = answer
                .header("x-ratelimit-reset")
                .and_then(|v| v.parse().ok())
                .expect("reset");
            assert!((before + 1..=now() + 2).contains(&reset), "{reset}");
            assert_eq!(answer.header("x-ratelimit-remaining"), Some("0"));
        }
    }
    api.get("/users/me").await.assert_success(200);
}

#[tokio::test]
async fn fail_after_processing_makes_blind_retries_duplicate() {
    let api = Api::start().await;
    api.emu.faults().fail_next_after_processing(1, 500);
    let path = format!("/channels/{DEV}/messages");
    api.post(&path, json!({"text": "deploy started"}))
        .await
        .assert_error(500, "INTERNAL_ERROR");
    assert_eq!(api.emu.messages_containing("deploy started").len(), 1);
    api.post(&path, json!({"text": "deploy started"}))
        .await
        .assert_success(201);
    assert_eq!(api.emu.messages_containing("deploy started").len(), 2);
}

#[tokio::test]
async fn rate_limit_next_sets_the_reset_ahead() {
    let api = Api::start().await;
    api.emu.faults().rate_limit_next(2, Duration::from_secs(3));
    for _ in 0..2 {
        let before = now();
        let answer = api.get("/organization").await;
        answer.assert_error(429, "RATE_LIMIT_EXCEEDED");
        let reset: u64 = answer
            .header("x-ratelimit-reset")
            .and_then(|v| v.parse().ok())
            .expect("reset");
        assert!((before + 3..=now() + 4).contains(&reset), "{reset}");
    }
    api.get("/organization").await.assert_success(200);
}

#[tokio::test]
async fn faults_reach_webhook_urls_but_not_the_token_endpoint() {
    let api = Api::start().await;
    let hook = api.emu.incoming_webhook_url(&DEV.into());
    api.emu.faults().fail_next(1, 500);
    let client = api.emu.oauth_client();
    let form = [
        ("grant_type", "refresh_token"),
        ("client_id", client.client_id.as_str()),
        ("client_secret", client.client_secret.as_str()),
        ("refresh_token", client.refresh_token.as_str()),
    ];
    let url = format!("{}/oauth/v2/token", api.emu.base_url());
    let token = api.http.post(url).form(&form).send().await.expect("token");
    assert_eq!(token.status(), 200);
    api.post_anonymous(&hook, json!({"text": "build green"}))
        .await
        .assert_error(500, "INTERNAL_ERROR");
    api.post_anonymous(&hook, json!({"text": "build green"}))
        .await
        .assert_success(201);
}

#[tokio::test]
async fn latency_is_added_until_cleared() {
    let config = EmulatorConfig {
        latency: Duration::from_millis(50),
        ..EmulatorConfig::default()
    };
    let api = Api::with(config).await;
    api.emu.faults().set_latency(Duration::from_millis(150));
    let started = Instant::now();
    api.get("/users/me").await.assert_success(200);
    assert!(started.elapsed() >= Duration::from_millis(200));
    api.emu.faults().fail_next(5, 500);
    api.emu.faults().clear();
    let started = Instant::now();
    api.get("/users/me").await.assert_success(200);
    let elapsed = started.elapsed();
    assert!(
        elapsed >= Duration::from_millis(50) && elapsed < Duration::from_millis(200),
        "{elapsed:?}"
    );
}
