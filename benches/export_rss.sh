#!/usr/bin/env bash
# Peak memory of `vanban export` on an index of N documents.
#
# Usage: benches/export_rss.sh N [path/to/release/vanban]
#        INDEX=DIR benches/export_rss.sh - [path/to/release/vanban]
#
# Without INDEX, builds N distinct documents by copying the corpus' .txt and
# .docx files under new names (a line appended to each .txt so every hash
# differs; .docx copies are byte-identical apart from their name, so the same
# hash may appear under several paths) and ingests them into a fresh index.
# With INDEX, exports that index as it is (e.g. the 10k/100k-document indexes
# the search_latency bench builds under its work folder).
#
# Prints two figures per format:
#   - peak RSS, GNU time's "Maximum resident set size": it counts the pages of
#     the memory-mapped index files the export has read, which the kernel may
#     drop at any time and which grow with the index however the code behaves;
#   - peak anonymous RSS (heap and stacks: RssAnon of /proc/PID/status,
#     sampled every 10 ms), the memory the export itself holds. Flat export
#     memory means this figure does not grow with N.
set -euo pipefail

n=${1:?usage: export_rss.sh N [vanban binary]   (or INDEX=DIR export_rss.sh - [binary])}
bin=${2:-target/release/vanban}
repo=$(cd "$(dirname "$0")/.." && pwd)
[[ -x $bin ]] || { echo "export_rss.sh: no executable at $bin (cargo build --release -p vanban)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "export_rss.sh: needs GNU time at /usr/bin/time (apt-get install -y time)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/vanban-export-rss.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [[ -n ${INDEX:-} ]]; then
    index=$INDEX
else
    [[ $n =~ ^[0-9]+$ ]] || { echo "export_rss.sh: N must be a number, got '$n'" >&2; exit 2; }
    mkdir -p "$work/docs"
    mapfile -t sources < <(find "$repo/corpus" -maxdepth 1 -type f \( -name '*.txt' -o -name '*.docx' \) | sort)
    for ((i = 0; i < n; i++)); do
        src=${sources[i % ${#sources[@]}]}
        name=$(basename "$src")
        dest="$work/docs/$(printf '%06d' "$i")_${name}"
        cp "$src" "$dest"
        if [[ $name == *.txt ]]; then
            printf '\nBản sao số %d.\n' "$i" >>"$dest"
        fi
    done
    index=$work/index
    "$bin" ingest --quiet --index "$index" "$work/docs" >/dev/null
fi
docs=$("$bin" stats --index "$index" --json | grep -o '"documents":[0-9]*' | head -n1 | cut -d: -f2)

# measure CMD...: runs CMD (stdout to /dev/null) and prints "peak_rss_kb peak_anon_kb".
measure() {
    local tfile=$work/time.txt anon=0 pid v
    /usr/bin/time -v -o "$tfile" "$@" >/dev/null 2>>"$work/stderr" &
    local timepid=$!
    # The command is GNU time's child; sample it until it is gone.
    while kill -0 "$timepid" 2>/dev/null; do
        pid=$(pgrep -P "$timepid" | head -n1 || true)
        if [[ -n $pid ]]; then
            v=$(awk '/^RssAnon:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
            [[ -n $v && $v -gt $anon ]] && anon=$v
        fi
        sleep 0.01
    done
    wait "$timepid" || { cat "$work/stderr" >&2; return 1; }
    echo "$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tfile") $anon"
}

read -r jsonl_kb jsonl_anon < <(measure "$bin" export --index "$index" --format jsonl)
read -r csv_kb csv_anon < <(measure "$bin" export --index "$index" --format csv --out "$work/csv")
rows=$(wc -l <"$work/csv/references.csv")
read -r pq_kb pq_anon < <(measure "$bin" export --index "$index" --format parquet --out "$work/parquet")

echo "documents indexed: $docs"
echo "jsonl export: peak RSS ${jsonl_kb} KB, peak anonymous RSS ${jsonl_anon} KB"
echo "csv export:   peak RSS ${csv_kb} KB, peak anonymous RSS ${csv_anon} KB (references.csv lines: $rows)"
echo "parquet export: peak RSS ${pq_kb} KB, peak anonymous RSS ${pq_anon} KB"
echo "sizes: csv $(du -sk "$work/csv" | cut -f1) KB, parquet $(du -sk "$work/parquet" | cut -f1) KB"
