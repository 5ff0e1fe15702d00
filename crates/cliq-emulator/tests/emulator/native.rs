//! The native dialect towards a real `cliq_bot::Bot`: RSA-signed calls, the
//! reply budget, and late replies to the emulator's `response_url`.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use aws_lc_rs::encoding::AsDer;
use cliq_bot::{Bot, BotBuilder, Button, Context, defaults};
use cliq_emulator::{Emulator, EmulatorConfig, SignatureKind};
use cliq_events::{CommandCallback, FunctionCallback};
use serde_json::json;

use crate::support::{Api, BoxError, deploy_routes, serve_bot};

const DEV: &str = "CT_1234567890";

/// `/deploy ENV` answers a card with an Approve button (key `42`) as
/// DeployBot; `approve_deploy` answers what was clicked, keeping the click.
fn deploy_bot(key: &str, clicks: Arc<Mutex<Vec<FunctionCallback>>>) -> BotBuilder {
    deploy_routes(Bot::builder().native_public_key(key), clicks, |command| {
        format!(
            "Deploying to {} for {} in {}",
            command.arguments(),
            command.user.name,
            command.channel.name
        )
    })
}

#[tokio::test]
async fn native_command_and_click_round_trip_and_post_their_replies() {
    let api = Api::start().await;
    let clicks = Arc::new(Mutex::new(Vec::new()));
    let bot = deploy_bot(&api.emu.public_key_pem(), Arc::clone(&clicks))
        .build()
        .expect("valid bot");
    let bot = serve_bot(bot).await;

    let delivery = api
        .emu
        .deliver_native_command(&bot.url, "/deploy production")
        .await
        .expect("delivered");
    assert_eq!(delivery.status, 200, "{delivery:?}");
    assert_eq!(
        delivery.body["output"]["text"],
        "Deploying to production for John Doe in Development"
    );
    assert_eq!(
        delivery.body["output"]["buttons"][0]["key"], "42",
        "{delivery:?}"
    );
    let response_url = delivery.response_url.as_deref().expect("a response_url");
    let prefix = format!("{}/api/v2/extensions/responses/", api.emu.base_url());
    assert!(response_url.starts_with(&prefix), "{response_url}");
    let posted = delivery.posted.expect("reply posted");
    assert_eq!(posted.sender.name, "DeployBot");
    let card = posted.card.as_ref().expect("a card");
    assert_eq!(card.title(), Some("Deployment requested"));
    assert_eq!(
        card.buttons(),
        [Button::invoke_function("Approve", "approve_deploy", "42")]
    );
    assert_eq!(
        api.emu.channel_messages(&DEV.into()),
        std::slice::from_ref(&posted)
    );

    let click = api
        .emu
        .deliver_native_click(&bot.url, "approve_deploy", "42")
        .await
        .expect("delivered");
    assert_eq!(click.status, 200, "{click:?}");
    assert_eq!(
        click.body,
        json!({"output": {"text": "42 approved by John Doe"}})
    );
    assert_ne!(click.response_url, delivery.response_url);
    assert!(click.posted.is_some());
    let seen = clicks.lock().expect("lock").clone();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].button.label.as_deref(), Some("Approve"));
    assert_eq!(
        seen[0].message.as_ref().map(|m| m.id.clone()),
        Some(posted.id)
    );
    assert_eq!(
        seen[0].channel.as_ref().map(|c| c.name.as_str()),
        Some("Development")
    );
    assert_eq!(api.emu.channel_messages(&DEV.into()).len(), 2);
    assert!(api.emu.late_replies().is_empty());
}

#[tokio::test]
async fn a_handler_past_the_budget_gets_the_placeholder_then_exactly_one_late_reply() {
    let api = Api::start().await;
    let bot = Bot::builder()
        .native_public_key(&api.emu.public_key_pem())
        .native_budget(Duration::from_millis(300))
        .command("report", |_cx: Context, _c: CommandCallback| async {
            tokio::time::sleep(Duration::from_millis(900)).await;
            Ok::<_, BoxError>("Report ready")
        })
        .build()
        .expect("valid bot");
    let handle = bot.clone();
    let running = serve_bot(bot).await;

    let started = Instant::now();
    let delivery = api
        .emu
        .deliver_native_command(&running.url, "/report")
        .await
        .expect("delivered");
    let waited = started.elapsed();
    assert!(waited < Duration::from_millis(850), "{waited:?}");
    assert_eq!(delivery.status, 200, "{delivery:?}");
    assert_eq!(
        delivery.body,
        json!({"output": {"text": defaults::NATIVE_PLACEHOLDER}})
    );
    assert!(api.emu.late_replies().is_empty());

    handle.settle().await;
    let late = api.emu.late_replies();
    assert_eq!(late.len(), 1, "{late:#?}");
    assert_eq!(Some(&late[0].response_url), delivery.response_url.as_ref());
    assert_eq!(late[0].body, json!({"output": {"text": "Report ready"}}));
    let awaited = api
        .emu
        .late_reply_for(&delivery, Duration::from_secs(1))
        .await;
    assert_eq!(awaited.as_ref(), Some(&late[0]));
    let texts: Vec<String> = api
        .emu
        .channel_messages(&DEV.into())
        .into_iter()
        .map(|m| m.text)
        .collect();
    assert_eq!(texts, [defaults::NATIVE_PLACEHOLDER, "Report ready"]);
}

