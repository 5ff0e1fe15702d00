//! A test kit for Zoho Cliq bots: send your bot signed callbacks in
//! process, assert on typed replies, control its clock, and see what it
//! posted to an emulated Cliq.
//!
//! # Quick start
//!
//! ```
//! use cliq_bot::events::{CommandCallback, FunctionCallback};
//! use cliq_bot::{Bot, Button, Card, Context, Message};
//! use cliq_test::TestKit;
//!
//! type Error = Box<dyn std::error::Error + Send + Sync>;
//!
//! async fn deploy(_cx: Context, cmd: CommandCallback) -> Result<Message, Error> {
//!     let card = Card::builder()
//!         .title("Deploy?")
//!         .button(Button::invoke_function("Approve", "approve", cmd.arguments()));
//!     Ok(Message::builder(format!("Deploy {}?", cmd.arguments())).card(card).build()?)
//! }
//!
//! async fn approve(_cx: Context, click: FunctionCallback) -> Result<String, Error> {
//!     Ok(format!("Deploying {}", click.button.id))
//! }
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let kit = TestKit::new(|kit| {
//!     kit.apply(Bot::builder()).command("deploy", deploy).function("approve", approve).build()
//! })?;
//!
//! let reply = kit.command("/deploy production").user("Jane").await?;
//! assert_eq!(reply.expect_card().title(), Some("Deploy?"));
//! let started = kit.press(reply.expect_button("Approve")).await?;
//! assert_eq!(started.expect_text(), "Deploying production");
//!
//! kit.message("hello").await?.expect_received(); // no event handler: still 200
//! kit.command("/nope").await?.expect_error("UNKNOWN_COMMAND");
//! # Ok(()) }
//! ```
//!
//! # The bot under test
//!
//! [`TestKit::new`] takes a closure that builds your bot from the kit's
//! [`Setup`]; [`Setup::apply`] puts the kit's secret, signature scheme,
//! clock, extension public key and (with an emulator) outbound client on
//! your `BotBuilder`. Bots configured from `CLIQ_*` take
//! [`Setup::env_config`]. [`TestKit::builder`] chooses the timestamped
//! scheme, an emulator, a start time or the default user and channel.
//!
//! The kit serves the bot's own router ([`Bot::into_router`](cliq_bot::Bot::into_router))
//! through `tower::ServiceExt::oneshot`: no socket, the real verification,
//! parsing, routing, deadlines and reply checks.
//!
//! # Sending callbacks
//!
//! Each builder has defaults for everything (John Doe in Development, fresh
//! message ids, the kit's time) and is sent by `.await`, which gives
//! `Result<`[`Reply`]`, `[`KitError`]`>`: a refusal by the bot is a reply,
//! an error only means the kit could not send.
//!
//! | callback | builder |
//! |---|---|
//! | slash command | [`kit.command("/deploy production")`](TestKit::command) |
//! | button click | [`kit.click("approve", "42")`](TestKit::click), [`kit.press(&button)`](TestKit::press) |
//! | events | [`message`](TestKit::message), [`mention`](TestKit::mention), [`bot_mention`](TestKit::bot_mention), [`member_added`](TestKit::member_added), [`member_removed`](TestKit::member_removed), [`channel_created`](TestKit::channel_created), [`unknown_event`](TestKit::unknown_event), any [`event`](TestKit::event) |
//! | native dialect | [`native_command`](TestKit::native_command), [`native_click`](TestKit::native_click), any [`native`](TestKit::native) call ([`fixtures::native`]) |
//! | anything else | [`kit.post(body)`](TestKit::post) with path, method, content type, headers |
//!
//! Every builder takes `.signed_at(time)`, `.unsigned()` and
//! `.signed_with(other_secret)`; command, click and event builders take
//! `.user(name)` and `.channel(name)`. [`fixtures`] holds the canonical
//! payload of every kind.
//!
//! # Time
//!
//! The bot reads the kit's [`ManualClock`]: de-duplication windows and the
//! timestamped scheme's tolerance move only with [`TestKit::advance`] and
//! [`TestKit::set_time`]. A request signed at [`TestKit::now`] and sent
//! after `advance(Duration::from_secs(301))` is `STALE_TIMESTAMP`; the same
//! event sent twice is a duplicate until the window has passed. Under the
//! timestamped scheme an identical request in the same second is
//! `REPLAYED_REQUEST`, as the contract says.
//!
//! # Deadlines
//!
//! Handler deadlines and `sleep`s run on tokio's clock, not the kit's: test
//! them with `#[tokio::test(start_paused = true)]`, where time jumps
//! whenever every task waits (the kit uses no socket, so this works — but
//! not with an emulator, whose HTTP would see time jump too).
//!
//! # What the bot sends
//!
//! [`TestKit::with_emulator`] starts a [`cliq_emulator::Emulator`] on
//! `127.0.0.1:0` and gives the bot a client pointed at it;
//! [`TestKit::sent_to`] and [`TestKit::sent_containing`] show what it
//! posted. Await [`TestKit::settle`] first: it waits for the background
//! work handlers started.
//!
//! # Failures
//!
//! [`Reply::expect_ok`], [`Reply::expect_error`] and the other `expect_*`
//! assertions say what came instead (`401 INVALID_SIGNATURE: …`);
//! [`Reply::assert_card`] shows a line diff of both cards rendered as text
//! ([`render_card`], [`card_diff`]).

#[macro_use]
mod sign;
mod call;
mod card;
mod clock;
mod error;
pub mod fixtures;
mod kit;
mod people;
mod reply;
mod setup;

pub use call::event::EventCall;
pub use call::native::NativeCall;
pub use call::post::PostCall;
pub use call::{ClickCall, CommandCall, ReplyFuture};
pub use card::{card_diff, render_card};
pub use clock::ManualClock;
pub use error::{KitError, KitErrorKind};
pub use kit::TestKit;
pub use reply::{Reply, ReplyBody};
pub use setup::{Setup, TestKitBuilder, emulator_client};
