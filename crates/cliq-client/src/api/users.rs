//! Users: the caller, search, and one user by id.

use cliq_events::UserId;
use cliq_events::envelope::ListResponse;
use cliq_events::rest::{SearchUsers, User};
use futures_core::Stream;
use reqwest::Method;

use crate::call::Call;
use crate::client::Client;
use crate::error::Error;
use crate::pagination;

/// The user endpoints; from [`Client::users`].
#[derive(Clone, Copy, Debug)]
pub struct Users<'a> {
    client: &'a Client,
}

impl<'a> Users<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Self { client }
    }

    /// The user the token belongs to: `GET /users/me`.
    ///
    /// # Errors
    /// Any [`Error`] of a call.
    pub async fn me(&self) -> Result<User, Error> {
        let url = self.client.url(&["users", "me"]);
        self.client.data(Call::new(Method::GET, url)).await
    }

    /// One page of users matching a search term: `GET /users`.
    ///
    /// # Errors
    /// Any [`Error`] of a call.
    pub async fn search(&self, query: &SearchUsers) -> Result<ListResponse<User>, Error> {
        let call = Call::new(Method::GET, self.client.url(&["users"])).query(query)?;
        self.client.list(&call).await
    }

    /// Every user matching a search term, page after page as the stream is
    /// polled. The stream ends after the first error.
    pub fn search_all(
        &self,
        query: &SearchUsers,
    ) -> impl Stream<Item = Result<User, Error>> + Send + 'static {
        let call = Call::new(Method::GET, self.client.url(&["users"])).query(query);
        pagination::items(self.client, call)
    }

    /// One user: `GET /users/{user_id}`.
    ///
    /// # Errors
    /// [`ErrorCode::InvalidUser`](cliq_events::ErrorCode::InvalidUser) when
    /// there is no such user; any [`Error`] of a call.
    pub async fn get(&self, user: &UserId) -> Result<User, Error> {
        let url = self.client.url(&["users", user.as_str()]);
        self.client.data(Call::new(Method::GET, url)).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_paths_keep_ids_as_one_segment() -> Result<(), Error> {
        let client = Client::builder().access_token("t").build()?;
        let cases = [
            (["users", "me"], "https://cliq.zoho.com/api/v2/users/me"),
            (
                ["users", "98/76"],
                "https://cliq.zoho.com/api/v2/users/98%2F76",
            ),
            (["users", "a?b"], "https://cliq.zoho.com/api/v2/users/a%3Fb"),
        ];
        for (segments, expected) in cases {
            assert_eq!(client.url(&segments).as_str(), expected);
        }
        Ok(())
    }
}
