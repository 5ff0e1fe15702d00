//! Channels: CRUD, members, pagination and filters.

use cliq_events::envelope::ListResponse;
use cliq_events::rest::Channel;
use serde_json::json;

use crate::support::Api;

#[tokio::test]
async fn lists_and_gets_the_seeded_channel() {
    let api = Api::start().await;
    let list = api.get("/channels").await;
    list.assert_success(200);
    let page: ListResponse<Channel> = serde_json::from_value(list.json.clone()).expect("list");
    assert_eq!(page.data, [api.emu.default_channel()]);
    assert_eq!(page.list_info.map(|i| i.has_more), Some(false));
    let one = api.get("/channels/CT_1234567890").await;
    one.assert_success(200);
    let channel: Channel = one.data();
    assert_eq!(channel.name, "Development");
    assert_eq!(channel.member_count, Some(3));
}

#[tokio::test]
async fn unknown_channel_is_invalid_channel() {
    let api = Api::start().await;
    for answer in [
        api.get("/channels/CT_0").await,
        api.put("/channels/CT_0", json!({"name": "x"})).await,
        api.delete("/channels/CT_0").await,
        api.post("/channels/CT_0/members", json!({"members": ["a@b.c"]}))
            .await,
    ] {
        answer.assert_error(404, "INVALID_CHANNEL");
    }
}

#[tokio::test]
async fn creates_updates_and_deletes_a_channel() {
    let api = Api::start().await;
    let body = json!({
        "name": "Project Phoenix",
        "description": "Discussion channel for Project Phoenix",
        "is_private": true,
        "members": ["jane.smith@company.com", "outsider@example.com"]
    });
    let created = api.post("/channels", body).await;
    created.assert_success(201);
    let channel: Channel = created.data();
    assert_eq!(channel.name, "Project Phoenix");
    assert_eq!(channel.is_private, Some(true));
    assert_eq!(channel.member_count, Some(3), "creator and two members");
    assert_eq!(channel.creator_id, Some(api.emu.me().id));
    let path = format!("/channels/{}", channel.id);

    let updated = api.put(&path, json!({"name": "Phoenix 2"})).await;
    updated.assert_success(200);
    let renamed: Channel = updated.data();
    assert_eq!(renamed.name, "Phoenix 2");
    assert_eq!(renamed.description, channel.description);

    let deleted = api.delete(&path).await;
    assert_eq!(deleted.status, 204);
    assert_eq!(deleted.json, serde_json::Value::Null);
    api.get(&path).await.assert_error(404, "INVALID_CHANNEL");
}

#[tokio::test]
async fn refuses_empty_names_and_bad_bodies() {
    let api = Api::start().await;
    api.post("/channels", json!({"name": "  "}))
        .await
        .assert_error(400, "INVALID_REQUEST");
    api.post("/channels", json!({"description": "no name"}))
        .await
        .assert_error(400, "INVALID_REQUEST");
    api.put("/channels/CT_1234567890", json!({"name": ""}))
        .await
        .assert_error(400, "INVALID_REQUEST");
    let broken = crate::support::Answer::of(
        api.request(reqwest::Method::POST, "/channels")
            .header("content-type", "application/json")
            .body("{not json"),
    )
    .await;
    broken.assert_error(400, "INVALID_REQUEST");
}

#[tokio::test]
async fn adds_and_removes_members_keeping_the_count() {
    let api = Api::start().await;
    let channel = api.emu.seed_channels(1).remove(0);
    assert_eq!(channel.member_count, Some(1));
    let path = format!("/channels/{}/members", channel.id);
    let added = api
        .post(
            &path,
            json!({"members": ["jane.smith@company.com", "bob.wilson@company.com", "jane.smith@company.com"]}),
        )
        .await;
    added.assert_success(200);
    assert_eq!(added.data::<Channel>().member_count, Some(3));

    let removed = api.delete(&format!("{path}/1234567891")).await;
    assert_eq!(removed.status, 204);
    let now: Channel = api.get(&format!("/channels/{}", channel.id)).await.data();
    assert_eq!(now.member_count, Some(2));
    api.delete(&format!("{path}/no-such-user"))
        .await
        .assert_error(404, "INVALID_USER");
    api.post(&path, json!({"members": []}))
        .await
        .assert_error(400, "INVALID_REQUEST");
}

#[tokio::test]
async fn pages_through_120_channels_fifty_at_a_time() {
    let api = Api::start().await;
    let seeded = api.emu.seed_channels(119);
    assert_eq!(seeded[0].name, "channel-0");
    let mut seen = Vec::new();
    let mut pages = 0;
    let mut token: Option<String> = None;
    loop {
        let mut request = api
            .request(reqwest::Method::GET, "/channels")
            .query(&[("limit", "50")]);
        if let Some(token) = &token {
            request = request.query(&[("next_token", token)]);
        }
        let answer = crate::support::Answer::of(request).await;
        answer.assert_success(200);
        let page: ListResponse<Channel> = serde_json::from_value(answer.json).expect("page");
        pages += 1;
        assert!(page.data.len() <= 50);
        seen.extend(page.data.iter().map(|c| c.id.clone()));
        match page.next_token() {
            Some(next) => token = Some(next.to_owned()),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    let all: Vec<_> = api.emu.channels().into_iter().map(|c| c.id).collect();
    assert_eq!(seen.len(), 120);
    assert_eq!(seen, all, "every channel once, in creation order");
}

#[tokio::test]
async fn clamps_the_limit_filters_by_type_and_refuses_foreign_tokens() {
    let api = Api::start().await;
    api.emu.seed_channels(60);
    let big = api.get("/channels?limit=500").await;
    assert_eq!(big.json["data"].as_array().map(Vec::len), Some(50));
    let default = api.get("/channels").await;
    assert_eq!(default.json["data"].as_array().map(Vec::len), Some(20));
    api.post("/channels", json!({"name": "secret", "is_private": true}))
        .await
        .assert_success(201);
    let private = api.get("/channels?type=private").await;
    let names: Vec<&str> = private.json["data"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert_eq!(names, ["secret"]);
    let public = api.get("/channels?type=public&limit=50").await;
    assert!(
        public.json["data"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|c| c["is_private"] == false)
    );
    api.get("/channels?next_token=abc123")
        .await
        .assert_error(400, "INVALID_REQUEST");
    api.get("/channels?limit=many")
        .await
        .assert_error(400, "INVALID_REQUEST");
}
