//! Callbacks through the public API: the contract's example payloads round-trip,
//! and kind detection and field rules follow PROTOCOL.md §2–3 to the letter.
//!
//! `fixtures/protocol/` holds verbatim copies of the contract's `protocol/*.json`.

mod common;
use common::without_nulls;

use std::error::Error;
use std::fs;
use std::path::Path;

use cliq_events::MessageId;
use cliq_events::callback::{Callback, CallbackKind, Event, ParseError};
use cliq_events::message::Message;
use serde_json::{Value, json};

type TestResult = Result<(), Box<dyn Error>>;

const FIXTURE_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

/// What a fixture must parse into, beyond its kind.
type Shape = fn(&Callback) -> bool;

/// Every callback fixture, its kind and its shape.
const CALLBACK_FIXTURES: &[(&str, CallbackKind, Shape)] = &[
    (
        "protocol/command-deploy.json",
        CallbackKind::Command,
        |c| matches!(c, Callback::Command(c) if c.name() == "deploy" && c.arguments() == "production"),
    ),
    (
        "protocol/event-bot-mention.json",
        CallbackKind::Event,
        |c| {
            matches!(c, Callback::Event(e) if matches!(&e.event,
            Event::BotMention(m) if m.mentions.as_ref().is_some_and(|m| m.len() == 1)))
        },
    ),
    (
        "protocol/event-channel-created.json",
        CallbackKind::Event,
        |c| {
            matches!(c, Callback::Event(e) if matches!(&e.event,
            Event::ChannelCreated(d) if d.channel.member_count == Some(25) && d.creator.is_some()))
        },
    ),
    (
        "protocol/event-channel-member-added.json",
        CallbackKind::Event,
        |c| {
            matches!(c, Callback::Event(e) if matches!(&e.event,
            Event::MemberAdded(d) if d.member.email.as_deref() == Some("jane.roe@company.com")))
        },
    ),
    (
        "protocol/event-message-created.json",
        CallbackKind::Event,
        |c| {
            matches!(c, Callback::Event(e) if matches!(&e.event,
            Event::MessageCreated(m) if m.text == "Hello team!" && m.mentions.is_none()))
        },
    ),
    ("protocol/event-unknown.json", CallbackKind::Event, |c| {
        matches!(c, Callback::Event(e) if matches!(&e.event,
        Event::Unknown { name, data } if name == "reaction.added"
            && Value::Object(data.clone()) == json!({
                "message_id": "MSG_1234567890",
                "emoji": "👍",
                "user": {"id": "1122334455", "name": "Jane Roe"}
            })))
    }),
    (
        "protocol/function-approve.json",
        CallbackKind::Function,
        |c| {
            matches!(c, Callback::Function(f) if f.name == "approve_pr" && f.button.id == "1"
            && f.data == Some(json!({})))
        },
    ),
    (
        "spec/callback-command.json",
        CallbackKind::Command,
        |c| matches!(c, Callback::Command(c) if c.command == "/deploy"),
    ),
    (
        "spec/callback-webhook-payload.json",
        CallbackKind::Event,
        |c| matches!(c, Callback::Event(e) if matches!(&e.event, Event::MessageCreated(_))),
    ),
];

/// The one protocol fixture that is a reply, not a callback.
const REPLY_FIXTURE: &str = "protocol/reply-card.json";

fn read(file: &str) -> Result<Vec<u8>, String> {
    fs::read(Path::new(FIXTURE_DIR).join(file)).map_err(|e| format!("{file}: {e}"))
}

/// Parses fixture `file` as a callback and checks kind, shape and round trip.
fn check_fixture(file: &str, kind: CallbackKind, shape: Shape) -> Result<(), String> {
    let body = read(file)?;
    let callback = Callback::from_slice(&body).map_err(|e| format!("{file}: {e}"))?;
    if callback.kind() != kind || !shape(&callback) {
        return Err(format!("{file}: parsed as {callback:#?}"));
    }
    let original: Value = serde_json::from_slice(&body).map_err(|e| format!("{file}: {e}"))?;
    let back = serde_json::to_value(&callback).map_err(|e| format!("{file}: {e}"))?;
    let (original, back) = (without_nulls(original), without_nulls(back));
    if original != back {
        return Err(format!(
            "{file}: wrote back\n{back:#}\ninstead of\n{original:#}"
        ));
    }
    let again = Callback::from_value(back).map_err(|e| format!("{file} written back: {e}"))?;
    if again != callback {
        return Err(format!("{file}: re-read as {again:#?}"));
    }
    Ok(())
}

