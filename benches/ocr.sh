#!/usr/bin/env bash
# OCR throughput: `vanban extract --ocr always` (fresh cache every run, so every page is
# rendered and read) against plain poppler + Tesseract over the same pages, two pages at a
# time (`xargs -P 2`, one Tesseract thread each, the same settings vanban uses), in the
# same session, runs alternated. Prints wall and CPU seconds of each run, the medians and
# vanban's overhead.
#
# env: BIN (vanban binary, default target/release/vanban), RUNS (default 3),
#      FILES (PDFs, default corpus/scans/*.scan.pdf corpus/scans/*.fax.pdf)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-target/release/vanban}
RUNS=${RUNS:-3}
read -r -a files <<<"${FILES:-$(echo corpus/scans/*.scan.pdf corpus/scans/*.fax.pdf)}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One line per page: "<pdf> <page>".
pages="$work/pages"
for f in "${files[@]}"; do
  n=$(pdfinfo "$f" | awk '/^Pages:/ {print $2}')
  for p in $(seq 1 "$n"); do echo "$f $p"; done
done >"$pages"
npages=$(wc -l <"$pages")

plain_page() { # pdf page workdir
  local base="$3/$(basename "$1").$2"
  pdftoppm -r 300 -gray -singlefile -f "$2" -l "$2" "$1" "$base"
  OMP_THREAD_LIMIT=1 tesseract "$base.pgm" "$base" --dpi 300 -l vie --psm 1 tsv 2>/dev/null
  rm -f "$base.pgm"
}
export -f plain_page

# Prints "wall cpu" seconds of a command (CPU = user + sys of it and its children).
measure() {
  local t0 t1 c0 c1 me=$BASHPID
  t0=$(date +%s.%N)
  c0=$(awk '{print $14+$15+$16+$17}' "/proc/$me/stat")
  "$@" >/dev/null
  t1=$(date +%s.%N)
  c1=$(awk '{print $14+$15+$16+$17}' "/proc/$me/stat")
  echo "$(echo "$t1 - $t0" | bc -l) $(echo "($c1 - $c0) / $(getconf CLK_TCK)" | bc -l)"
}

run_plain() {
  local d="$work/plain.$1"
  mkdir -p "$d"
  xargs -P 2 -L 1 bash -c 'plain_page "$0" "$1" '"$d" <"$pages"
}
run_vanban() {
  "$BIN" extract --json --ocr always --ocr-cache "$work/cache.$1" "${files[@]}"
}

echo "pages: $npages from ${#files[@]} files; runs: $RUNS; cores: $(nproc)"
: >"$work/plain.times"
: >"$work/vanban.times"
for r in $(seq 1 "$RUNS"); do
  p=$(measure run_plain "$r")
  v=$(measure run_vanban "$r")
  echo "run $r: plain wall/cpu $p s; vanban wall/cpu $v s"
  echo "$p" >>"$work/plain.times"
  echo "$v" >>"$work/vanban.times"
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
pw=$(cut -d' ' -f1 "$work/plain.times" | median)
pc=$(cut -d' ' -f2 "$work/plain.times" | median)
vw=$(cut -d' ' -f1 "$work/vanban.times" | median)
vc=$(cut -d' ' -f2 "$work/vanban.times" | median)
printf 'median plain:  %.2f s wall, %.2f s CPU, %.2f pages/s\n' "$pw" "$pc" "$(echo "$npages / $pw" | bc -l)"
printf 'median vanban: %.2f s wall, %.2f s CPU, %.2f pages/s\n' "$vw" "$vc" "$(echo "$npages / $vw" | bc -l)"
printf 'vanban overhead: %+.1f %% wall, %+.1f %% CPU\n' \
  "$(echo "($vw / $pw - 1) * 100" | bc -l)" "$(echo "($vc / $pc - 1) * 100" | bc -l)"
