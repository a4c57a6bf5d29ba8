"""`python -m vanban_dask run --scheduler tcp://… --vanban PATH --shards N --out DIR INPUTS…`

Exit status: 0 when every file is extracted and the dataset checks out;
3 when some files failed in vanban (listed) but the dataset is otherwise
complete; 1 when a shard failed after its retries or the check failed."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="vanban_dask", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", help="manifest, one Dask task per shard, check")
    r.add_argument("--scheduler", required=True, help="tcp://host:8786 of the Dask scheduler")
    r.add_argument("--vanban", required=True, help="path of the vanban binary on every worker")
    r.add_argument("--shards", type=int, required=True, help="number of shards (tasks)")
    r.add_argument("--out", required=True, help="dataset folder (shared by all workers)")
    r.add_argument("--manifest-dir", help="where the shards go (default OUT/_manifest)")
    r.add_argument("--retries", type=int, default=2, help="retries of a failed shard (default 2)")
    r.add_argument("--extract-arg", action="append", default=[], metavar="ARG",
                   help="passed to `vanban extract` (repeat: --extract-arg=--ocr --extract-arg=never)")
    r.add_argument("--summary", help="write the run's JSON summary to this file")
    r.add_argument("--verify-rows", action="store_true",
                   help="the final check also reads every part's ids and counts repeats")
    r.add_argument("inputs", nargs="+", help="files and folders (same paths on every worker)")
    c = sub.add_parser("check", help="check a parts dataset against its manifest")
    c.add_argument("--out", required=True)
    c.add_argument("--manifest-dir")
    c.add_argument("--verify-rows", action="store_true", help="also read every part's ids")
    args = p.parse_args(argv)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    if args.command == "check":
        from .check import check_dataset

        out = Path(args.out)
        report = check_dataset(out, Path(args.manifest_dir) if args.manifest_dir else out / "_manifest",
                               verify_rows=args.verify_rows)
        for line in report.lines():
            log(line)
        return 0 if report.ok else 1

    from .driver import run

    if args.shards < 1:
        p.error("--shards must be at least 1")
    summary = run(
        scheduler=args.scheduler, vanban=args.vanban, shards=args.shards, out=args.out,
        inputs=args.inputs, manifest_dir=args.manifest_dir, retries=args.retries,
        extra_args=args.extract_arg, log=log, verify_rows=args.verify_rows,
    )
    if args.summary:
        Path(args.summary).write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    if summary["shard_errors"] or not summary["check_ok"]:
        return 1
    return 3 if summary["failed_files"] else 0


if __name__ == "__main__":
    sys.exit(main())
