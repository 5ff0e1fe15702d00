//! Webhooks: create incoming and outgoing ones, and post to an incoming
//! webhook's URL.

use cliq_events::Message;
use cliq_events::rest::{
    CreateIncomingWebhook, CreateOutgoingWebhook, IncomingWebhook, OutgoingWebhook,
};
use reqwest::{Method, Url};
use serde::Serialize;

use crate::call::Call;
use crate::client::Client;
use crate::error::{Error, ErrorKind};

/// The webhook endpoints; from [`Client::webhooks`].
#[derive(Clone, Copy, Debug)]
pub struct Webhooks<'a> {
    client: &'a Client,
}

impl<'a> Webhooks<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Self { client }
    }

    /// Creates a webhook that posts to a channel: `POST /webhooks/incoming`.
    /// Its [`IncomingWebhook::url`] needs no token; post to it with
    /// [`send_to_incoming`](Self::send_to_incoming).
    ///
    /// # Errors
    /// Any [`Error`] of a call.
    pub async fn create_incoming(
        &self,
        webhook: &CreateIncomingWebhook,
    ) -> Result<IncomingWebhook, Error> {
        let url = self.client.url(&["webhooks", "incoming"]);
        self.client
            .data(Call::new(Method::POST, url).json(webhook)?)
            .await
    }

    /// Subscribes a URL of yours to events: `POST /webhooks/outgoing`.
    ///
    /// # Errors
    /// Any [`Error`] of a call.
    pub async fn create_outgoing(
        &self,
        webhook: &CreateOutgoingWebhook,
    ) -> Result<OutgoingWebhook, Error> {
        let url = self.client.url(&["webhooks", "outgoing"]);
        self.client
            .data(Call::new(Method::POST, url).json(webhook)?)
            .await
    }

    /// Posts a message to an incoming webhook's URL. The URL is the
    /// credential: no access token is sent, and the URL is never logged nor
    /// put in an error.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidUrl`] when `url` is not an absolute `http(s)` URL,
    /// [`ErrorKind::Validation`] for a message over a limit (in neither case
    /// is a request made); any [`Error`] of a call.
    pub async fn send_to_incoming(&self, url: &str, message: &Message) -> Result<(), Error> {
        self.client.unit(webhook_call(url, message)?).await
    }
}

/// A tokenless `POST` of a validated message to a webhook URL.
pub(crate) fn webhook_call(url: &str, message: &Message) -> Result<Call, Error> {
    message.validate()?;
    tokenless_post(url, message)
}

/// A `POST` of `body` to a URL that is its own credential: no token is sent.
pub(crate) fn tokenless_post<T>(url: &str, body: &T) -> Result<Call, Error>
where
    T: Serialize + ?Sized,
{
    let url = Url::parse(url)
        .ok()
        .filter(|url| matches!(url.scheme(), "http" | "https") && url.has_host())
        .ok_or_else(|| Error::new(ErrorKind::InvalidUrl))?;
    Ok(Call::new(Method::POST, url).json(body)?.without_token())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webhook_calls_need_absolute_http_urls_and_carry_no_token() -> Result<(), Error> {
        let message = Message::text("hi")?;
        let cases = [
            (
                "https://cliq.zoho.com/api/v2/bots/b/incoming?zapikey=k",
                true,
            ),
            ("http://127.0.0.1:8080/hook", true),
            ("/api/v2/bots/b/incoming", false),
            ("ftp://cliq.zoho.com/x", false),
            ("not a url", false),
        ];
        for (url, ok) in cases {
            let call = webhook_call(url, &message);
            assert_eq!(call.is_ok(), ok, "{url}");
            if let Ok(call) = call {
                assert!(!call.authenticated);
                assert_eq!(call.log_target(), "<webhook>");
            }
        }
        Ok(())
    }

    #[test]
    fn invalid_messages_fail_before_the_url_is_read() -> Result<(), Error> {
        // A builder refuses such a message; one read from JSON can hold it.
        let json = serde_json::json!({ "text": "x".repeat(10_001) });
        let message: Message = serde_json::from_value(json).map_err(Error::decode)?;
        let error = webhook_call("not a url", &message).err();
        assert!(matches!(
            error.map(|e| e.kind().clone()),
            Some(ErrorKind::Validation(_))
        ));
        Ok(())
    }
}
