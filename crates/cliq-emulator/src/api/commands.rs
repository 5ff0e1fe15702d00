//! Slash commands: `POST /commands`, and `GET /commands` to list them.
//!
//! Where the reference is silent: creating answers `201` with the
//! [`Command`]; the name is stored without a leading `/` and must be
//! non-empty, and `callback_url` must be an absolute `http(s)` URL
//! (`400 INVALID_REQUEST`); names are unique, case-insensitively (a second
//! `deploy` is `400 INVALID_REQUEST`). A registered command can be run against
//! its callback URL with [`Emulator::run_command`](crate::Emulator::run_command).

use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::routing::get;
use bytes::Bytes;
use cliq_events::CommandId;
use cliq_events::envelope::ListInfo;
use cliq_events::rest::{Command, CreateCommand};

use super::is_http_url;
use crate::respond::{self, ApiError, ApiResult, parse_json};
use crate::state::Shared;

pub(super) fn routes() -> Router<Arc<Shared>> {
    Router::new().route("/commands", get(list).post(create))
}

async fn create(State(shared): State<Arc<Shared>>, body: Bytes) -> ApiResult {
    let request: CreateCommand = parse_json(&body)?;
    let name = request.name.trim().trim_start_matches('/');
    if name.is_empty() {
        return Err(ApiError::invalid("name must not be empty"));
    }
    if !is_http_url(&request.callback_url) {
        return Err(ApiError::invalid(
            "callback_url must be an absolute http(s) URL",
        ));
    }
    let mut store = shared.store();
    if store
        .commands
        .iter()
        .any(|c| c.name.eq_ignore_ascii_case(name))
    {
        return Err(ApiError::invalid(format!("a command `/{name}` exists")));
    }
    let (_, id) = store.next_id("CMD_");
    let command = Command {
        id: Some(CommandId::new(id)),
        name: name.to_owned(),
        description: request.description,
        hint: request.hint,
        callback_url: Some(request.callback_url),
    };
    store.commands.push(command.clone());
    respond::created(command)
}

async fn list(State(shared): State<Arc<Shared>>) -> ApiResult {
    let commands = shared.store().commands.clone();
    respond::list(commands, ListInfo::default())
}
