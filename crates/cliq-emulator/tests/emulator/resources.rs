//! Users, the organization, commands, and the envelopes of routing errors.

use cliq_events::rest::{Command, Organization, User};
use reqwest::Method;
use serde_json::json;

use crate::support::{Answer, Api};

#[tokio::test]
async fn serves_the_current_user_and_finds_users() {
    let api = Api::start().await;
    let me: User = api.get("/users/me").await.data();
    assert_eq!(me, api.emu.me());
    assert_eq!(me.display_name.as_deref(), Some("John Doe"));
    assert_eq!(me.email.as_deref(), Some("john.doe@company.com"));

    let cases = [
        ("/users?query=JANE", vec!["Jane Smith"]),
        ("/users?query=wilson%40company", vec!["Bob Wilson"]),
        (
            "/users?query=company.com&limit=2",
            vec!["John Doe", "Jane Smith"],
        ),
        ("/users", vec!["John Doe", "Jane Smith", "Bob Wilson"]),
        ("/users?query=nobody", vec![]),
    ];
    for (path, expected) in cases {
        let answer = api.get(path).await;
        answer.assert_success(200);
        let users: Vec<User> = answer.data();
        let names: Vec<&str> = users
            .iter()
            .filter_map(|u| u.display_name.as_deref())
            .collect();
        assert_eq!(names, expected, "{path}");
    }
    let limited = api.get("/users?limit=1").await;
    assert_eq!(limited.json["list_info"]["has_more"], true);

    let jane: User = api.get("/users/1234567891").await.data();
    assert_eq!(jane.first_name.as_deref(), Some("Jane"));
    api.get("/users/42").await.assert_error(404, "INVALID_USER");
}

#[tokio::test]
async fn serves_the_organization() {
    let api = Api::start().await;
    let answer = api.get("/organization").await;
    answer.assert_success(200);
    let organization: Organization = answer.data();
    assert_eq!(organization.id, "123456");
    assert_eq!(organization.name, "Acme Corporation");
    assert_eq!(organization.member_count, Some(3));
}

#[tokio::test]
async fn creates_and_lists_commands() {
    let api = Api::start().await;
    let body = json!({
        "name": "/deploy",
        "description": "Trigger deployment",
        "hint": "/deploy [environment]",
        "callback_url": "https://yourdomain.com/commands/deploy"
    });
    let created = api.post("/commands", body.clone()).await;
    created.assert_success(201);
    let command: Command = created.data();
    assert_eq!(command.name, "deploy");
    assert!(command.id.is_some());
    let listed: Vec<Command> = api.get("/commands").await.data();
    assert_eq!(listed, [command]);
    api.post("/commands", body)
        .await
        .assert_error(400, "INVALID_REQUEST");
    for bad in [
        json!({"name": "", "callback_url": "https://x.y"}),
        json!({"name": "x", "callback_url": "/relative"}),
        json!({"name": "x"}),
    ] {
        api.post("/commands", bad)
            .await
            .assert_error(400, "INVALID_REQUEST");
    }
}

#[tokio::test]
async fn routing_errors_use_the_envelope() {
    let api = Api::start().await;
    api.get("/nothing/here")
        .await
        .assert_error(404, "NOT_FOUND");
    let outside = Answer::of(api.http.get(format!("{}/elsewhere", api.emu.base_url()))).await;
    outside.assert_error(404, "NOT_FOUND");
    let wrong_method = Answer::of(api.request(Method::PATCH, "/channels")).await;
    wrong_method.assert_error(405, "METHOD_NOT_ALLOWED");
    assert!(
        wrong_method
            .header("allow")
            .is_some_and(|allow| allow.contains("GET"))
    );
    let wrong_oauth = Answer::of(
        api.http
            .get(format!("{}/oauth/v2/token", api.emu.base_url())),
    )
    .await;
    wrong_oauth.assert_error(405, "METHOD_NOT_ALLOWED");
    let not_multipart = Answer::of(
        api.request(Method::POST, "/files")
            .header("content-type", "application/json")
            .body("{}"),
    )
    .await;
    assert_eq!(not_multipart.status / 100, 4);
    assert!(
        not_multipart.json["error"]["code"].is_string(),
        "{not_multipart:?}"
    );
}

#[tokio::test]
async fn debug_output_shows_no_credentials() {
    let api = Api::start().await;
    let printed = format!("{:?} {:?}", api.emu, api.emu.oauth_client());
    let client = api.emu.oauth_client();
    for secret in [
        api.token.as_str(),
        client.client_secret.as_str(),
        client.refresh_token.as_str(),
    ] {
        assert!(!printed.contains(secret), "{printed}");
    }
}

#[tokio::test]
async fn shuts_down_on_request() {
    let api = Api::start().await;
    let url = api.url("/users/me");
    api.emu.shutdown().await;
    assert!(api.http.get(url).send().await.is_err());
}