#[test]
fn every_callback_fixture_parses_to_its_kind_and_round_trips() {
    let failures: Vec<String> = CALLBACK_FIXTURES
        .iter()
        .filter_map(|&(file, kind, shape)| check_fixture(file, kind, shape).err())
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_protocol_fixture_is_in_the_table() -> TestResult {
    let mut missing = Vec::new();
    for entry in fs::read_dir(Path::new(FIXTURE_DIR).join("protocol"))? {
        let file = format!("protocol/{}", entry?.file_name().to_string_lossy());
        let listed = file == REPLY_FIXTURE || CALLBACK_FIXTURES.iter().any(|(f, ..)| *f == file);
        if file.ends_with(".json") && !listed {
            missing.push(file);
        }
    }
    assert!(missing.is_empty(), "fixtures not checked: {missing:?}");
    Ok(())
}

#[test]
fn reply_card_is_a_valid_message_and_no_callback() -> TestResult {
    let body = read(REPLY_FIXTURE)?;
    let message: Message = serde_json::from_slice(&body)?;
    let original: Value = serde_json::from_slice(&body)?;
    assert_eq!(serde_json::to_value(&message)?, original);
    assert_eq!(message.validate(), Ok(()));
    assert_eq!(message.card().map(|c| c.buttons().len()), Some(2));
    let refused = Callback::from_slice(&body);
    assert!(
        matches!(refused, Err(ParseError::UnknownKind)),
        "{refused:?}"
    );
    Ok(())
}

#[test]
fn unknown_fields_change_nothing() -> TestResult {
    for &(file, ..) in CALLBACK_FIXTURES {
        let mut body: Value = serde_json::from_slice(&read(file)?)?;
        let plain = Callback::from_value(body.clone())?;
        if let Value::Object(map) = &mut body {
            map.insert("added_later".into(), json!({"event": "x", "command": "/y"}));
        }
        let extended = Callback::from_value(body)?;
        assert_eq!(plain, extended, "{file}");
    }
    Ok(())
}

// ---- kind detection and field rules ------------------------------------------------

/// What parsing one body must give.
#[derive(Clone, Copy, Debug)]
enum Outcome {
    Kind(CallbackKind),
    NotJson,
    NotObject,
    UnknownKind,
    Missing(&'static str),
    Invalid(&'static str),
}

impl Outcome {
    fn matches(self, result: &Result<Callback, ParseError>) -> bool {
        match (self, result) {
            (Self::Kind(kind), Ok(callback)) => callback.kind() == kind,
            (Self::NotJson, Err(ParseError::NotJson(_)))
            | (Self::NotObject, Err(ParseError::NotObject))
            | (Self::UnknownKind, Err(ParseError::UnknownKind)) => true,
            (Self::Missing(path), Err(ParseError::MissingField { field })) => field == path,
            (Self::Invalid(path), Err(ParseError::InvalidField { field, .. })) => field == path,
            _ => false,
        }
    }
}

/// A case: its name, the body and what parsing it must give.
type Case = (String, Vec<u8>, Outcome);

/// A function returning a valid body of some kind, for edits to start from.
type Base = fn() -> Value;

/// A case written as a base body and edits to it (see [`edit`]).
type EditCase = (&'static str, Base, &'static str, Outcome);

/// Parses every body and reports every case whose result differs from its outcome.
fn check(cases: &[Case]) {
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(name, body, expected)| {
            let result = Callback::from_slice(body);
            (!expected.matches(&result)).then(|| {
                let text = String::from_utf8_lossy(body);
                format!("{name}: expected {expected:?}, got {result:?}\n  body: {text:.300}")
            })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Builds and checks cases written as edits.
fn check_edits(table: &[EditCase]) {
    let cases: Vec<Case> = table
        .iter()
        .map(|&(name, base, edits, outcome)| {
            (name.to_owned(), bytes(&edit(base(), edits)), outcome)
        })
        .collect();
    check(&cases);
}

fn bytes(value: &Value) -> Vec<u8> {
    value.to_string().into_bytes()
}

/// `body` after `edits`, joined by ` & `: `-/a/b` removes field `b` of the object at
/// JSON pointer `/a`, and `/a/b=JSON` sets it. An empty string changes nothing.
fn edit(mut body: Value, edits: &str) -> Value {
    for edit in edits.split(" & ").filter(|e| !e.is_empty()) {
        body = if let Some(pointer) = edit.strip_prefix('-') {
            without(body, pointer)
        } else {
            let (pointer, json) = edit.split_once('=').unwrap_or((edit, ""));
            match serde_json::from_str(json) {
                Ok(field) => with(body, pointer, field),
                Err(error) => panic!("edit {edit:?}: {error}"),
            }
        };
    }
    body
}

/// `value` with the field at JSON pointer `pointer` set to `field`.
fn with(mut value: Value, pointer: &str, field: Value) -> Value {
    let (parent, key) = pointer.rsplit_once('/').unwrap_or(("", pointer));
    let Some(Value::Object(map)) = value.pointer_mut(parent) else {
        panic!("no object at {parent:?}");
    };
    map.insert(key.to_owned(), field);
    value
}

/// `value` without the field at JSON pointer `pointer`.
fn without(mut value: Value, pointer: &str) -> Value {
    let (parent, key) = pointer.rsplit_once('/').unwrap_or(("", pointer));
    let removed = value
        .pointer_mut(parent)
        .and_then(Value::as_object_mut)
        .and_then(|map| map.remove(key));
    assert!(removed.is_some(), "no field at {pointer:?}");
    value
}

fn object() -> Value {
    json!({})
}

fn command() -> Value {
    json!({
        "command": "/deploy",
        "arguments": "production",
        "user": {"id": "U1", "name": "John"},
        "channel": {"id": "CT_1", "name": "Dev"}
    })
}

fn function() -> Value {
    json!({
        "type": "invoke.function",
        "name": "approve",
        "button": {"id": "1", "label": "Approve"},
        "user": {"id": "U1", "name": "John"},
        "channel": {"id": "CT_1", "name": "Dev"},
        "message": {"id": "M1"},
        "timestamp": "2025-12-12T15:31:00Z",
        "data": {"k": [1, 2.5, null]}
    })
}

fn message_event(name: &str) -> Value {
    json!({
        "event": name,
        "timestamp": "2025-12-12T15:30:00Z",
        "data": {
            "message_id": "M1",
            "text": "hi",
            "sender": {"id": "U1", "name": "John", "email": "j@example.com"},
            "channel": {"id": "CT_1", "name": "Dev"},
            "mentions": [{"id": "U2", "name": "Jane"}, {"id": "BOT_1"}]
        }
    })
}

fn message_created() -> Value {
    message_event("message.created")
}

fn mention() -> Value {
    message_event("mention")
}

fn bot_mention() -> Value {
    message_event("bot.mention")
}

fn channel_created() -> Value {
    json!({
        "event": "channel.created",
        "data": {
            "channel": {"id": "CT_1", "name": "Dev", "member_count": 3},
            "creator": {"id": "U1", "name": "John"}
        }
    })
}

fn member_event(name: &str) -> Value {
    json!({
        "event": name,
        "data": {
            "channel": {"id": "CT_1", "name": "Dev"},
            "member": {"id": "U2", "name": "Jane", "email": "jane@example.com"}
        }
    })
}

fn member_added() -> Value {
    member_event("channel.member.added")
}

fn member_removed() -> Value {
    member_event("channel.member.removed")
}

fn unknown_event() -> Value {
    json!({"event": "reaction.added", "data": {"emoji": "+1"}})
}

#[test]
fn bodies_that_are_not_json_objects_are_refused() {
    use Outcome::{NotJson, NotObject, UnknownKind};
    #[rustfmt::skip]
    const CASES: &[(&str, &[u8], Outcome)] = &[
        ("empty body", b"", NotJson),
        ("whitespace only", b" \n", NotJson),
        ("unclosed object", br#"{"event": "x""#, NotJson),
        ("trailing garbage", br#"{"event": "x", "data": {}} x"#, NotJson),
        ("two objects", b"{} {}", NotJson),
        ("bare word", b"hello", NotJson),
        ("single quotes", b"{'event': 'x', 'data': {}}", NotJson),
        ("trailing comma", br#"{"event": "x", "data": {},}"#, NotJson),
        ("invalid UTF-8", b"{\"event\": \"\xff\", \"data\": {}}", NotJson),
        ("overlong UTF-8", b"{\"event\": \"\xc0\xaf\", \"data\": {}}", NotJson),
        ("UTF-8 encoded surrogate", b"{\"event\": \"\xed\xa0\x80\", \"data\": {}}", NotJson),
        ("lone leading surrogate", br#"{"event": "\ud800", "data": {}}"#, NotJson),
        ("lone trailing surrogate", br#"{"event": "x", "data": {"k": "\udc00"}}"#, NotJson),
        ("surrogate then letter", br#"{"event": "x", "data": {"k": "\ud800\u0041"}}"#, NotJson),
        ("lone surrogate in a key", br#"{"event": "x", "data": {"\ud800": 1}}"#, NotJson),
        ("UTF-8 BOM", b"\xef\xbb\xbf{}", NotJson),
        ("NaN", br#"{"event": "x", "data": {"n": NaN}}"#, NotJson),
        ("number out of range", br#"{"event": "x", "data": {"n": 1e400}}"#, NotJson),
        ("array", b"[]", NotObject),
        ("array of a callback", br#"[{"event": "x", "data": {}}]"#, NotObject),
        ("string", br#""event""#, NotObject),
        ("number", b"5", NotObject),
        ("null", b"null", NotObject),
        ("boolean", b"true", NotObject),
        ("empty object", b"{}", UnknownKind),
        ("empty object with whitespace", b" \t{ }\r\n", UnknownKind),
    ];
    let cases: Vec<Case> = CASES
        .iter()
        .map(|&(name, body, outcome)| (name.to_owned(), body.to_vec(), outcome))
        .collect();
    check(&cases);
}

#[test]
fn surrogate_pairs_are_accepted() -> TestResult {
    let body = br#"{"event": "x", "data": {"k": "\ud83d\udc4d"}}"#;
    let Callback::Event(event) = Callback::from_slice(body)? else {
        panic!("not an event");
    };
    let Event::Unknown { data, .. } = &event.event else {
        panic!("not unknown: {event:?}");
    };
    assert_eq!(data.get("k"), Some(&json!("👍")));
    Ok(())
}

#[test]
fn kind_is_read_in_the_contract_order() {
    use CallbackKind::{Command, Event, Function};
    use Outcome::{Kind, UnknownKind};
    #[rustfmt::skip]
    const CASES: &[EditCase] = &[
        ("a string event", unknown_event, "", Kind(Event)),
        ("an empty event name", object, r#"/event="" & /data={}"#, Kind(Event)),
        ("a string command", command, "", Kind(Command)),
        ("type invoke.function", function, "", Kind(Function)),
        ("event wins over command", unknown_event, r#"/command="/deploy""#, Kind(Event)),
        ("event wins over type", unknown_event, r#"/type="invoke.function""#, Kind(Event)),
        ("command wins over type", command, r#"/type="invoke.function""#, Kind(Command)),
        ("a number event is none", command, "/event=5", Kind(Command)),
        ("a null event is none", command, "/event=null", Kind(Command)),
        ("a boolean event is none", command, "/event=true", Kind(Command)),
        ("an object event is none", command, r#"/event={"name": "x"}"#, Kind(Command)),
        ("an array event is none", function, r#"/event=["x"]"#, Kind(Function)),
        ("a number command is none", function, "/command=5", Kind(Function)),
        ("a null command is none", function, "/command=null", Kind(Function)),
        ("type matched exactly", function, r#"/type="Invoke.Function""#, UnknownKind),
        ("type with a space", function, r#"/type="invoke.function ""#, UnknownKind),
        ("another type", function, r#"/type="open.url""#, UnknownKind),
        ("a number type", function, "/type=5", UnknownKind),
        ("no type", function, "-/type", UnknownKind),
        ("unknown fields only", object, r#"/name="x" & /data={} & /user={}"#, UnknownKind),
        ("a reply", object, r#"/text="hi" & /card={"title": "t"}"#, UnknownKind),
    ];
    check_edits(CASES);
}

#[test]
fn command_and_function_fields_follow_the_contract() {
    use CallbackKind::{Command, Function};
    use Outcome::{Invalid, Kind, Missing};
    #[rustfmt::skip]
    const CASES: &[EditCase] = &[
        ("empty command", command, r#"/command="""#, Invalid("command")),
        ("command without a slash", command, r#"/command="deploy""#, Kind(Command)),
        ("missing arguments", command, "-/arguments", Kind(Command)),
        ("null arguments", command, "/arguments=null", Kind(Command)),
        ("empty arguments", command, r#"/arguments="""#, Kind(Command)),
        ("number arguments", command, "/arguments=5", Invalid("arguments")),
        ("array arguments", command, r#"/arguments=["a"]"#, Invalid("arguments")),
        ("missing user.name", command, "-/user/name", Missing("user.name")),
        ("null user.name", command, "/user/name=null", Missing("user.name")),
        ("number user.id", command, "/user/id=9876543210", Invalid("user.id")),
        ("missing user", command, "-/user", Missing("user")),
        ("string user", command, r#"/user="U1""#, Invalid("user")),
        ("null user.email", command, "/user/email=null", Kind(Command)),
        ("number user.email", command, "/user/email=1", Invalid("user.email")),
        ("missing channel.id", command, "-/channel/id", Missing("channel.id")),
        ("missing channel.name", command, "-/channel/name", Missing("channel.name")),
        ("missing channel", command, "-/channel", Missing("channel")),
        ("null channel on a command", command, "/channel=null", Missing("channel")),
        ("empty function name", function, r#"/name="""#, Invalid("name")),
        ("missing function name", function, "-/name", Missing("name")),
        ("number function name", function, "/name=1", Invalid("name")),
        ("missing button", function, "-/button", Missing("button")),
        ("missing button.id", function, "-/button/id", Missing("button.id")),
        ("number button.id", function, "/button/id=1", Invalid("button.id")),
        ("missing button.label", function, "-/button/label", Kind(Function)),
        ("missing user.id", function, "-/user/id", Missing("user.id")),
        ("missing function user.name", function, "-/user/name", Missing("user.name")),
        ("null channel on a function", function, "/channel=null", Kind(Function)),
        ("string channel on a function", function, r#"/channel="CT_1""#, Invalid("channel")),
        ("function channel, no name", function, "-/channel/name", Missing("channel.name")),
        ("function message, no id", function, "/message={}", Missing("message.id")),
        ("function data is free-form", function, r#"/data=[1, "two"]"#, Kind(Function)),
        (
            "no channel, message, timestamp or data",
            function,
            "-/channel & -/message & -/timestamp & -/data",
            Kind(Function),
        ),
        (
            "null message, timestamp and data",
            function,
            "/message=null & /timestamp=null & /data=null",
            Kind(Function),
        ),
        (
            "timestamp with a space",
            function,
            r#"/timestamp="2025-12-12 15:30:00Z""#,
            Invalid("timestamp"),
        ),
        (
            "unknown fields everywhere",
            function,
            r#"/button/style="primary" & /extra={"nested": [null]}"#,
            Kind(Function),
        ),
    ];
    check_edits(CASES);
}

/// The required string fields of an event, as (JSON pointer, reported path).
type Required = &'static [(&'static str, &'static str)];

const MESSAGE_FIELDS: Required = &[
    ("/data/message_id", "data.message_id"),
    ("/data/text", "data.text"),
    ("/data/sender/id", "data.sender.id"),
    ("/data/sender/name", "data.sender.name"),
    ("/data/channel/id", "data.channel.id"),
    ("/data/channel/name", "data.channel.name"),
];
const CHANNEL_FIELDS: Required = &[
    ("/data/channel/id", "data.channel.id"),
    ("/data/channel/name", "data.channel.name"),
];
const MEMBER_FIELDS: Required = &[
    ("/data/channel/id", "data.channel.id"),
    ("/data/channel/name", "data.channel.name"),
    ("/data/member/id", "data.member.id"),
    ("/data/member/name", "data.member.name"),
];

#[test]
fn each_event_needs_its_required_fields() {
    let events: [(Base, Required); 6] = [
        (message_created, MESSAGE_FIELDS),
        (mention, MESSAGE_FIELDS),
        (bot_mention, MESSAGE_FIELDS),
        (channel_created, CHANNEL_FIELDS),
        (member_added, MEMBER_FIELDS),
        (member_removed, MEMBER_FIELDS),
    ];
    let mut cases = Vec::new();
    for (base, fields) in events {
        let body = base();
        let event = body["event"].to_string();
        cases.push((
            event.clone(),
            bytes(&body),
            Outcome::Kind(CallbackKind::Event),
        ));
        // Absent and null are missing; a number is the wrong type.
        for &(pointer, path) in fields {
            let edits = [
                (without(body.clone(), pointer), Outcome::Missing(path)),
                (
                    with(body.clone(), pointer, Value::Null),
                    Outcome::Missing(path),
                ),
                (
                    with(body.clone(), pointer, json!(1)),
                    Outcome::Invalid(path),
                ),
            ];
            for (edited, outcome) in edits {
                cases.push((format!("{event} {path}"), bytes(&edited), outcome));
            }
        }
    }
    check(&cases);
}

/// A `channel.created` channel with every field of the REST Channel object.
const FULL_CHANNEL: &str = r#"/data/channel={
    "id": "CT_1", "name": "Dev", "description": null, "type": "channel",
    "is_private": false, "created_time": "2025-01-15T10:00:00Z",
    "creator_id": "U1", "member_count": 25, "organization_id": "123456"
}"#;

#[test]
fn event_envelope_and_optional_fields_follow_the_contract() {
    use CallbackKind::Event;
    use Outcome::{Invalid, Kind, Missing};
    #[rustfmt::skip]
    const CASES: &[EditCase] = &[
        ("event without data", object, r#"/event="reaction.added""#, Missing("data")),
        ("event with null data", unknown_event, "/data=null", Missing("data")),
        ("unknown event, array data", unknown_event, "/data=[]", Invalid("data")),
        ("unknown event, string data", unknown_event, r#"/data="x""#, Invalid("data")),
        ("unknown event, number data", unknown_event, "/data=5", Invalid("data")),
        ("known event, array data", message_created, "/data=[]", Invalid("data")),
        ("unknown event, empty data", unknown_event, "/data={}", Kind(Event)),
        ("no timestamp", message_created, "-/timestamp", Kind(Event)),
        ("null timestamp", message_created, "/timestamp=null", Kind(Event)),
        ("number timestamp", message_created, "/timestamp=1702396800", Invalid("timestamp")),
        ("no mentions", message_created, "-/data/mentions", Kind(Event)),
        ("null mentions", message_created, "/data/mentions=null", Kind(Event)),
        ("empty mentions", message_created, "/data/mentions=[]", Kind(Event)),
        ("no sender email", message_created, "-/data/sender/email", Kind(Event)),
        ("null sender email", message_created, "/data/sender/email=null", Kind(Event)),
        ("missing sender", message_created, "-/data/sender", Missing("data.sender")),
        ("array sender", message_created, "/data/sender=[]", Invalid("data.sender")),
        ("number text", message_created, "/data/text=5", Invalid("data.text")),
        ("empty text", message_created, r#"/data/text="""#, Kind(Event)),
        ("no creator", channel_created, "-/data/creator", Kind(Event)),
        ("null creator", channel_created, "/data/creator=null", Kind(Event)),
        ("full channel object", channel_created, FULL_CHANNEL, Kind(Event)),
        ("no channel", channel_created, "-/data/channel", Missing("data.channel")),
        ("no member email", member_added, "-/data/member/email", Kind(Event)),
        (
            "number member email",
            member_removed,
            "/data/member/email=5",
            Invalid("data.member.email"),
        ),
        (
            "mistyped channel field",
            channel_created,
            r#"/data/channel/is_private="no""#,
            Invalid("data.channel"),
        ),
        (
            "object mentions",
            message_created,
            r#"/data/mentions={"id": "U2"}"#,
            Invalid("data.mentions"),
        ),
        (
            "mentions of strings",
            message_created,
            r#"/data/mentions=["U2"]"#,
            Invalid("data.mentions"),
        ),
        (
            "a mention without an id",
            message_created,
            r#"/data/mentions=[{"name": "Jane"}]"#,
            Missing("data.mentions.id"),
        ),
        (
            "unknown fields everywhere",
            message_created,
            r#"/data/sender/avatar="x" & /data/thread={"id": 1} & /v=2"#,
            Kind(Event),
        ),
    ];
    check_edits(CASES);
}

#[test]
fn timestamps_are_rfc3339_without_a_space() {
    use Outcome::{Invalid, Kind};
    let cases = [
        ("2025-12-12T15:30:00Z", Kind(CallbackKind::Event)),
        ("2025-12-12t15:30:00z", Kind(CallbackKind::Event)),
        ("2025-12-12T15:30:00.123+05:30", Kind(CallbackKind::Event)),
        ("2025-12-12 15:30:00Z", Invalid("timestamp")),
        ("2025-12-12", Invalid("timestamp")),
        ("2025-12-12T15:30:00", Invalid("timestamp")),
        ("1702396800", Invalid("timestamp")),
        ("yesterday", Invalid("timestamp")),
        ("", Invalid("timestamp")),
    ];
    let mut table = Vec::new();
    for (text, outcome) in cases {
        // Checked on unknown events too: the envelope is the same for all.
        for base in [message_created(), unknown_event()] {
            let body = with(base, "/timestamp", json!(text));
            table.push((text.to_owned(), bytes(&body), outcome));
        }
    }
    check(&table);
}

#[test]
fn null_optional_fields_read_as_absent() -> TestResult {
    let pairs: [(Base, &str); 4] = [
        (command, "/arguments"),
        (function, "/channel /message /timestamp /data /button/label"),
        (mention, "/timestamp /data/mentions /data/sender/email"),
        (channel_created, "/data/creator"),
    ];
    for (base, pointers) in pairs {
        let absent = pointers.split(' ').fold(base(), without);
        let null = pointers
            .split(' ')
            .fold(base(), |body, p| with(body, p, Value::Null));
        let (absent, null) = (Callback::from_value(absent)?, Callback::from_value(null)?);
        assert_eq!(absent, null, "{pointers}");
    }
    Ok(())
}

#[test]
fn unknown_event_keeps_its_name_and_raw_data() -> TestResult {
    let data = json!({"emoji": "+1", "n": [1, -2, 3.5], "none": null, "deep": {"a": {"b": []}}});
    let body = json!({"event": "reaction.added", "data": data});
    let Callback::Event(event) = Callback::from_value(body.clone())? else {
        panic!("not an event");
    };
    let Event::Unknown { name, data: kept } = &event.event else {
        panic!("not unknown: {event:?}");
    };
    assert_eq!(name, "reaction.added");
    assert_eq!(Value::Object(kept.clone()), data);
    assert_eq!(event.name(), "reaction.added");
    assert_eq!(serde_json::to_value(&event)?, body);
    Ok(())
}

/// A body `depth` levels deep: the body object, its `data` object, then arrays.
fn nested_body(depth: usize) -> Vec<u8> {
    let arrays = depth - 2;
    format!(
        r#"{{"event":"deep","data":{{"x":{}{}}}}}"#,
        "[".repeat(arrays),
        "]".repeat(arrays)
    )
    .into_bytes()
}

fn is_too_deep(result: &Result<Callback, ParseError>) -> bool {
    matches!(result, Err(ParseError::TooDeep { max: 128 }))
}

#[test]
fn nesting_up_to_128_levels_is_accepted_and_past_128_refused() {
    for depth in [3, 64, 127, 128] {
        let result = Callback::from_slice(&nested_body(depth));
        assert!(
            matches!(&result, Ok(c) if c.name() == "deep"),
            "{depth} levels: {result:?}"
        );
    }
    for depth in [129, 130, 200, 10_000] {
        let result = Callback::from_slice(&nested_body(depth));
        assert!(is_too_deep(&result), "{depth} levels: {result:?}");
    }
}

#[test]
fn brackets_inside_strings_do_not_count_as_nesting() {
    let text = format!(
        r#"{{"event":"deep","data":{{"x":"{}\\\"{}"}}}}"#,
        "[".repeat(300),
        "{".repeat(300)
    );
    let result = Callback::from_slice(text.as_bytes());
    assert!(matches!(&result, Ok(c) if c.name() == "deep"), "{result:?}");
}

#[test]
fn message_id_is_the_string_data_message_id_of_any_event() -> TestResult {
    let cases: [(Base, &str, Option<&str>); 10] = [
        (message_created, "", Some("M1")),
        (unknown_event, r#"/data/message_id="M7""#, Some("M7")),
        (unknown_event, "/data/message_id=7", None),
        (unknown_event, r#"/data/message_id={"id": "M7"}"#, None),
        (unknown_event, "/data/message_id=null", None),
        (unknown_event, "", None),
        (member_added, r#"/data/message_id="M8""#, Some("M8")),
        (member_removed, "/data/message_id=8", None),
        (member_removed, "", None),
        (channel_created, r#"/data/message_id="M9""#, Some("M9")),
    ];
    for (base, edits, expected) in cases {
        let body = edit(base(), edits);
        let Callback::Event(event) = Callback::from_value(body.clone())? else {
            panic!("not an event: {body}");
        };
        assert_eq!(
            event.message_id().map(MessageId::as_str),
            expected,
            "{body}"
        );
    }
    Ok(())
}

#[test]
fn written_back_callbacks_read_back_equal() -> TestResult {
    let cases: [(Base, &str); 14] = [
        (command, ""),
        (command, "-/arguments"),
        (function, ""),
        (function, "-/channel & -/message & -/timestamp & -/data"),
        (message_created, ""),
        (mention, ""),
        (bot_mention, "/data/mentions=[]"),
        (
            message_created,
            r#"/timestamp="2025-12-12t15:30:00.5-03:00""#,
        ),
        (channel_created, ""),
        (member_added, ""),
        (member_removed, r#"/data/message_id="M8""#),
        (channel_created, r#"/data/message_id="M9""#),
        (unknown_event, r#"/data/message_id={"not": "a string"}"#),
        (object, r#"/event="" & /data={"x": [null, {"y": null}]}"#),
    ];
    for (base, edits) in cases {
        let callback = Callback::from_value(edit(base(), edits))?;
        let again = Callback::from_slice(&serde_json::to_vec(&callback)?)?;
        assert_eq!(again, callback, "{edits}");
    }
    Ok(())
}

#[test]
fn typed_deserialize_follows_the_same_rules() -> TestResult {
    let body = bytes(&command());
    let via_serde: Callback = serde_json::from_slice(&body)?;
    assert_eq!(via_serde, Callback::from_slice(&body)?);
    let empty = bytes(&edit(command(), r#"/command="""#));
    let refused = serde_json::from_slice::<Callback>(&empty);
    assert!(refused.is_err(), "{refused:?}");
    Ok(())
}

#[test]
fn parse_errors_are_lowercase_without_a_period_and_name_the_field() {
    let bodies = [
        Value::Array(Vec::new()),
        object(),
        edit(command(), "-/user/name"),
        edit(command(), "/arguments=5"),
    ];
    let mut errors: Vec<ParseError> = bodies
        .into_iter()
        .filter_map(|body| Callback::from_value(body).err())
        .collect();
    errors.extend(Callback::from_slice(b"{").err());
    assert_eq!(errors.len(), 5, "{errors:?}");
    for error in &errors {
        let text = error.to_string();
        assert!(!text.ends_with('.'), "{text}");
        assert!(text.starts_with(char::is_lowercase), "{text}");
    }
    assert!(
        errors[2].to_string().contains("`user.name`"),
        "{}",
        errors[2]
    );
    assert!(
        errors[3].to_string().contains("`arguments`"),
        "{}",
        errors[3]
    );
}

#[test]
fn floats_in_raw_data_round_trip_exactly() {
    let body = br#"{"event":"x","data":{"f":1.0715660391465826e-75,"g":0.1,"h":-2.5e300}}"#;
    let parsed = Callback::from_slice(body).unwrap_or_else(|e| panic!("{e}"));
    let text = serde_json::to_vec(&parsed).unwrap_or_else(|e| panic!("{e}"));
    let again = Callback::from_slice(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(parsed, again);
}
