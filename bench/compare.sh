#!/usr/bin/env bash
# Framework against floor, side by side: builds the release binaries of
# cliq-bench, then runs `compare` (servers pinned to CPU 0, load generator to
# CPU 1; throughput, then fixed-rate latency, then allocations per callback).
# Arguments go to `compare`; see `compare --help`.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p cliq-bench --bins
target_dir="${CARGO_TARGET_DIR:-target}"
exec "$target_dir/release/compare" "$@"
