//! The built `cliq` binary against the deploy-bot example, served in-process
//! on a loopback port: one test binary, a module per concern.

#[allow(
    dead_code,
    unreachable_pub,
    reason = "an example, included for its `builder`"
)]
#[path = "../../../examples/deploy_bot.rs"]
mod example;

#[path = "cli/exits.rs"]
mod exits;
#[path = "cli/native.rs"]
mod native;
#[path = "cli/send.rs"]
mod send;
#[path = "cli/sign.rs"]
mod sign;
#[path = "cli/support.rs"]
mod support;
