//! Files: upload (`POST /files`, multipart) and post a message carrying
//! an uploaded file.

use bytes::Bytes;
use cliq_events::rest::{File, PostedMessage};
use cliq_events::{Attachment, ChannelId, Message};
use reqwest::Method;

use crate::call::Call;
use crate::client::Client;
use crate::error::Error;

/// The file endpoints; from [`Client::files`].
#[derive(Clone, Copy, Debug)]
pub struct Files<'a> {
    client: &'a Client,
}

impl<'a> Files<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Self { client }
    }

    /// Uploads a file as the `file` part of a multipart form:
    /// `POST /files`. Attach the result to a message with
    /// [`File::to_attachment`] or [`send_to_channel`](Self::send_to_channel).
    ///
    /// # Errors
    /// Any [`Error`] of a call.
    pub async fn upload(
        &self,
        file_name: impl Into<String>,
        contents: impl Into<Bytes>,
    ) -> Result<File, Error> {
        let call = Call::new(Method::POST, self.client.url(&["files"]))
            .file(file_name.into(), contents.into());
        self.client.data(call).await
    }

    /// Posts `message` in a channel with an uploaded `file` attached after
    /// the message's own attachments.
    ///
    /// # Errors
    /// [`ErrorKind::Decode`](crate::ErrorKind::Decode) when `file` has no id
    /// (the upload's answer lacked one);
    /// [`ErrorKind::Validation`](crate::ErrorKind::Validation) for a message
    /// over a limit; any [`Error`] of a call.
    pub async fn send_to_channel(
        &self,
        channel: &ChannelId,
        message: &Message,
        file: &File,
    ) -> Result<PostedMessage, Error> {
        let attachment = file
            .to_attachment()
            .ok_or_else(|| Error::decode("the uploaded file has no id"))?;
        let message = with_attachment(message, attachment)?;
        self.client.messages().send(channel, &message).await
    }
}

/// `message` with one more attachment.
fn with_attachment(message: &Message, attachment: Attachment) -> Result<Message, Error> {
    let mut builder = Message::builder(message.body());
    if let Some(card) = message.card() {
        builder = builder.card(card.clone());
    }
    if let Some(bot) = message.bot() {
        builder = builder.bot(bot.clone());
    }
    for earlier in message.attachments() {
        builder = builder.attachment(earlier.clone());
    }
    Ok(builder.attachment(attachment).build()?)
}

#[cfg(test)]
mod tests {
    use cliq_events::{BotProfile, Card, Section};

    use super::*;

    #[test]
    fn attachments_are_appended_and_the_rest_kept() -> Result<(), Error> {
        let card = Card::builder()
            .title("Report")
            .section(Section::new(1).text("q3"));
        let message = Message::builder("see attached")
            .card(card)
            .bot(BotProfile::new("Reporter"))
            .attachment(Attachment::new("FILE_1"))
            .build()?;
        let sent = with_attachment(&message, Attachment::new("FILE_2").name("q3.pdf"))?;
        assert_eq!(sent.body(), message.body());
        assert_eq!(sent.card(), message.card());
        assert_eq!(sent.bot(), message.bot());
        let ids: Vec<&str> = sent
            .attachments()
            .iter()
            .map(|a| a.file_id.as_str())
            .collect();
        assert_eq!(ids, ["FILE_1", "FILE_2"]);
        Ok(())
    }
}
