//! Bots: create, list, update, delete, and the bot's webhook URL.
//!
//! Where the reference is silent:
//! - a bot's `webhook_url` is `{base}/api/v2/bots/{id}/incoming`; posting a
//!   message there needs no token and posts it **to the default channel**
//!   ("Development", `CT_1234567890`), from the bot: the sender's id is the
//!   bot's id and its name the message's `bot.name`, else the bot's name;
//! - that URL answers `201` with the stored message, and an unknown or
//!   deleted bot `404 BOT_NOT_FOUND`;
//! - an empty name is `400 INVALID_REQUEST`; the list is not paginated.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, State};
use axum::routing::{get, put};
use bytes::Bytes;
use cliq_events::envelope::ListInfo;
use cliq_events::rest::{Bot, BotStatus, CreateBot, MessageSender, UpdateBot};
use cliq_events::{BotId, ChannelId, ErrorCode, Message, Timestamp, UserId};

use super::Target;
use crate::respond::{self, ApiError, ApiResult, parse_json};
use crate::seed::DEFAULT_CHANNEL_ID;
use crate::state::Shared;

pub(super) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/bots", get(list).post(create))
        .route("/bots/{bot_id}", put(update).delete(remove))
}

fn no_bot() -> ApiError {
    ApiError::not_found(ErrorCode::BotNotFound, "Bot ID does not exist")
}

fn non_empty(name: &str) -> Result<&str, ApiError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(ApiError::invalid("name must not be empty"));
    }
    Ok(name)
}

impl Shared {
    /// Creates a bot.
    pub(crate) fn create_bot(&self, request: &CreateBot) -> Result<Bot, ApiError> {
        let name = non_empty(&request.name)?;
        let mut store = self.store();
        let (_, id) = store.next_id("BOT_");
        let now = Timestamp::now();
        let bot = Bot {
            webhook_url: Some(self.api_url(&format!("/bots/{id}/incoming"))),
            id: BotId::new(id),
            name: name.to_owned(),
            description: request.description.clone(),
            status: Some(BotStatus::Active),
            creator_id: Some(store.me().id.clone()),
            created_time: Some(now),
            modified_time: Some(now),
        };
        store.bots.push(bot.clone());
        Ok(bot)
    }
}

async fn create(State(shared): State<Arc<Shared>>, body: Bytes) -> ApiResult {
    let request: CreateBot = parse_json(&body)?;
    respond::created(shared.create_bot(&request)?)
}

async fn list(State(shared): State<Arc<Shared>>) -> ApiResult {
    let bots = shared.store().bots.clone();
    respond::list(bots, ListInfo::default())
}

async fn update(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<BotId>,
    body: Bytes,
) -> ApiResult {
    let request: UpdateBot = parse_json(&body)?;
    let name = request.name.as_deref().map(non_empty).transpose()?;
    let mut store = shared.store();
    let bot = store
        .bots
        .iter_mut()
        .find(|b| b.id == id)
        .ok_or_else(no_bot)?;
    if let Some(name) = name {
        bot.name = name.to_owned();
    }
    if let Some(description) = request.description {
        bot.description = Some(description);
    }
    bot.modified_time = Some(Timestamp::now());
    respond::ok(&*bot)
}

async fn remove(State(shared): State<Arc<Shared>>, Path(id): Path<BotId>) -> ApiResult {
    let mut store = shared.store();
    let before = store.bots.len();
    store.bots.retain(|b| b.id != id);
    if store.bots.len() == before {
        return Err(no_bot());
    }
    respond::no_content()
}

/// `POST {webhook_url}`: no token; posts to the default channel as the bot.
pub(super) async fn post_incoming(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<BotId>,
    body: Bytes,
) -> ApiResult {
    let bot = shared
        .store()
        .bots
        .iter()
        .find(|b| b.id == id)
        .cloned()
        .ok_or_else(no_bot)?;
    let message: Message = parse_json(&body)?;
    let sender = MessageSender {
        id: UserId::new(bot.id.as_str()),
        name: message
            .bot()
            .map_or(bot.name, |profile| profile.name.clone()),
        email: None,
    };
    let target = Target::Channel(ChannelId::new(DEFAULT_CHANNEL_ID));
    respond::created(shared.post_message(&target, &message, sender)?)
}
