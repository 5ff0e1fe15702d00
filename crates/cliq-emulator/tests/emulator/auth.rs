//! Tokens, the OAuth token endpoint, and the rate limit.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use cliq_emulator::{EmulatorConfig, RateLimit, UNLIMITED_RATE_LIMIT};
use cliq_events::rest::TokenResponse;
use reqwest::Method;

use crate::support::{Answer, Api};

async fn token_grant(api: &Api, form: &[(&str, &str)]) -> Answer {
    let url = format!("{}/oauth/v2/token", api.emu.base_url());
    Answer::of(api.http.post(url).form(form)).await
}

async fn refresh(api: &Api, secret: &str, refresh_token: &str) -> Answer {
    let client = api.emu.oauth_client();
    let form = [
        ("grant_type", "refresh_token"),
        ("client_id", client.client_id.as_str()),
        ("client_secret", secret),
        ("refresh_token", refresh_token),
    ];
    token_grant(api, &form).await
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[tokio::test]
async fn refuses_missing_foreign_and_malformed_tokens() {
    let api = Api::start().await;
    let url = api.url("/users/me");
    let cases = [
        None,
        Some(format!("Bearer {}", api.token)),
        Some("Zoho-oauthtoken 1000.nope.nope".to_owned()),
        Some("Zoho-oauthtoken".to_owned()),
    ];
    for authorization in cases {
        let mut request = api.http.get(&url);
        if let Some(value) = authorization {
            request = request.header("authorization", value);
        }
        Answer::of(request).await.assert_error(401, "INVALID_TOKEN");
    }
    api.get("/users/me").await.assert_success(200);
}

#[tokio::test]
async fn expired_tokens_are_refused_until_refreshed() {
    let mut api = Api::start().await;
    api.emu.expire_access_tokens();
    api.get("/channels")
        .await
        .assert_error(401, "INVALID_TOKEN");

    let client = api.emu.oauth_client();
    let answer = refresh(&api, &client.client_secret, &client.refresh_token).await;
    assert_eq!(answer.status, 200, "{answer:?}");
    let token: TokenResponse = serde_json::from_value(answer.json.clone()).expect("token json");
    assert_eq!(token.token_type, "Bearer");
    assert_eq!(token.expires_in, 3600);
    assert_eq!(token.api_domain, api.emu.base_url());
    assert_eq!(token.refresh_token, None);
    assert_eq!(api.emu.token_refreshes(), 1);

    api.token = token.access_token.expose().to_owned();
    api.get("/channels").await.assert_success(200);
    assert_eq!(api.emu.access_token(), api.token);
}

#[tokio::test]
async fn tokens_expire_after_their_lifetime() {
    let config = EmulatorConfig {
        access_token_lifetime: Duration::from_millis(300),
        ..EmulatorConfig::default()
    };
    let api = Api::with(config).await;
    api.get("/users/me").await.assert_success(200);
    tokio::time::sleep(Duration::from_millis(400)).await;
    api.get("/users/me")
        .await
        .assert_error(401, "INVALID_TOKEN");
    let fresh = api.emu.access_token();
    assert_ne!(fresh, api.token);
}

#[tokio::test]
async fn refuses_wrong_client_credentials_like_zoho() {
    let api = Api::start().await;
    let client = api.emu.oauth_client();
    let wrong = [
        refresh(&api, "wrong-secret", &client.refresh_token).await,
        refresh(&api, &client.client_secret, "1000.bad.bad").await,
    ];
    for answer in wrong {
        assert_eq!(answer.status, 400);
        assert_eq!(answer.json, serde_json::json!({"error": "invalid_client"}));
    }
    let unsupported = token_grant(
        &api,
        &[
            ("grant_type", "password"),
            ("client_id", "x"),
            ("client_secret", "y"),
        ],
    )
    .await;
    assert_eq!(unsupported.json["error"], "unsupported_grant_type");
    let missing = token_grant(&api, &[("grant_type", "refresh_token")]).await;
    assert_eq!(missing.json["error"], "invalid_request");
    assert_eq!(api.emu.token_refreshes(), 0);
    assert_eq!(
        api.emu.requests(),
        0,
        "the token endpoint is not the REST API"
    );
}

#[tokio::test]
async fn authorization_codes_are_single_use_and_yield_a_refresh_token() {
    let api = Api::start().await;
    let client = api.emu.oauth_client();
    let code = api.emu.authorization_code();
    let form = [
        ("grant_type", "authorization_code"),
        ("client_id", client.client_id.as_str()),
        ("client_secret", client.client_secret.as_str()),
        ("redirect_uri", "https://example.com/callback"),
        ("code", code.as_str()),
    ];
    let first = token_grant(&api, &form).await;
    assert_eq!(first.status, 200, "{first:?}");
    let token: TokenResponse = serde_json::from_value(first.json).expect("token json");
    let new_refresh = token.refresh_token.expect("refresh token");
    let again = token_grant(&api, &form).await;
    assert_eq!(
        (again.status, again.json["error"].as_str()),
        (400, Some("invalid_code"))
    );

    let refreshed = refresh(&api, &client.client_secret, new_refresh.expose()).await;
    assert_eq!(refreshed.status, 200);
    assert_eq!(api.emu.token_refreshes(), 1);
}

#[tokio::test]
async fn every_api_answer_carries_rate_limit_headers() {
    let api = Api::start().await;
    let before = now();
    let ok = api.get("/users/me").await;
    let unauthorized = Answer::of(api.http.get(api.url("/users/me"))).await;
    let missing = api.get("/no/such/route").await;
    let mut remaining = Vec::new();
    for answer in [&ok, &unauthorized, &missing] {
        let limit: u32 = answer
            .header("x-ratelimit-limit")
            .and_then(|v| v.parse().ok())
            .expect("limit");
        assert_eq!(limit, UNLIMITED_RATE_LIMIT);
        remaining.push(
            answer
                .header("x-ratelimit-remaining")
                .and_then(|v| v.parse::<u32>().ok())
                .expect("remaining"),
        );
        let reset: u64 = answer
            .header("x-ratelimit-reset")
            .and_then(|v| v.parse().ok())
            .expect("reset");
        assert!((before + 1..=now() + 61).contains(&reset), "{reset}");
    }
    assert_eq!(
        remaining,
        [
            UNLIMITED_RATE_LIMIT - 1,
            UNLIMITED_RATE_LIMIT - 2,
            UNLIMITED_RATE_LIMIT - 3
        ]
    );
    missing.assert_error(404, "NOT_FOUND");
}

#[tokio::test]
async fn enforces_the_configured_rate_limit() {
    let config = EmulatorConfig {
        rate_limit: Some(RateLimit { per_minute: 3 }),
        ..EmulatorConfig::default()
    };
    let api = Api::with(config).await;
    for left in ["2", "1", "0"] {
        let answer = api.get("/organization").await;
        answer.assert_success(200);
        assert_eq!(answer.header("x-ratelimit-remaining"), Some(left));
        assert_eq!(answer.header("x-ratelimit-limit"), Some("3"));
    }
    let before = now();
    let limited = Answer::of(api.request(Method::GET, "/organization")).await;
    limited.assert_error(429, "RATE_LIMIT_EXCEEDED");
    assert_eq!(limited.header("x-ratelimit-remaining"), Some("0"));
    let reset: u64 = limited
        .header("x-ratelimit-reset")
        .and_then(|v| v.parse().ok())
        .expect("reset");
    assert!((before + 1..=now() + 61).contains(&reset), "{reset}");
    assert!(limited.header("retry-after").is_some());
    assert_eq!(api.emu.requests(), 4);
}
