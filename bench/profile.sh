#!/usr/bin/env bash
# Instructions per callback, framework against floor, under callgrind: each
# server runs under valgrind on CPU 0, takes 2,000 callbacks of warm-up from
# the load generator (CPU 1), then 20,000 counted ones (closed loop, 16
# connections); prints the instructions per callback and the functions that
# cost the most, inclusive. Needs valgrind. Valgrind's CPU has no SHA
# extensions, so SHA-256 runs in software here (about 20,000 instructions of
# each callback, for both servers alike).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p cliq-bench --bins
bin="${CARGO_TARGET_DIR:-target}/release"
out="$(mktemp -d)"
count=20000
for endpoint in floor framework; do
  taskset -c 0 valgrind --tool=callgrind --callgrind-out-file="$out/$endpoint.out" \
    "$bin/$endpoint" --max-secs 600 >"$out/$endpoint.addr" 2>"$out/$endpoint.log" &
  pid=$!
  for _ in $(seq 1 200); do [ -s "$out/$endpoint.addr" ] && break; sleep 0.2; done
  addr=$(head -1 "$out/$endpoint.addr")
  taskset -c 1 "$bin/load" --addr "$addr" --secs 60 --warmup 0 --max-requests 2000 >/dev/null
  callgrind_control -z "$pid" >/dev/null 2>&1
  taskset -c 1 "$bin/load" --addr "$addr" --secs 120 --warmup 0 --max-requests "$count" >/dev/null
  callgrind_control -d "$pid" >/dev/null 2>&1
  kill -INT "$pid"; wait "$pid" 2>/dev/null || true
  total=$(callgrind_annotate "$out/$endpoint.out.1" | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1; exit}')
  echo "$endpoint: $((total / count)) instructions per callback"
  callgrind_annotate --inclusive=yes "$out/$endpoint.out.1" \
    | sed -nE 's/^ *([0-9,]+) \([ 0-9.]+%\) +\?*:?(.*) \[.*$/\1\t\2/p' \
    | grep -E 'cliq_|serde_json::(de|ser)::|sha2::|hyper::proto::h1::role' | head -14 \
    | awk -F '\t' -v n="$count" '{gsub(",", "", $1); printf "  %8d  %s\n", $1 / n, $2}' | cut -c1-150
done
echo "callgrind files: $out"
