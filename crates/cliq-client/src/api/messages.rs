//! Messages: send to a channel or a user, read a channel's history, edit,
//! delete, react.

use cliq_events::envelope::ListResponse;
use cliq_events::message::limits;
use cliq_events::rest::{AddReaction, EditMessage, ListMessages, PostedMessage};
use cliq_events::{ChannelId, Message, MessageId, UserId, ValidationError};
use reqwest::Method;

use crate::call::Call;
use crate::client::Client;
use crate::error::Error;

/// The message endpoints; from [`Client::messages`].
///
/// Every message is checked with [`Message::validate`] before it leaves: one
/// that breaks a limit fails with
/// [`ErrorKind::Validation`](crate::ErrorKind::Validation) and no request is
/// made.
#[derive(Clone, Copy, Debug)]
pub struct Messages<'a> {
    client: &'a Client,
}

impl<'a> Messages<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Self { client }
    }

    /// Posts a message in a channel: `POST /channels/{channel_id}/messages`.
    ///
    /// Never sent twice: after a 5xx or a timeout the message may have been
    /// posted, so the call fails instead of retrying.
    ///
    /// # Errors
    /// [`ErrorKind::Validation`](crate::ErrorKind::Validation) for a message
    /// over a limit; any [`Error`] of a call.
    pub async fn send(
        &self,
        channel: &ChannelId,
        message: &Message,
    ) -> Result<PostedMessage, Error> {
        message.validate()?;
        let url = self.client.url(&["channels", channel.as_str(), "messages"]);
        self.client
            .data(Call::new(Method::POST, url).json(message)?)
            .await
    }

    /// Sends a direct message to a user: `POST /users/{user_id}/messages`.
    ///
    /// # Errors
    /// As [`send`](Self::send).
    pub async fn send_direct(
        &self,
        user: &UserId,
        message: &Message,
    ) -> Result<PostedMessage, Error> {
        message.validate()?;
        let url = self.client.url(&["users", user.as_str(), "messages"]);
        self.client
            .data(Call::new(Method::POST, url).json(message)?)
            .await
    }

    /// One page of a channel's history: `GET /channels/{channel_id}/messages`,
    /// narrowed with `before` and `after` message ids.
    ///
    /// # Errors
    /// Any [`Error`] of a call.
    pub async fn list(
        &self,
        channel: &ChannelId,
        query: &ListMessages,
    ) -> Result<ListResponse<PostedMessage>, Error> {
        let url = self.client.url(&["channels", channel.as_str(), "messages"]);
        self.client
            .list(&Call::new(Method::GET, url).query(query)?)
            .await
    }

    /// Replaces a message's text: `PUT /messages/{message_id}`.
    ///
    /// # Errors
    /// [`ErrorKind::Validation`](crate::ErrorKind::Validation) for a text over
    /// [`limits::MAX_TEXT_CHARS`]; any [`Error`] of a call.
    pub async fn edit(
        &self,
        message: &MessageId,
        edit: &EditMessage,
    ) -> Result<PostedMessage, Error> {
        check_text(&edit.text)?;
        let url = self.client.url(&["messages", message.as_str()]);
        self.client
            .data(Call::new(Method::PUT, url).json(edit)?)
            .await
    }

    /// Deletes a message: `DELETE /messages/{message_id}`.
    ///
    /// # Errors
    /// Any [`Error`] of a call.
    pub async fn delete(&self, message: &MessageId) -> Result<(), Error> {
        let url = self.client.url(&["messages", message.as_str()]);
        self.client.unit(Call::new(Method::DELETE, url)).await
    }

    /// Reacts to a message: `POST /messages/{message_id}/reactions`.
    ///
    /// # Errors
    /// Any [`Error`] of a call.
    pub async fn react(&self, message: &MessageId, reaction: &AddReaction) -> Result<(), Error> {
        let url = self
            .client
            .url(&["messages", message.as_str(), "reactions"]);
        self.client
            .unit(Call::new(Method::POST, url).json(reaction)?)
            .await
    }
}

/// The text limit of a message, for an edit (which is not a [`Message`]).
fn check_text(text: &str) -> Result<(), ValidationError> {
    // Counting stops one past the limit, so a huge text costs no more than a legal one.
    if text.chars().take(limits::MAX_TEXT_CHARS + 1).count() > limits::MAX_TEXT_CHARS {
        return Err(ValidationError::MessageTooLong {
            len: text.chars().count(),
            max: limits::MAX_TEXT_CHARS,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_obey_the_text_limit() {
        let cases = [
            (String::new(), true),
            ("é".repeat(limits::MAX_TEXT_CHARS), true),
            ("é".repeat(limits::MAX_TEXT_CHARS + 1), false),
        ];
        for (text, ok) in cases {
            assert_eq!(
                check_text(&text).is_ok(),
                ok,
                "{} chars",
                text.chars().count()
            );
        }
    }
}
