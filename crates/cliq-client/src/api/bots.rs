//! Bots: create, list, update, delete, and post through a bot's webhook.

use cliq_events::envelope::ListResponse;
use cliq_events::rest::{Bot, CreateBot, UpdateBot};
use cliq_events::{BotId, Message};
use futures_core::Stream;
use reqwest::Method;

use crate::api::webhooks::webhook_call;
use crate::call::Call;
use crate::client::Client;
use crate::error::Error;
use crate::pagination;

/// The bot endpoints; from [`Client::bots`].
#[derive(Clone, Copy, Debug)]
pub struct Bots<'a> {
    client: &'a Client,
}

impl<'a> Bots<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Self { client }
    }

    /// Creates a bot: `POST /bots`. Its [`Bot::webhook_url`] posts as the
    /// bot without a token; see [`send_via_webhook`](Self::send_via_webhook).
    ///
    /// # Errors
    /// Any [`Error`] of a call.
    pub async fn create(&self, bot: &CreateBot) -> Result<Bot, Error> {
        let call = Call::new(Method::POST, self.client.url(&["bots"])).json(bot)?;
        self.client.data(call).await
    }

    /// One page of bots: `GET /bots`.
    ///
    /// # Errors
    /// Any [`Error`] of a call.
    pub async fn list(&self) -> Result<ListResponse<Bot>, Error> {
        let call = Call::new(Method::GET, self.client.url(&["bots"]));
        self.client.list(&call).await
    }

    /// Every bot, page after page as the stream is polled. The stream ends
    /// after the first error.
    pub fn list_all(&self) -> impl Stream<Item = Result<Bot, Error>> + Send + 'static {
        let call = Call::new(Method::GET, self.client.url(&["bots"]));
        pagination::items(self.client, Ok(call))
    }

    /// Renames a bot or replaces its description: `PUT /bots/{bot_id}`.
    ///
    /// # Errors
    /// [`ErrorCode::BotNotFound`](cliq_events::ErrorCode::BotNotFound) when
    /// there is no such bot; any [`Error`] of a call.
    pub async fn update(&self, bot: &BotId, update: &UpdateBot) -> Result<Bot, Error> {
        let url = self.client.url(&["bots", bot.as_str()]);
        self.client
            .data(Call::new(Method::PUT, url).json(update)?)
            .await
    }

    /// Deletes a bot: `DELETE /bots/{bot_id}`.
    ///
    /// # Errors
    /// Any [`Error`] of a call.
    pub async fn delete(&self, bot: &BotId) -> Result<(), Error> {
        let url = self.client.url(&["bots", bot.as_str()]);
        self.client.unit(Call::new(Method::DELETE, url)).await
    }

    /// Posts a message as a bot through its webhook URL
    /// ([`Bot::webhook_url`]). The URL is the credential: no access token is
    /// sent, and the URL is never logged nor put in an error.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidUrl`](crate::ErrorKind::InvalidUrl) or
    /// [`ErrorKind::Validation`](crate::ErrorKind::Validation) before any
    /// request; any [`Error`] of a call.
    pub async fn send_via_webhook(
        &self,
        webhook_url: &str,
        message: &Message,
    ) -> Result<(), Error> {
        self.client.unit(webhook_call(webhook_url, message)?).await
    }
}
