//! The handler model: traits, closures, state, guards, fallbacks, and what
//! `build()` refuses.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use cliq::bot::events::{ChannelCreated, MemberEvent, MessageEvent};
use cliq::bot::{
    Bot, BuildError, CommandHandler, Context, EventHandler, HandlerExt, HandlerResult, Reply,
    UnknownEvent, allow_users, guard_fn,
};
use cliq::events::{CommandCallback, FunctionCallback};

use crate::support::{self, SECRET, post_signed};

type Err = Box<dyn std::error::Error + Send + Sync>;

/// Counts every event it sees, by kind.
#[derive(Clone, Default)]
struct Counter(Arc<[AtomicUsize; 7]>);

impl Counter {
    fn bump(&self, slot: usize) {
        self.0[slot].fetch_add(1, Ordering::SeqCst);
    }

    fn get(&self, slot: usize) -> usize {
        self.0[slot].load(Ordering::SeqCst)
    }
}

impl EventHandler<Counter> for Counter {
    async fn on_message(&self, cx: Context<Counter>, m: MessageEvent) -> HandlerResult<()> {
        assert_eq!(cx.user().map(|u| u.id.as_str()), Some(m.sender.id.as_str()));
        self.bump(0);
        Ok(())
    }
    async fn on_mention(&self, _cx: Context<Counter>, _m: MessageEvent) -> HandlerResult<()> {
        self.bump(1);
        Ok(())
    }
    async fn on_bot_mention(&self, cx: Context<Counter>, _m: MessageEvent) -> HandlerResult<()> {
        // The state is the same counter.
        cx.state().bump(2);
        Ok(())
    }
    async fn on_channel_created(
        &self,
        _cx: Context<Counter>,
        c: ChannelCreated,
    ) -> HandlerResult<()> {
        assert_eq!(c.channel.name, "Development Team");
        self.bump(3);
        Ok(())
    }
    async fn on_member_added(&self, cx: Context<Counter>, m: MemberEvent) -> HandlerResult<()> {
        assert_eq!(
            cx.channel().map(|c| c.id.as_str()),
            Some(m.channel.id.as_str())
        );
        self.bump(4);
        Ok(())
    }
    async fn on_member_removed(&self, _cx: Context<Counter>, _m: MemberEvent) -> HandlerResult<()> {
        self.bump(5);
        Ok(())
    }
    async fn on_unknown(&self, _cx: Context<Counter>, e: UnknownEvent) -> HandlerResult<()> {
        assert_eq!(e.name, "reaction.added");
        assert_eq!(e.data["emoji"], "👍");
        self.bump(6);
        Ok(())
    }
}

#[tokio::test]
async fn an_event_handler_trait_sees_every_kind_with_shared_state() {
    let counter = Counter::default();
    let bot = Bot::with_state(counter.clone())
        .secret(SECRET)
        .events(counter.clone())
        .build()
        .expect("valid bot");
    let bot = support::start(bot).await;
    let fixtures = [
        "event-message-created.json",
        "event-bot-mention.json",
        "event-channel-created.json",
        "event-channel-member-added.json",
        "event-unknown.json",
    ];
    for name in fixtures {
        let answer = post_signed(&bot.url("/cliq"), &support::fixture(name)).await;
        assert_eq!(answer.json, serde_json::json!({"received": true}), "{name}");
    }
    let mention = support::message_event("mention", "MSG_m", "@jane");
    post_signed(&bot.url("/cliq"), &mention).await;
    let removed = r#"{"event": "channel.member.removed", "data": {"channel": {"id": "C", "name": "c"}, "member": {"id": "U", "name": "u"}}}"#;
    post_signed(&bot.url("/cliq"), removed).await;
    assert_eq!(
        (0..7).map(|i| counter.get(i)).collect::<Vec<_>>(),
        vec![1; 7]
    );
    bot.stop().await;
}

struct Deploy;

impl CommandHandler for Deploy {
    async fn call(&self, _cx: Context, cmd: CommandCallback) -> HandlerResult {
        Ok(format!("deploying {}", cmd.arguments()).into())
    }
}

