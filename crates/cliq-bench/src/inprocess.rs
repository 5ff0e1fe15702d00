//! Sending a request through a router in process, as the pipeline benchmarks
//! and the allocation count do (`tower::ServiceExt::oneshot`, no sockets).

use axum::Router;
use axum::body::Body;
use bytes::Bytes;
use http::{Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

/// Sends `request` through a clone of `router` and reads the whole answer.
///
/// # Errors
/// The answer's body cannot be read.
pub async fn send(
    router: &Router,
    request: Request<Body>,
) -> Result<(StatusCode, Bytes), axum::Error> {
    let Ok(response) = router.clone().oneshot(request).await;
    let status = response.status();
    let body = response.into_body().collect().await?.to_bytes();
    Ok((status, body))
}
