//! `cliq-emulator`: serves one local Cliq until Ctrl-C.

use std::io::{self, Write};
use std::net::SocketAddr;
use std::process::ExitCode;

use clap::Parser;
use cliq_emulator::{Emulator, EmulatorConfig};

/// A local Zoho Cliq: the REST API v2 in memory, OAuth, fault injection.
#[derive(Debug, Parser)]
#[command(name = "cliq-emulator", version, about)]
struct Args {
    /// The address to serve on.
    #[arg(long, env = "CLIQ_EMULATOR_ADDR", default_value = "127.0.0.1:4000")]
    addr: SocketAddr,
    /// The secret callbacks and outgoing-webhook events are signed with.
    #[arg(
        long,
        env = "CLIQ_SIGNING_SECRET",
        default_value = EmulatorConfig::DEFAULT_SIGNING_SECRET,
        hide_env_values = true,
        hide_default_value = true
    )]
    signing_secret: String,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let config = EmulatorConfig {
        signing_secret: args.signing_secret,
        ..EmulatorConfig::default()
    };
    let emulator = match Emulator::start_on(args.addr, config).await {
        Ok(emulator) => emulator,
        Err(error) => {
            let _ = writeln!(
                io::stderr(),
                "cliq-emulator: cannot serve on {}: {error}",
                args.addr
            );
            return ExitCode::FAILURE;
        }
    };
    if let Err(error) = announce(&emulator) {
        let _ = writeln!(io::stderr(), "cliq-emulator: {error}");
        return ExitCode::FAILURE;
    }
    if tokio::signal::ctrl_c().await.is_err() {
        let _ = writeln!(io::stderr(), "cliq-emulator: cannot listen for Ctrl-C");
    }
    emulator.shutdown().await;
    ExitCode::SUCCESS
}

/// Prints what a client needs: printing credentials is this binary's job,
/// and they are worthless outside this process.
fn announce(emulator: &Emulator) -> io::Result<()> {
    let client = emulator.oauth_client();
    let mut out = io::stdout().lock();
    writeln!(out, "Cliq emulator serving")?;
    writeln!(out, "  base URL:       {}", emulator.base_url())?;
    writeln!(out, "  REST API:       {}/api/v2", emulator.base_url())?;
    writeln!(
        out,
        "  token endpoint: {}/oauth/v2/token",
        emulator.base_url()
    )?;
    writeln!(out, "  access token:   {}", emulator.access_token())?;
    writeln!(out, "  client id:      {}", client.client_id)?;
    writeln!(out, "  client secret:  {}", client.client_secret)?;
    writeln!(out, "  refresh token:  {}", client.refresh_token)?;
    writeln!(out, "  native key:     {}", emulator.public_key_base64())?;
    writeln!(out, "Press Ctrl-C to stop.")?;
    out.flush()
}
