#!/usr/bin/env bash
# The Dask driver tested for real (run by .ci/run after the cargo tests): a
# scheduler and two single-threaded workers on 127.0.0.1, the driver over the
# corpus plus a generated set, the dataset compared with `vanban ingest` +
# `vanban export --format parquet` of the same files; then a second run in
# which one worker (with its nanny and its vanban) is killed with SIGKILL once
# the first parts appear: the dataset must still be complete, without duplicates;
# then a third run in which every shard's first attempt fails: Dask retries it.
#
# Needs target/release/vanban and target/release/vanban-bench (the release test
# build makes both). Env: N (generated documents, default 30), SHARDS (8), OCR (auto),
# VANBAN_DASK_VENV (the virtualenv; default a cache folder keyed by the pins).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/deploy/dask"
VANBAN="${VANBAN:-$ROOT/target/release/vanban}"
GEN="${GEN:-$ROOT/target/release/vanban-bench}"
N="${N:-30}"
SHARDS="${SHARDS:-8}"
die() { echo "dask ci_test: $*" >&2; exit 1; }
[ -x "$VANBAN" ] || die "$VANBAN missing: cargo test --release --workspace --locked --no-run"
[ -x "$GEN" ] || die "$GEN missing: cargo test --release --workspace --locked --no-run"

# The virtualenv, reused while the pins in pyproject.toml stay the same.
PINS="$(sha256sum "$HERE/pyproject.toml" | cut -c1-12)"
VENV="${VANBAN_DASK_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/vanban/dask-venv-$PINS}"
if [ ! -f "$VENV/.complete" ]; then
    echo "== creating $VENV" >&2
    rm -rf "$VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q "dask[distributed]==2026.11.0" "distributed==2026.11.0" \
        "pyarrow==26.0.1" "duckdb==2.0.1"
    touch "$VENV/.complete"
fi
PY="$VENV/bin/python"
export PYTHONPATH="$HERE${PYTHONPATH:+:$PYTHONPATH}"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/vanban-dask-ci.XXXXXX")"
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

echo "== generating $N documents" >&2
"$GEN" generate --out "$WORK/gen" -n "$N" --seed 21 >/dev/null
INPUTS=("$ROOT/corpus" "$WORK/gen")
# OCR as by default (auto: the corpus scans are OCRed), with separate OCR caches
# for the reference and the Dask runs, so the workers' OCR is their own.
OCR="${OCR:-auto}"
EXTRACT=(--ocr "$OCR")

echo "== local ingest + export (the reference)" >&2
set +e
"$VANBAN" ingest --quiet "${EXTRACT[@]}" --ocr-cache "$WORK/ocr-reference" --index "$WORK/index" "${INPUTS[@]}" >"$WORK/ingest.log" 2>&1
rc=$?
set -e
[ "$rc" = 0 ] || [ "$rc" = 3 ] || { cat "$WORK/ingest.log"; die "ingest exit $rc"; }
"$VANBAN" export --index "$WORK/index" --format parquet --out "$WORK/export" 2>>"$WORK/ingest.log"
DOCS="$("$PY" -c "import pyarrow.parquet as pq,sys; print(pq.read_metadata(sys.argv[1]).num_rows)" "$WORK/export/documents.parquet")"
echo "   $DOCS documents in the export" >&2

echo "== starting a scheduler and two workers on 127.0.0.1" >&2
# Each in its own process group (setsid), so a "lost machine" is one kill.
setsid "$VENV/bin/dask" scheduler --host 127.0.0.1 --port 0 --no-dashboard \
    --scheduler-file "$WORK/scheduler.json" >"$WORK/scheduler.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 100); do [ -s "$WORK/scheduler.json" ] && break; sleep 0.2; done
[ -s "$WORK/scheduler.json" ] || { cat "$WORK/scheduler.log"; die "scheduler did not start"; }
ADDR="$("$PY" -c "import json,sys; print(json.load(open(sys.argv[1]))['address'])" "$WORK/scheduler.json")"
start_worker() {
    setsid "$VENV/bin/dask" worker "$ADDR" --nworkers 1 --nthreads 1 --host 127.0.0.1 \
        --no-dashboard --name "$1" >"$WORK/$1.log" 2>&1 &
    PIDS+=($!)
    echo $! >"$WORK/$1.pid"
}
start_worker w1
start_worker w2
"$PY" - "$ADDR" <<'PYEOF'
import sys
from distributed import Client
with Client(sys.argv[1], timeout=60) as c:
    c.wait_for_workers(2, timeout=60)
    print(f"   workers: {sorted(w['name'] for w in c.scheduler_info()['workers'].values())}", file=sys.stderr)
