//! Users and the organization.
//!
//! Where the reference is silent: `GET /users` matches `query` against the
//! display, first and last names and the e-mail address, case-insensitively,
//! as a substring; no `query` (or an empty one) lists everyone. `limit`
//! defaults to 20 and is clamped to 1–100; there is no `next_token`, but
//! `has_more` tells whether users were left out. The organization's
//! `member_count` is its number of users.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::routing::get;
use cliq_events::envelope::ListInfo;
use cliq_events::rest::User;
use serde::Deserialize;

use crate::respond::{self, ApiError, ApiResult};
use crate::state::Shared;

const DEFAULT_LIMIT: u32 = 20;
const MAX_LIMIT: u32 = 100;

pub(super) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/users", get(search))
        .route("/users/me", get(me))
        .route("/users/{user_id}", get(get_one))
        .route("/organization", get(organization))
}

/// The query of `GET /users`, with `query` optional.
#[derive(Debug, Deserialize)]
struct Search {
    #[serde(default)]
    query: Option<String>,
    #[serde(default)]
    limit: Option<u32>,
}

fn matches(user: &User, needle: &str) -> bool {
    [
        user.display_name.as_deref(),
        user.first_name.as_deref(),
        user.last_name.as_deref(),
        user.email.as_deref(),
    ]
    .into_iter()
    .flatten()
    .any(|field| field.to_lowercase().contains(needle))
}

async fn search(State(shared): State<Arc<Shared>>, Query(search): Query<Search>) -> ApiResult {
    let limit = search.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT) as usize;
    let needle = search.query.unwrap_or_default().trim().to_lowercase();
    let store = shared.store();
    let found: Vec<&User> = store
        .users
        .iter()
        .filter(|user| matches(user, &needle))
        .collect();
    let info = ListInfo {
        has_more: found.len() > limit,
        next_token: None,
    };
    let page = found.into_iter().take(limit).cloned().collect();
    respond::list(page, info)
}

async fn me(State(shared): State<Arc<Shared>>) -> ApiResult {
    respond::ok(shared.store().me())
}

async fn get_one(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> ApiResult {
    let store = shared.store();
    respond::ok(store.user(&id).ok_or_else(ApiError::no_user)?)
}

async fn organization(State(shared): State<Arc<Shared>>) -> ApiResult {
    respond::ok(&shared.store().organization)
}
