//! The floor server: a bare axum endpoint doing the least the same callbacks need, on plain hyper http1.
//!
//! Prints the bound address on its first line, then serves until SIGTERM,
//! Ctrl-C or `--max-secs`. See `cliq_bench::serve`.

use std::process::ExitCode;

use cliq_bench::serve::{Endpoint, server_main};

fn main() -> ExitCode {
    server_main(Endpoint::Floor, "floor")
}
