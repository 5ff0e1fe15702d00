//! The [`Emulator`] handle: starting and stopping the server, credentials and
//! fault injection. Reading and seeding the state is in `inspect.rs`, playing
//! Cliq towards a bot in `deliver.rs`.

use std::fmt;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use tokio::net::{TcpListener, ToSocketAddrs};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::api;
use crate::auth::OAuthClient;
use crate::config::EmulatorConfig;
use crate::faults::Faults;
use crate::native::RsaKey;
use crate::state::Shared;

/// How long [`Emulator::shutdown`] waits for requests in flight.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// A local Cliq, serving the REST API v2 from memory until dropped.
///
/// `Debug` shows the address only: no token is ever printed.
pub struct Emulator {
    pub(crate) shared: Arc<Shared>,
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<io::Result<()>>>,
}

impl fmt::Debug for Emulator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Emulator")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl Emulator {
    /// Starts an emulator with the default configuration on `127.0.0.1:0`.
    ///
    /// # Errors
    /// No loopback port can be bound, or no RSA key could be made.
    pub async fn start() -> io::Result<Self> {
        Self::start_with(EmulatorConfig::default()).await
    }

    /// Starts an emulator with `config` on `127.0.0.1:0`.
    ///
    /// # Errors
    /// As [`start_on`](Self::start_on).
    pub async fn start_with(config: EmulatorConfig) -> io::Result<Self> {
        Self::start_on((Ipv4Addr::LOCALHOST, 0), config).await
    }

    /// Starts an emulator with `config` on `addr`. When `addr` is unspecified
    /// (`0.0.0.0`), [`base_url`](Self::base_url) names the loopback address.
    ///
    /// # Errors
    /// `addr` cannot be bound; the HTTP client for callbacks cannot be built;
    /// [`EmulatorConfig::rsa_key_pkcs8`] is no RSA private key
    /// ([`io::ErrorKind::InvalidInput`]), or no key could be made.
    pub async fn start_on(addr: impl ToSocketAddrs, config: EmulatorConfig) -> io::Result<Self> {
        let rsa = RsaKey::load(config.rsa_key_pkcs8.as_deref()).await?;
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let host = if addr.ip().is_unspecified() {
            SocketAddr::new(Ipv4Addr::LOCALHOST.into(), addr.port())
        } else {
            addr
        };
        // Callbacks go to local bots: never through a proxy from the environment.
        let http = reqwest::Client::builder()
            .no_proxy()
            .build()
            .map_err(io::Error::other)?;
        let runtime = tokio::runtime::Handle::current();
        let shared = Arc::new(Shared::new(
            config,
            format!("http://{host}"),
            http,
            rsa,
            runtime,
        ));
        let router = api::router(Arc::clone(&shared));
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            axum::serve(listener, router)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await
        });
        tracing::info!(%addr, "cliq emulator listening");
        Ok(Self {
            shared,
            addr,
            stop: Some(stop),
            task: Some(task),
        })
    }

    /// The address the server is bound to.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`: the REST API is under `{base}/api/v2/...`,
    /// the token endpoint at `{base}/oauth/v2/token`.
    pub fn base_url(&self) -> String {
        self.shared.base_url.clone()
    }

    /// A currently valid access token: the one issued at start while it is
    /// valid, then the latest one issued; when every token has expired, a new
    /// one is issued.
    pub fn access_token(&self) -> String {
        self.shared.tokens.current()
    }

    /// The OAuth client seeded at start, with a refresh token of its own.
    pub fn oauth_client(&self) -> OAuthClient {
        self.shared.tokens.client().clone()
    }

    /// A new single-use code for the `authorization_code` grant, as the
    /// consent redirect would carry.
    pub fn authorization_code(&self) -> String {
        self.shared.tokens.issue_code()
    }

    /// Makes every access token issued so far expired: its next use is
    /// answered `401 INVALID_TOKEN`.
    pub fn expire_access_tokens(&self) {
        self.shared.tokens.expire_all();
    }

    /// How many `refresh_token` grants succeeded.
    pub fn token_refreshes(&self) -> usize {
        self.shared.tokens.refreshes()
    }

    /// Fault injection.
    pub fn faults(&self) -> &Faults {
        &self.shared.faults
    }

    /// How many REST calls arrived (every `/api/v2` path, webhook and
    /// response URLs and faulted calls included; the token endpoint excluded).
    pub fn requests(&self) -> usize {
        self.shared.requests.load(Ordering::SeqCst)
    }

    /// Stops accepting, lets requests in flight finish (up to five seconds)
    /// and returns.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(mut task) = self.task.take()
            && tokio::time::timeout(SHUTDOWN_GRACE, &mut task)
                .await
                .is_err()
        {
            task.abort();
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}
