//! Write Zoho Cliq bots in Rust.

#[doc(inline)]
pub use cliq_bot as bot;
#[doc(inline)]
pub use cliq_events as events;
