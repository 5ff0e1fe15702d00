//! Playing Cliq towards a real `cliq_bot::Bot`.

use std::sync::{Arc, Mutex};

use cliq_bot::{Bot, Context, SignatureScheme};
use cliq_emulator::{DeliverErrorKind, SignatureKind};
use cliq_events::{ChannelRef, Event, EventCallback, FunctionCallback, MessageEvent, UserRef};
use serde_json::json;

use crate::support::{Api, BoxError, RunningBot, deploy_routes, serve_bot};

const DEV: &str = "CT_1234567890";

/// A deploy bot: `/deploy ENV` answers a card with an Approve button, and the
/// button's function answers who approved what. Clicks are kept in `clicks`.
async fn deploy_bot(
    scheme: SignatureScheme,
    clicks: Arc<Mutex<Vec<FunctionCallback>>>,
) -> RunningBot {
    let bot = Bot::builder()
        .secret(cliq_emulator::EmulatorConfig::DEFAULT_SIGNING_SECRET)
        .signature_scheme(scheme);
    let bot = deploy_routes(bot, clicks, |command| {
        format!(
            "Deploying to {} for {}",
            command.arguments(),
            command.user.name
        )
    })
    .on_message(|_cx: Context, _m: MessageEvent| async { Ok::<(), BoxError>(()) })
    .build()
    .expect("valid bot");
    serve_bot(bot).await
}

#[tokio::test]
async fn command_and_click_round_trip_with_the_body_scheme() {
    let api = Api::start().await;
    let clicks = Arc::new(Mutex::new(Vec::new()));
    let bot = deploy_bot(SignatureScheme::Body, Arc::clone(&clicks)).await;

    let delivery = api
        .emu
        .deliver_command(&bot.url, "/deploy production", SignatureKind::Body)
        .await
        .expect("delivered");
    assert_eq!(delivery.status, 200, "{delivery:?}");
    assert_eq!(
        delivery.body["text"],
        "Deploying to production for John Doe"
    );
    let posted = delivery.posted.expect("reply posted");
    assert_eq!(posted.sender.name, "DeployBot");
    assert_eq!(
        api.emu.channel_messages(&DEV.into()),
        std::slice::from_ref(&posted)
    );

    let click = api
        .emu
        .deliver_click(&bot.url, "approve_deploy", "42", SignatureKind::Body)
        .await
        .expect("delivered");
    assert_eq!(click.status, 200);
    assert_eq!(click.body["text"], "42 approved by John Doe");
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
}

#[tokio::test]
async fn timestamped_scheme_is_signed_with_a_timestamp() {
    let api = Api::start().await;
    let bot = deploy_bot(SignatureScheme::timestamped(), Arc::default()).await;
    let delivery = api
        .emu
        .deliver_command(&bot.url, "/deploy staging", SignatureKind::Timestamped)
        .await
        .expect("delivered");
    assert_eq!(delivery.status, 200, "{delivery:?}");
    let click = api
        .emu
        .deliver_click(&bot.url, "approve_deploy", "7", SignatureKind::Timestamped)
        .await
        .expect("delivered");
    assert_eq!(click.body["text"], "7 approved by John Doe");

    let wrong = api
        .emu
        .deliver_command(&bot.url, "/deploy staging", SignatureKind::Body)
        .await
        .expect("delivered");
    assert_eq!(wrong.status, 401);
    assert_eq!(wrong.body["error"]["code"], "INVALID_TIMESTAMP");
    assert_eq!(wrong.posted, None);
}

#[tokio::test]
async fn refusals_and_events_post_nothing() {
    let api = Api::start().await;
    let bot = deploy_bot(SignatureScheme::Body, Arc::default()).await;
    let unknown = api
        .emu
        .deliver_command(&bot.url, "/rollback", SignatureKind::Body)
        .await
        .expect("delivered");
    assert_eq!(
        (unknown.status, unknown.body["error"]["code"].as_str()),
        (404, Some("UNKNOWN_COMMAND"))
    );

    let event = EventCallback::new(
        Event::MessageCreated(MessageEvent {
            message_id: "MSG_1".into(),
            text: "Hello team!".to_owned(),
            sender: UserRef::new("9876543210", "John Doe"),
            channel: ChannelRef::new(DEV, "Development"),
            mentions: None,
        }),
        None,
    );
    let heard = api
        .emu
        .deliver_event(&bot.url, &event, SignatureKind::Body)
        .await
        .expect("delivered");
    assert_eq!(
        (heard.status, &heard.body),
        (200, &json!({"received": true}))
    );
    assert!(api.emu.channel_messages(&DEV.into()).is_empty());
}

#[tokio::test]
async fn runs_registered_commands_and_reports_unreachable_bots() {
    let api = Api::start().await;
    let bot = deploy_bot(SignatureScheme::Body, Arc::default()).await;
    let created = api
        .post(
            "/commands",
            json!({"name": "deploy", "description": "Trigger deployment", "hint": "/deploy [environment]", "callback_url": bot.url}),
        )
        .await;
    created.assert_success(201);
    assert_eq!(created.json["data"]["name"], "deploy");
    let ran = api
        .emu
        .run_command("/deploy canary", SignatureKind::Body)
        .await
        .expect("delivered");
    assert_eq!(ran.body["text"], "Deploying to canary for John Doe");

    let missing = api.emu.run_command("/nothing", SignatureKind::Body).await;
    assert_eq!(
        missing.map_err(|e| e.kind()).err(),
        Some(DeliverErrorKind::UnknownCommand)
    );
    let closed = {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        format!("http://{}/cliq", listener.local_addr().expect("addr"))
    };
    let unreachable = api
        .emu
        .deliver_command(&closed, "/deploy x", SignatureKind::Body)
        .await;
    assert_eq!(
        unreachable.map_err(|e| e.kind()).err(),
        Some(DeliverErrorKind::Request)
    );
}
