//! Every body `cliq` builds parses back, under the contract's rules, as the
//! callback it was meant to be.

use clap::Parser;
use cliq_events::{Callback, Event};
use serde_json::{Value, json};

use crate::args::{Cli, Command, Send};

/// The body `cliq <args…>` would send.
fn body(args: &[&str]) -> Result<Vec<u8>, String> {
    let argv = ["cliq"]
        .iter()
        .chain(args)
        .chain(&["--signing-secret", "s"]);
    let cli = Cli::try_parse_from(argv).map_err(|e| e.to_string())?;
    let built = match &cli.command {
        Command::Send(Send::Command(args)) => super::command(&args.line, &args.who),
        Command::Send(Send::Event(args)) => super::event(args),
        Command::Click(args) => super::click(args),
        other => return Err(format!("not a callback: {other:?}")),
    };
    built.map_err(|e| e.to_string())
}

/// Arguments, and the JSON expected at some pointers of the body they build.
type Case<'a> = (&'a [&'a str], &'a [(&'a str, Value)]);

/// Checks `args` build a valid callback whose JSON has `expected` at each pointer.
fn check(args: &[&str], expected: &[(&str, Value)]) {
    let bytes = body(args).unwrap_or_else(|e| panic!("{args:?}: {e}"));
    assert!(Callback::from_slice(&bytes).is_ok(), "{args:?}");
    let json: Value = serde_json::from_slice(&bytes).unwrap_or_default();
    for (pointer, value) in expected {
        assert_eq!(
            json.pointer(pointer),
            Some(value),
            "{args:?} at {pointer}: {json}"
        );
    }
}

#[test]
fn builds_every_callback_the_contract_names() {
    let cases: &[Case<'_>] = &[
        (
            &["send", "command", "/deploy production 2.0"],
            &[
                ("/command", json!("/deploy")),
                ("/arguments", json!("production 2.0")),
                ("/user", json!({"id": "9876543210", "name": "John Doe"})),
                (
                    "/channel",
                    json!({"id": "CT_1234567890", "name": "Development"}),
                ),
            ],
        ),
        (
            &["send", "command", "deploy", "--user", "Ann"],
            &[("/command", json!("/deploy")), ("/user/name", json!("Ann"))],
        ),
        (
            &[
                "send",
                "event",
                "message.created",
                "--text",
                "hi",
                "--message-id",
                "M1",
            ],
            &[
                ("/event", json!("message.created")),
                ("/data/text", json!("hi")),
                ("/data/message_id", json!("M1")),
                ("/data/sender/name", json!("John Doe")),
                ("/data/channel/id", json!("CT_1234567890")),
            ],
        ),
        (
            &["send", "event", "bot.mention", "--mention", "B1"],
            &[
                ("/event", json!("bot.mention")),
                ("/data/mentions", json!([{"id": "B1"}])),
            ],
        ),
        (
            &["send", "event", "channel.created", "--channel", "ops"],
            &[
                (
                    "/data/channel",
                    json!({"id": "CT_1234567890", "name": "ops"}),
                ),
                ("/data/creator/id", json!("9876543210")),
            ],
        ),
        (
            &[
                "send",
                "event",
                "channel.member.removed",
                "--member-email",
                "j@x.io",
            ],
            &[
                ("/event", json!("channel.member.removed")),
                (
                    "/data/member",
                    json!({"id": "1122334455", "name": "Jane Roe", "email": "j@x.io"}),
                ),
            ],
        ),
        (
            &["send", "event", "poll.closed", "--data", r#"{"poll": 7}"#],
            &[
                ("/event", json!("poll.closed")),
                ("/data", json!({"poll": 7})),
            ],
        ),
        (
            &[
                "click",
                "approve_deploy",
                "--id",
                "42",
                "--label",
                "Approve",
            ],
            &[
                ("/type", json!("invoke.function")),
                ("/name", json!("approve_deploy")),
                ("/button", json!({"id": "42", "label": "Approve"})),
                ("/user/id", json!("9876543210")),
            ],
        ),
    ];
    for (args, expected) in cases {
        check(args, expected);
    }
}

#[test]
fn message_events_get_fresh_ids_and_rfc3339_timestamps() {
    let first = body(&["send", "event", "mention"]).unwrap_or_default();
    let second = body(&["send", "event", "mention"]).unwrap_or_default();
    let (Ok(Callback::Event(a)), Ok(Callback::Event(b))) =
        (Callback::from_slice(&first), Callback::from_slice(&second))
    else {
        panic!("two events");
    };
    assert_ne!(a.message_id(), b.message_id());
    assert!(a.timestamp.is_some());
    assert!(matches!(a.event, Event::Mention(_)));
}

#[test]
fn refuses_unusable_input() {
    for args in [
        &["send", "command", "  "][..],
        &["send", "event", "mention", "--data", "{}"],
        &["send", "event", "custom", "--data", "[1]"],
        &["click", "f", "--id", "1", "--data", "nope"],
    ] {
        assert!(body(args).is_err(), "{args:?}");
    }
}
