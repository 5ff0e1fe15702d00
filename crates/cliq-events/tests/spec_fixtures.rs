//! Every JSON example of the API reference, read into its type and written back.
//!
//! The fixtures in `fixtures/spec/` are copied verbatim from the reference by
//! `fixtures/extract_spec.py`. `callback-*.json` are callbacks, checked by the
//! callback tests. That the request builders produce these bodies is tested
//! beside each builder.

mod common;
use common::without_nulls;

use std::error::Error;
use std::fmt::Debug;
use std::fs;
use std::path::Path;

use cliq_events::ErrorCode;
use cliq_events::envelope::{DataResponse, ErrorResponse, ListResponse};
use cliq_events::message::{Button, Card, Message};
use cliq_events::rest::{
    AddMembers, AddReaction, Bot, BotStatus, Channel, ChannelType, CreateBot, CreateChannel,
    CreateCommand, CreateIncomingWebhook, CreateOutgoingWebhook, EditMessage, Organization,
    PostedMessage, TokenResponse, UpdateBot, UpdateChannel, User, WebhookEvent,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

type TestResult = Result<(), Box<dyn Error>>;

/// One check of a fixture; the error names the file and what differs.
type Check = fn(&str) -> Result<(), String>;

/// The checks run on one fixture.
#[derive(Clone, Copy)]
struct Checks {
    round_trip: Check,
    unknown_fields: Check,
}

/// The checks of a fixture read as `T`.
const fn typed<T>() -> Checks
where
    T: DeserializeOwned + Serialize + PartialEq + Debug,
{
    Checks {
        round_trip: round_trip::<T>,
        unknown_fields: ignores_unknown_fields::<T>,
    }
}

/// A send body: a [`Message`] that must also keep every documented limit.
const MESSAGE: Checks = Checks {
    round_trip: message,
    unknown_fields: ignores_unknown_fields::<Message>,
};

/// Each fixture of the reference and the type it is read as.
const FIXTURES: &[(&str, Checks)] = &[
    ("response-success.json", typed::<DataResponse<Channel>>()),
    ("response-list.json", typed::<ListResponse<Channel>>()),
    ("response-error.json", typed::<ErrorResponse>()),
    ("oauth-token-response.json", typed::<TokenResponse>()),
    ("channel-object.json", typed::<Channel>()),
    ("request-create-channel.json", typed::<CreateChannel>()),
    ("request-update-channel.json", typed::<UpdateChannel>()),
    ("request-add-members.json", typed::<AddMembers>()),
    ("message-object.json", typed::<PostedMessage>()),
    ("request-send-message.json", MESSAGE),
    ("request-send-rich-message.json", MESSAGE),
    ("request-send-direct-message.json", MESSAGE),
    ("request-edit-message.json", typed::<EditMessage>()),
    ("request-add-reaction.json", typed::<AddReaction>()),
    ("bot-object.json", typed::<Bot>()),
    ("request-create-bot.json", typed::<CreateBot>()),
    ("request-send-bot-message.json", MESSAGE),
    ("request-send-interactive-bot-message.json", MESSAGE),
    ("request-update-bot.json", typed::<UpdateBot>()),
    (
        "request-create-incoming-webhook.json",
        typed::<CreateIncomingWebhook>(),
    ),
    ("request-send-incoming-webhook-message.json", MESSAGE),
    (
        "request-create-outgoing-webhook.json",
        typed::<CreateOutgoingWebhook>(),
    ),
    ("response-current-user.json", typed::<DataResponse<User>>()),
    (
        "response-organization.json",
        typed::<DataResponse<Organization>>(),
    ),
    ("request-send-message-with-file.json", MESSAGE),
    ("request-create-command.json", typed::<CreateCommand>()),
];

const FIXTURE_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/spec");

/// Reads fixture `file` as `T`.
fn parse<T: DeserializeOwned>(file: &str) -> Result<T, String> {
    let text = fs::read_to_string(Path::new(FIXTURE_DIR).join(file))
        .map_err(|e| format!("{file}: {e}"))?;
    serde_json::from_str(&text).map_err(|e| format!("{file}: {e}"))
}

/// Reads `file` as `T` and writes it back; the JSON must be unchanged.
fn round_trip<T>(file: &str) -> Result<(), String>
where
    T: DeserializeOwned + Serialize,
{
    let original: Value = parse(file)?;
    let typed: T = parse(file)?;
    let back = serde_json::to_value(&typed).map_err(|e| format!("{file}: {e}"))?;
    let (original, back) = (without_nulls(original), without_nulls(back));
    if original == back {
        Ok(())
    } else {
        Err(format!(
            "{file}: wrote back\n{back:#}\ninstead of\n{original:#}"
        ))
    }
}

/// A send body: round-trips as [`Message`] and keeps every documented limit.
fn message(file: &str) -> Result<(), String> {
    round_trip::<Message>(file)?;
    let parsed: Message = parse(file)?;
    parsed.validate().map_err(|e| format!("{file}: {e}"))
}

/// Adds a field to every object in `value`, as a newer server might.
fn with_unknown_fields(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut map: serde_json::Map<String, Value> = map
                .into_iter()
                .map(|(k, v)| (k, with_unknown_fields(v)))
                .collect();
            map.insert("x_added_later".to_owned(), json!({"nested": [1, null]}));
            Value::Object(map)
        }
        Value::Array(items) => Value::Array(items.into_iter().map(with_unknown_fields).collect()),
        other => other,
    }
}

