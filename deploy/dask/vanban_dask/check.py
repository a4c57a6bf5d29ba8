"""The end-of-run check of a parts dataset: every manifest hash has its five
parts, no part belongs to a file outside the manifest, and no document or
fact row appears twice."""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

TABLES = ("documents", "references", "money", "case_counts", "periods")
PART = re.compile(r"^part-([0-9a-f]{64})\.parquet$")


def manifest_hashes(manifest_dir: Path) -> dict[str, str]:
    """BLAKE3 → path of every entry of every shard file in `manifest_dir`."""
    out: dict[str, str] = {}
    for shard in sorted(manifest_dir.glob("shard-*.jsonl")):
        with shard.open(encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    e = json.loads(line)
                    out[e["blake3"]] = e["path"]
                except (ValueError, KeyError) as err:
                    raise ValueError(f"{shard}: line {n}: {err}") from err
    return out


@dataclass
class CheckReport:
    """What the check found; `ok` when the dataset is complete and clean."""

    expected: int = 0
    complete: int = 0
    failed: int = 0
    missing: list[str] = field(default_factory=list)
    stray: list[str] = field(default_factory=list)
    duplicates: dict[str, int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    temporary_files: int = 0

    @property
    def ok(self) -> bool:
        return not self.missing and not self.stray and not self.duplicates

    def lines(self) -> list[str]:
        rows = ", rows: " + ", ".join(f"{t} {n}" for t, n in self.rows.items()) if self.rows else ""
        out = [
            f"dataset: {self.complete}/{self.expected} files complete, {self.failed} failed "
            f"(reported by vanban){rows}"
        ]
        for m in self.missing[:20]:
            out.append(f"missing parts: {m}")
        for s in self.stray[:20]:
            out.append(f"part of a file not in the manifest: {s}")
        for what, n in self.duplicates.items():
            out.append(f"duplicate rows: {what}: {n}")
        if self.temporary_files:
            out.append(
                f"{self.temporary_files} hidden temporary file(s) of interrupted writes "
                "(ignored by readers; safe to delete once no vanban extract runs)"
            )
        return out


def check_dataset(
    out: Path, manifest_dir: Path, failed: set[str] | None = None, verify_rows: bool = False
) -> CheckReport:
    """Checks the parts under `out` against the manifest in `manifest_dir`;
    `failed` holds the hashes vanban reported as failed (they have no parts).

    By names: a part is named by its file's BLAKE3 and holds only that file's
    rows (ids `<blake3>` and `<blake3>:<ordinal>`), so one part per hash and
    table and no part outside the manifest means no row twice. `verify_rows`
    also reads every part's `id` column and counts repeated ids, checking that
    invariant itself (it reads every part: slower on large datasets)."""
    failed = failed or set()
    expected = manifest_hashes(manifest_dir)
    report = CheckReport(expected=len(expected), failed=len(failed & expected.keys()))
    present: dict[str, set[str]] = {}
    for table in TABLES:
        folder = out / table
        hashes: set[str] = set()
        if folder.is_dir():
            for name in os.listdir(folder):
                m = PART.match(name)
                if m:
                    hashes.add(m.group(1))
                elif name.startswith(".part-") and name.endswith(".tmp"):
                    report.temporary_files += 1
        present[table] = hashes
    for h, path in sorted(expected.items(), key=lambda kv: kv[1]):
        if h in failed:
            continue
        lacking = [t for t in TABLES if h not in present[t]]
        if lacking:
            report.missing.append(f"{path} ({h[:12]}…: {', '.join(lacking)})")
        else:
            report.complete += 1
    for table in TABLES:
        for h in sorted(present[table] - expected.keys()):
            report.stray.append(f"{table}/part-{h}.parquet")
    if verify_rows:
        _check_rows(out, report)
    return report


def _check_rows(out: Path, report: CheckReport) -> None:
    """Reads the id columns of the parts as one table each (pyarrow) and
    counts repeated ids: a document id once in documents, a fact id once in
    its table."""
    import pyarrow.dataset as ds

    for table in TABLES:
        folder = out / table
        if not folder.is_dir() or not any(PART.match(n) for n in os.listdir(folder)):
            report.rows[table] = 0
            continue
        ids = ds.dataset(str(folder), format="parquet").to_table(columns=["id"]).column("id")
        ids = ids.to_pylist()
        report.rows[table] = len(ids)
        repeated = sum(n - 1 for n in Counter(ids).values() if n > 1)
        if repeated:
            report.duplicates[f"{table}.id"] = repeated
