#!/usr/bin/env bash
# End-to-end ingest benchmark on a generated corpus.
#
# Generates N documents (PDF + DOCX) once with `vanban-bench generate`, then for
# RUNS rounds measures, each under /usr/bin/time -v:
#   - `vanban ingest` of the PDFs into a fresh index (wall, user+sys CPU, peak RSS)
#   - `pdftotext` over the same PDFs with the same parallelism (nproc), the peer
#     an analyst would script
#   - re-ingest of the unchanged PDFs into the same index
#   - the same two ingests for the DOCX files
# and prints a table of medians. Pages come from the generator's manifest.
#
# Usage: benches/ingest.sh            (N=2000 RUNS=5; SEARCH_SIZES=none skips the search step)
#        N=200 RUNS=3 SEED=7 WORK=/tmp/vb benches/ingest.sh
# Peak RSS is GNU time's "Maximum resident set size": the largest single process
# among the command and the children it waited for (PDF workers are separate
# processes), not a sum.
set -euo pipefail

N="${N:-2000}"
SEED="${SEED:-42}"
RUNS="${RUNS:-5}"
WORK="${WORK:-${TMPDIR:-/tmp}/vanban-bench-ingest}"
JOBS="$(nproc)"

die() { echo "ingest.sh: $*" >&2; exit 1; }

[ -x /usr/bin/time ] || die "/usr/bin/time not found (GNU time): apt-get install -y time poppler-utils"
/usr/bin/time -v true >/dev/null 2>&1 || die "/usr/bin/time is not GNU time (-v unsupported): apt-get install -y time"
command -v pdftotext >/dev/null || die "pdftotext not found: apt-get install -y time poppler-utils"
command -v cargo >/dev/null || die "cargo not found"
[[ "$N" =~ ^[0-9]+$ && "$N" -gt 0 ]] || die "N must be a positive integer, got '$N'"
[[ "$RUNS" =~ ^[0-9]+$ && "$RUNS" -gt 0 ]] || die "RUNS must be a positive integer, got '$RUNS'"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
echo "== building release binaries" >&2
cargo build --release --locked -p vanban -p vanban-bench >&2
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release"
VANBAN="$BIN/vanban"
GEN="$BIN/vanban-bench"

mkdir -p "$WORK"
SET="$WORK/set-n$N-seed$SEED"
if [ ! -f "$SET/manifest.jsonl" ] || [ "$(wc -l <"$SET/manifest.jsonl")" -ne "$N" ]; then
    rm -rf "$SET"
    echo "== generating $N documents (seed $SEED) into $SET" >&2
    "$GEN" generate --out "$SET/all" -n "$N" --seed "$SEED" >&2
    mkdir -p "$SET/pdf" "$SET/docx"
    # Hard links: each format gets its own folder without copying bytes.
    find "$SET/all" -maxdepth 1 -name '*.pdf' -exec ln {} "$SET/pdf/" \;
    find "$SET/all" -maxdepth 1 -name '*.docx' -exec ln {} "$SET/docx/" \;
    mv "$SET/all/manifest.jsonl" "$SET/manifest.jsonl"
fi
PAGES="$(grep -o '"pages":[0-9]*' "$SET/manifest.jsonl" | awk -F: '{s += $2} END {print s}')"
PDF_MB="$(du -sm "$SET/pdf" | cut -f1)"
echo "== set: $N documents, $PAGES pages, PDFs ${PDF_MB} MB, $JOBS cores, $RUNS runs" >&2

RES="$WORK/results.tsv"
: >"$RES"

# measure NAME CMD...: runs CMD under GNU time, appends "NAME wall cpu rss_kb" to $RES.
measure() {
    local name="$1"; shift
    local tfile="$WORK/time.txt" rc=0
    /usr/bin/time -v -o "$tfile" "$@" >"$WORK/last.out" 2>"$WORK/last.err" || rc=$?
    # vanban ingest exits 3 when some files failed; that is a result, not a crash.
    if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ]; then
        cat "$WORK/last.err" >&2
        die "$name failed with exit status $rc"
    fi
    [ "$rc" -eq 3 ] && echo "warning: $name: some files were not indexed (exit 3)" >&2
    awk -v name="$name" -F': ' '
        /Elapsed \(wall clock\)/ {
            n = split($2, p, ":"); wall = 0
            for (i = 1; i <= n; i++) wall = wall * 60 + p[i]
        }
        /User time \(seconds\)/ { user = $2 }
        /System time \(seconds\)/ { sys = $2 }
        /Maximum resident set size/ { rss = $2 }
        END { printf "%s\t%.3f\t%.3f\t%d\n", name, wall, user + sys, rss }
    ' "$tfile" >>"$RES"
    tail -n1 "$RES" | awk -F'\t' '{printf "   %-14s wall %7.2f s  cpu %7.2f s  rss %6.1f MB\n", $1, $2, $3, $4/1024}' >&2
}

