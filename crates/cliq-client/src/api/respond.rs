//! Late replies of the native dialect: a tokenless `POST` to a call's
//! `response_url`.

use serde::Serialize;

use crate::api::webhooks::tokenless_post;
use crate::client::Client;
use crate::error::Error;

impl Client {
    /// POSTs `body` (a native reply, `{"output": ...}`) to the
    /// `response_url` a native call carried. No token is sent; the URL is
    /// the credential. Like every POST, it is retried only when it cannot
    /// have reached the server, so a reply is never posted twice.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidUrl`](crate::ErrorKind::InvalidUrl) for a URL that is not absolute `http(s)`;
    /// otherwise as any call.
    pub async fn post_response<T>(&self, response_url: &str, body: &T) -> Result<(), Error>
    where
        T: Serialize + ?Sized,
    {
        self.unit(tokenless_post(response_url, body)?).await
    }
}
