//! The caller's organization: `GET /organization`.

use cliq_events::rest::Organization;
use reqwest::Method;

use crate::call::Call;
use crate::client::Client;
use crate::error::Error;

/// The organization endpoint; from [`Client::organization`].
#[derive(Clone, Copy, Debug)]
pub struct Organizations<'a> {
    client: &'a Client,
}

impl<'a> Organizations<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Self { client }
    }

    /// The organization the token belongs to: `GET /organization`.
    ///
    /// # Errors
    /// Any [`Error`] of a call.
    pub async fn get(&self) -> Result<Organization, Error> {
        let url = self.client.url(&["organization"]);
        self.client.data(Call::new(Method::GET, url)).await
    }
}
