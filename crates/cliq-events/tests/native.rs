//! The native dialect (CLIQ-NATIVE.md) through the public API: Zoho's 25
//! sample calls parse and round-trip, the two dialects never collide, native
//! commands and clicks read as PROTOCOL.md callbacks, every reply limit is
//! refused with its own error, and replies travel in `{"output": ...}`.
//!
//! `fixtures/native/` holds verbatim copies of Zoho's samples (MIT, see its
//! `LICENSE`); `fixtures/protocol/` those of the contract's payloads.

mod common;
use common::without_nulls;

#[path = "native/convert.rs"]
mod convert;
#[path = "native/limits.rs"]
mod limits;
#[path = "native/parse.rs"]
mod parse;
#[path = "native/reply.rs"]
mod reply;

use std::error::Error;
use std::fs;

use cliq_events::native::{Component, HandlerType, NativeCallback};

type TestResult = Result<(), Box<dyn Error>>;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn fixture(path: &str) -> Result<Vec<u8>, Box<dyn Error>> {
    Ok(fs::read(format!("{FIXTURES}/{path}"))?)
}

/// The sample `native/<stem>.json`, parsed.
fn sample(stem: &str) -> Result<NativeCallback, Box<dyn Error>> {
    let body = fixture(&format!("native/{stem}.json"))?;
    Ok(NativeCallback::from_slice(&body)?)
}

/// A label of `chars` characters of two bytes each: limits count characters.
fn label(chars: usize) -> String {
    "é".repeat(chars)
}

/// Every sample file (its stem) and the component, handler and name it must
/// parse into. The file names are Zoho's SDK names; the handler is the wire
/// value inside (`link_preview.preview_handler` holds `unfurl_handler`).
fn samples() -> Vec<(&'static str, Component, HandlerType, &'static str)> {
    use HandlerType as H;
    let table = [
        ("bot.action_handler", H::ActionHandler, "Sample"),
        ("bot.call_handler", H::AlertHandler, "Sample"),
        ("bot.context_handler", H::ContextHandler, "Sample"),
        (
            "bot.incomingwebhook_handler",
            H::IncomingWebhookHandler,
            "Sample",
        ),
        ("bot.mention_handler", H::MentionHandler, "Sample"),
        ("bot.message_handler", H::MessageHandler, "Sample"),
        (
            "bot.participation_handler",
            H::ParticipationHandler,
            "Sample",
        ),
        ("bot.welcome_handler", H::WelcomeHandler, "Sample"),
        (
            "command.execution_handler",
            H::ExecutionHandler,
            "catalystquote",
        ),
        (
            "command.suggestion_handler",
            H::SuggestionHandler,
            "catalystresource",
        ),
        ("extension.installation_handler", H::InstallationHandler, ""),
        (
            "extension.installation_validator",
            H::InstallationValidator,
            "",
        ),
        (
            "extension.uninstallation_handler",
            H::UninstallationHandler,
            "",
        ),
        ("function.button_handler", H::ButtonHandler, "Sample"),
        (
            "function.form_change_handler",
            H::FormChangeHandler,
            "Sample",
        ),
        ("function.form_handler", H::FormHandler, "Sample"),
        (
            "function.form_values_handler",
            H::FormValuesHandler,
            "Sample",
        ),
        ("function.form_view_handler", H::FormViewHandler, "Sample"),
        (
            "function.widget_button_handler",
            H::AppletButtonHandler,
            "Sample",
        ),
        (
            "link_preview.action_handler",
            H::UnfurlButtonActionHandler,
            "",
        ),
        (
            "link_preview.after_send_handler",
            H::UnfurlPostMessageHandler,
            "",
        ),
        (
            "link_preview.menu_handler",
            H::UnfurlDynamicActionHandler,
            "",
        ),
        ("link_preview.preview_handler", H::UnfurlHandler, ""),
        (
            "messageaction.execution_handler",
            H::ExecutionHandler,
            "Sample",
        ),
        ("widget.view_handler", H::ViewHandler, "Sample"),
    ];
    let component = |stem: &str| match stem.split('.').next() {
        Some("bot") => Component::Bot,
        Some("command") => Component::Command,
        Some("extension") => Component::Extension,
        Some("function") => Component::Function,
        Some("link_preview") => Component::LinkPreview,
        Some("messageaction") => Component::MessageAction,
        Some("widget") => Component::Widget,
        other => Component::Other(other.unwrap_or_default().to_owned()),
    };
    table
        .into_iter()
        .map(|(stem, handler, name)| (stem, component(stem), handler, name))
        .collect()
}
