//! Incoming, bot and outgoing webhooks.

use std::sync::{Arc, Mutex};

use cliq_bot::{Bot, Context};
use cliq_emulator::EmulatorConfig;
use cliq_events::MessageEvent;
use cliq_events::rest::{Bot as BotObject, IncomingWebhook, OutgoingWebhook, PostedMessage};
use serde_json::json;

use crate::support::{Api, BoxError, serve_bot};

const DEV: &str = "CT_1234567890";

#[tokio::test]
async fn incoming_webhook_posts_to_its_channel_without_a_token() {
    let api = Api::start().await;
    let created = api
        .post(
            "/webhooks/incoming",
            json!({"name": "GitHub Notifications", "description": "Webhook for GitHub events", "channel_id": DEV}),
        )
        .await;
    created.assert_success(201);
    let webhook: IncomingWebhook = created.data();
    let prefix = format!(
        "{}/api/v2/channelsbynames/development/messages/",
        api.emu.base_url()
    );
    assert!(webhook.url.starts_with(&prefix), "{}", webhook.url);

    let posted = api
        .post_anonymous(
            &webhook.url,
            json!({"text": "Build completed successfully!"}),
        )
        .await;
    posted.assert_success(201);
    let message: PostedMessage = posted.data();
    assert_eq!(message.sender.name, "GitHub Notifications");
    assert_eq!(api.emu.channel_messages(&DEV.into()), [message]);

    let forged = format!("{prefix}not-the-token");
    api.post_anonymous(&forged, json!({"text": "x"}))
        .await
        .assert_error(401, "INVALID_TOKEN");
    api.post(
        "/webhooks/incoming",
        json!({"name": "n", "channel_id": "CT_0"}),
    )
    .await
    .assert_error(404, "INVALID_CHANNEL");
}

#[tokio::test]
async fn incoming_webhook_url_helper_is_stable_and_validates_messages() {
    let api = Api::start().await;
    let channel = api.emu.seed_channels(1).remove(0);
    let url = api.emu.incoming_webhook_url(&channel.id);
    assert_eq!(api.emu.incoming_webhook_url(&channel.id), url);
    api.post_anonymous(&url, json!({"text": "x".repeat(10_001)}))
        .await
        .assert_error(400, "MESSAGE_TOO_LONG");
    api.post_anonymous(&url, json!({"text": "hi", "bot": {"name": "CI"}}))
        .await
        .assert_success(201);
    let messages = api.emu.channel_messages(&channel.id);
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].sender.name, "CI");
}

#[tokio::test]
async fn bots_are_created_listed_updated_and_deleted() {
    let api = Api::start().await;
    let created = api
        .post(
            "/bots",
            json!({"name": "NotificationBot", "description": "Bot for sending notifications"}),
        )
        .await;
    created.assert_success(201);
    let bot: BotObject = created.data();
    let expected = format!("{}/api/v2/bots/{}/incoming", api.emu.base_url(), bot.id);
    assert_eq!(bot.webhook_url.as_deref(), Some(expected.as_str()));

    let listed: Vec<BotObject> = api.get("/bots").await.data();
    assert_eq!(listed, std::slice::from_ref(&bot));
    let renamed: BotObject = api
        .put(
            &format!("/bots/{}", bot.id),
            json!({"name": "Updated Bot Name"}),
        )
        .await
        .data();
    assert_eq!(renamed.name, "Updated Bot Name");

    let posted = api
        .post_anonymous(&expected, json!({"text": "Deployment completed!"}))
        .await;
    posted.assert_success(201);
    let message: PostedMessage = posted.data();
    assert_eq!(message.sender.name, "Updated Bot Name");
    assert_eq!(message.sender.id, bot.id.as_str());
    assert_eq!(api.emu.channel_messages(&DEV.into()), [message]);

    assert_eq!(api.delete(&format!("/bots/{}", bot.id)).await.status, 204);
    api.post_anonymous(&expected, json!({"text": "still there?"}))
        .await
        .assert_error(404, "BOT_NOT_FOUND");
    api.put("/bots/BOT_0", json!({"name": "x"}))
        .await
        .assert_error(404, "BOT_NOT_FOUND");
    api.delete("/bots/BOT_0")
        .await
        .assert_error(404, "BOT_NOT_FOUND");
    api.post("/bots", json!({"name": ""}))
        .await
        .assert_error(400, "INVALID_REQUEST");
}

#[tokio::test]
async fn bot_webhook_url_helper_posts_as_the_bot() {
    let api = Api::start().await;
    let url = api.emu.bot_webhook_url("DeployBot");
    assert_eq!(api.emu.bot_webhook_url("DeployBot"), url);
    api.post_anonymous(
        &url,
        json!({"text": "Deployment completed successfully!", "bot": {"name": "Deployer"}}),
    )
    .await
    .assert_success(201);
    let found = api.emu.messages_containing("completed successfully");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].sender.name, "Deployer");
}

