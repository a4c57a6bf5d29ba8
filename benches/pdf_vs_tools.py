#!/usr/bin/env python3
"""PDF text extraction: vanban's parser against pdftotext and mutool, same files, same run.

Usage: benches/pdf_vs_tools.py [--rounds N] [--ingest] BIN_DIR PDF_DIR...

BIN_DIR holds release builds of `vanban-bench` (in-process parse, one thread)
and `vanban` (for --ingest: a full `vanban ingest` into a fresh index).
pdftotext and `mutool draw -F txt` run once per file, as a user would run
them. CPU time is user+system of the child processes (getrusage), wall time
beside it; each figure is the median of N rounds. Pages come from the PDFs
as vanban counts them.
"""

import argparse
import glob
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(commands):
    """Runs each command in turn; returns (CPU seconds, wall seconds)."""
    cpu0, wall0 = children_cpu(), time.monotonic()
    for cmd in commands:
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return children_cpu() - cpu0, time.monotonic() - wall0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--ingest", action="store_true")
    ap.add_argument("bin_dir")
    ap.add_argument("dirs", nargs="+")
    args = ap.parse_args()
    files = sorted(f for d in args.dirs for f in glob.glob(os.path.join(d, "*.pdf")))
    if not files:
        sys.exit("no PDFs")
    bench = os.path.join(args.bin_dir, "vanban-bench")
    out = subprocess.run([bench, "parse-pdf", *files], capture_output=True, text=True, check=True)
    pages = int(re.search(r"(\d+) pages", out.stdout).group(1))
    tools = {
        "vanban parse (in-process)": lambda: [[bench, "parse-pdf", *files]],
    }
    if shutil.which("pdftotext"):
        tools["pdftotext"] = lambda: [["pdftotext", "-q", f, "/dev/null"] for f in files]
    if shutil.which("mutool"):
        tools["mutool draw -F txt"] = lambda: [["mutool", "draw", "-q", "-F", "txt", "-o", "/dev/null", f] for f in files]
    if args.ingest:
        vanban = os.path.join(args.bin_dir, "vanban")

        def ingest():
            index = tempfile.mkdtemp(prefix="vanban-bench-index-")
            shutil.rmtree(index)
            return [[vanban, "ingest", "--quiet", "--ocr", "never", "--index", index, *files]]

        tools["vanban ingest (full)"] = ingest
    print(f"{len(files)} files, {pages} pages, median of {args.rounds} rounds")
    results = {}
    for name, make in tools.items():
        cpus, walls = [], []
        for _ in range(args.rounds):
            cpu, wall = timed(make())
            cpus.append(cpu)
            walls.append(wall)
        cpu, wall = statistics.median(cpus), statistics.median(walls)
        results[name] = cpu
        print(f"{name:28} CPU {cpu:7.3f} s  wall {wall:7.3f} s  {pages / max(cpu, 1e-9):8.0f} pages/CPU-s")
    if "pdftotext" in results:
        base = results["pdftotext"]
        for name, cpu in results.items():
            print(f"{name:28} {base / max(cpu, 1e-9):5.2f}x pdftotext pages/CPU-s")


if __name__ == "__main__":
    main()
