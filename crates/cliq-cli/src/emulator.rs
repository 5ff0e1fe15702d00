//! `cliq emulator`: the `cliq-emulator` binary's server, under `cliq`.

use std::io::{self, Write};

use cliq_emulator::{Emulator, EmulatorConfig};

use crate::args::EmulatorArgs;
use crate::exit::{self, Exit, Failure};

/// Serves an emulator on `args.addr` until Ctrl-C.
pub(crate) async fn run(args: EmulatorArgs) -> Result<Exit, Failure> {
    let config = EmulatorConfig {
        signing_secret: args.signing_secret,
        ..EmulatorConfig::default()
    };
    let emulator = Emulator::start_on(args.addr, config)
        .await
        .map_err(|e| Failure::usage(format!("cannot serve on {}: {e}", args.addr)))?;
    // Printing credentials is this command's job, and they are worthless
    // outside this process.
    let _ = announce(&emulator);
    if tokio::signal::ctrl_c().await.is_err() {
        exit::err("cliq: cannot listen for Ctrl-C");
    }
    emulator.shutdown().await;
    Ok(Exit::Success)
}

fn announce(emulator: &Emulator) -> io::Result<()> {
    let client = emulator.oauth_client();
    let base = emulator.base_url();
    let mut out = io::stdout().lock();
    writeln!(out, "Cliq emulator serving")?;
    writeln!(out, "  base URL:       {base}")?;
    writeln!(out, "  REST API:       {base}/api/v2")?;
    writeln!(out, "  token endpoint: {base}/oauth/v2/token")?;
    writeln!(out, "  access token:   {}", emulator.access_token())?;
    writeln!(out, "  client id:      {}", client.client_id)?;
    writeln!(out, "  client secret:  {}", client.client_secret)?;
    writeln!(out, "  refresh token:  {}", client.refresh_token)?;
    writeln!(out, "Press Ctrl-C to stop.")?;
    out.flush()
}
