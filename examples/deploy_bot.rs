//! A deploy bot: `/deploy <staging|production> [version]` asks for approval
//! with a card; Approve starts the deployment as background work and posts
//! "Deployment finished" when it is done; Cancel calls it off; `@bot status`
//! lists what is in flight.
//!
//! ```sh
//! cargo run --example deploy_bot
//! ```
//!
//! | variable | meaning | default |
//! |---|---|---|
//! | `CLIQ_SIGNING_SECRET`, `CLIQ_ADDR`, `CLIQ_SIGNATURE_SCHEME` | see [`cliq::bot::env`] | development mode |
//! | `CLIQ_NATIVE_PUBLIC_KEY` | the extension's public key: also serve the native dialect | none |
//! | `CLIQ_WEBHOOK_URL` | post follow-ups to this bot or channel incoming-webhook URL | none |
//! | `CLIQ_ACCESS_TOKEN`, or `CLIQ_CLIENT_ID` + `CLIQ_CLIENT_SECRET` + `CLIQ_REFRESH_TOKEN` | post follow-ups to the command's channel through the REST API | none |
//! | `CLIQ_API_URL` / `CLIQ_DATA_CENTRE` | the API's base URL (an emulator) / data centre (`US`, `EU`, …) | `US` |
//! | `DEPLOY_STEP_MS` | how long each simulated step takes | `500` |
//! | `DEPLOY_LOGS_URL` | where "View logs" points (`{id}` is replaced) | `https://logs.example.com/deployments/{id}` |
//!
//! With no webhook URL or API credentials, follow-ups are only logged.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use cliq::bot::env::EnvConfig;
use cliq::bot::{
    Bot, BotBuilder, BuildError, Button, Card, Context, Message, Reply, Section, Theme,
};
use cliq::client::{Client, DataCentre};
use cliq::events::{ChannelId, CommandCallback, FunctionCallback, MessageEvent};

type Error = Box<dyn std::error::Error + Send + Sync>;

/// The environments `/deploy` accepts.
pub const ENVIRONMENTS: [&str; 2] = ["staging", "production"];
/// The simulated steps of a deployment.
const STEPS: [&str; 3] = ["build", "migrate", "roll out"];

/// The bot's state: every deployment it was asked for.
#[derive(Clone, Debug)]
pub struct Deployments {
    registry: Arc<Mutex<BTreeMap<u64, Deployment>>>,
    settings: Arc<Settings>,
}

/// How deployments run.
#[derive(Debug)]
pub struct Settings {
    /// How long each simulated step takes.
    pub step: Duration,
    /// Where "View logs" points; `{id}` is replaced by the deployment id.
    pub logs_url: String,
    /// Where "Deployment finished" goes.
    pub follow_up: FollowUp,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            step: Duration::from_millis(500),
            logs_url: "https://logs.example.com/deployments/{id}".to_owned(),
            follow_up: FollowUp::Log,
        }
    }
}

/// Where follow-up messages go; posting needs the bot's outbound client.
#[derive(Clone, Debug)]
pub enum FollowUp {
    /// Only to the log.
    Log,
    /// To the command's channel, through the REST API.
    Channel,
    /// To a bot or channel incoming-webhook URL.
    Webhook(String),
}

#[derive(Clone, Debug)]
struct Deployment {
    environment: String,
    version: String,
    requested_by: String,
    channel: ChannelId,
    status: Status,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    Requested,
    Running,
    Finished,
    Cancelled,
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Requested => "awaiting approval",
            Self::Running => "running",
            Self::Finished => "finished",
            Self::Cancelled => "cancelled",
        })
    }
}

impl Deployments {
    /// An empty registry.
    pub fn new(settings: Settings) -> Self {
        Self {
            registry: Arc::default(),
            settings: Arc::new(settings),
        }
    }

    fn registry(&self) -> std::sync::MutexGuard<'_, BTreeMap<u64, Deployment>> {
        self.registry.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn request(&self, deployment: Deployment) -> u64 {
        let mut registry = self.registry();
        let id = registry.keys().next_back().map_or(1, |last| last + 1);
        registry.insert(id, deployment);
        id
    }

    /// Moves deployment `id` from `from` to `to`, atomically; on failure says
    /// what state it is in, so a double click gets a clear answer.
    fn transition(&self, id: u64, from: Status, to: Status) -> Result<Deployment, String> {
        let mut registry = self.registry();
        let Some(deployment) = registry.get_mut(&id) else {
            return Err(format!("There is no deployment #{id}."));
        };
        if deployment.status != from {
            return Err(format!(
                "Deployment #{id} is already {}.",
                deployment.status
            ));
        }
        deployment.status = to;
        Ok(deployment.clone())
    }

