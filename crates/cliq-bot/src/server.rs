//! Serving a bot: hyper with header-read and idle timeouts, and graceful
//! shutdown that drains callbacks and background work.

mod idle;

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use hyper_util::rt::TokioIo;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, ToSocketAddrs};

use std::convert::Infallible;
use std::task::Poll;

use axum::body::Body;
use axum::response::Response;
use http::Request;
use tower::Service;

use crate::bot::Bot;
use crate::dispatch::CallbackService;
use crate::handler::BoxFuture;

impl<S> Bot<S>
where
    S: Clone + Send + Sync + 'static,
{
    /// Binds `addr` and serves until SIGTERM or Ctrl-C, then shuts down
    /// gracefully.
    ///
    /// # Errors
    /// The address cannot be bound.
    pub async fn serve(self, addr: impl ToSocketAddrs) -> io::Result<()> {
        let listener = TcpListener::bind(addr).await?;
        tracing::info!(addr = %listener.local_addr()?, path = %self.path(), "serving");
        tracing::info!("handlers:\n{}", self.report());
        self.serve_with_shutdown(listener, shutdown_signal()).await
    }

    /// Serves on `listener` until `signal` resolves, then stops accepting,
    /// finishes the callbacks in flight and the background work handlers
    /// started, within the grace period, and returns.
    ///
    /// # Errors
    /// Never, today; the `Result` leaves room for fatal listener errors.
    pub async fn serve_with_shutdown(
        self,
        listener: TcpListener,
        signal: impl Future<Output = ()> + Send,
    ) -> io::Result<()> {
        let config = self.inner.server;
        let runtime = self.inner.runtime.clone();
        let (callback, router) = self.into_services();
        let service = Direct { callback, router };
        let mut http = hyper::server::conn::http1::Builder::new();
        // The header-read timeout is the connection watch's (`idle`), not
        // hyper's: hyper's arms a timer for every request.
        http.header_read_timeout(None).keep_alive(true);
        let timeouts = idle::Timeouts {
            header_read: config.header_read_timeout,
            idle: config.idle_timeout,
        };
        let graceful = GracefulShutdown::new();
        let mut signal = std::pin::pin!(signal);
        loop {
            tokio::select! {
                accepted = listener.accept() => {
                    let (stream, peer) = match accepted {
                        Ok(accepted) => accepted,
                        Err(error) => {
                            // Out of descriptors and the like: back off, keep serving.
                            tracing::warn!(%error, "accept failed");
                            tokio::time::sleep(Duration::from_millis(50)).await;
                            continue;
                        }
                    };
                    serve_connection(&http, &graceful, &service, stream, peer, timeouts);
                }
                () = &mut signal => break,
            }
        }
        drop(listener);
        tracing::info!("shutting down: draining callbacks and background work");
        runtime.shutdown.cancel();
        let deadline = tokio::time::Instant::now() + config.shutdown_grace;
        if tokio::time::timeout_at(deadline, graceful.shutdown())
            .await
            .is_err()
        {
            tracing::warn!("grace period over with connections still open");
        }
        runtime.tasks.close();
        if tokio::time::timeout_at(deadline, runtime.tasks.wait())
            .await
            .is_err()
        {
            tracing::warn!("grace period over with background work still running");
        }
        Ok(())
    }
}

fn serve_connection<S: Clone + Send + Sync + 'static>(
    http: &hyper::server::conn::http1::Builder,
    graceful: &GracefulShutdown,
    service: &Direct<S>,
    stream: tokio::net::TcpStream,
    peer: SocketAddr,
    timeouts: idle::Timeouts,
) {
    let _ = stream.set_nodelay(true);
    let (stream, activity) = idle::IdleStream::new(stream, timeouts);
    let service = idle::TrackActivity::new(service.clone(), activity);
    let connection = http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
    let connection = graceful.watch(connection);
    tokio::spawn(async move {
        if let Err(error) = connection.await {
            tracing::debug!(%peer, %error, "connection closed with an error");
        }
    });
}

/// The bot's router, with callbacks sent straight to their service: what
/// the router would do with them, without routing them.
struct Direct<S> {
    callback: CallbackService<S>,
    router: axum::Router,
}

impl<S> Clone for Direct<S> {
    fn clone(&self) -> Self {
        Self {
            callback: self.callback.clone(),
            router: self.router.clone(),
        }
    }
}

impl<S, B> Service<Request<B>> for Direct<S>
where
    S: Clone + Send + Sync + 'static,
    B: http_body::Body<Data = bytes::Bytes> + Send + 'static,
    B::Error: Into<axum::BoxError>,
{
    type Response = Response;
    type Error = Infallible;
    type Future = BoxFuture<'static, Result<Response, Infallible>>;

    fn poll_ready(&mut self, _cx: &mut std::task::Context<'_>) -> Poll<Result<(), Infallible>> {
        // Both are always ready.
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        if self.callback.serves(&request) {
            self.callback.call(request.map(Body::new))
        } else {
            Box::pin(self.router.call(request))
        }
    }
}

/// Resolves on SIGTERM (Unix) or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
