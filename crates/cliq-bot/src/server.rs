//! Serving a bot: hyper with header-read and idle timeouts, and graceful
//! shutdown that drains callbacks and background work.

mod idle;

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, ToSocketAddrs};

use crate::bot::Bot;

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
        let router = self.into_router();
        let mut http = hyper::server::conn::http1::Builder::new();
        http.timer(TokioTimer::new())
            .header_read_timeout(config.header_read_timeout)
            .keep_alive(true);
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
                    serve_connection(&http, &graceful, &router, stream, peer, config.idle_timeout);
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

fn serve_connection(
    http: &hyper::server::conn::http1::Builder,
    graceful: &GracefulShutdown,
    router: &axum::Router,
    stream: tokio::net::TcpStream,
    peer: SocketAddr,
    idle_timeout: Duration,
) {
    let _ = stream.set_nodelay(true);
    let (stream, activity) = idle::IdleStream::new(stream, idle_timeout);
    let service = idle::TrackActivity::new(router.clone(), activity);
    let connection = http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
    let connection = graceful.watch(connection);
    tokio::spawn(async move {
        if let Err(error) = connection.await {
            tracing::debug!(%peer, %error, "connection closed with an error");
        }
    });
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
