//! A native reply (`{"output": …}`) drawn for the terminal: a message with
//! its card, slides and buttons; a banner; nothing; or the output's JSON.

use std::fmt::Write as _;

use cliq_events::native::{ActionType, Banner, NativeButton, NativeMessage, Slide, SlideType};
use serde_json::Value;

use super::push_line;

/// The reply drawn, or `None` when it is no `{"output": …}` body.
pub(super) fn reply(json: &Value) -> Option<String> {
    let output = json.as_object()?.get("output")?;
    let kind = output.get("type").and_then(Value::as_str);
    Some(match (output, kind) {
        (Value::String(text), _) if text.is_empty() => {
            "no output: the bot answered nothing to show".to_owned()
        }
        (Value::String(text), _) => text.clone(),
        (_, Some("banner")) => match serde_json::from_value::<Banner>(output.clone()) {
            Ok(banner) => format!("banner ({}): {}", banner.status.as_str(), banner.text),
            Err(_) => other(output, "banner"),
        },
        (Value::Object(_), None) => match serde_json::from_value::<NativeMessage>(output.clone()) {
            Ok(message) => self::message(&message),
            Err(_) => other(output, "message"),
        },
        (_, kind) => other(output, kind.unwrap_or("untyped")),
    })
}

/// A native message: its text, then a box with the card's title and theme,
/// each slide and the buttons; then its bot profile.
pub(super) fn message(message: &NativeMessage) -> String {
    let mut out = message.text().to_owned();
    let card = message.card();
    if card.is_some() || !message.slides().is_empty() || !message.buttons().is_empty() {
        let mut drawn = String::from("╭─ ");
        drawn.push_str(
            card.and_then(|c| c.title.as_deref())
                .unwrap_or("(untitled card)"),
        );
        if let Some(theme) = card.and_then(|c| c.theme.as_ref()) {
            let _ = write!(drawn, "  (theme: {})", theme.as_str());
        }
        if let Some(url) = card.and_then(|c| c.thumbnail.as_deref()) {
            let _ = write!(drawn, "\n│  thumbnail: {url}");
        }
        for option in card.map(|c| c.options.as_slice()).unwrap_or_default() {
            let _ = write!(drawn, "\n│  ( ) {}", option.text);
        }
        for slide in message.slides() {
            draw_slide(&mut drawn, slide);
        }
        if !message.buttons().is_empty() {
            drawn.push_str("\n├─ buttons");
            for button in message.buttons() {
                let _ = write!(drawn, "\n│  {}", button_line(button));
            }
        }
        drawn.push_str("\n╰─");
        push_line(&mut out, &drawn);
    }
    if let Some(bot) = message.bot() {
        push_line(&mut out, &format!("as bot: {}", bot.name));
    }
    out
}

/// `├─ text slide: Title`, then its data a line each, then its buttons.
fn draw_slide(out: &mut String, slide: &Slide) {
    let _ = write!(out, "\n├─ {} slide", slide.kind.as_str());
    if let Some(title) = &slide.title {
        let _ = write!(out, ": {title}");
    }
    for line in slide_lines(slide) {
        let _ = write!(out, "\n│  {line}");
    }
    for button in &slide.buttons {
        let _ = write!(out, "\n│  {}", button_line(button));
    }
}

