//! Messages: post to a channel or a user, read a channel's history, edit,
//! delete, react.
//!
//! Where the reference is silent:
//! - posting (checked as `post.rs` says) answers `201` with the stored
//!   message; messages sent with a token are from the token's user, whatever
//!   `bot` profile they carry;
//! - history is always in posting order, oldest first: without a cursor, the
//!   latest `limit` messages (default 20, clamped to 1–100); with `before`,
//!   the latest `limit` before it; with `after` alone, the first `limit` after
//!   it; `has_more` says whether messages were left out in the direction of
//!   travel. A cursor naming no message of the channel is `400 INVALID_REQUEST`;
//! - there is no permission model: any message may be edited or deleted; an
//!   unknown message is `404 NOT_FOUND`;
//! - a reaction answers `201` with the message; a user reacting twice with the
//!   same emoji is counted once.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{post, put};
use bytes::Bytes;
use cliq_events::envelope::ListInfo;
use cliq_events::rest::{AddReaction, EditMessage, ListMessages, PostedMessage, Reaction};
use cliq_events::{ChannelId, ErrorCode, Message, MessageId, Timestamp, UserId};

use super::Target;
use crate::respond::{self, ApiError, ApiResult, parse_json};
use crate::state::Shared;

pub(super) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route(
            "/channels/{channel_id}/messages",
            post(post_to_channel).get(history),
        )
        .route("/users/{user_id}/messages", post(post_to_user))
        .route("/messages/{message_id}", put(edit).delete(remove))
        .route("/messages/{message_id}/reactions", post(react))
}

fn no_message() -> ApiError {
    ApiError::not_found(ErrorCode::NotFound, "The specified message does not exist")
}

async fn post_to_channel(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<ChannelId>,
    body: Bytes,
) -> ApiResult {
    let message: Message = parse_json(&body)?;
    let sender = shared.store().me_as_sender();
    respond::created(shared.post_message(&Target::Channel(id), &message, sender)?)
}

async fn post_to_user(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<UserId>,
    body: Bytes,
) -> ApiResult {
    let message: Message = parse_json(&body)?;
    let sender = shared.store().me_as_sender();
    respond::created(shared.post_message(&Target::User(id), &message, sender)?)
}

async fn history(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<ChannelId>,
    Query(query): Query<ListMessages>,
) -> ApiResult {
    let limit = query
        .limit
        .unwrap_or(ListMessages::DEFAULT_LIMIT)
        .clamp(1, ListMessages::MAX_LIMIT) as usize;
    let store = shared.store();
    store.channel(&id).ok_or_else(ApiError::no_channel)?;
    let all: Vec<&PostedMessage> = store
        .messages
        .iter()
        .filter(|m| m.posted.channel_id.as_ref() == Some(&id))
        .map(|m| &m.posted)
        .collect();
    let position = |cursor: &MessageId| {
        all.iter()
            .position(|m| m.id == *cursor)
            .ok_or_else(|| ApiError::invalid(format!("`{cursor}` is no message of this channel")))
    };
    let start = query
        .after
        .as_ref()
        .map(&position)
        .transpose()?
        .map_or(0, |i| i + 1);
    let end = query
        .before
        .as_ref()
        .map(&position)
        .transpose()?
        .unwrap_or(all.len());
    let range = all.get(start..end).unwrap_or_default();
    let forward = query.after.is_some() && query.before.is_none();
    let page = if forward {
        &range[..range.len().min(limit)]
    } else {
        &range[range.len().saturating_sub(limit)..]
    };
    let info = ListInfo {
        has_more: range.len() > page.len(),
        next_token: None,
    };
    respond::list(page.iter().map(|m| (*m).clone()).collect(), info)
}

async fn edit(State(shared): State<Arc<Shared>>, Path(id): Path<String>, body: Bytes) -> ApiResult {
    let request: EditMessage = parse_json(&body)?;
    if request.text.is_empty() {
        return Err(ApiError::invalid("text must not be empty"));
    }
    Message::text(request.text.as_str())
        .map_err(|error| ApiError::new(StatusCode::BAD_REQUEST, error.code(), error.to_string()))?;
    let mut store = shared.store();
    let stored = store.message_mut(&id).ok_or_else(no_message)?;
    stored.posted.text = request.text;
    stored.posted.is_edited = true;
    stored.posted.edited_time = Some(Timestamp::now());
    respond::ok(&stored.posted)
}

async fn remove(State(shared): State<Arc<Shared>>, Path(id): Path<MessageId>) -> ApiResult {
    let mut store = shared.store();
    let before = store.messages.len();
    store.messages.retain(|m| m.posted.id != id);
    if store.messages.len() == before {
        return Err(no_message());
    }
    respond::no_content()
}

async fn react(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult {
    let request: AddReaction = parse_json(&body)?;
    if request.emoji.trim().is_empty() {
        return Err(ApiError::invalid("emoji must not be empty"));
    }
    let mut store = shared.store();
    let me = store.me().id.clone();
    let stored = store.message_mut(&id).ok_or_else(no_message)?;
    let reactions = &mut stored.posted.reactions;
    let index = match reactions.iter().position(|r| r.emoji == request.emoji) {
        Some(index) => index,
        None => {
            reactions.push(Reaction {
                emoji: request.emoji,
                count: 0,
                users: Vec::new(),
            });
            reactions.len() - 1
        }
    };
    let reaction = &mut reactions[index];
    if !reaction.users.contains(&me) {
        reaction.users.push(me);
        reaction.count = reaction.users.len() as u64;
    }
    respond::created(&stored.posted)
}
