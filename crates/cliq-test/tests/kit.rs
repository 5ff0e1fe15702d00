//! The kit's own tests: every callback kind and both dialects, both
//! signature schemes under the kit's clock, error envelopes and deadlines,
//! what the bot sends to the emulator, and the assertions' failure messages.

#[path = "kit/callbacks.rs"]
mod callbacks;
#[path = "kit/events.rs"]
mod events;
#[path = "kit/failures.rs"]
mod failures;
#[path = "kit/native.rs"]
mod native;
#[path = "kit/outbound.rs"]
mod outbound;
#[path = "kit/schemes.rs"]
mod schemes;
#[path = "kit/support.rs"]
mod support;
