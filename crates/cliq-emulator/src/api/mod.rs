//! The routes of the REST API v2, one module per resource, and the router
//! that puts them together with the gate, the token check and the envelopes.

mod bots;
mod channels;
mod commands;
mod files;
mod messages;
mod post;
mod users;
mod webhooks;

use std::sync::Arc;

use axum::Router;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::post;

pub(crate) use post::Target;

use crate::auth::require_token;
use crate::gate::api_gate;
use crate::native;
use crate::oauth;
use crate::respond::{ensure_envelope, not_found};
use crate::state::Shared;

/// The whole server: `/api/v2/...`, `/oauth/v2/token`, and envelopes for
/// everything else.
pub(crate) fn router(shared: Arc<Shared>) -> Router {
    let protected = Router::new()
        .merge(channels::routes())
        .merge(messages::routes())
        .merge(bots::routes())
        .merge(webhooks::routes())
        .merge(users::routes())
        .merge(files::routes())
        .merge(commands::routes())
        .route_layer(from_fn_with_state(Arc::clone(&shared), require_token));
    // The webhook URLs and native response URLs are their own credential.
    let public = Router::new()
        .route("/bots/{bot_id}/incoming", post(bots::post_incoming))
        .route(
            "/channelsbynames/{channel_name}/messages/{token}",
            post(webhooks::post_incoming),
        )
        .route("/extensions/responses/{token}", post(native::post_response));
    let api = protected
        .merge(public)
        .fallback(not_found)
        .layer(from_fn_with_state(Arc::clone(&shared), api_gate));
    Router::new()
        .nest("/api/v2", api)
        .route("/oauth/v2/token", post(oauth::token))
        .fallback(not_found)
        .layer(from_fn(ensure_envelope))
        .with_state(shared)
}

/// An absolute `http(s)` URL with a host and no white space.
pub(crate) fn is_http_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    ["http://", "https://"]
        .iter()
        .filter_map(|scheme| lower.strip_prefix(scheme))
        .any(|rest| {
            !rest.is_empty() && !rest.starts_with('/') && !rest.contains(char::is_whitespace)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_absolute_http_urls() {
        let urls = [
            ("http://127.0.0.1:9/hook", true),
            ("HTTPS://example.com", true),
            ("https://", false),
            ("ftp://example.com", false),
            ("/relative", false),
            ("http:///x", false),
            ("http://exa mple.com", false),
        ];
        for (url, ok) in urls {
            assert_eq!(is_http_url(url), ok, "{url}");
        }
    }
}
