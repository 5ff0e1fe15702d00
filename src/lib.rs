#![doc = include_str!("../README.md")]

#[doc(inline)]
pub use cliq_bot as bot;
#[doc(inline)]
pub use cliq_client as client;
#[doc(inline)]
pub use cliq_events as events;