/// A real bot that keeps the texts of the `message.created` events it hears.
fn listening_bot(secret: &str, heard: Arc<Mutex<Vec<String>>>) -> Bot {
    Bot::builder()
        .secret(secret)
        .on_message(move |_cx: Context, message: MessageEvent| {
            let heard = Arc::clone(&heard);
            async move {
                heard.lock().expect("lock").push(message.text);
                Ok::<(), BoxError>(())
            }
        })
        .build()
        .expect("valid bot")
}

#[tokio::test]
async fn outgoing_webhook_delivers_signed_message_events() {
    let api = Api::start().await;
    let heard = Arc::new(Mutex::new(Vec::new()));
    let bot = serve_bot(listening_bot(
        EmulatorConfig::DEFAULT_SIGNING_SECRET,
        Arc::clone(&heard),
    ))
    .await;
    let created = api
        .post(
            "/webhooks/outgoing",
            json!({"name": "Listener", "url": bot.url, "events": ["message.created"], "channel_id": DEV}),
        )
        .await;
    created.assert_success(201);
    let webhook: OutgoingWebhook = created.data();
    assert!(webhook.id.is_some());

    api.say(DEV, "Hello team!").await;
    let other = api.emu.seed_channels(1).remove(0);
    api.say(other.id.as_str(), "not watched").await;
    api.post_anonymous(
        &api.emu.bot_webhook_url("Bot"),
        json!({"text": "from a bot"}),
    )
    .await
    .assert_success(201);
    api.emu.outgoing_settled().await;

    let mut texts = heard.lock().expect("lock").clone();
    texts.sort();
    assert_eq!(texts, ["Hello team!", "from a bot"]);
    let deliveries = api.emu.outgoing_deliveries();
    assert_eq!(deliveries, [(bot.url.clone(), 200), (bot.url.clone(), 200)]);
}

#[tokio::test]
async fn outgoing_events_signed_with_another_secret_are_refused_and_recorded() {
    let api = Api::start().await;
    let heard = Arc::new(Mutex::new(Vec::new()));
    let bot = serve_bot(listening_bot("another-secret", Arc::clone(&heard))).await;
    api.post("/webhooks/outgoing", json!({"name": "All", "url": bot.url}))
        .await
        .assert_success(201);
    api.say(DEV, "who hears this?").await;
    api.emu.outgoing_settled().await;
    assert!(heard.lock().expect("lock").is_empty());
    assert_eq!(api.emu.outgoing_deliveries(), [(bot.url.clone(), 401)]);
}

#[tokio::test]
async fn outgoing_webhook_needs_an_http_url_and_a_known_channel() {
    let api = Api::start().await;
    api.post("/webhooks/outgoing", json!({"name": "n", "url": "ftp://x"}))
        .await
        .assert_error(400, "INVALID_REQUEST");
    api.post(
        "/webhooks/outgoing",
        json!({"name": "n", "url": "http://127.0.0.1:9/", "channel_id": "CT_0"}),
    )
    .await
    .assert_error(404, "INVALID_CHANNEL");
}

#[tokio::test]
async fn outgoing_webhook_hears_channel_and_member_events() {
    let api = Api::start().await;
    let heard = Arc::new(Mutex::new(Vec::new()));
    let (created, added) = (Arc::clone(&heard), Arc::clone(&heard));
    let bot = Bot::builder()
        .secret(EmulatorConfig::DEFAULT_SIGNING_SECRET)
        .on_channel_created(move |_cx: Context, event: cliq_events::ChannelCreated| {
            let heard = Arc::clone(&created);
            async move {
                heard
                    .lock()
                    .expect("lock")
                    .push(format!("created {}", event.channel.name));
                Ok::<(), BoxError>(())
            }
        })
        .on_member_added(move |_cx: Context, event: cliq_events::MemberEvent| {
            let heard = Arc::clone(&added);
            async move {
                heard
                    .lock()
                    .expect("lock")
                    .push(format!("added {}", event.member.name));
                Ok::<(), BoxError>(())
            }
        })
        .build()
        .expect("valid bot");
    let bot = serve_bot(bot).await;
    api.post(
        "/webhooks/outgoing",
        json!({"name": "Audit", "url": bot.url, "events": ["channel.created", "channel.member.added"]}),
    )
    .await
    .assert_success(201);
    let channel = api.emu.seed_channels(1).remove(0);
    api.emu.outgoing_settled().await;
    api.post(
        &format!("/channels/{}/members", channel.id),
        json!({"members": ["jane.smith@company.com"]}),
    )
    .await
    .assert_success(200);
    api.say(channel.id.as_str(), "not subscribed").await;
    api.emu.outgoing_settled().await;
    assert_eq!(
        *heard.lock().expect("lock"),
        ["created channel-0", "added Jane Smith"]
    );
    assert_eq!(api.emu.outgoing_deliveries().len(), 2);
}
