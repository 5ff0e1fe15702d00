//! The floor server: a bare axum endpoint doing the least the same callbacks need, on plain hyper http1.
//!
//! Prints the bound address on its first line, then serves until SIGTERM,
//! Ctrl-C or `--max-secs`. See `cliq_bench::serve`.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the bound address and errors are this binary's output"
)]

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use cliq_bench::serve::{Endpoint, ServerArgs, runtime, serve};

#[derive(Parser)]
struct Cli {
    #[command(flatten)]
    server: ServerArgs,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let served = runtime(&cli.server).and_then(|runtime| {
        runtime.block_on(serve(Endpoint::Floor, &cli.server, |addr| {
            println!("{addr}");
            let _ = std::io::stdout().flush();
        }))
    });
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("floor: {error}");
            ExitCode::FAILURE
        }
    }
}
