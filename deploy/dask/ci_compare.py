"""ci_test.sh's comparison: the parts dataset against `vanban export --format
parquet` of a local ingest of the same files, per table, as multisets of rows.

Excluded: documents.ingested_at (when each run read the file). Nothing else
depends on the run: vanban_version comes from the binary, ids from the bytes,
paths are the canonical paths both see; grouping of renderings lives only in
the index and is not a column of any table.

Usage: python ci_compare.py EXPORT_DIR PARTS_DIR [--expect-documents N]"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import duckdb
import pyarrow.dataset as ds
import pyarrow.parquet as pq

TABLES = ("documents", "references", "money", "case_counts", "periods")
INGEST_TIME = {"documents": {"ingested_at"}}


def rows(table) -> Counter:
    cols = table.column_names
    data = table.to_pydict()
    return Counter(tuple(data[c][i] for c in cols) for i in range(table.num_rows))


def main() -> int:
    export, parts = Path(sys.argv[1]), Path(sys.argv[2])
    bad = 0
    for t in TABLES:
        want_t = pq.read_table(export / f"{t}.parquet")
        folder = parts / t
        keep = [c for c in want_t.column_names if c not in INGEST_TIME.get(t, set())]
        if folder.is_dir():
            got_t = ds.dataset(str(folder), format="parquet").to_table()
            if got_t.schema != want_t.schema:
                print(f"{t}: schema differs:\n{got_t.schema}\n---\n{want_t.schema}")
                bad += 1
                continue
            got = rows(got_t.select(keep))
        else:
            got = Counter()
        want = rows(want_t.select(keep))
        dups = sum(n - 1 for n in got.values() if n > 1)
        if got != want:
            print(f"{t}: {sum(got.values())} rows in the parts, {sum(want.values())} in the export; "
                  f"{len(got - want)} distinct rows only in the parts, {len(want - got)} only in the export")
            for r in list((got - want).elements())[:2]:
                print("  parts only:", r[:6])
            for r in list((want - got).elements())[:2]:
                print("  export only:", r[:6])
            bad += 1
        else:
            print(f"{t}: {sum(got.values())} rows, equal to the export (duplicates in parts: {dups})")
        if dups and got == want:
            print(f"{t}: the export itself repeats {dups} rows")
    # The README's DuckDB reading: the parts as one table, joined.
    con = duckdb.connect()
    n_docs, n_money = con.execute(
        f"""SELECT count(DISTINCT d.id), count(m.id)
            FROM read_parquet('{parts}/documents/*.parquet') d
            LEFT JOIN read_parquet('{parts}/money/*.parquet') m ON m.doc_id = d.id"""
    ).fetchone()
    ids = con.execute(f"SELECT count(*), count(DISTINCT id) FROM read_parquet('{parts}/documents/*.parquet')").fetchone()
    print(f"duckdb: {n_docs} documents, {n_money} money rows joined; documents ids {ids[0]} rows, {ids[1]} distinct")
    if ids[0] != ids[1]:
        bad += 1
    if "--expect-documents" in sys.argv:
        want_n = int(sys.argv[sys.argv.index("--expect-documents") + 1])
        if ids[0] != want_n:
            print(f"expected {want_n} documents, found {ids[0]}")
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
