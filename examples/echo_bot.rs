//! The smallest complete bot: `/echo <text>` answers the text back.
//!
//! ```sh
//! cargo run --example echo_bot
//! ```
//!
//! With no `CLIQ_SIGNING_SECRET` set it starts in development mode and prints
//! a signed `curl` command to try it.

use cliq::bot::env::EnvConfig;
use cliq::bot::{Bot, Context};
use cliq::events::CommandCallback;

type Error = Box<dyn std::error::Error + Send + Sync>;

async fn echo(_cx: Context, command: CommandCallback) -> Result<String, Error> {
    Ok(match command.arguments() {
        "" => "Say something: /echo hello".to_owned(),
        text => text.to_owned(),
    })
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::INFO)
        .init();
    let config = EnvConfig::from_env()?;
    let bot = config.apply(Bot::builder()).command("echo", echo).build()?;
    let sample = r#"{"command":"/echo","arguments":"hello","user":{"id":"1","name":"Dev"},"channel":{"id":"CT_1","name":"dev"}}"#;
    if let Some(banner) = config.development_banner(bot.path(), sample) {
        tracing::info!("\n{banner}");
    }
    bot.serve(config.addr).await?;
    Ok(())
}
