#!/usr/bin/env bash
# Builds the working corpora fuzz/work/<target>/ (not committed): the
# committed seeds and regression inputs, plus the repository's corpus/ files,
# which are too large to commit twice. Existing work files are kept, so
# corpus growth from earlier runs carries over.
set -euo pipefail
cd "$(dirname "$0")"
for t in pdf_worker docx text_repair extract doc rtf html; do
  mkdir -p "work/$t"
  for d in corpus regressions; do
    if [ -d "$d/$t" ]; then cp -n "$d/$t"/* "work/$t/" 2>/dev/null || true; fi
  done
done
cp -n ../corpus/*.pdf work/pdf_worker/
cp -n ../corpus/*.docx work/docx/
cp -n ../corpus/*.doc work/doc/
# The .doc files' two main streams in the target's packed form (needs olefile).
for f in ../corpus/*.doc; do
  python3 seeds/make_doc_seeds.py "$f" > "work/doc/$(basename "$f" .doc).streams" || rm -f "work/doc/$(basename "$f" .doc).streams"
done
for f in ../corpus/*.docx; do
  python3 seeds/make_docx_seeds.py "$f" > "work/docx/$(basename "$f" .docx).parts"
done
for f in ../corpus/*.txt; do
  cp -n "$f" work/text_repair/
  cp -n "$f" work/extract/
done
# A multi-page text for extract: two documents joined by a form feed.
printf '%s\f%s' "$(cat ../corpus/000_1caea9d70ae52738.txt)" "$(cat ../corpus/003_e4290625d62bc623.txt)" > work/extract/000_003_pages.txt
cp -n ../corpus/*.rtf work/rtf/ 2>/dev/null || true
cp -n ../corpus/*.htm ../corpus/*.html ../corpus/*.mht work/html/ 2>/dev/null || true
for t in pdf_worker docx text_repair extract doc rtf html; do echo "work/$t: $(ls "work/$t" | wc -l) files"; done
