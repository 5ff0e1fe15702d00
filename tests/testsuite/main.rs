#![allow(missing_docs, clippy::unwrap_used, reason = "test binary")]
//! The receiver over real sockets: every row of the contract's error table,
//! both schemes, rotation, de-duplication, nesting, failing handlers,
//! overload, stalled connections and graceful shutdown.

mod connections;
mod contract;
mod delivery;
mod deploy_bot;
mod github_relay;
mod handlers;
mod native;
mod schemes;
mod support;
