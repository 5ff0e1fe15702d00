//! One view over both dialects: native commands and clicks as PROTOCOL.md
//! callbacks, and PROTOCOL.md messages as native ones.

use cliq_events::message::{Attachment, BotProfile, Button, Card, Message, Section, Theme};
use cliq_events::native::{NativeCallback, NativeMessage, NativeReply, NativeValidationError};
use serde_json::json;

use super::{TestResult, label, sample};

#[test]
fn a_native_command_reads_as_a_protocol_command() -> TestResult {
    let command = sample("command.execution_handler")?
        .to_command()
        .ok_or("a command")?;
    let expected = json!({"command": "/catalystquote", "arguments": "",
        "user": {"id": "123456", "name": "Scott Fisher", "email": "scott.fisher@zylcal.com"},
        "channel": {"id": "CD_1256246524399772951_1741337", "name": "Sample"}});
    assert_eq!(serde_json::to_value(&command)?, expected);
    assert_eq!(command.name(), "catalystquote");
    assert!(sample("command.suggestion_handler")?.to_command().is_none());
    assert!(sample("function.button_handler")?.to_command().is_none());
    Ok(())
}

#[test]
fn a_native_click_reads_as_a_protocol_function_callback() -> TestResult {
    let call = sample("function.button_handler")?;
    let click = call.to_function().ok_or("a click")?;
    let expected = json!({"type": "invoke.function", "name": "Sample",
        "button": {"id": "button_name"},
        "user": {"id": "123456", "name": "Scott Fisher", "email": "scott.fisher@zylcal.com"},
        "channel": {"id": "CD_1256246524399772951_1741337", "name": "CD_1256246524399772951_1741337"},
        "timestamp": "2019-09-26T17:58:10.703Z", "data": {}});
    assert_eq!(serde_json::to_value(&click)?, expected);
    assert!(sample("command.execution_handler")?.to_function().is_none());

    // A key sent back in the arguments wins over the target.
    let mut keyed = serde_json::to_value(&call)?;
    keyed["params"]["arguments"] = json!({"key": "42"});
    let click = NativeCallback::from_value(keyed)?
        .to_function()
        .ok_or("a click")?;
    assert_eq!(click.button.id, "42");
    Ok(())
}

#[test]
fn a_protocol_message_converts_to_a_native_message() -> TestResult {
    let card = Card::builder()
        .title("Deployment requested")
        .theme(Theme::ModernInline)
        .thumbnail("https://img.example/t.png")
        .section(
            Section::new(1)
                .text("**Environment:** production")
                .text("by John"),
        )
        .section(Section::new(2))
        .button(Button::invoke_function("Approve", "approve_deploy", "42"))
        .button(Button::open_url("View logs", "https://logs.example.com"));
    let message = Message::builder("Requested")
        .card(card)
        .bot(BotProfile::new("Deployer"))
        .attachment(Attachment::new("FILE_1"))
        .build()?;
    let native = NativeMessage::try_from(&message)?;
    let expected = json!({"text": "Requested",
        "card": {"title": "Deployment requested", "theme": "modern-inline", "thumbnail": "https://img.example/t.png"},
        "slides": [{"type": "text", "data": "**Environment:** production\nby John"}],
        "buttons": [
            {"label": "Approve", "key": "42", "action": {"type": "invoke.function", "data": {"name": "approve_deploy"}}},
            {"label": "View logs", "action": {"type": "open.url", "data": {"web": "https://logs.example.com"}}}],
        "bot": {"name": "Deployer"}});
    assert_eq!(serde_json::to_value(&native)?, expected);

    let long = Message::builder("t")
        .card(Card::builder().button(Button::open_url(label(21), "https://x.example")))
        .build()?;
    assert!(matches!(
        NativeReply::try_from(&long),
        Err(NativeValidationError::ButtonLabelTooLong { len: 21, .. })
    ));
    Ok(())
}