    fn in_flight(&self) -> Vec<(u64, Deployment)> {
        self.registry()
            .iter()
            .filter(|(_, d)| matches!(d.status, Status::Requested | Status::Running))
            .map(|(id, d)| (*id, d.clone()))
            .collect()
    }

    /// How many deployments ever ran to the end.
    pub fn finished(&self) -> usize {
        self.registry()
            .values()
            .filter(|d| d.status == Status::Finished)
            .count()
    }
}

/// The deploy bot's handlers on a builder configured by `config`; add an
/// outbound client, native keys or a clock, then `build()`.
pub fn builder(config: &EnvConfig, deployments: Deployments) -> BotBuilder<Deployments> {
    config
        .apply(Bot::with_state(deployments))
        .command("deploy", deploy)
        .function("approve_deploy", approve)
        .function("cancel_deploy", cancel)
        .on_bot_mention(status)
}

/// The deploy bot, configured by `config`.
///
/// # Errors
/// The bot's configuration is refused (see [`BuildError`]).
pub fn build(config: &EnvConfig, deployments: Deployments) -> Result<Bot<Deployments>, BuildError> {
    builder(config, deployments).build()
}

fn usage() -> String {
    format!("Usage: /deploy <{}> [version]", ENVIRONMENTS.join("|"))
}

async fn deploy(cx: Context<Deployments>, command: CommandCallback) -> Result<Reply, Error> {
    let mut args = command.args();
    let (Some(environment), version, None) = (args.next(), args.next(), args.next()) else {
        return Ok(usage().into());
    };
    if !ENVIRONMENTS.contains(&environment) {
        return Ok(format!("Unknown environment `{environment}`. {}", usage()).into());
    }
    let deployment = Deployment {
        environment: environment.to_owned(),
        version: version.unwrap_or("latest").to_owned(),
        requested_by: command.user.name.clone(),
        channel: command.channel.id.clone(),
        status: Status::Requested,
    };
    let deployments = cx.state();
    let id = deployments.request(deployment.clone());
    let card = Card::builder()
        .title("Deployment requested")
        .theme(Theme::ModernInline)
        .section(
            Section::new(1)
                .text(format!("**Environment:** {}", deployment.environment))
                .text(format!("**Version:** {}", deployment.version))
                .text(format!("**Requested by:** {}", deployment.requested_by)),
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
            deployments
                .settings
                .logs_url
                .replace("{id}", &id.to_string()),
        ));
    Ok(
        Message::builder(format!("Deployment #{id} to {environment} needs approval"))
            .card(card)
            .into(),
    )
}

async fn approve(cx: Context<Deployments>, click: FunctionCallback) -> Result<Reply, Error> {
    let Ok(id) = click.button.id.parse::<u64>() else {
        return Ok(format!("There is no deployment #{}.", click.button.id).into());
    };
    let deployments = cx.state().clone();
    let deployment = match deployments.transition(id, Status::Requested, Status::Running) {
        Ok(deployment) => deployment,
        Err(why) => return Ok(why.into()),
    };
    let approver = click.user.name.clone();
    cx.spawn(run(
        deployments,
        id,
        deployment.clone(),
        cx.client().cloned(),
    ));
    let card = Card::builder()
        .title("Deployment started")
        .theme(Theme::ModernInline)
        .section(
            Section::new(1)
                .text(format!("**Environment:** {}", deployment.environment))
                .text(format!("**Version:** {}", deployment.version))
                .text(format!("**Approved by:** {approver}")),
        );
    Ok(Message::builder(format!("Deployment #{id} started"))
        .card(card)
        .into())
}

/// The deployment itself, as background work the server waits for on shutdown.
async fn run(deployments: Deployments, id: u64, deployment: Deployment, client: Option<Client>) {
    for step in STEPS {
        tracing::info!(id, step, "deploying");
        tokio::time::sleep(deployments.settings.step).await;
    }
    if deployments
        .transition(id, Status::Running, Status::Finished)
        .is_err()
    {
        return;
    }
    let text = format!(
        "Deployment finished: #{id}, {} {}",
        deployment.environment, deployment.version
    );
    tracing::info!(id, channel = %deployment.channel, "{text}");
    post(deployments, client, deployment.channel, text).await;
}

