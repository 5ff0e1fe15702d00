//! One bot with a handler of every kind, recording what reached it.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use cliq::bot::events::native::{Banner, HandlerType, NativeCallback};
use cliq::bot::events::{
    ChannelCreated, CommandCallback, FunctionCallback, MemberEvent, MessageEvent,
};
use cliq::bot::{Bot, BuildError, Button, Card, Context, Message, Section, UnknownEvent};
use cliq_test::{KitError, Setup, TestKit};

pub(crate) type Error = Box<dyn std::error::Error + Send + Sync>;

/// What reached the handlers, a line each.
#[derive(Clone, Debug, Default)]
pub(crate) struct Log(Arc<Mutex<Vec<String>>>);

impl Log {
    fn push(&self, line: String) {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(line);
    }

    pub(crate) fn lines(&self) -> Vec<String> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

/// The kit around [`bot`], and the log its handlers write.
pub(crate) fn kit() -> (TestKit<Log>, Log) {
    let log = Log::default();
    let kit = TestKit::new(|setup| bot(setup, log.clone())).expect("kit");
    (kit, log)
}

/// `/deploy <env>` answers a card; `approve` a text; `/fail` fails;
/// `/slow` sleeps a minute; `/buttons` breaks the five-button limit; every
/// event is recorded; the native welcome handler answers a banner.
pub(crate) fn bot(setup: &Setup, log: Log) -> Result<Bot<Log>, BuildError> {
    setup
        .apply(Bot::with_state(log))
        .command("deploy", deploy)
        .command("fail", |_cx: Context<Log>, _cmd: CommandCallback| async {
            Err::<(), Error>("boom".into())
        })
        .command("slow", |_cx: Context<Log>, _cmd: CommandCallback| async {
            tokio::time::sleep(Duration::from_secs(60)).await;
            Ok::<_, Error>("done")
        })
        .command(
            "buttons",
            |_cx: Context<Log>, _cmd: CommandCallback| async {
                let card = (0..6).fold(Card::builder(), |card, n| {
                    card.button(Button::invoke_function(format!("B{n}"), "approve", "1"))
                });
                Ok::<_, Error>(Message::builder("too many").card(card))
            },
        )
        .function("approve", approve)
        .on_message(|cx: Context<Log>, m: MessageEvent| async move {
            cx.state().push(format!(
                "message.created {} {} {}",
                m.message_id, m.sender.name, m.text
            ));
            Ok::<_, Error>(())
        })
        .on_mention(|cx: Context<Log>, m: MessageEvent| async move {
            cx.state().push(format!("mention {}", m.text));
            Ok::<_, Error>(())
        })
        .on_bot_mention(|cx: Context<Log>, m: MessageEvent| async move {
            cx.state().push(format!("bot.mention {}", m.text));
            Ok::<_, Error>(())
        })
        .on_member_added(|cx: Context<Log>, m: MemberEvent| async move {
            cx.state()
                .push(format!("member.added {} {}", m.member.name, m.channel.name));
            Ok::<_, Error>(())
        })
        .on_member_removed(|cx: Context<Log>, m: MemberEvent| async move {
            cx.state().push(format!(
                "member.removed {} {}",
                m.member.name, m.channel.name
            ));
            Ok::<_, Error>(())
        })
        .on_channel_created(|cx: Context<Log>, c: ChannelCreated| async move {
            let creator = c.creator.map(|u| u.name).unwrap_or_default();
            cx.state()
                .push(format!("channel.created {} by {creator}", c.channel.name));
            Ok::<_, Error>(())
        })
        .on_unknown_event(|cx: Context<Log>, e: UnknownEvent| async move {
            cx.state().push(format!("unknown {}", e.name));
            Ok::<_, Error>(())
        })
        .bot_handler("Sample", HandlerType::WelcomeHandler, welcome)
        .build()
}

async fn deploy(cx: Context<Log>, cmd: CommandCallback) -> Result<Message, Error> {
    cx.state().push(format!(
        "command {} {:?} {} {} {}",
        cmd.command,
        cmd.arguments(),
        cmd.user.name,
        cmd.channel.name,
        cmd.channel.id
    ));
    let card = Card::builder()
        .title("Deployment requested")
        .section(Section::new(1).text(format!("**Environment:** {}", cmd.arguments())))
        .button(Button::invoke_function("Approve", "approve", "42"))
        .button(Button::open_url("Logs", "https://logs.example.com/42"));
    Ok(Message::builder(format!("Deploy {}?", cmd.arguments()))
        .card(card)
        .build()?)
}

async fn approve(cx: Context<Log>, click: FunctionCallback) -> Result<String, Error> {
    let label = click.button.label.clone().unwrap_or_default();
    let channel = click.channel.map(|c| c.name).unwrap_or_default();
    cx.state()
        .push(format!("click {} {label} {channel}", click.button.id));
    Ok(format!(
        "Approved #{} by {}",
        click.button.id, click.user.name
    ))
}

async fn welcome(cx: Context<Log>, call: NativeCallback) -> Result<Banner, Error> {
    cx.state().push(format!("native welcome {}", call.name));
    Ok(Banner::success("Welcome!"))
}

/// Shorthand for tests that return errors.
pub(crate) type TestResult = Result<(), KitError>;
