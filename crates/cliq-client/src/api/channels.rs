//! `/channels`: list, get, create, update, delete, add and remove members.

use cliq_events::envelope::ListResponse;
use cliq_events::rest::{AddMembers, Channel, CreateChannel, ListChannels, UpdateChannel};
use cliq_events::{ChannelId, UserId};
use futures_core::Stream;
use reqwest::Method;

use crate::call::Call;
use crate::client::Client;
use crate::error::Error;
use crate::pagination;

/// The channel endpoints; from [`Client::channels`].
#[derive(Clone, Copy, Debug)]
pub struct Channels<'a> {
    client: &'a Client,
}

impl<'a> Channels<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Self { client }
    }

    /// One page of channels: `GET /channels`. Pass the page's
    /// [`ListResponse::next_token`] back in the query for the next one, or
    /// use [`list_all`](Self::list_all).
    ///
    /// # Errors
    /// Any [`Error`] of a call.
    pub async fn list(&self, query: &ListChannels) -> Result<ListResponse<Channel>, Error> {
        let call = Call::new(Method::GET, self.client.url(&["channels"])).query(query)?;
        self.client.list(&call).await
    }

    /// Every channel the query selects, page after page as the stream is
    /// polled (the query's `limit` is the page size). The stream ends after
    /// the first error.
    pub fn list_all(
        &self,
        query: &ListChannels,
    ) -> impl Stream<Item = Result<Channel, Error>> + Send + 'static {
        let call = Call::new(Method::GET, self.client.url(&["channels"])).query(query);
        pagination::items(self.client, call)
    }

    /// One channel: `GET /channels/{channel_id}`.
    ///
    /// # Errors
    /// [`ErrorCode::InvalidChannel`](cliq_events::ErrorCode::InvalidChannel)
    /// when there is no such channel; any [`Error`] of a call.
    pub async fn get(&self, channel: &ChannelId) -> Result<Channel, Error> {
        let url = self.client.url(&["channels", channel.as_str()]);
        self.client.data(Call::new(Method::GET, url)).await
    }

    /// Creates a channel: `POST /channels`.
    ///
    /// # Errors
    /// Any [`Error`] of a call.
    pub async fn create(&self, channel: &CreateChannel) -> Result<Channel, Error> {
        let call = Call::new(Method::POST, self.client.url(&["channels"])).json(channel)?;
        self.client.data(call).await
    }

    /// Renames a channel or replaces its description:
    /// `PUT /channels/{channel_id}`.
    ///
    /// # Errors
    /// Any [`Error`] of a call.
    pub async fn update(
        &self,
        channel: &ChannelId,
        update: &UpdateChannel,
    ) -> Result<Channel, Error> {
        let url = self.client.url(&["channels", channel.as_str()]);
        self.client
            .data(Call::new(Method::PUT, url).json(update)?)
            .await
    }

    /// Deletes a channel: `DELETE /channels/{channel_id}`.
    ///
    /// # Errors
    /// Any [`Error`] of a call.
    pub async fn delete(&self, channel: &ChannelId) -> Result<(), Error> {
        let url = self.client.url(&["channels", channel.as_str()]);
        self.client.unit(Call::new(Method::DELETE, url)).await
    }

    /// Adds members by email address: `POST /channels/{channel_id}/members`.
    ///
    /// # Errors
    /// Any [`Error`] of a call.
    pub async fn add_members(
        &self,
        channel: &ChannelId,
        members: &AddMembers,
    ) -> Result<(), Error> {
        let url = self.client.url(&["channels", channel.as_str(), "members"]);
        self.client
            .unit(Call::new(Method::POST, url).json(members)?)
            .await
    }

    /// Removes a member: `DELETE /channels/{channel_id}/members/{user_id}`.
    ///
    /// # Errors
    /// Any [`Error`] of a call.
    pub async fn remove_member(&self, channel: &ChannelId, user: &UserId) -> Result<(), Error> {
        let segments = ["channels", channel.as_str(), "members", user.as_str()];
        self.client
            .unit(Call::new(Method::DELETE, self.client.url(&segments)))
            .await
    }
}