/// Posts `text` where follow-ups go: the channel, a webhook, or nowhere.
async fn post(deployments: Deployments, client: Option<Client>, channel: ChannelId, text: String) {
    let Ok(message) = Message::text(text) else {
        return;
    };
    let sent = match (&deployments.settings.follow_up, client) {
        (FollowUp::Channel, Some(client)) => {
            client.messages().send(&channel, &message).await.map(drop)
        }
        (FollowUp::Webhook(url), Some(client)) => {
            client.webhooks().send_to_incoming(url, &message).await
        }
        _ => Ok(()),
    };
    if let Err(error) = sent {
        tracing::warn!(%error, "follow-up not posted");
    }
}

async fn cancel(cx: Context<Deployments>, click: FunctionCallback) -> Result<Reply, Error> {
    let Ok(id) = click.button.id.parse::<u64>() else {
        return Ok(format!("There is no deployment #{}.", click.button.id).into());
    };
    Ok(
        match cx
            .state()
            .transition(id, Status::Requested, Status::Cancelled)
        {
            Ok(_) => format!("Deployment cancelled: #{id}, by {}", click.user.name).into(),
            Err(why) => why.into(),
        },
    )
}

async fn status(cx: Context<Deployments>, mention: MessageEvent) -> Result<(), Error> {
    if !mention
        .text
        .split_whitespace()
        .any(|word| word.eq_ignore_ascii_case("status"))
    {
        return Ok(());
    }
    let lines: Vec<String> = cx
        .state()
        .in_flight()
        .iter()
        .map(|(id, d)| format!("#{id} {} {} ({})", d.environment, d.version, d.status))
        .collect();
    let text = if lines.is_empty() {
        "No deployments in flight.".to_owned()
    } else {
        lines.join("\n")
    };
    tracing::info!(channel = %mention.channel.id, "status: {text}");
    // An event is answered `{"received": true}`; the status goes out as a
    // message of its own, on the background so the answer is not held up.
    let deployments = cx.state().clone();
    cx.spawn(post(
        deployments,
        cx.client().cloned(),
        mention.channel.id,
        text,
    ));
    Ok(())
}

/// Where follow-ups go, and the client that posts them, from `CLIQ_*`.
fn outbound_from_env() -> Result<(FollowUp, Option<Client>), Error> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let mut client = Client::builder();
    if let Some(code) = var("CLIQ_DATA_CENTRE") {
        client = client.data_centre(code.parse::<DataCentre>()?);
    }
    if let Some(url) = var("CLIQ_API_URL") {
        client = client.base_url(url.clone()).accounts_url(url);
    }
    let refresh = (
        var("CLIQ_CLIENT_ID"),
        var("CLIQ_CLIENT_SECRET"),
        var("CLIQ_REFRESH_TOKEN"),
    );
    Ok(
        match (var("CLIQ_WEBHOOK_URL"), var("CLIQ_ACCESS_TOKEN"), refresh) {
            (Some(url), _, _) => (FollowUp::Webhook(url), Some(client.tokenless().build()?)),
            (None, Some(token), _) => {
                (FollowUp::Channel, Some(client.access_token(token).build()?))
            }
            (None, None, (Some(id), Some(secret), Some(refresh))) => (
                FollowUp::Channel,
                Some(client.oauth(id, secret, refresh).build()?),
            ),
            _ => (FollowUp::Log, None),
        },
    )
}

#[allow(dead_code, reason = "the test suite includes this file for `build`")]
#[tokio::main]
async fn main() -> Result<(), Error> {
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::INFO)
        .init();
    let config = EnvConfig::from_env()?;
    let mut settings = Settings::default();
    if let Some(ms) = std::env::var("DEPLOY_STEP_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
    {
        settings.step = Duration::from_millis(ms);
    }
    if let Ok(url) = std::env::var("DEPLOY_LOGS_URL") {
        settings.logs_url = url;
    }
    let (follow_up, client) = outbound_from_env()?;
    settings.follow_up = follow_up;
    let mut builder = builder(&config, Deployments::new(settings));
    if let Some(client) = client {
        builder = builder.client(client);
    }
    if let Ok(key) = std::env::var("CLIQ_NATIVE_PUBLIC_KEY") {
        builder = builder.native_public_key(&key);
    }
    let bot = builder.build()?;
    let sample = r#"{"command":"/deploy","arguments":"production","user":{"id":"1","name":"Dev"},"channel":{"id":"CT_1","name":"dev"}}"#;
    if let Some(banner) = config.development_banner(bot.path(), sample) {
        tracing::info!("\n{banner}");
    }
    bot.serve(config.addr).await?;
    Ok(())
}
