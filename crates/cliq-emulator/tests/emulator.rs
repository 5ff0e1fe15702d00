//! The emulator through its public API, over real HTTP on 127.0.0.1.

#[path = "emulator/auth.rs"]
mod auth;
#[path = "emulator/channels.rs"]
mod channels;
#[path = "emulator/deliver.rs"]
mod deliver;
#[path = "emulator/deploy_example.rs"]
mod deploy_example;
#[path = "emulator/faults.rs"]
mod faults;
#[path = "emulator/messages.rs"]
mod messages;
#[path = "emulator/native.rs"]
mod native;
#[path = "emulator/resources.rs"]
mod resources;
#[path = "emulator/support.rs"]
mod support;
#[path = "emulator/webhooks.rs"]
mod webhooks;
