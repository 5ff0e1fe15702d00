//! Serving the two endpoints the same way: one tokio runtime of the same
//! flavour and worker count, a listener on loopback, `TCP_NODELAY`, HTTP/1.1
//! keep-alive.
//!
//! - **framework**: [`Bot::serve_with_shutdown`](cliq_bot::Bot::serve_with_shutdown),
//!   as users run it (hyper http1 with a timer, header-read and idle timeouts,
//!   graceful shutdown, request ids).
//! - **floor**: a plain accept loop handing each connection to hyper's http1
//!   connection builder (keep-alive on, no timer) serving the floor's axum
//!   router.
//!
//! Both print the bound address on their first line of standard output and
//! stop on SIGTERM, Ctrl-C or after `max_secs`.

use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;

/// Which endpoint to serve.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Endpoint {
    /// The floor: [`crate::floor::router`].
    Floor,
    /// The framework: [`crate::deploy::bot`].
    Framework,
}

impl Endpoint {
    /// `floor` or `framework`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Floor => "floor",
            Self::Framework => "framework",
        }
    }
}

/// The tokio runtime flavour of a server.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Flavor {
    /// `new_multi_thread` with `workers` workers (what `#[tokio::main]` builds).
    MultiThread,
    /// `new_current_thread`.
    CurrentThread,
}

/// How a server runs.
#[derive(Clone, Debug, clap::Args)]
pub struct ServerArgs {
    /// The address to bind (loopback; port 0 picks one).
    #[arg(long, default_value = "127.0.0.1:0")]
    pub addr: SocketAddr,
    /// The runtime flavour.
    #[arg(long, value_enum, default_value = "multi-thread")]
    pub flavor: Flavor,
    /// Worker threads of the multi-thread runtime.
    #[arg(long, default_value_t = 1)]
    pub workers: usize,
    /// Stop by itself after this many seconds.
    #[arg(long, default_value_t = 900)]
    pub max_secs: u64,
}

/// Builds the runtime `args` asks for.
///
/// # Errors
/// The runtime cannot be built.
pub fn runtime(args: &ServerArgs) -> io::Result<tokio::runtime::Runtime> {
    let mut builder = match args.flavor {
        Flavor::MultiThread => {
            let mut builder = tokio::runtime::Builder::new_multi_thread();
            builder.worker_threads(args.workers.max(1));
            builder
        }
        Flavor::CurrentThread => tokio::runtime::Builder::new_current_thread(),
    };
    builder.enable_all().build()
}

/// Binds, reports the address through `bound`, and serves `endpoint` until
/// SIGTERM, Ctrl-C or `args.max_secs`.
///
/// # Errors
/// The address cannot be bound, or the bot cannot be built.
pub async fn serve(
    endpoint: Endpoint,
    args: &ServerArgs,
    bound: impl FnOnce(SocketAddr),
) -> io::Result<()> {
    let listener = TcpListener::bind(args.addr).await?;
    bound(listener.local_addr()?);
    let stop = stop(Duration::from_secs(args.max_secs));
    match endpoint {
        Endpoint::Framework => {
            let bot = crate::deploy::bot().map_err(io::Error::other)?;
            bot.serve_with_shutdown(listener, stop).await
        }
        Endpoint::Floor => serve_floor(listener, stop).await,
    }
}

/// Resolves on SIGTERM, Ctrl-C or after `max`.
async fn stop(max: Duration) {
    tokio::select! {
        () = cliq_bot::shutdown_signal() => {}
        () = tokio::time::sleep(max) => {}
    }
}

/// The floor's server: accept, `TCP_NODELAY`, hyper http1 with keep-alive.
async fn serve_floor(listener: TcpListener, stop: impl Future<Output = ()>) -> io::Result<()> {
    let router = crate::floor::router();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.keep_alive(true);
    let mut stop = std::pin::pin!(stop);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _peer)) = accepted else {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                };
                let _ = stream.set_nodelay(true);
                let service = TowerToHyperService::new(router.clone());
                let connection = http.serve_connection(TokioIo::new(stream), service);
                tokio::spawn(async move {
                    let _ = connection.await;
                });
            }
            () = &mut stop => return Ok(()),
        }
    }
}

/// The command line of the `floor` and `framework` servers.
#[derive(clap::Parser)]
struct Cli {
    #[command(flatten)]
    server: ServerArgs,
}

/// The whole of a server binary: parses its arguments, prints the bound
/// address on the first line of stdout, serves `endpoint` until SIGTERM,
/// Ctrl-C or `--max-secs`.
#[allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the bound address and errors are a server binary's output"
)]
pub fn server_main(endpoint: Endpoint, name: &str) -> std::process::ExitCode {
    use std::io::Write as _;

    let cli = <Cli as clap::Parser>::parse();
    let served = runtime(&cli.server).and_then(|runtime| {
        runtime.block_on(serve(endpoint, &cli.server, |addr| {
            println!("{addr}");
            let _ = std::io::stdout().flush();
        }))
    });
    match served {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{name}: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
