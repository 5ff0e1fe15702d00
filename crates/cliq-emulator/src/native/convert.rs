//! A native message reply as the emulator stores it: a PROTOCOL.md
//! [`Message`] with a card.

use cliq_events::native::{ActionType, NativeButton, NativeMessage, SlideType};
use cliq_events::{Button, Card, Message, Section};
use serde_json::Value;

/// The message in a reply body `{"output": {...}}`: an object with a string
/// `text` and no `type` (banners, forms and the rest have one). `None` for
/// anything else, or a message that no card can show.
pub(super) fn output_message(body: &Value) -> Option<Message> {
    let output = body.get("output")?.as_object()?;
    if output.contains_key("type") || !output.get("text").is_some_and(Value::is_string) {
        return None;
    }
    let native: NativeMessage = serde_json::from_value(Value::Object(output.clone())).ok()?;
    to_message(&native)
}

/// The message with a card holding what the native one shows; when that
/// breaks a limit of the other dialect, its text alone; `None` when that
/// leaves nothing to show.
fn to_message(native: &NativeMessage) -> Option<Message> {
    let mut builder = Message::builder(native.text());
    if let Some(bot) = native.bot() {
        builder = builder.bot(bot.clone());
    }
    let full = match card(native) {
        Some(card) => builder.card(card).build(),
        None => builder.build(),
    };
    full.ok()
        .or_else(|| Message::text(native.text()).ok())
        .filter(|message| !message.body().is_empty() || message.card().is_some())
}

fn card(native: &NativeMessage) -> Option<Card> {
    let mut card = Card::builder();
    let mut empty = true;
    if let Some(native_card) = native.card() {
        if let Some(title) = &native_card.title {
            card = card.title(title);
        }
        if let Some(theme) = &native_card.theme {
            card = card.theme(theme.clone());
        }
        if let Some(thumbnail) = &native_card.thumbnail {
            card = card.thumbnail(thumbnail);
        }
        empty = false;
    }
    let texts = native
        .slides()
        .iter()
        .filter(|slide| slide.kind == SlideType::Text)
        .filter_map(|slide| slide.data.as_str());
    for (id, text) in (1..).zip(texts) {
        card = card.section(Section::new(id).text(text));
        empty = false;
    }
    for button in native.buttons().iter().filter_map(button) {
        card = card.button(button);
        empty = false;
    }
    if empty {
        return None;
    }
    card.build().ok()
}

fn button(native: &NativeButton) -> Option<Button> {
    let data = &native.action.data;
    match native.action.kind {
        ActionType::InvokeFunction => Some(Button::invoke_function(
            &native.label,
            data.name.as_deref()?,
            native.key.as_deref().unwrap_or_default(),
        )),
        ActionType::OpenUrl | ActionType::PreviewUrl => {
            Some(Button::open_url(&native.label, data.web.as_deref()?))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn reads_messages_and_nothing_else() {
        let cases = [
            (json!({"output": {"text": "Done"}}), Some("Done")),
            (json!({"output": {"text": ""}}), None),
            (json!({"output": ""}), None),
            (
                json!({"output": {"type": "banner", "status": "success", "text": "Saved"}}),
                None,
            ),
            (json!({"output": {"type": "form", "title": "Deploy"}}), None),
            (json!({"text": "not wrapped"}), None),
        ];
        for (body, text) in cases {
            let message = output_message(&body);
            assert_eq!(message.as_ref().map(Message::body), text, "{body}");
        }
    }

    #[test]
    fn shows_a_native_message_as_a_card() {
        let body = json!({"output": {
            "text": "Deployment #1 needs approval",
            "bot": {"name": "DeployBot"},
            "card": {"title": "Deployment requested", "theme": "modern-inline"},
            "slides": [
                {"type": "text", "data": "**Environment:** production"},
                {"type": "list", "data": ["a", "b"]}
            ],
            "buttons": [
                {"label": "Approve", "type": "+", "key": "1",
                 "action": {"type": "invoke.function", "data": {"name": "approve_deploy"}}},
                {"label": "View logs",
                 "action": {"type": "open.url", "data": {"web": "https://logs.example.com/1"}}},
                {"label": "Call", "action": {"type": "system.api", "data": {"api": "audiocall/1"}}}
            ]
        }});
        let message = output_message(&body).expect("a message");
        assert_eq!(message.bot().map(|b| b.name.as_str()), Some("DeployBot"));
        let card = message.card().expect("a card");
        assert_eq!(card.title(), Some("Deployment requested"));
        assert_eq!(card.theme(), Some(&cliq_events::Theme::ModernInline));
        assert_eq!(
            card.sections(),
            [Section::new(1).text("**Environment:** production")]
        );
        assert_eq!(
            card.buttons(),
            [
                Button::invoke_function("Approve", "approve_deploy", "1"),
                Button::open_url("View logs", "https://logs.example.com/1"),
            ]
        );
    }

    #[test]
    fn keeps_the_text_when_no_card_can_show_the_rest() {
        let buttons: Vec<Value> = (0..6)
            .map(|i| {
                json!({"label": format!("B{i}"), "key": i.to_string(),
                "action": {"type": "invoke.function", "data": {"name": "f"}}})
            })
            .collect();
        let body = json!({"output": {"text": "Pick one", "buttons": buttons}});
        let message = output_message(&body).expect("a message");
        assert_eq!(message.body(), "Pick one");
        assert_eq!(message.card(), None);
    }
}
