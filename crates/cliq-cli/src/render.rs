//! A bot's reply drawn for the terminal: a message and its card, an
//! acknowledgement, or a refusal explained in one line.

use std::fmt::Write as _;

use cliq_events::envelope::ErrorResponse;
use cliq_events::{Button, Card, Element, Message};
use serde_json::Value;

use crate::args::Dialect;
use crate::explain::{self, Sent};

mod native;

/// `HTTP 200 OK · request id …`.
pub(crate) fn status_line(status: u16, reason: &str, request_id: Option<&str>) -> String {
    let mut line = format!("HTTP {status} {reason}");
    if let Some(id) = request_id {
        let _ = write!(line, " · request id {id}");
    }
    line
}

/// The reply's body, drawn by what it is.
pub(crate) fn reply(status: u16, body: &[u8], sent: Sent<'_>) -> String {
    let Ok(json) = serde_json::from_slice::<Value>(body) else {
        return raw(body);
    };
    if !(200..300).contains(&status) {
        return match serde_json::from_value::<ErrorResponse>(json) {
            Ok(envelope) => explain::refusal(&envelope, sent),
            Err(_) => raw(body),
        };
    }
    if sent.dialect == Dialect::Native {
        return native::reply(&json).unwrap_or_else(|| raw(body));
    }
    if json.get("received") == Some(&Value::Bool(true)) {
        return if json.get("duplicate") == Some(&Value::Bool(true)) {
            "received (duplicate: the bot already handled this event's message_id, so no handler ran)".to_owned()
        } else {
            "received: the bot took the callback and answered no message".to_owned()
        };
    }
    match serde_json::from_value::<Message>(json) {
        Ok(message) => self::message(&message),
        Err(_) => raw(body),
    }
}

/// A message: its text, then its card, profile and attachments.
pub(crate) fn message(message: &Message) -> String {
    let mut out = message.body().to_owned();
    if let Some(card) = message.card() {
        push_line(&mut out, &card_box(card));
    }
    if let Some(bot) = message.bot() {
        push_line(&mut out, &format!("as bot: {}", bot.name));
    }
    for attachment in message.attachments() {
        let name = attachment.name.as_deref().unwrap_or("unnamed");
        push_line(
            &mut out,
            &format!("attachment: {name} ({})", attachment.file_id),
        );
    }
    out
}

/// A card in a box: title and theme, each section's elements, the buttons.
pub(crate) fn card_box(card: &Card) -> String {
    let mut out = String::from("╭─ ");
    out.push_str(card.title().unwrap_or("(untitled card)"));
    if let Some(theme) = card.theme() {
        let _ = write!(out, "  (theme: {})", theme.as_str());
    }
    if let Some(url) = card.thumbnail() {
        let _ = write!(out, "\n│  thumbnail: {url}");
    }
    for section in card.sections() {
        let _ = write!(out, "\n├─ section {}", section.id);
        for element in &section.elements {
            let text = match element {
                Element::Text { text } => text.clone(),
                Element::Other(fields) => {
                    let kind = fields
                        .get("type")
                        .and_then(Value::as_str)
                        .unwrap_or("untyped");
                    format!("({kind} element)")
                }
                _ => "(element)".to_owned(),
            };
            for line in text.lines() {
                let _ = write!(out, "\n│  {line}");
            }
        }
    }
    if !card.buttons().is_empty() {
        out.push_str("\n├─ buttons");
        for button in card.buttons() {
            let _ = write!(out, "\n│  {}", button_line(button));
        }
    }
    out.push_str("\n╰─");
    out
}

/// `[Approve] → invoke.function approve_deploy (id 42)`.
fn button_line(button: &Button) -> String {
    let target = match button {
        Button::OpenUrl { url, .. } => format!(" {url}"),
        Button::InvokeFunction { name, id, .. } => format!(" {name} (id {id})"),
        _ => String::new(),
    };
    let kind = match button.kind() {
        "" => "(untyped)",
        kind => kind,
    };
    format!("[{}] → {kind}{target}", button.label())
}

/// A body that is not what a bot answers, shown as text.
fn raw(body: &[u8]) -> String {
    if body.is_empty() {
        return "(empty body)".to_owned();
    }
    String::from_utf8_lossy(body).trim_end().to_owned()
}

fn push_line(out: &mut String, text: &str) {
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(text);
}

#[cfg(test)]
mod tests {
    use cliq_events::{Section, Theme};

    use super::*;
    use crate::args::Scheme;

    const SENT: Sent<'static> = Sent {
        url: "http://127.0.0.1:3000/cliq",
        scheme: Scheme::Body,
        dialect: Dialect::Contract,
    };

    #[test]
    fn draws_a_card_with_its_title_theme_sections_and_buttons() {
        let card = Card::builder()
            .title("Deployment requested")
            .theme(Theme::ModernInline)
            .section(Section::new(1).text("**Environment:** production"))
            .section(Section::new(2).text("line one\nline two"))
            .button(Button::invoke_function("Approve", "approve_deploy", "42"))
            .button(Button::open_url("View logs", "https://logs.example.com/42"));
        let reply = Message::builder("Deploy?").card(card).build();
        let drawn = reply.as_ref().map(message).unwrap_or_default();
        let expected = "\
Deploy?
╭─ Deployment requested  (theme: modern-inline)
├─ section 1
│  **Environment:** production
├─ section 2
│  line one
│  line two
├─ buttons
│  [Approve] → invoke.function approve_deploy (id 42)
│  [View logs] → open.url https://logs.example.com/42
╰─";
        assert_eq!(drawn, expected);
    }

    #[test]
    fn draws_each_kind_of_body() {
        let cases: [(u16, &str, &str); 5] = [
            (200, r#"{"received": true}"#, "received: the bot took"),
            (
                200,
                r#"{"received": true, "duplicate": true}"#,
                "received (duplicate",
            ),
            (200, r#"{"text": "hi"}"#, "hi"),
            (
                401,
                r#"{"error": {"code": "STALE_TIMESTAMP", "message": "old"}, "status": {"code": 401, "message": "error"}}"#,
                "refused: STALE_TIMESTAMP — old; hint: clock skew",
            ),
            (502, "Bad Gateway", "Bad Gateway"),
        ];
        for (status, body, expected) in cases {
            let drawn = reply(status, body.as_bytes(), SENT);
            assert!(drawn.starts_with(expected), "{drawn}");
        }
        assert_eq!(
            status_line(200, "OK", Some("abc")),
            "HTTP 200 OK · request id abc"
        );
    }
}
