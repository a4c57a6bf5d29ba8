#!/usr/bin/env bash
# Peak resident memory of `vanban export` on a synthetic index of N documents.
#
# Usage: benches/export_rss.sh N [path/to/release/vanban]
#
# Builds N distinct documents by copying the corpus' .txt and .docx files
# under new names (a line appended to each .txt so every hash differs;
# .docx copies are byte-identical apart from their name, so the same hash
# may appear under several paths), ingests them into a fresh index, then
# runs the JSON Lines and the CSV export under /usr/bin/time -v and prints
# their "Maximum resident set size". Run it at two sizes: export memory is
# flat when the figure does not grow with N.
set -euo pipefail

n=${1:?usage: export_rss.sh N [vanban binary]}
bin=${2:-target/release/vanban}
repo=$(cd "$(dirname "$0")/.." && pwd)
[[ -x $bin ]] || { echo "export_rss.sh: no executable at $bin (cargo build --release -p vanban)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "export_rss.sh: needs GNU time at /usr/bin/time" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/vanban-export-rss.XXXXXX")
trap 'rm -rf "$work"' EXIT
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

"$bin" ingest --quiet --index "$work/index" "$work/docs" >/dev/null
docs=$("$bin" stats --index "$work/index" --json | grep -o '"documents":[0-9]*' | head -n1 | cut -d: -f2)

peak() {
    /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ {print $2}'
}
jsonl_kb=$(peak "$bin" export --index "$work/index" --format jsonl)
csv_kb=$(peak "$bin" export --index "$work/index" --format csv --out "$work/csv")
rows=$(wc -l <"$work/csv/references.csv")

echo "documents indexed: $docs"
echo "jsonl export peak RSS: ${jsonl_kb} KB"
echo "csv export peak RSS:   ${csv_kb} KB (references.csv lines: $rows)"
