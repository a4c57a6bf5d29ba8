#!/usr/bin/env bash
# API search latency of `vanban serve` under concurrent clients.
#
#   benches/serve_load.sh INDEX [VANBAN_BINARY] [LOAD_BINARY]
#
# Starts `vanban serve` over INDEX on a free loopback port, runs the load
# generator (crates/serve/examples/serve_load.rs: CLIENTS keep-alive clients,
# default 8, ROUNDS passes over 136 fixed searches, default 5 (or PER_CLIENT
# requests each), after one serial
# warm-up pass), prints p50/p90/p99/max, throughput and the server's and the
# generator's CPU time, then stops the server. Make the index with
#   cargo run --release -p vanban-bench -- generate --out DIR -n 10000 --formats docx
#   vanban ingest --index INDEX DIR
# and build the binaries with
#   cargo build --release -p vanban && cargo build --release -p vanban-serve --example serve_load
# On a shared machine run it as: echo 19 > /proc/self/autogroup; nice -n 19 benches/serve_load.sh …
set -euo pipefail
index=${1:?usage: serve_load.sh INDEX [VANBAN_BINARY] [LOAD_BINARY]}
bin=${2:-target/release/vanban}
load=${3:-target/release/examples/serve_load}
clients=${CLIENTS:-8}
rounds=${ROUNDS:-5}
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
log=$(mktemp)
"$bin" serve --index "$index" --addr "127.0.0.1:$port" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 100); do
    grep -q listening "$log" && break
    sleep 0.1
done
grep listening "$log"
echo "index: $(du -sh "$index" | cut -f1), $("$bin" stats --index "$index" --json | python3 -c 'import json,sys; s=json.load(sys.stdin); print(s["documents"], "documents,", s["files"], "files")')"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$load" --url "http://127.0.0.1:$port" --clients "$clients" --rounds "$rounds" ${PER_CLIENT:+--per-client "$PER_CLIENT"} --server-pid "$pid"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
