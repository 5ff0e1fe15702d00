//! The gate every `/api/v2` call passes, in this order:
//!
//! 1. it is counted ([`Emulator::requests`](crate::Emulator::requests));
//! 2. the configured and injected latency is waited out;
//! 3. an injected fault, if one is queued, is spent: one that does not process
//!    the request answers now;
//! 4. the rate limiter counts the call, or answers `429 RATE_LIMIT_EXCEEDED`;
//! 5. the route runs (protected routes check the token first);
//! 6. a fault that processes the request replaces the route's answer.
//!
//! Every answer leaves with the `X-RateLimit-*` headers.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::extract::{MatchedPath, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use cliq_events::ErrorCode;

use crate::respond::ApiError;
use crate::state::Shared;

pub(crate) async fn api_gate(
    State(shared): State<Arc<Shared>>,
    request: Request,
    next: Next,
) -> Response {
    shared.requests.fetch_add(1, Ordering::SeqCst);
    // The route template, never the path: webhook URLs carry their token.
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("(unmatched)", MatchedPath::as_str)
        .to_owned();
    tracing::debug!(method = %request.method(), %route, "api call");
    let delay = shared.config.latency + shared.faults.latency();
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let fault = shared.faults.take();
    if let Some(fault) = fault.filter(|f| !f.after_processing) {
        tracing::debug!(%route, "answering with an injected fault");
        return fault.response(shared.limiter.peek());
    }
    let response = match shared.limiter.acquire() {
        Ok(quota) => {
            let mut response = next.run(request).await;
            quota.apply(response.headers_mut());
            response
        }
        Err(quota) => {
            let mut response = ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                ErrorCode::RateLimitExceeded,
                "API rate limit exceeded",
            )
            .into_response();
            quota.apply_exhausted(response.headers_mut());
            response
        }
    };
    match fault {
        Some(fault) => {
            tracing::debug!(%route, "processed, now answering with an injected fault");
            fault.response(shared.limiter.peek())
        }
        None => response,
    }
}