fn slide_lines(slide: &Slide) -> Vec<String> {
    let data = &slide.data;
    let items = data.as_array().map(Vec::as_slice).unwrap_or_default();
    match (&slide.kind, data) {
        (SlideType::Text, Value::String(text)) => text.lines().map(str::to_owned).collect(),
        (SlideType::List, _) => items
            .iter()
            .map(|item| format!("• {}", text(item)))
            .collect(),
        (SlideType::Images, _) => items.iter().map(text).collect(),
        (SlideType::Label, _) => items
            .iter()
            .filter_map(Value::as_object)
            .flat_map(|pair| pair.iter().map(|(k, v)| format!("{k}: {}", text(v))))
            .collect(),
        (SlideType::Table, _) => {
            let headers: Vec<String> = data
                .get("headers")
                .and_then(Value::as_array)
                .map(|h| h.iter().map(text).collect())
                .unwrap_or_default();
            let rows = data.get("rows").and_then(Value::as_array);
            let mut lines = vec![headers.join(" | ")];
            for row in rows.map(Vec::as_slice).unwrap_or_default() {
                let cells = headers
                    .iter()
                    .map(|h| row.get(h).map(text).unwrap_or_default());
                lines.push(cells.collect::<Vec<_>>().join(" | "));
            }
            lines
        }
        _ => vec![data.to_string()],
    }
}

/// `[Approve] → invoke.function approve_deploy (key 42)`.
fn button_line(button: &NativeButton) -> String {
    let action = &button.action;
    let data = &action.data;
    let target = match &action.kind {
        ActionType::InvokeFunction | ActionType::InvokeBot => data.name.clone(),
        ActionType::OpenUrl | ActionType::PreviewUrl => data.web.clone(),
        ActionType::SystemApi => data.api.clone(),
        _ => None,
    };
    let mut line = format!("[{}] → {}", button.label, action.kind.as_str());
    if let Some(target) = target {
        let _ = write!(line, " {target}");
    }
    if let Some(key) = &button.key {
        let _ = write!(line, " (key {key})");
    }
    if action.confirm.is_some() {
        line.push_str(", asks to confirm");
    }
    line
}

/// A reply of another kind: named, then its JSON.
fn other(output: &Value, kind: &str) -> String {
    let json = serde_json::to_string_pretty(output).unwrap_or_else(|_| output.to_string());
    format!("output ({kind}):\n{json}")
}

fn text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use cliq_events::Theme;
    use cliq_events::native::{NativeCard, NativeReply};

    use super::*;

    #[test]
    fn draws_a_native_message_with_its_card_slides_and_buttons() {
        let message = NativeMessage::builder("Deploy?")
            .card(NativeCard::new("Deployment requested").theme(Theme::ModernInline))
            .slide(Slide::text("**Environment:** production\nline two"))
            .slide(Slide::label([("Version", "2.0")]).title("Details"))
            .slide(Slide::table(
                ["a", "b"],
                [vec!["1".to_owned(), "2".to_owned()]],
            ))
            .button(NativeButton::invoke_function("Approve", "approve_deploy").key("42"))
            .button(NativeButton::open_url(
                "View logs",
                "https://logs.example.com/42",
            ))
            .build()
            .expect("valid");
        let body = NativeReply::from(message).to_output_json().expect("json");
        let expected = "\
Deploy?
╭─ Deployment requested  (theme: modern-inline)
├─ text slide
│  **Environment:** production
│  line two
├─ label slide: Details
│  Version: 2.0
├─ table slide
│  a | b
│  1 | 2
├─ buttons
│  [Approve] → invoke.function approve_deploy (key 42)
│  [View logs] → open.url https://logs.example.com/42
╰─";
        assert_eq!(reply(&body).as_deref(), Some(expected));
    }

    #[test]
    fn draws_banners_nothing_and_other_outputs() {
        let cases = [
            (
                r#"{"output": {"type": "banner", "status": "success", "text": "Done"}}"#,
                "banner (success): Done",
            ),
            (r#"{"output": ""}"#, "no output: "),
            (r#"{"output": {"text": "hi"}}"#, "hi"),
            (
                r#"{"output": {"type": "form", "title": "F"}}"#,
                "output (form):\n{",
            ),
        ];
        for (body, expected) in cases {
            let json: Value = serde_json::from_str(body).expect("json");
            let drawn = reply(&json).unwrap_or_default();
            assert!(drawn.starts_with(expected), "{drawn}");
        }
        assert_eq!(reply(&serde_json::json!({"received": true})), None);
    }
}
