//! [`VerifyLayer`]: verification as a tower layer.

use std::sync::Arc;

use tower::Layer;

use super::{Scheme, VerifyService};

/// Applies the contract's checks before the inner service sees a request:
/// media type, body size (on `Content-Length` first, then while reading),
/// then the signature over the exact bytes received.
///
/// The inner service gets the body back (one buffer, not copied) and the
/// [`Verified`](super::Verified) and [`VerifiedBody`](super::VerifiedBody)
/// extensions. Refusals are answered in the error envelope.
///
/// ```
/// use std::sync::Arc;
/// use cliq_bot::verify::{HmacMode, HmacScheme, ReplayCache, SigningSecret, VerifyLayer};
/// use cliq_bot::clock::SystemClock;
///
/// let scheme = HmacScheme::new(
///     vec![SigningSecret::new("s3cret")],
///     HmacMode::Body,
///     ReplayCache::default(),
///     Arc::new(SystemClock),
/// );
/// let app = axum::Router::new()
///     .route("/hook", axum::routing::post(|body: String| async move { body }))
///     .layer(VerifyLayer::new(Arc::new(scheme), 1 << 20));
/// # let _: axum::Router = app;
/// ```
#[derive(Clone, Debug)]
pub struct VerifyLayer {
    scheme: Arc<dyn Scheme>,
    body_limit: usize,
}

impl VerifyLayer {
    /// Verifies with `scheme`, refusing bodies over `body_limit` bytes.
    pub fn new(scheme: Arc<dyn Scheme>, body_limit: usize) -> Self {
        Self { scheme, body_limit }
    }
}

impl<S> Layer<S> for VerifyLayer {
    type Service = VerifyService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        VerifyService::new(inner, Arc::clone(&self.scheme), self.body_limit)
    }
}
