//! Posting a message, whichever way it arrives: the REST API, a bot's or an
//! incoming webhook's URL, or a bot's reply to a callback.
//!
//! A message is checked with [`Message::validate`] (`400` with the broken
//! limit's code, such as `MESSAGE_TOO_LONG` or `INVALID_BUTTON`); one with no
//! text, no card and no attachment is `400 INVALID_REQUEST`, and so is an
//! attachment whose `file_id` names no uploaded file (a missing `name` is
//! filled from the file). An unknown channel is `404 INVALID_CHANNEL`, an
//! unknown user `404 INVALID_USER`; a direct message may name its recipient
//! by id or by e-mail address. A message stored in a channel is
//! announced to the outgoing webhooks as `message.created`.

use std::sync::Arc;

use axum::http::StatusCode;
use cliq_events::rest::{MessageSender, PostedMessage};
use cliq_events::{Attachment, ChannelId, Message, MessageId, Timestamp, UserId};

use crate::outgoing::message_created;
use crate::respond::ApiError;
use crate::state::{Shared, Store, StoredMessage};

/// Where a message goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// A channel.
    Channel(ChannelId),
    /// A direct message to a user.
    User(UserId),
}

impl Shared {
    /// Validates, stores and announces a message.
    pub(crate) fn post_message(
        self: &Arc<Self>,
        target: &Target,
        message: &Message,
        sender: MessageSender,
    ) -> Result<PostedMessage, ApiError> {
        message.validate().map_err(|error| {
            ApiError::new(StatusCode::BAD_REQUEST, error.code(), error.to_string())
        })?;
        if message.body().is_empty() && message.card().is_none() && message.attachments().is_empty()
        {
            return Err(ApiError::invalid(
                "a message needs text, a card or an attachment",
            ));
        }
        let mut store = self.store();
        let (channel, recipient) = match target {
            Target::Channel(id) => {
                let record = store.channel(id).ok_or_else(ApiError::no_channel)?;
                (Some(record.channel.clone()), None)
            }
            Target::User(id) => {
                let user = store
                    .user(id.as_str())
                    .or_else(|| store.user_by_email(id.as_str()))
                    .ok_or_else(ApiError::no_user)?;
                (None, Some(user.id.clone()))
            }
        };
        let attachments = resolve_attachments(&store, message)?;
        let (_, id) = store.next_id("MSG_");
        let posted = PostedMessage {
            id: MessageId::new(id),
            text: message.body().to_owned(),
            sender,
            channel_id: channel.as_ref().map(|c| c.id.clone()),
            time: Timestamp::now(),
            edited_time: None,
            is_edited: false,
            mentions: Vec::new(),
            attachments,
            reactions: Vec::new(),
            card: message.card().cloned(),
        };
        store.messages.push(StoredMessage {
            posted: posted.clone(),
            recipient,
        });
        let urls = channel
            .as_ref()
            .map(|c| store.subscribers("message.created", &c.id));
        drop(store);
        if let (Some(channel), Some(urls)) = (channel, urls) {
            self.emit(urls, &message_created(&posted, &channel));
        }
        Ok(posted)
    }
}

/// The message's attachments, each naming an uploaded file, names filled in.
fn resolve_attachments(store: &Store, message: &Message) -> Result<Vec<Attachment>, ApiError> {
    message
        .attachments()
        .iter()
        .map(|attachment| {
            let file = store
                .files
                .iter()
                .find(|f| f.file.id.as_ref() == Some(&attachment.file_id))
                .ok_or_else(|| {
                    ApiError::invalid(format!(
                        "attachment `{}` names no uploaded file",
                        attachment.file_id
                    ))
                })?;
            Ok(Attachment {
                file_id: attachment.file_id.clone(),
                name: attachment.name.clone().or_else(|| file.file.name.clone()),
            })
        })
        .collect()
}