/// Reads `file` with an unknown field in every object; the result must be the same.
fn ignores_unknown_fields<T>(file: &str) -> Result<(), String>
where
    T: DeserializeOwned + PartialEq + Debug,
{
    let original: Value = parse(file)?;
    let plain: T = parse(file)?;
    let extended: T = serde_json::from_value(with_unknown_fields(original))
        .map_err(|e| format!("{file} with unknown fields: {e}"))?;
    if plain == extended {
        Ok(())
    } else {
        Err(format!(
            "{file}: unknown fields changed {plain:?} into {extended:?}"
        ))
    }
}

/// Runs one check on every fixture and reports every failure at once.
fn run(check: fn(&Checks) -> Check) {
    let failures: Vec<String> = FIXTURES
        .iter()
        .filter_map(|(file, checks)| check(checks)(file).err())
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_reference_example_round_trips() {
    run(|checks| checks.round_trip);
}

#[test]
fn unknown_fields_are_ignored() {
    run(|checks| checks.unknown_fields);
}

#[test]
fn every_fixture_is_in_the_table() -> TestResult {
    let mut missing = Vec::new();
    for entry in fs::read_dir(FIXTURE_DIR)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        let listed = FIXTURES.iter().any(|(file, _)| *file == name);
        if name.ends_with(".json") && !name.starts_with("callback-") && !listed {
            missing.push(name);
        }
    }
    assert!(missing.is_empty(), "fixtures with no type: {missing:?}");
    Ok(())
}

#[test]
fn reference_values_parse_to_known_variants() -> TestResult {
    let channel: Channel = parse("channel-object.json")?;
    assert_eq!(channel.channel_type, Some(ChannelType::Channel));
    let bot: Bot = parse("bot-object.json")?;
    assert_eq!(bot.status, Some(BotStatus::Active));
    let error: ErrorResponse = parse("response-error.json")?;
    assert_eq!(error.error.code, ErrorCode::InvalidChannel);
    let webhook: CreateOutgoingWebhook = parse("request-create-outgoing-webhook.json")?;
    let expected = [WebhookEvent::MessageCreated, WebhookEvent::Mention];
    assert_eq!(webhook.events, expected);
    let interactive: Message = parse("request-send-interactive-bot-message.json")?;
    let buttons = interactive.card().map(Card::buttons).unwrap_or_default();
    assert!(
        !buttons.iter().any(|b| matches!(b, Button::Other(_))),
        "{buttons:?}"
    );
    Ok(())
}

#[test]
fn unknown_enum_values_are_kept_and_written_back() -> TestResult {
    let channel = json!({"id": "CT_1", "name": "Ops", "type": "direct_message"});
    let parsed: Channel = serde_json::from_value(channel.clone())?;
    let kept = ChannelType::Other("direct_message".into());
    assert_eq!(parsed.channel_type, Some(kept));
    assert_eq!(serde_json::to_value(&parsed)?, channel);

    let bot = json!({"id": "BOT_1", "name": "Deploy", "status": "suspended"});
    let parsed: Bot = serde_json::from_value(bot.clone())?;
    assert_eq!(parsed.status, Some(BotStatus::Other("suspended".into())));
    assert_eq!(serde_json::to_value(&parsed)?, bot);

    let error = json!({
        "error": {"code": "NEW_CODE", "message": "later"},
        "status": {"code": 429, "message": "error"}
    });
    let parsed: ErrorResponse = serde_json::from_value(error.clone())?;
    assert_eq!(parsed.error.code, ErrorCode::Other("NEW_CODE".into()));
    assert_eq!(serde_json::to_value(&parsed)?, error);
    Ok(())
}

#[test]
fn token_response_debug_hides_the_tokens() -> TestResult {
    let tokens: TokenResponse = parse("oauth-token-response.json")?;
    assert_eq!(tokens.access_token.expose(), "1000.xxx.yyy");
    let printed = format!("{tokens:?}");
    assert!(!printed.contains("1000.xxx.yyy"), "{printed}");
    assert!(!printed.contains("1000.zzz.aaa"), "{printed}");
    assert!(printed.contains("***"), "{printed}");
    Ok(())
}