PYEOF

run_driver() {  # OUT SUMMARY
    "$PY" -m vanban_dask run --scheduler "$ADDR" --vanban "$VANBAN" --shards "$SHARDS" \
        --out "$1" --summary "$2" --verify-rows --extract-arg=--ocr "--extract-arg=$OCR" \
        --extract-arg=--ocr-cache "--extract-arg=$WORK/ocr-dask" "${INPUTS[@]}"
}

echo "== run 1: both workers" >&2
set +e
run_driver "$WORK/parts1" "$WORK/run1.json"
rc=$?
set -e
[ "$rc" = 0 ] || [ "$rc" = 3 ] || die "driver exit $rc"
"$PY" "$HERE/ci_compare.py" "$WORK/export" "$WORK/parts1" --expect-documents "$DOCS"
"$PY" - "$WORK/run1.json" <<'PYEOF'
import json, sys
s = json.load(open(sys.argv[1]))
hosts = {r["pid"] for r in s["shards"]}
assert s["check_ok"], s
assert len(hosts) == 2, f"both workers should have run shards: {hosts}"
print(f"   run 1: {len(s['shards'])} shards on {len(hosts)} worker processes, {s['seconds']} s", file=sys.stderr)
PYEOF

echo "== run 2: one worker killed (SIGKILL, with its nanny and vanban) after the first parts" >&2
run_driver "$WORK/parts2" "$WORK/run2.json" &
DRIVER=$!
killed=no
W1="$(cat "$WORK/w1.pid")"
for _ in $(seq 1 1200); do
    # Once parts exist and w1 is in the middle of a shard (a vanban in its group).
    if compgen -G "$WORK/parts2/documents/part-*.parquet" >/dev/null \
        && ps -o comm= -g "$W1" | grep -qx vanban; then
        kill -9 -- "-$W1"
        killed=yes
        break
    fi
    sleep 0.05
done
set +e
wait "$DRIVER"
rc=$?
set -e
[ "$killed" = yes ] || die "w1 was never seen extracting after the first parts: nothing was killed"
echo "   killed w1 (process group $W1) while it ran vanban extract" >&2
[ "$rc" = 0 ] || [ "$rc" = 3 ] || die "driver exit $rc after the kill"
"$PY" "$HERE/ci_compare.py" "$WORK/export" "$WORK/parts2" --expect-documents "$DOCS"
"$PY" - "$WORK/run2.json" <<'PYEOF'
import json, sys
s = json.load(open(sys.argv[1]))
assert s["check_ok"], s
assert not s["shard_errors"], s["shard_errors"]
print(f"   run 2: complete ({s['complete']}/{s['expected']}), rows {s['rows']}, {s['seconds']} s", file=sys.stderr)
PYEOF
echo "== run 3: every shard's first attempt dies (exit 137, as when the OOM killer strikes): retried" >&2
# A vanban that fails the first extract of each shard, then runs for real.
cat >"$WORK/flaky-vanban" <<SHEOF
#!/usr/bin/env bash
if [ "\$1" = extract ]; then
    marker="$WORK/attempts/\$(basename "\$3")"
    if [ ! -e "\$marker" ]; then
        mkdir -p "$WORK/attempts" && touch "\$marker"
        echo "simulated kill" >&2
        exit 137
    fi
fi
exec "$VANBAN" "\$@"
SHEOF
chmod +x "$WORK/flaky-vanban"
set +e
"$PY" -m vanban_dask run --scheduler "$ADDR" --vanban "$WORK/flaky-vanban" --shards "$SHARDS" \
    --out "$WORK/parts3" --summary "$WORK/run3.json" --verify-rows --extract-arg=--ocr "--extract-arg=$OCR" \
    --extract-arg=--ocr-cache "--extract-arg=$WORK/ocr-dask" "${INPUTS[@]}" 2>"$WORK/run3.log"
rc=$?
set -e
[ "$rc" = 0 ] || [ "$rc" = 3 ] || { cat "$WORK/run3.log"; die "driver exit $rc with retries"; }
[ "$(ls "$WORK/attempts" | wc -l)" = "$SHARDS" ] || die "not every shard failed once: $(ls "$WORK/attempts")"
"$PY" "$HERE/ci_compare.py" "$WORK/export" "$WORK/parts3" --expect-documents "$DOCS" >/dev/null
echo "   run 3: $SHARDS shards failed once each and were retried; dataset equal to the export" >&2
echo "dask ci_test: ok" >&2
