//! [`VerifyService`]: the service [`VerifyLayer`](super::VerifyLayer) makes.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::body::Body;
use axum::response::{IntoResponse, Response};
use bytes::{Bytes, BytesMut};
use http::request::Parts;
use http::{Request, header};
use http_body::Body as HttpBody;
use http_body_util::BodyExt;
use tower::Service;

use super::{Scheme, Verified};
use crate::rejection::Rejection;

/// The raw body that was verified, in the request's extensions.
#[derive(Clone, Debug)]
pub struct VerifiedBody(pub Bytes);

/// Verifies requests before passing them on; see [`VerifyLayer`](super::VerifyLayer).
#[derive(Clone, Debug)]
pub struct VerifyService<S> {
    inner: S,
    scheme: Arc<dyn Scheme>,
    body_limit: usize,
}

impl<S> VerifyService<S> {
    pub(crate) fn new(inner: S, scheme: Arc<dyn Scheme>, body_limit: usize) -> Self {
        Self {
            inner,
            scheme,
            body_limit,
        }
    }
}

impl<S, B> Service<Request<B>> for VerifyService<S>
where
    S: Service<Request<Body>, Response = Response, Error = Infallible> + Clone + Send + 'static,
    S::Future: Send + 'static,
    B: HttpBody<Data = Bytes> + Send + 'static,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        // The clone that was driven to readiness serves this call.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let scheme = Arc::clone(&self.scheme);
        let limit = self.body_limit;
        Box::pin(async move {
            match verified(request, scheme.as_ref(), limit).await {
                Ok(request) => inner.call(request).await,
                Err(rejection) => Ok(rejection.into_response()),
            }
        })
    }
}

/// Runs the checks in the contract's order: media type, size, signature.
/// Returns the request's head, its verified bytes and what verified them.
pub(crate) async fn verify_request<B>(
    request: Request<B>,
    scheme: &dyn Scheme,
    limit: usize,
) -> Result<(Parts, Bytes, Verified), Rejection>
where
    B: HttpBody<Data = Bytes>,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let (parts, body) = request.into_parts();
    let (bytes, verified) = verify_parts(&parts.headers, body, scheme, limit).await?;
    Ok((parts, bytes, verified))
}

/// [`verify_request`] over a request already split: the head stays with the
/// caller, so that its future need not hold the request a second time.
pub(crate) async fn verify_parts<B>(
    headers: &http::HeaderMap,
    body: B,
    scheme: &dyn Scheme,
    limit: usize,
) -> Result<(Bytes, Verified), Rejection>
where
    B: HttpBody<Data = Bytes>,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    if !is_json(headers) {
        return Err(Rejection::UnsupportedMediaType);
    }
    let bytes = read_body(body, content_length(headers), limit).await?;
    let verified = scheme.verify(headers, &bytes)?;
    Ok((bytes, verified))
}

/// [`verify_request`], with the request rebuilt around the verified bytes.
async fn verified<B>(
    request: Request<B>,
    scheme: &dyn Scheme,
    limit: usize,
) -> Result<Request<Body>, Rejection>
where
    B: HttpBody<Data = Bytes>,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let (mut parts, bytes, verified) = verify_request(request, scheme, limit).await?;
    parts.extensions.insert(verified);
    parts.extensions.insert(VerifiedBody(bytes.clone()));
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

/// `application/json`, in any case, with any parameters.
fn is_json(headers: &http::HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("application/json"))
}

/// The declared length; `Some(u64::MAX)` for one that does not parse, so that
/// it is refused as too large rather than trusted.
fn content_length(headers: &http::HeaderMap) -> Option<u64> {
    let value = headers.get(header::CONTENT_LENGTH)?;
    Some(
        value
            .to_str()
            .ok()
            .and_then(|text| text.trim().parse().ok())
            .unwrap_or(u64::MAX),
    )
}

/// Reads the body into one buffer, refusing it as soon as it is known to be
/// over `limit` (inclusive limit: exactly `limit` bytes pass).
async fn read_body<B>(body: B, declared: Option<u64>, limit: usize) -> Result<Bytes, Rejection>
where
    B: HttpBody<Data = Bytes>,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let too_large = Rejection::PayloadTooLarge { limit };
    if declared.is_some_and(|len| len > limit as u64) {
        return Err(too_large);
    }
    let mut body = std::pin::pin!(body);
    let mut buffer: Option<BytesMut> = None;
    let mut first: Option<Bytes> = None;
    while let Some(frame) = body.frame().await {
        let frame =
            frame.map_err(|_| Rejection::InvalidPayload("the body could not be read".into()))?;
        let Ok(chunk) = frame.into_data() else {
            continue;
        };
        let received =
            first.as_ref().map_or(0, Bytes::len) + buffer.as_ref().map_or(0, BytesMut::len);
        if received + chunk.len() > limit {
            return Err(too_large);
        }
        // A body that arrives in one chunk is kept as it is; later chunks are
        // gathered into one buffer sized by the declared length.
        match (&mut buffer, first.take()) {
            (None, None) => first = Some(chunk),
            (None, Some(head)) => {
                let capacity = declared.map_or(head.len() + chunk.len(), |len| len as usize);
                let mut gathered = BytesMut::with_capacity(capacity.min(limit));
                gathered.extend_from_slice(&head);
                gathered.extend_from_slice(&chunk);
                buffer = Some(gathered);
            }
            (Some(gathered), _) => gathered.extend_from_slice(&chunk),
        }
    }
    Ok(match (buffer, first) {
        (Some(gathered), _) => gathered.freeze(),
        (None, Some(only)) => only,
        (None, None) => Bytes::new(),
    })
}
