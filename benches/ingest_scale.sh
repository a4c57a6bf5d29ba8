#!/usr/bin/env bash
# Ingest memory against corpus size: is peak RSS flat in the number of files?
#
# For each N in SIZES, generates (or reuses) N documents with
# `vanban-bench generate --seed 42 --formats FORMAT` under DATA/FORMAT-N, then
# ingests them into a fresh index under /usr/bin/time -v while sampling
# /proc/PID/status of the vanban process every 0.2 s for the peak VmRSS,
# RssAnon (heap, stacks) and RssFile (file-backed pages: binary and the
# index's mmapped segments, which GNU time's max RSS also counts). Prints one
# row per N: N, pages, wall s, CPU s (user+sys), pages/s, peak RSS (GNU time),
# peak VmRSS, peak RssAnon, peak RssFile (sampled; all MB), and the load
# average when the run started.
#
# With RESUME=1 each N is instead ingested twice into the same fresh index:
# the first run is killed with SIGKILL after KILL_AFTER seconds, the second
# resumes and is measured (its `unchanged` count = files committed before the
# kill, which are not read again).
#
# Usage: benches/ingest_scale.sh
#        SIZES="1000 10000 100000" BIN=/tmp/bin-ingest/new benches/ingest_scale.sh
#        SIZES=100000 RESUME=1 KILL_AFTER=360 BIN=/tmp/bin-ingest/new benches/ingest_scale.sh
# Variables: SIZES (default "1000 10000"), FORMAT (docx; see
# `vanban-bench generate --help`), BIN (folder with vanban and vanban-bench;
# default target/release: copy binaries elsewhere for long runs so a rebuild
# can relink), DATA (generated sets, kept; default /tmp/vanban-ingest-scale),
# WORK (indexes and logs, replaced per run; default DATA/work).
set -euo pipefail

SIZES="${SIZES:-1000 10000}"
FORMAT="${FORMAT:-docx}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${BIN:-$ROOT/target/release}"
DATA="${DATA:-${TMPDIR:-/tmp}/vanban-ingest-scale}"
WORK="${WORK:-$DATA/work}"
RESUME="${RESUME:-0}"
KILL_AFTER="${KILL_AFTER:-60}"
VANBAN="$BIN/vanban"
GEN="$BIN/vanban-bench"

die() { echo "ingest_scale.sh: $*" >&2; exit 1; }
[ -x /usr/bin/time ] || die "/usr/bin/time not found (GNU time): apt-get install -y time"
[ -x "$VANBAN" ] || die "$VANBAN not found: cargo build --release --workspace --locked, or set BIN"
[ -x "$GEN" ] || die "$GEN not found"
for n in $SIZES; do [[ "$n" =~ ^[0-9]+$ && "$n" -gt 0 ]] || die "bad size '$n'"; done
mkdir -p "$DATA" "$WORK"

# sample PID OUT: every 0.2 s, the largest VmRSS, RssAnon, RssFile (kB) of PID so far.
sample() {
    local pid="$1" out="$2" rss=0 anon=0 file=0 k v
    while [ -r "/proc/$pid/status" ]; do
        while read -r k v _; do
            case "$k" in
                VmRSS:) [ "$v" -gt "$rss" ] && rss="$v" ;;
                RssAnon:) [ "$v" -gt "$anon" ] && anon="$v" ;;
                RssFile:) [ "$v" -gt "$file" ] && file="$v" ;;
            esac
        done <"/proc/$pid/status" 2>/dev/null || true
        echo "$rss $anon $file" >"$out"
        sleep 0.2
    done
}

# ingest SET IDX TAG [KILL]: one ingest under GNU time with sampling; writes
# $WORK/TAG.{time,json,err,peak}. With KILL, the ingest is SIGKILLed after KILL s.
ingest() {
    local set="$1" idx="$2" tag="$3" kill="${4:-}" rc=0 tpid vpid="" parents
    local -a cmd=("$VANBAN" ingest --index "$idx" --ocr never --quiet --json "$set")
    [ -n "$kill" ] && cmd=(timeout -s KILL "$kill" "${cmd[@]}")
    echo 0 0 0 >"$WORK/$tag.peak"
    /usr/bin/time -v -o "$WORK/$tag.time" "${cmd[@]}" >"$WORK/$tag.json" 2>"$WORK/$tag.err" &
    tpid=$!
    # The vanban process: time's child, or timeout's child.
    for _ in $(seq 100); do
        parents="$tpid$(pgrep -P "$tpid" | sed 's/^/,/' | tr -d '\n' || true)"
        vpid="$(pgrep -n -x vanban -P "$parents" || true)"
        [ -n "$vpid" ] && break
        sleep 0.05
    done
    [ -n "$vpid" ] && { sample "$vpid" "$WORK/$tag.peak" & }
    wait "$tpid" || rc=$?
    wait 2>/dev/null || true
    if [ -z "$kill" ] && [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ]; then
        cat "$WORK/$tag.err" >&2
        die "ingest $tag failed with exit status $rc"
    fi
}

printf '| %-7s | %-6s | %7s | %8s | %8s | %7s | %8s | %8s | %8s | %8s | %-14s |\n' \
    N run pages "wall s" "CPU s" pages/s "RSS MB" "VmRSS MB" "anon MB" "file MB" "load (1,5 min)"
printf '|%s|\n' "---------|--------|---------|----------|----------|---------|----------|----------|----------|----------|----------------"
for n in $SIZES; do
    set="$DATA/$FORMAT-$n"
    if [ ! -f "$set/manifest.jsonl" ] || [ "$(wc -l <"$set/manifest.jsonl")" -ne "$n" ]; then
        rm -rf "$set"
        echo "== generating $n $FORMAT documents into $set" >&2
        "$GEN" generate --out "$set" -n "$n" --seed 42 --formats "$FORMAT" >&2
    fi
    idx="$WORK/idx-$FORMAT-$n"
    rm -rf "$idx"
    run=fresh
    if [ "$RESUME" = 1 ]; then
        echo "== $n: first ingest, killed after $KILL_AFTER s" >&2
        ingest "$set" "$idx" "$FORMAT-$n-killed" "$KILL_AFTER"
        run=resumed
    fi
    load="$(cut -d' ' -f1,2 /proc/loadavg)"
    echo "== $n: ingest ($run), load $load" >&2
    tag="$FORMAT-$n-$run"
    ingest "$set" "$idx" "$tag"
    read -r prss panon pfile <"$WORK/$tag.peak"
    awk -v n="$n" -v run="$run" -v prss="$prss" -v panon="$panon" -v pfile="$pfile" -v load="$load" \
        -v json="$(cat "$WORK/$tag.json")" -F': ' '
        /Elapsed \(wall clock\)/ {
            k = split($2, p, ":"); wall = 0
            for (i = 1; i <= k; i++) wall = wall * 60 + p[i]
        }
        /User time \(seconds\)/ { user = $2 }
        /System time \(seconds\)/ { sys = $2 }
        /Maximum resident set size/ { rss = $2 }
        END {
            pages = json; sub(/.*"pages":/, "", pages); sub(/[,}].*/, "", pages)
            printf "| %-7d | %-6s | %7d | %8.1f | %8.1f | %7.0f | %8.0f | %8.0f | %8.0f | %8.0f | %-14s |\n",
                n, run, pages, wall, user + sys, pages / (wall > 0 ? wall : 1), rss / 1024,
                prss / 1024, panon / 1024, pfile / 1024, load
        }' "$WORK/$tag.time"
    echo "   summary: $(cat "$WORK/$tag.json")" >&2
done
