#!/usr/bin/env bash
# .doc parse speed against antiword, same files, same run (BENCHMARKS.md, ".doc").
#   benches/doc_vs_antiword.sh [DIR_WITH_DOC_FILES] (default /work/shared/real-dev)
# ROUNDS (default 20): passes over the files per measurement; RUNS (default 5).
# vanban: crates/parse/examples/doc_bench.rs parses every file ROUNDS times in one
# process (parse_doc only: container, FIB, pieces, formatting, fonts, stories, lists)
# and reports its own CPU time (getrusage). antiword: one process per file, as it is
# used, ROUNDS times; CPU time of the whole loop from /usr/bin/time (includes antiword's
# process start, about 1 ms per file, and the shell loop). Pages: the pages vanban
# finds (the document's own page count from its summary when it stores no breaks).
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:-/work/shared/real-dev}
rounds=${ROUNDS:-20}
runs=${RUNS:-5}
command -v antiword >/dev/null || { echo "antiword not found: apt-get install -y antiword" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$src"/*.doc "$tmp"/
n=$(ls "$tmp"/*.doc | wc -l)
cargo build --release -q -p vanban-parse --example doc_bench
bin=${CARGO_TARGET_DIR:-target}/release/examples/doc_bench
echo "files=$n rounds=$rounds runs=$runs"
for r in $(seq "$runs"); do
  ours=$("$bin" "$rounds" "$tmp"/*.doc)
  theirs=$( { /usr/bin/time -f "%U %S %e" bash -c '
      for i in $(seq '"$rounds"'); do for f in "$0"/*.doc; do antiword "$f" >/dev/null 2>&1 || true; done; done' "$tmp"; } 2>&1 | tail -1)
  pages=$(sed -E 's/.* pages=([0-9]+).*/\1/' <<<"$ours")
  read -r au as aw <<<"$theirs"
  acpu=$(awk -v u="$au" -v s="$as" 'BEGIN { printf "%.3f", u + s }')
  apps=$(awk -v p="$pages" -v c="$acpu" 'BEGIN { printf "%.1f", p / c }')
  echo "run $r vanban: $ours"
  echo "run $r antiword: pages=$pages cpu_s=$acpu wall_s=$aw pages_per_cpu_s=$apps"
done
