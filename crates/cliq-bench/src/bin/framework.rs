//! The framework server: the deploy bot's `/deploy` command on `Bot::serve_with_shutdown`, as users run it.
//!
//! Prints the bound address on its first line, then serves until SIGTERM,
//! Ctrl-C or `--max-secs`. See `cliq_bench::serve`.

use std::process::ExitCode;

use cliq_bench::serve::{Endpoint, server_main};

fn main() -> ExitCode {
    server_main(Endpoint::Framework, "framework")
}
