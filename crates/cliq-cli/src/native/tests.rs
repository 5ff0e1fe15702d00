//! Every native call `cliq` builds parses back as the native call it was
//! meant to be, and reads as the same command or click in the contract's view.

use clap::Parser;
use cliq_events::native::{self, Component, HandlerType, NativeCallback};
use serde_json::{Value, json};

use crate::args::{Cli, Command, Send};

/// The call `cliq <args…> --dialect native` would send, parsed back.
fn built(args: &[&str]) -> Result<(NativeCallback, Value), String> {
    let argv = ["cliq"].iter().chain(args).chain(&["--dialect", "native"]);
    let cli = Cli::try_parse_from(argv).map_err(|e| e.to_string())?;
    let built = match &cli.command {
        Command::Send(Send::Command(args)) => super::command(&args.line, &args.who),
        Command::Send(Send::Event(args)) => super::event(args),
        Command::Click(args) => super::click(args),
        other => return Err(format!("not a call: {other:?}")),
    };
    let bytes = built.map_err(|e| e.to_string())?;
    let json: Value = serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
    assert!(native::is_native(&json), "{json}");
    let call = NativeCallback::from_slice(&bytes).map_err(|e| e.to_string())?;
    Ok((call, json))
}

#[test]
fn a_command_is_an_execution_handler_call() {
    let (call, json) = built(&[
        "send",
        "command",
        "/deploy  production 2.0",
        "--user",
        "Ann Lee",
    ])
    .expect("call");
    assert_eq!(
        (&call.component, &call.handler, call.name.as_str()),
        (
            &Component::Command,
            &HandlerType::ExecutionHandler,
            "deploy"
        )
    );
    assert!(call.timestamp_ms.is_some_and(|ms| ms > 1_600_000_000_000));
    assert_eq!(call.response_url, None);
    for (pointer, value) in [
        ("/params/arguments", json!("production 2.0")),
        ("/params/user/first_name", json!("Ann")),
        ("/params/chat/id", json!("CT_1234567890")),
        ("/params/access/chat_id", json!("CT_1234567890")),
        ("/params/environment/data_center", json!("US")),
        ("/params/options", json!({})),
    ] {
        assert_eq!(json.pointer(pointer), Some(&value), "{pointer}: {json}");
    }
    let command = call.to_command().expect("a command");
    assert_eq!(
        (command.name(), command.arguments()),
        ("deploy", "production 2.0")
    );
    assert_eq!(command.user.name, "Ann Lee");
    assert_eq!(command.channel.name, "Development");
}

#[test]
fn a_click_is_a_button_handler_call() {
    let args = [
        "click",
        "approve_deploy",
        "--id",
        "7",
        "--label",
        "Approve",
        "--message-id",
        "M1",
        "--data",
        r#"{"env": "prod"}"#,
    ];
    let (call, json) = built(&args).expect("call");
    assert_eq!(
        (&call.component, &call.handler),
        (&Component::Function, &HandlerType::ButtonHandler)
    );
    assert_eq!(json.pointer("/params/event"), Some(&json!("click")));
    let function = call.to_function().expect("a click");
    assert_eq!(function.name, "approve_deploy");
    assert_eq!(function.button.id, "7");
    assert_eq!(function.button.label.as_deref(), Some("Approve"));
    assert_eq!(
        function.message.map(|m| m.id.to_string()).as_deref(),
        Some("M1")
    );
    assert_eq!(function.data, Some(json!({"env": "prod", "key": "7"})));
}

#[test]
fn message_events_are_bot_handler_calls_and_others_are_refused() {
    let (call, json) = built(&[
        "send",
        "event",
        "bot.mention",
        "--text",
        "@deploy status",
        "--bot",
        "Deploy",
    ])
    .expect("call");
    assert_eq!(
        (&call.component, &call.handler, call.name.as_str()),
        (&Component::Bot, &HandlerType::MentionHandler, "Deploy")
    );
    assert_eq!(
        json.pointer("/params/message/text"),
        Some(&json!("@deploy status"))
    );
    assert_eq!(json.pointer("/params/mentions/0/type"), Some(&json!("bot")));
    let (call, _) = built(&["send", "event", "message.created"]).expect("call");
    assert_eq!(call.handler, HandlerType::MessageHandler);
    let refused = built(&["send", "event", "channel.created"])
        .map(|_| ())
        .expect_err("refused");
    assert!(refused.contains("no native counterpart"), "{refused}");
}
