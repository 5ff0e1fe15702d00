//! Channels: list, get, create, update, delete, add and remove members.
//!
//! Where the reference is silent:
//! - lists are in creation order; `limit` defaults to 20 and is clamped to
//!   1–50; `next_token` is opaque (it names the last channel returned, so
//!   deleting channels between pages skips none) and a malformed one is
//!   `400 INVALID_REQUEST`;
//! - members are given by e-mail; an address of no user of the organization
//!   is still added (as an invitation would be) and counted in `member_count`;
//!   the creator is always a member;
//! - adding members answers `200` with the updated channel; removing one
//!   answers `204`, also when the user was not a member, and
//!   `404 INVALID_USER` when the id is neither a user nor a member;
//! - deleting a channel deletes its messages.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::routing::{delete, get, post};
use bytes::Bytes;
use cliq_events::envelope::ListInfo;
use cliq_events::rest::{
    AddMembers, Channel, ChannelTypeFilter, CreateChannel, ListChannels, UpdateChannel,
};
use cliq_events::{ChannelId, Timestamp, UserRef};

use crate::outgoing::{channel_created, member_event};
use crate::respond::{self, ApiError, ApiResult, parse_json};
use crate::seed;
use crate::state::{ChannelRecord, Shared, Store, display_name};

pub(super) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/channels", get(list).post(create))
        .route(
            "/channels/{channel_id}",
            get(get_one).put(update).delete(remove),
        )
        .route("/channels/{channel_id}/members", post(add_members))
        .route(
            "/channels/{channel_id}/members/{user_id}",
            delete(remove_member),
        )
}

const TOKEN_PREFIX: &str = "nt_";

fn next_token(seq: u64) -> String {
    format!("{TOKEN_PREFIX}{seq:x}")
}

fn parse_next_token(token: &str) -> Result<u64, ApiError> {
    token
        .strip_prefix(TOKEN_PREFIX)
        .and_then(|hex| u64::from_str_radix(hex, 16).ok())
        .ok_or_else(|| ApiError::invalid("next_token is not a token this API issued"))
}

async fn list(State(shared): State<Arc<Shared>>, Query(query): Query<ListChannels>) -> ApiResult {
    let limit = query
        .limit
        .unwrap_or(ListChannels::DEFAULT_LIMIT)
        .clamp(1, ListChannels::MAX_LIMIT) as usize;
    let after = query
        .next_token
        .as_deref()
        .map(parse_next_token)
        .transpose()?;
    let store = shared.store();
    let mut matching = store
        .channels
        .iter()
        .filter(|c| after.is_none_or(|after| c.seq > after))
        .filter(|c| {
            let private = c.channel.is_private.unwrap_or(false);
            match query.channel_type {
                None => true,
                Some(ChannelTypeFilter::Public) => !private,
                Some(ChannelTypeFilter::Private) => private,
            }
        });
    let page: Vec<&ChannelRecord> = matching.by_ref().take(limit).collect();
    let has_more = matching.next().is_some();
    let info = ListInfo {
        has_more,
        next_token: page.last().filter(|_| has_more).map(|c| next_token(c.seq)),
    };
    respond::list(page.into_iter().map(|c| c.channel.clone()).collect(), info)
}

async fn get_one(State(shared): State<Arc<Shared>>, Path(id): Path<ChannelId>) -> ApiResult {
    let store = shared.store();
    let record = store.channel(&id).ok_or_else(ApiError::no_channel)?;
    respond::ok(&record.channel)
}

async fn create(State(shared): State<Arc<Shared>>, body: Bytes) -> ApiResult {
    let request: CreateChannel = parse_json(&body)?;
    respond::created(shared.create_channel(request)?)
}

