//! Messages: posting, validation, direct messages, history, edits, reactions,
//! attachments.

use cliq_events::ChannelId;
use cliq_events::rest::{File, PostedMessage};
use serde_json::json;

use crate::support::{Answer, Api};

const DEV: &str = "CT_1234567890";

#[tokio::test]
async fn posts_a_card_message_as_the_current_user() {
    let api = Api::start().await;
    let body = json!({
        "text": "Check out our deployment status",
        "card": {
            "title": "Deployment Status",
            "theme": "modern-inline",
            "sections": [{"id": 1, "elements": [{"type": "text", "text": "**Status:** Live"}]}],
            "buttons": [{"label": "View Logs", "type": "open.url", "url": "https://logs.example.com"}]
        }
    });
    let answer = api.post(&format!("/channels/{DEV}/messages"), body).await;
    answer.assert_success(201);
    let posted: PostedMessage = answer.data();
    assert_eq!(posted.sender.id, "9876543210");
    assert_eq!(posted.sender.email.as_deref(), Some("john.doe@company.com"));
    assert_eq!(posted.channel_id, Some(ChannelId::new(DEV)));
    assert_eq!(
        posted.card.as_ref().and_then(|c| c.title()),
        Some("Deployment Status")
    );
    assert_eq!(api.emu.channel_messages(&ChannelId::new(DEV)), [posted]);
}

#[tokio::test]
async fn refuses_messages_that_break_a_limit_or_say_nothing() {
    let api = Api::start().await;
    let path = format!("/channels/{DEV}/messages");
    let cases = [
        (json!({"text": "x".repeat(10_001)}), "MESSAGE_TOO_LONG"),
        (json!({"text": ""}), "INVALID_REQUEST"),
        (json!({"text": 42}), "INVALID_REQUEST"),
        (
            json!({"text": "b", "card": {"buttons": [{"label": "", "type": "open.url", "url": "https://x.y"}]}}),
            "INVALID_BUTTON",
        ),
        (
            json!({"text": "a", "attachments": [{"file_id": "FILE_0"}]}),
            "INVALID_REQUEST",
        ),
    ];
    for (body, code) in cases {
        api.post(&path, body).await.assert_error(400, code);
    }
    api.post("/channels/CT_0/messages", json!({"text": "hi"}))
        .await
        .assert_error(404, "INVALID_CHANNEL");
    assert!(api.emu.channel_messages(&ChannelId::new(DEV)).is_empty());
}

#[tokio::test]
async fn sends_direct_messages_to_known_users_only() {
    let api = Api::start().await;
    let answer = api
        .post("/users/1234567891/messages", json!({"text": "Quick call?"}))
        .await;
    answer.assert_success(201);
    let posted: PostedMessage = answer.data();
    assert_eq!(posted.channel_id, None);
    assert_eq!(
        api.emu.direct_messages(&"1234567891".into()),
        std::slice::from_ref(&posted)
    );
    assert_eq!(api.emu.messages_containing("call?"), [posted]);
    api.post("/users/404/messages", json!({"text": "hello?"}))
        .await
        .assert_error(404, "INVALID_USER");
}

