#!/usr/bin/env bash
# Overhead of the Dask driver (deploy/dask) over `xargs -P2 vanban extract` on
# the same shards: the corpus plus N generated documents (PDF + DOCX each),
# --ocr never on both sides.
#
# Each round, interleaved so drift in the shared machine's load hits both:
#   peer: vanban manifest, then `xargs -P2 vanban extract --manifest` over the shards (one per shard)
#   dask: `python -m vanban_dask run` (manifest, one task per shard, the final check
#         by part names) on a scheduler and two single-threaded workers on
#         127.0.0.1 started once (their start-up is measured apart)
#   dask-verify: the same with --verify-rows (the check reads every part's ids)
# both into a fresh output folder. Wall: from start to the dataset complete.
# CPU: user+sys of the command and its children (GNU time) for the peer; for
# Dask, the driver's (GNU time) plus the scheduler's and workers' own and
# reaped children's (the vanban runs) CPU, read from /proc before and after.
# Prints the medians as a Markdown table.
#
# Usage: benches/dask_overhead.sh      (N=200 SHARDS=8 RUNS=5)
# Needs target/release/vanban and vanban-bench (cargo test --release --workspace --no-run)
# and the virtualenv deploy/dask/ci_test.sh makes (or VANBAN_DASK_VENV).
set -euo pipefail
N="${N:-200}"
SHARDS="${SHARDS:-8}"
RUNS="${RUNS:-5}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VANBAN="$ROOT/target/release/vanban"
GEN="$ROOT/target/release/vanban-bench"
PINS="$(sha256sum "$ROOT/deploy/dask/pyproject.toml" | cut -c1-12)"
VENV="${VANBAN_DASK_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/vanban/dask-venv-$PINS}"
PY="$VENV/bin/python"
die() { echo "dask_overhead.sh: $*" >&2; exit 1; }
[ -x "$VANBAN" ] && [ -x "$GEN" ] || die "build first: cargo test --release --workspace --locked --no-run"
[ -x "$PY" ] || die "no virtualenv at $VENV: run deploy/dask/ci_test.sh once (it makes it)"
/usr/bin/time -f %e true 2>/dev/null || die "GNU time needed: apt-get install -y time"
export PYTHONPATH="$ROOT/deploy/dask"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/vanban-dask-bench.XXXXXX")"
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill -- "-$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

"$GEN" generate --out "$WORK/gen" -n "$N" --seed 42 >/dev/null
INPUTS=("$ROOT/corpus" "$WORK/gen")
FILES="$("$VANBAN" manifest "${INPUTS[@]}" --shards "$SHARDS" --out "$WORK/probe" --json | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["files"])')"

# CPU seconds (utime+stime+cutime+cstime) of every process in the given process groups.
group_cpu() {
    "$PY" - "$@" <<'PYEOF'
import os, sys
groups = {int(g) for g in sys.argv[1:]}
tick = os.sysconf("SC_CLK_TCK")
total = 0
for pid in os.listdir("/proc"):
    if not pid.isdigit():
        continue
    try:
        stat = open(f"/proc/{pid}/stat").read()
    except OSError:
        continue
    f = stat[stat.rindex(")") + 2:].split()
    if int(f[2]) in groups:
        total += sum(int(x) for x in f[11:15])
print(f"{total / tick:.2f}")
PYEOF
}

T0=$(date +%s.%N)
setsid "$VENV/bin/dask" scheduler --host 127.0.0.1 --port 0 --no-dashboard \
    --scheduler-file "$WORK/scheduler.json" >"$WORK/scheduler.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 100); do [ -s "$WORK/scheduler.json" ] && break; sleep 0.1; done
ADDR="$("$PY" -c "import json,sys; print(json.load(open(sys.argv[1]))['address'])" "$WORK/scheduler.json")"
for w in w1 w2; do
    setsid "$VENV/bin/dask" worker "$ADDR" --nworkers 1 --nthreads 1 --host 127.0.0.1 \
        --no-dashboard --name "$w" >"$WORK/$w.log" 2>&1 &
    PIDS+=($!)
