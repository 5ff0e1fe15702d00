//! The endpoints, one handle per resource of the reference.

mod bots;
mod channels;
mod commands;
mod files;
mod messages;
mod organization;
mod respond;
mod users;
mod webhooks;

pub use bots::Bots;
pub use channels::Channels;
pub use commands::Commands;
pub use files::Files;
pub use messages::Messages;
pub use organization::Organizations;
pub use users::Users;
pub use webhooks::Webhooks;
