//! Reading calls: every sample parses and round-trips, aliases and unknown
//! values are kept, the dialects never collide, and refusals are typed.

use std::fs;

use cliq_events::callback::{Callback, ParseError};
use cliq_events::native::{
    self, Arguments, Component, DataCentre, HandlerType, LooseString, NativeCallback,
    NativeParseError, limits,
};
use serde_json::{Map, Value, json};

use super::{FIXTURES, TestResult, fixture, sample, samples, without_nulls};

#[test]
fn every_sample_parses_into_its_component_handler_and_name() -> TestResult {
    let table = samples();
    assert_eq!(table.len(), 25);
    let files = fs::read_dir(format!("{FIXTURES}/native"))?
        .filter(|entry| {
            entry
                .as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "json"))
        })
        .count();
    assert_eq!(files, table.len(), "one table row per sample file");
    for (stem, component, handler, name) in table {
        let call = sample(stem)?;
        assert_eq!(
            (&call.component, &call.handler),
            (&component, &handler),
            "{stem}"
        );
        assert_eq!(call.name, name, "{stem}");
        assert!(call.timestamp_ms.is_some(), "{stem}");
    }
    Ok(())
}

#[test]
fn every_sample_round_trips_to_the_json_received() -> TestResult {
    for (stem, ..) in samples() {
        let raw: Value = serde_json::from_slice(&fixture(&format!("native/{stem}.json"))?)?;
        let call = NativeCallback::from_value(raw.clone())?;
        let back = serde_json::to_value(&call)?;
        assert_eq!(without_nulls(back.clone()), without_nulls(raw), "{stem}");
        let again: NativeCallback = serde_json::from_value(back)?;
        assert_eq!(again, call, "{stem}");
    }
    Ok(())
}

#[test]
fn numbers_sent_as_strings_are_read_as_numbers_and_written_back_as_strings() -> TestResult {
    let call = sample("bot.mention_handler")?;
    let message = call
        .params
        .message
        .as_ref()
        .and_then(|m| m.object())
        .ok_or("object")?;
    let time = message.time.ok_or("time")?;
    assert_eq!(
        (time.millis(), time.was_string()),
        (1_493_707_283_711, true)
    );
    let back = serde_json::to_value(&call)?;
    assert_eq!(back["params"]["message"]["time"], json!("1493707283711"));

    let body = json!({"type": "bot", "handler": {"type": "message_handler"},
        "timestamp": "1569520690703", "params": {"user": {"id": "1", "organization_id": 42}}});
    let call = NativeCallback::from_value(body.clone())?;
    assert_eq!(call.timestamp_ms, Some(1_569_520_690_703));
    let user = call.params.user.as_ref().ok_or("user")?;
    assert_eq!(
        user.organization_id.as_ref().map(LooseString::as_str),
        Some("42")
    );
    assert_eq!(serde_json::to_value(&call)?, body);
    Ok(())
}

#[test]
fn the_samples_quirks_are_survived_and_kept() -> TestResult {
    let form = sample("function.form_handler")?;
    assert_eq!(form.params.extra.get("messgaes"), Some(&json!({})));
    assert_eq!(
        form.params.form.as_ref().and_then(|f| f.value("mobile-os")),
        Some("android")
    );

    let bot = sample("bot.message_handler")?;
    assert_eq!(
        bot.params.message.as_ref().and_then(|m| m.text()),
        Some("Hi")
    );
    assert_eq!(
        bot.params.arguments.as_ref().and_then(|a| a.as_text()),
        Some("")
    );
    let arguments = sample("function.button_handler")?.params.arguments;
    assert_eq!(arguments, Some(Arguments::Object(Map::new())));
    let action = sample("bot.action_handler")?;
    assert_eq!(action.handler_name.as_deref(), Some("Say Hi"));
    assert_eq!(action.extra.get("sub_action"), Some(&json!("")));
    Ok(())
}

#[test]
fn sdk_handler_names_read_as_their_wire_handler_and_are_written_back_as_sent() -> TestResult {
    let cases = [
        (
            "link_preview",
            "preview_handler",
            HandlerType::UnfurlHandler,
        ),
        (
            "link_preview",
            "menu_handler",
            HandlerType::UnfurlDynamicActionHandler,
        ),
        (
            "link_preview",
            "action_handler",
            HandlerType::UnfurlButtonActionHandler,
        ),
        (
            "link_preview",
            "after_send_handler",
            HandlerType::UnfurlPostMessageHandler,
        ),
        (
            "function",
            "widget_button_handler",
            HandlerType::AppletButtonHandler,
        ),
        ("bot", "call_handler", HandlerType::AlertHandler),
    ];
    for (component, spelling, expected) in cases {
        let body = json!({"type": component, "handler": {"type": spelling}, "params": {}});
        let call = NativeCallback::from_value(body.clone())?;
        assert_eq!(call.handler, expected, "{spelling}");
        assert_eq!(call.handler_wire_name(), spelling);
        assert_eq!(serde_json::to_value(&call)?, body);
    }
    Ok(())
}