impl Shared {
    /// Creates a channel and announces `channel.created`.
    pub(crate) fn create_channel(
        self: &Arc<Self>,
        request: CreateChannel,
    ) -> Result<Channel, ApiError> {
        let name = request.name.trim();
        if name.is_empty() {
            return Err(ApiError::invalid("name must not be empty"));
        }
        let mut store = self.store();
        let (seq, id) = store.next_id("CT_");
        let me = store.me().clone();
        let mut channel = seed::channel(&ChannelId::new(id), name, &me);
        channel.description = request.description;
        channel.is_private = Some(request.is_private.unwrap_or(false));
        let mut record = ChannelRecord {
            seq,
            channel,
            members: Vec::new(),
        };
        record.add_member(me.id.to_string());
        for email in &request.members {
            record.add_member(member_key(&store, email));
        }
        let channel = record.channel.clone();
        store.channels.push(record);
        let urls = store.subscribers("channel.created", &channel.id);
        drop(store);
        let creator = UserRef::new(me.id.clone(), display_name(&me));
        self.emit(urls, &channel_created(&channel, creator));
        Ok(channel)
    }
}

/// A user's id when the address is a user's, else the address itself.
fn member_key(store: &Store, email: &str) -> String {
    store
        .user_by_email(email)
        .map_or_else(|| email.to_owned(), |user| user.id.to_string())
}

/// A member as events carry one.
fn member_ref(store: &Store, key: &str) -> UserRef {
    match store.user(key) {
        Some(user) => UserRef {
            email: user.email.clone(),
            ..UserRef::new(user.id.clone(), display_name(user))
        },
        None => UserRef::new(key, key),
    }
}

async fn update(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult {
    let request: UpdateChannel = parse_json(&body)?;
    let mut store = shared.store();
    let record = store.channel_mut(&id).ok_or_else(ApiError::no_channel)?;
    if let Some(name) = request.name {
        let name = name.trim();
        if name.is_empty() {
            return Err(ApiError::invalid("name must not be empty"));
        }
        record.channel.name = name.to_owned();
    }
    if let Some(description) = request.description {
        record.channel.description = Some(description);
    }
    record.channel.modified_time = Some(Timestamp::now());
    respond::ok(&record.channel)
}

async fn remove(State(shared): State<Arc<Shared>>, Path(id): Path<ChannelId>) -> ApiResult {
    let mut store = shared.store();
    let before = store.channels.len();
    store.channels.retain(|c| c.channel.id != id);
    if store.channels.len() == before {
        return Err(ApiError::no_channel());
    }
    store
        .messages
        .retain(|m| m.posted.channel_id.as_ref() != Some(&id));
    respond::no_content()
}

async fn add_members(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult {
    let request: AddMembers = parse_json(&body)?;
    if request.members.is_empty() {
        return Err(ApiError::invalid("members must not be empty"));
    }
    let mut store = shared.store();
    let keys: Vec<String> = request
        .members
        .iter()
        .map(|email| member_key(&store, email))
        .collect();
    let record = store.channel_mut(&id).ok_or_else(ApiError::no_channel)?;
    let added: Vec<String> = keys
        .into_iter()
        .filter(|key| record.add_member(key.clone()))
        .collect();
    record.channel.modified_time = Some(Timestamp::now());
    let channel = record.channel.clone();
    let urls = store.subscribers("channel.member.added", &channel.id);
    let members: Vec<UserRef> = added.iter().map(|key| member_ref(&store, key)).collect();
    drop(store);
    for member in members {
        shared.emit(urls.clone(), &member_event(true, &channel, member));
    }
    respond::ok(channel)
}

async fn remove_member(
    State(shared): State<Arc<Shared>>,
    Path((id, user_id)): Path<(String, String)>,
) -> ApiResult {
    let mut store = shared.store();
    let is_user = store.user(&user_id).is_some();
    let member = member_ref(&store, &user_id);
    let record = store.channel_mut(&id).ok_or_else(ApiError::no_channel)?;
    let removed = record.remove_member(&user_id);
    if !removed && !is_user {
        return Err(ApiError::no_user());
    }
    let channel = record.channel.clone();
    let urls = store.subscribers("channel.member.removed", &channel.id);
    drop(store);
    if removed {
        shared.emit(urls, &member_event(false, &channel, member));
    }
    respond::no_content()
}