pdftotext_all() {
    local out="$1"
    rm -rf "$out"; mkdir -p "$out"
    (cd "$SET/pdf" && find . -name '*.pdf' -print0 |
        xargs -0 -P "$JOBS" -n 8 sh -c 'o="$0"; for f; do pdftotext -enc UTF-8 "$f" "$o/${f%.pdf}.txt"; done' "$out")
}
export -f pdftotext_all
export SET JOBS

for run in $(seq 1 "$RUNS"); do
    echo "== run $run/$RUNS" >&2
    rm -rf "$WORK/idx-pdf" "$WORK/idx-docx"
    measure ingest_pdf "$VANBAN" ingest "$SET/pdf" --index "$WORK/idx-pdf" --quiet
    measure pdftotext bash -c 'pdftotext_all "$0"' "$WORK/pdftotext-out"
    measure reingest_pdf "$VANBAN" ingest "$SET/pdf" --index "$WORK/idx-pdf" --quiet
    measure ingest_docx "$VANBAN" ingest "$SET/docx" --index "$WORK/idx-docx" --quiet
    measure reingest_docx "$VANBAN" ingest "$SET/docx" --index "$WORK/idx-docx" --quiet
done

# Medians per measurement, then the table.
awk -F'\t' -v pages="$PAGES" -v n="$N" -v jobs="$JOBS" -v runs="$RUNS" '
    function median(list,    a, k, i, j, t) {
        k = split(list, a, " ")
        for (i = 2; i <= k; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
        return (k % 2) ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
    }
    { wall[$1] = wall[$1] " " $2; cpu[$1] = cpu[$1] " " $3; rss[$1] = rss[$1] " " $4 }
    END {
        split("ingest_pdf pdftotext reingest_pdf ingest_docx reingest_docx", order, " ")
        label["ingest_pdf"] = "vanban ingest PDF"
        label["pdftotext"] = "pdftotext -P" jobs " (PDF)"
        label["reingest_pdf"] = "re-ingest PDF (unchanged)"
        label["ingest_docx"] = "vanban ingest DOCX"
        label["reingest_docx"] = "re-ingest DOCX (unchanged)"
        for (i = 1; i <= 5; i++) {
            k = order[i]; w[k] = median(wall[k]); c[k] = median(cpu[k]); r[k] = median(rss[k])
        }
        pt = pages / w["pdftotext"]
        printf "\n%d documents, %d pages (per format), %d cores, median of %d runs\n\n", n, pages, jobs, runs
        printf "| %-28s | %8s | %8s | %9s | %12s | %11s | %12s | %12s |\n", "measurement", "wall s", "CPU s", "pages/s", "pages/CPU-s", "peak RSS MB", "vs pdftotext", "% of ingest"
        printf "|%s|%s|%s|%s|%s|%s|%s|%s|\n", "------------------------------", "----------", "----------", "-----------", "--------------", "-------------", "--------------", "--------------"
        for (i = 1; i <= 5; i++) {
            k = order[i]
            ps = pages / w[k]
            ratio = "-"; pct = "-"
            if (k != "pdftotext" && k !~ /^reingest/) ratio = sprintf("%.2fx", ps / pt)
            if (k == "reingest_pdf") pct = sprintf("%.1f%%", 100 * w[k] / w["ingest_pdf"])
            if (k == "reingest_docx") pct = sprintf("%.1f%%", 100 * w[k] / w["ingest_docx"])
            printf "| %-28s | %8.2f | %8.2f | %9.0f | %12.0f | %11.1f | %12s | %12s |\n", label[k], w[k], c[k], ps, pages / (c[k] > 0 ? c[k] : 1e-9), r[k] / 1024, ratio, pct
        }
    }
' "$RES"

# Search latency: the generated documents' extract records, repeated with
# varied number, year, agency and path into indexes of SEARCH_SIZES documents
# (default 10,000 and 100,000; built once and cached under $WORK/search), then
# 200 fixed queries x 5 rounds. See crates/index/benches/search_latency.rs.
if [ "${SEARCH_SIZES:-10000,100000}" != "none" ]; then
    RECORDS="$SET/records.jsonl"
    if [ ! -s "$RECORDS" ]; then
        echo "== extract records of the DOCX set for the search benchmark" >&2
        # Exit status 1 means some file failed; the others are still printed.
        "$VANBAN" extract --json "$SET"/docx/*.docx >"$RECORDS" || [ $? -eq 1 ]
    fi
    echo "== search latency (indexes of ${SEARCH_SIZES:-10000,100000} documents)" >&2
    VANBAN_BENCH_RECORDS="$RECORDS" VANBAN_BENCH_WORK="$WORK/search" \
        VANBAN_BENCH_SIZES="${SEARCH_SIZES:-10000,100000}" \
        cargo bench --locked -q -p vanban-index --bench search_latency
fi
