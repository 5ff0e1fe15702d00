//! The framework side: the deploy bot's `/deploy` command, as
//! `examples/deploy_bot.rs` writes it, on a [`Bot`] with default settings.
//!
//! One difference from the example: the deployment registry (a
//! `Mutex<BTreeMap>` that grows with every request) is a counter here, in the
//! floor as well, so that a long run measures the receiver and not the
//! example's storage.

use std::convert::Infallible;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use cliq_bot::events::CommandCallback;
use cliq_bot::events::message::{MessageBuilder, ValidationError};
use cliq_bot::{Bot, BuildError, Button, Card, Context, Message, Reply, Section, Theme};

use crate::fixtures::{ENVIRONMENTS, SECRET};

/// Where "View logs" points; `{id}` is replaced by the deployment id.
pub const LOGS_URL: &str = "https://logs.example.com/deployments/{id}";

/// Hands out deployment ids.
#[derive(Clone, Debug, Default)]
pub struct Deployments(Arc<AtomicU64>);

impl Deployments {
    /// The next deployment id, from 1.
    pub fn next_id(&self) -> u64 {
        self.0.fetch_add(1, Ordering::Relaxed) + 1
    }
}

/// The deploy bot, body scheme, every other setting at its default.
///
/// # Errors
/// Never with these settings; [`BuildError`] if the builder refuses them.
pub fn bot() -> Result<Bot<Deployments>, BuildError> {
    Bot::with_state(Deployments::default())
        .secret(SECRET)
        .command("deploy", deploy)
        .build()
}

/// The usage line the deploy bot answers to malformed arguments.
pub fn usage() -> String {
    format!("Usage: /deploy <{}> [version]", ENVIRONMENTS.join("|"))
}

async fn deploy(cx: Context<Deployments>, command: CommandCallback) -> Result<Reply, Infallible> {
    let mut args = command.args();
    let (Some(environment), version, None) = (args.next(), args.next(), args.next()) else {
        return Ok(usage().into());
    };
    if !ENVIRONMENTS.contains(&environment) {
        return Ok(format!("Unknown environment `{environment}`. {}", usage()).into());
    }
    let id = cx.state().next_id();
    let version = version.unwrap_or("latest");
    Ok(requested(id, environment, version, &command.user.name).into())
}

/// The "Deployment requested" reply of the deploy bot, unbuilt.
pub fn requested(id: u64, environment: &str, version: &str, requested_by: &str) -> MessageBuilder {
    let card = Card::builder()
        .title("Deployment requested")
        .theme(Theme::ModernInline)
        .section(
            Section::new(1)
                .text(format!("**Environment:** {environment}"))
                .text(format!("**Version:** {version}"))
                .text(format!("**Requested by:** {requested_by}")),
        )
        .button(Button::invoke_function(
            "Approve",
            "approve_deploy",
            id.to_string(),
        ))
        .button(Button::invoke_function(
            "Cancel",
            "cancel_deploy",
            id.to_string(),
        ))
        .button(Button::open_url(
            "View logs",
            LOGS_URL.replace("{id}", &id.to_string()),
        ));
    Message::builder(format!("Deployment #{id} to {environment} needs approval")).card(card)
}

/// The "Deployment requested" message, built and checked.
///
/// # Errors
/// Never for these values; the limit broken otherwise.
pub fn requested_message(
    id: u64,
    environment: &str,
    version: &str,
    requested_by: &str,
) -> Result<Message, ValidationError> {
    requested(id, environment, version, requested_by).build()
}