#[tokio::test]
async fn response_urls_need_no_token_record_every_post_and_refuse_unknown_ones() {
    let api = Api::start().await;
    let bot = deploy_bot(&api.emu.public_key_pem(), Arc::default())
        .build()
        .expect("valid bot");
    let bot = serve_bot(bot).await;
    let delivery = api
        .emu
        .deliver_native_command(&bot.url, "/deploy staging")
        .await
        .expect("delivered");
    let url = delivery.response_url.clone().expect("a response_url");

    let late = json!({"output": {"text": "Late hello", "bot": {"name": "DeployBot"}}});
    for _ in 0..2 {
        let answer = api.post_anonymous(&url, late.clone()).await;
        assert_eq!(answer.status, 204, "{answer:?}");
    }
    let banner = json!({"output": {"type": "banner", "status": "success", "text": "Saved"}});
    assert_eq!(api.post_anonymous(&url, banner.clone()).await.status, 204);

    let replies = api.emu.late_replies();
    let bodies: Vec<_> = replies.iter().map(|r| r.body.clone()).collect();
    assert_eq!(bodies, [late.clone(), late, banner]);
    assert!(replies.iter().all(|r| r.response_url == url));
    assert_eq!(
        replies
            .iter()
            .map(|r| r.posted.is_some())
            .collect::<Vec<_>>(),
        [true, true, false]
    );
    let sender = replies[0].posted.as_ref().map(|p| p.sender.name.as_str());
    assert_eq!(sender, Some("DeployBot"));
    assert_eq!(api.emu.messages_containing("Late hello").len(), 2);

    let unknown = format!("{}/api/v2/extensions/responses/nope", api.emu.base_url());
    api.post_anonymous(&unknown, json!({"output": "x"}))
        .await
        .assert_error(404, "NOT_FOUND");
    let not_json = crate::support::Answer::of(api.http.post(&url).body("{")).await;
    not_json.assert_error(400, "INVALID_REQUEST");
    assert_eq!(api.emu.late_replies().len(), 3);

    let contract = api
        .emu
        .deliver_command(&bot.url, "/deploy staging", SignatureKind::Body)
        .await
        .expect("delivered");
    assert_eq!(contract.response_url, None);
    let none = api
        .emu
        .late_reply_for(&contract, Duration::from_secs(5))
        .await;
    assert_eq!(none, None);
}

#[tokio::test]
async fn bots_trust_the_bare_base64_key_and_refuse_another_emulators_signature() {
    let api = Api::start().await;
    let bot = deploy_bot(&api.emu.public_key_base64(), Arc::default())
        .build()
        .expect("valid bot");
    let bot = serve_bot(bot).await;
    let trusted = api
        .emu
        .deliver_native_command(&bot.url, "/deploy staging")
        .await
        .expect("delivered");
    assert_eq!(trusted.status, 200, "{trusted:?}");

    let pair = aws_lc_rs::rsa::KeyPair::generate(aws_lc_rs::rsa::KeySize::Rsa2048).expect("key");
    let pkcs8 = pair.as_der().expect("pkcs8");
    let other = Emulator::start_with(EmulatorConfig {
        rsa_key_pkcs8: Some(pkcs8.as_ref().to_vec()),
        ..EmulatorConfig::default()
    })
    .await
    .expect("start emulator");
    assert_ne!(other.public_key_pem(), api.emu.public_key_pem());
    let refused = other
        .deliver_native_command(&bot.url, "/deploy staging")
        .await
        .expect("delivered");
    assert_eq!(refused.status, 401, "{refused:?}");
    assert_eq!(refused.body["error"]["code"], "INVALID_SIGNATURE");
    assert_eq!(refused.posted, None);

    let invalid = Emulator::start_with(EmulatorConfig {
        rsa_key_pkcs8: Some(b"not a key".to_vec()),
        ..EmulatorConfig::default()
    })
    .await;
    assert_eq!(
        invalid.map(drop).map_err(|e| e.kind()),
        Err(std::io::ErrorKind::InvalidInput)
    );
}

#[tokio::test]
async fn signatures_cover_the_exact_bytes_of_any_json_call() {
    let api = Api::start().await;
    let bot = deploy_bot(&api.emu.public_key_pem(), Arc::default())
        .build()
        .expect("valid bot");
    let bot = serve_bot(bot).await;
    // A sample's shape, keys in its order, with a chat the emulator lacks.
    let sample = json!({
        "name": "deploy",
        "handler": {"type": "execution_handler"},
        "type": "command",
        "params": {
            "user": {"id": "123456", "first_name": "Scott", "last_name": "Fisher"},
            "chat": {"id": "CD_1256246524399772951_1741337", "title": "Sample"},
            "arguments": "canary"
        }
    });
    let delivery = api
        .emu
        .deliver_native_json(&bot.url, &sample)
        .await
        .expect("delivered");
    assert_eq!(delivery.status, 200, "{delivery:?}");
    assert_eq!(
        delivery.body["output"]["text"],
        "Deploying to canary for Scott Fisher in Sample"
    );
    assert!(delivery.response_url.is_some());
    // Replies for a chat the emulator lacks land in the default channel.
    assert_eq!(api.emu.channel_messages(&DEV.into()).len(), 1);

    let body = br#"{"type":"command","handler":{"type":"execution_handler"},"name":"deploy"}"#;
    let signature = api.emu.sign_native(body);
    let tampered = br#"{"type":"command","handler":{"type":"execution_handler"},"name":"deplox"}"#;
    for (bytes, status) in [(&body[..], 404), (&tampered[..], 401)] {
        let answer = crate::support::Answer::of(
            api.http
                .post(&bot.url)
                .header("content-type", "application/json")
                .header("x-cliq-signature", &signature)
                .body(bytes.to_vec()),
        )
        .await;
        assert_eq!(answer.status, status, "{answer:?}");
    }
}
