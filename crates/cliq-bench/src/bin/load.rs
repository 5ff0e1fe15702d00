//! The load generator: prints one JSON report (`cliq_bench::load::Report`).
//!
//! ```sh
//! load --addr 127.0.0.1:3000 --connections 16 --secs 8            # closed loop
//! load --addr 127.0.0.1:3000 --connections 16 --rate 20000 --secs 8  # fixed rate
//! ```

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the report and errors are this binary's output"
)]

use std::process::ExitCode;

use clap::Parser;
use cliq_bench::load::{LoadArgs, run};

#[derive(Parser)]
struct Cli {
    #[command(flatten)]
    load: LoadArgs,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli.load).and_then(|report| serde_json::to_string(&report).map_err(Into::into)) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("load: {error}");
            ExitCode::FAILURE
        }
    }
}
