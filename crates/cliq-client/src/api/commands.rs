//! Slash commands: `POST /commands`.

use cliq_events::rest::{Command, CreateCommand};
use reqwest::Method;

use crate::call::Call;
use crate::client::Client;
use crate::error::Error;

/// The command endpoint; from [`Client::commands`].
#[derive(Clone, Copy, Debug)]
pub struct Commands<'a> {
    client: &'a Client,
}

impl<'a> Commands<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Self { client }
    }

    /// Creates a slash command that calls your URL: `POST /commands`.
    ///
    /// # Errors
    /// Any [`Error`] of a call.
    pub async fn create(&self, command: &CreateCommand) -> Result<Command, Error> {
        let call = Call::new(Method::POST, self.client.url(&["commands"])).json(command)?;
        self.client.data(call).await
    }
}
