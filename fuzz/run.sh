#!/usr/bin/env bash
# Runs one fuzz target at lowest CPU priority on its working corpus and logs
# the run: ./run.sh <target> <seconds> [extra libFuzzer flags...]
# Log: fuzz/logs/<target>-<UTC time>.log (the final stats are at its end).
set -euo pipefail
cd "$(dirname "$0")"
target=$1
seconds=$2
shift 2
case $target in
  pdf_worker) flags=(-dict=dict/pdf.dict) ;;
  docx) flags=(-dict=dict/vi.dict -max_len=131072) ;;
  doc) flags=(-max_len=131072) ;;
  text_repair | extract) flags=(-dict=dict/vi.dict -max_len=32768) ;;
  rtf) flags=(-dict=dict/rtf.dict -max_len=65536) ;;
  html) flags=(-dict=dict/html.dict -max_len=65536) ;;
  *) echo "unknown target $target" >&2; exit 2 ;;
esac
[ -d "work/$target" ] || ./seed.sh
mkdir -p logs
log="logs/$target-$(date -u +%Y%m%dT%H%M%SZ).log"
echo "log: $log"
# -rss_limit_mb: the worker's default address-space limit (Limits::worker_memory_bytes).
# -timeout: below the pool's 60 s per-file budget, so a slow file is reported, not only a hang.
nice -n 19 cargo +nightly fuzz run -O -a -s none "$target" "work/$target" -- \
  "${flags[@]}" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=30 \
  -print_final_stats=1 "$@" 2>&1 | tee "$log"