done
"$PY" -c "
from distributed import Client
import sys
with Client(sys.argv[1], timeout=60) as c: c.wait_for_workers(2, timeout=60)
" "$ADDR"
START="$("$PY" -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$T0" "$(date +%s.%N)")"

: >"$WORK/results.tsv"
for r in $(seq 1 "$RUNS"); do
    # peer
    rm -rf "$WORK/out" "$WORK/man"
    /usr/bin/time -f "%e %U %S" -o "$WORK/t" bash -c '
        "$1" manifest "${@:4}" --shards "$2" --out "$3/man" >/dev/null
        ls "$3"/man/shard-*.jsonl | xargs -P2 -I{} "$1" extract --manifest {} --out "$3/out" --ocr never --json >/dev/null
    ' _ "$VANBAN" "$SHARDS" "$WORK" "${INPUTS[@]}"
    read -r wall user sys <"$WORK/t"
    n="$(ls "$WORK/out/documents" | wc -l)"
    echo -e "xargs\t$r\t$wall\t$(echo "$user + $sys" | bc)\t$n" >>"$WORK/results.tsv"
    for kind in dask dask-verify; do
        flags=()
        [ "$kind" = dask-verify ] && flags=(--verify-rows)
        rm -rf "$WORK/out"
        before="$(group_cpu "${PIDS[@]}")"
        /usr/bin/time -f "%e %U %S" -o "$WORK/t" "$PY" -m vanban_dask run --scheduler "$ADDR" \
            --vanban "$VANBAN" --shards "$SHARDS" --out "$WORK/out" --manifest-dir "$WORK/man" \
            "${flags[@]}" --extract-arg=--ocr --extract-arg=never "${INPUTS[@]}" 2>"$WORK/driver.log" \
            || { cat "$WORK/driver.log"; die "driver failed"; }
        after="$(group_cpu "${PIDS[@]}")"
        read -r wall user sys <"$WORK/t"
        n="$(ls "$WORK/out/documents" | wc -l)"
        echo -e "$kind\t$r\t$wall\t$(echo "$user + $sys + $after - $before" | bc)\t$n" >>"$WORK/results.tsv"
    done
    echo "round $r: $(tail -3 "$WORK/results.tsv" | tr '\n' ' ')" >&2
done

"$PY" - "$WORK/results.tsv" "$FILES" "$SHARDS" "$START" "$(nproc)" <<'PYEOF'
import statistics, sys
rows = [l.split("\t") for l in open(sys.argv[1]).read().splitlines()]
files, shards, start, cores = sys.argv[2:6]
med = {}
for kind in ("xargs", "dask", "dask-verify"):
    rs = [r for r in rows if r[0] == kind]
    med[kind] = (statistics.median(float(r[2]) for r in rs), statistics.median(float(r[3]) for r in rs),
                 {r[4] for r in rs}, len(rs))
print(f"{files} files (corpus + generated), {shards} shards, {cores} cores, {med['xargs'][3]} runs each, medians; "
      f"Dask scheduler + 2 workers start-up {start} s (not in the figures)\n")
print("| run | wall s | CPU s (user+sys) | wall vs xargs | CPU vs xargs | documents parts |")
print("| --- | ---: | ---: | ---: | ---: | ---: |")
names = {
    "xargs": "`vanban manifest` + `xargs -P2 vanban extract --manifest`",
    "dask": "`python -m vanban_dask run` (2 workers × 1 thread)",
    "dask-verify": "the same, `--verify-rows`",
}
for kind, name in names.items():
    w, c, n, _ = med[kind]
    print(f"| {name} | {w:.2f} | {c:.2f} | {100 * (w / med['xargs'][0] - 1):+.1f} % | "
          f"{100 * (c / med['xargs'][1] - 1):+.1f} % | {','.join(sorted(n))} |")
PYEOF