fn texts(answer: &Answer) -> Vec<String> {
    answer.json["data"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["text"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn reads_history_oldest_first_around_cursors() {
    let api = Api::start().await;
    let mut ids = Vec::new();
    for i in 0..6 {
        ids.push(api.say(DEV, &format!("m{i}")).await);
    }
    let path = format!("/channels/{DEV}/messages");
    let latest = api.get(&format!("{path}?limit=2")).await;
    latest.assert_success(200);
    assert_eq!(texts(&latest), ["m4", "m5"]);
    assert_eq!(latest.json["list_info"]["has_more"], true);
    let before = api.get(&format!("{path}?limit=2&before={}", ids[4])).await;
    assert_eq!(texts(&before), ["m2", "m3"]);
    let after = api.get(&format!("{path}?limit=2&after={}", ids[1])).await;
    assert_eq!(texts(&after), ["m2", "m3"]);
    let between = api
        .get(&format!("{path}?after={}&before={}", ids[0], ids[3]))
        .await;
    assert_eq!(texts(&between), ["m1", "m2"]);
    assert_eq!(between.json["list_info"]["has_more"], false);
    let all = api.get(&format!("{path}?limit=1000")).await;
    assert_eq!(texts(&all).len(), 6);
    api.get(&format!("{path}?before=MSG_0"))
        .await
        .assert_error(400, "INVALID_REQUEST");
}

#[tokio::test]
async fn edits_deletes_and_reacts() {
    let api = Api::start().await;
    let id = api.say(DEV, "Hello team!").await;
    let edited = api
        .put(
            &format!("/messages/{id}"),
            json!({"text": "Updated message content"}),
        )
        .await;
    edited.assert_success(200);
    let message: PostedMessage = edited.data();
    assert!(message.is_edited);
    assert!(message.edited_time.is_some());
    assert_eq!(message.text, "Updated message content");
    api.put(
        &format!("/messages/{id}"),
        json!({"text": "y".repeat(10_001)}),
    )
    .await
    .assert_error(400, "MESSAGE_TOO_LONG");

    let path = format!("/messages/{id}/reactions");
    api.post(&path, json!({"emoji": "👍"}))
        .await
        .assert_success(201);
    api.post(&path, json!({"emoji": "👍"}))
        .await
        .assert_success(201);
    let reacted: PostedMessage = api.post(&path, json!({"emoji": "🎉"})).await.data();
    let counts: Vec<(&str, u64, usize)> = reacted
        .reactions
        .iter()
        .map(|r| (r.emoji.as_str(), r.count, r.users.len()))
        .collect();
    assert_eq!(counts, [("👍", 1, 1), ("🎉", 1, 1)]);
    assert_eq!(
        api.emu.channel_messages(&DEV.into())[0].reactions,
        reacted.reactions
    );

    assert_eq!(api.delete(&format!("/messages/{id}")).await.status, 204);
    assert!(api.emu.channel_messages(&DEV.into()).is_empty());
    api.delete(&format!("/messages/{id}"))
        .await
        .assert_error(404, "NOT_FOUND");
    api.put("/messages/MSG_0", json!({"text": "x"}))
        .await
        .assert_error(404, "NOT_FOUND");
    api.post("/messages/MSG_0/reactions", json!({"emoji": "👍"}))
        .await
        .assert_error(404, "NOT_FOUND");
}

#[tokio::test]
async fn uploads_a_file_and_attaches_it() {
    let api = Api::start().await;
    let part = reqwest::multipart::Part::bytes(b"%PDF-1.4 proposal".to_vec())
        .file_name("proposal.pdf")
        .mime_str("application/pdf")
        .expect("mime");
    let form = reqwest::multipart::Form::new().part("file", part);
    let uploaded = Answer::of(api.request(reqwest::Method::POST, "/files").multipart(form)).await;
    uploaded.assert_success(201);
    let file: File = uploaded.data();
    assert_eq!(file.name.as_deref(), Some("proposal.pdf"));
    assert_eq!(file.size, Some(17));
    assert_eq!(file.content_type.as_deref(), Some("application/pdf"));
    assert_eq!(api.emu.files(), std::slice::from_ref(&file));

    let download = api
        .request(
            reqwest::Method::GET,
            &format!("/files/{}", file.id.clone().expect("id")),
        )
        .send()
        .await
        .expect("download");
    assert_eq!(download.status(), 200);
    assert_eq!(
        download.bytes().await.expect("bytes").as_ref(),
        b"%PDF-1.4 proposal"
    );

    let body = json!({
        "text": "Please review the attached document",
        "attachments": [{"file_id": file.id}]
    });
    let posted: PostedMessage = api
        .post(&format!("/channels/{DEV}/messages"), body)
        .await
        .data();
    let attachment = file.to_attachment().expect("attachment");
    assert_eq!(posted.attachments, std::slice::from_ref(&attachment));
    let listed = api.get(&format!("/channels/{DEV}/messages")).await;
    let stored: Vec<PostedMessage> = listed.data();
    assert_eq!(stored[0].attachments, [attachment]);

    let empty = reqwest::multipart::Form::new().text("other", "x");
    Answer::of(
        api.request(reqwest::Method::POST, "/files")
            .multipart(empty),
    )
    .await
    .assert_error(400, "INVALID_REQUEST");
}