#[tokio::test]
async fn guards_answer_in_place_of_the_handler() {
    let production_needs_jane = guard_fn(|cx: &Context, cmd: &CommandCallback| {
        let production = cmd.args().next() == Some("production");
        let jane = cx.user().is_some_and(|u| u.id == "1122334455");
        if production && !jane {
            return Err(Reply::from("Only Jane may deploy to production."));
        }
        Ok(())
    });
    let bot = Bot::builder()
        .secret(SECRET)
        .command("deploy", Deploy.guard(production_needs_jane))
        .function(
            "approve",
            (|_cx: Context, _f: FunctionCallback| async { Ok::<_, Err>("approved") })
                .guard(allow_users(["1122334455"]).refusal("Approvers only.")),
        )
        .build()
        .expect("valid bot");
    let bot = support::start(bot).await;
    let url = bot.url("/cliq");
    let staging = post_signed(&url, &support::command("/deploy", "staging")).await;
    assert_eq!(staging.json["text"], "deploying staging");
    let production = post_signed(&url, &support::command("/deploy", "production")).await;
    assert_eq!(
        production.json["text"],
        "Only Jane may deploy to production."
    );
    let jane = serde_json::json!({
        "command": "/deploy", "arguments": "production",
        "user": {"id": "1122334455", "name": "Jane Roe"},
        "channel": {"id": "CT_1", "name": "ops"}
    });
    let answer = post_signed(&url, &jane.to_string()).await;
    assert_eq!(answer.json["text"], "deploying production");
    let click = post_signed(&url, &support::click("approve", "1")).await;
    assert_eq!(click.json["text"], "Approvers only.");
    bot.stop().await;
}

#[tokio::test]
async fn fallbacks_catch_unknown_commands_and_functions() {
    let bot = Bot::builder()
        .secret(SECRET)
        .command_fallback(|_cx: Context, cmd: CommandCallback| async move {
            Ok::<_, Err>(format!("no such command: {}", cmd.command))
        })
        .function_fallback(|_cx: Context, f: FunctionCallback| async move {
            Ok::<_, Err>(format!("no such function: {}", f.name))
        })
        .build()
        .expect("valid bot");
    let bot = support::start(bot).await;
    let answer = post_signed(&bot.url("/cliq"), &support::command("/weather", "")).await;
    assert_eq!(answer.json["text"], "no such command: /weather");
    let answer = post_signed(
        &bot.url("/cliq"),
        &support::fixture("function-approve.json"),
    )
    .await;
    assert_eq!(answer.json["text"], "no such function: approve_pr");
    bot.stop().await;
}

#[test]
fn build_refuses_bad_configurations_and_says_which() {
    let ok = |_cx: Context, _c: CommandCallback| async { Ok::<(), Err>(()) };
    let cases: Vec<(Result<Bot, BuildError>, BuildError)> = vec![
        (Bot::builder().build(), BuildError::NoSecret),
        (
            Bot::builder().secret("").build(),
            BuildError::EmptySecret { index: 0 },
        ),
        (
            Bot::builder().secrets(["a", ""]).build(),
            BuildError::EmptySecret { index: 1 },
        ),
        (
            Bot::builder()
                .secret("s")
                .command("deploy", ok)
                .command("/Deploy", ok)
                .build(),
            BuildError::DuplicateCommand("/Deploy".into()),
        ),
        (
            Bot::builder()
                .secret("s")
                .function("f", |_cx: Context, _f: FunctionCallback| async {
                    Ok::<(), Err>(())
                })
                .function("f", |_cx: Context, _f: FunctionCallback| async {
                    Ok::<(), Err>(())
                })
                .build(),
            BuildError::DuplicateFunction("f".into()),
        ),
        (
            Bot::builder()
                .secret("s")
                .on_message(|_cx: Context, _m: MessageEvent| async { Ok::<(), Err>(()) })
                .on_message(|_cx: Context, _m: MessageEvent| async { Ok::<(), Err>(()) })
                .build(),
            BuildError::DuplicateEvent("message.created"),
        ),
        (
            Bot::builder().secret("s").path("cliq").build(),
            BuildError::InvalidPath("cliq".into()),
        ),
        (
            Bot::builder().secret("s").command("/", ok).build(),
            BuildError::EmptyName { kind: "command" },
        ),
    ];
    for (result, expected) in cases {
        assert_eq!(result.err(), Some(expected.clone()), "{expected}");
    }
}