#[test]
fn unknown_components_and_handler_types_parse_into_other() -> TestResult {
    let body =
        json!({"type": "meeting", "handler": {"type": "start_handler", "v": 2}, "name": "m"});
    let call = NativeCallback::from_value(body.clone())?;
    assert_eq!(call.component, Component::Other("meeting".to_owned()));
    assert_eq!(call.handler, HandlerType::Other("start_handler".to_owned()));
    assert_eq!(call.handler_extra().get("v"), Some(&json!(2)));
    assert_eq!(serde_json::to_value(&call)?, body);
    // Detection wants a known component; an unknown handler is still native.
    assert!(!native::is_native(&body));
    assert!(native::is_native(
        &json!({"type": "bot", "handler": {"type": "new_handler"}})
    ));
    Ok(())
}

#[test]
fn the_two_dialects_never_collide() -> TestResult {
    for entry in fs::read_dir(format!("{FIXTURES}/protocol"))? {
        let path = entry?.path();
        let value = native::parse_json(&fs::read(&path)?)?;
        assert!(!native::is_native(&value), "{}", path.display());
        let refused = NativeCallback::from_value(value);
        assert!(
            matches!(refused, Err(NativeParseError::NotNative)),
            "{}",
            path.display()
        );
    }
    for (stem, ..) in samples() {
        let value = native::parse_json(&fixture(&format!("native/{stem}.json"))?)?;
        assert!(native::is_native(&value), "{stem}");
        assert!(
            matches!(Callback::from_value(value), Err(ParseError::UnknownKind)),
            "{stem}"
        );
    }
    Ok(())
}

/// What a refusal must match.
type Expected = fn(&NativeParseError) -> bool;

#[test]
fn bodies_that_are_no_native_call_are_refused_with_typed_errors() {
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    let cases: [(&[u8], Expected); 9] = [
        (b"{", |e| matches!(e, NativeParseError::NotJson(_))),
        (deep.as_bytes(), |e| {
            matches!(e, NativeParseError::TooDeep { max: 128 })
        }),
        (b"[]", |e| matches!(e, NativeParseError::NotObject)),
        (br#"{"type": "bot"}"#, |e| {
            matches!(e, NativeParseError::NotNative)
        }),
        (br#"{"type": "bot", "handler": "x"}"#, |e| {
            matches!(e, NativeParseError::NotNative)
        }),
        (br#"{"type": 1, "handler": {"type": "x"}}"#, |e| {
            matches!(e, NativeParseError::NotNative)
        }),
        (
            br#"{"type": "bot", "handler": {"type": "x"}, "timestamp": "soon"}"#,
            |e| matches!(e, NativeParseError::InvalidField { field, .. } if field == "timestamp"),
        ),
        (
            br#"{"type": "bot", "handler": {"type": "x"}, "params": {"user": "me"}}"#,
            |e| matches!(e, NativeParseError::InvalidField { field, .. } if field == "params.user"),
        ),
        (
            br#"{"type": "bot", "handler": {"type": "x"}, "params": {"arguments": 3}}"#,
            |e| matches!(e, NativeParseError::InvalidField { field, .. } if field == "params.arguments"),
        ),
    ];
    for (body, expected) in cases {
        let error = NativeCallback::from_slice(body).err();
        assert!(
            error.as_ref().is_some_and(expected),
            "{}: {error:?}",
            String::from_utf8_lossy(body)
        );
    }
}

#[test]
fn the_environment_names_the_data_centre() -> TestResult {
    let call = sample("command.execution_handler")?;
    assert_eq!(call.data_centre(), Some(DataCentre::Us));
    assert_eq!(
        call.data_centre().map(DataCentre::cliq_host).as_deref(),
        Some("cliq.zoho.com")
    );
    assert_eq!(
        call.reply_deadline_ms(),
        Some(1_569_520_690_703 + limits::REPLY_DEADLINE_MS)
    );
    let au = json!({"type": "bot", "handler": {"type": "x"}, "params": {"environment": {"tld": ".com.au"}}});
    assert_eq!(
        NativeCallback::from_value(au)?.data_centre(),
        Some(DataCentre::Au)
    );
    Ok(())
}
