"""The Dask driver: manifest on the client, one task per shard on the workers."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

# Exit status of `vanban extract --manifest` when some files failed: the
# shard is done (failures are properties of those files, not of the worker).
EXIT_SOME_FAILED = 3


def _die_with_parent() -> None:
    """In the child, before exec: on Linux, ask for SIGKILL when the worker
    process that started us dies, so a lost worker leaves no orphan writing
    parts beside the retry (the retry would write the same parts; this only
    saves the work)."""
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    except OSError:
        pass


def run_shard(vanban: str, shard: str, out: str, extra_args: list[str]) -> dict:
    """Runs one shard on this worker; returns vanban's JSON summary plus the
    host. Raises (so Dask retries the task) when vanban did not finish the
    shard: killed, out of memory, an unreadable shard file, a full disk."""
    cmd = [vanban, "extract", "--manifest", shard, "--out", out, "--json", *extra_args]
    started = time.monotonic()
    preexec = _die_with_parent if sys.platform.startswith("linux") else None
    proc = subprocess.run(cmd, capture_output=True, text=True, preexec_fn=preexec)
    if proc.returncode not in (0, EXIT_SOME_FAILED):
        tail = proc.stderr.strip().splitlines()[-5:]
        raise RuntimeError(
            f"{shard}: vanban exited with status {proc.returncode} on {socket.gethostname()}: "
            + " | ".join(tail)
        )
    try:
        summary = json.loads(proc.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError) as err:
        raise RuntimeError(f"{shard}: no JSON summary from vanban: {err}: {proc.stdout[-500:]}")
    summary["host"] = socket.gethostname()
    summary["pid"] = os.getpid()
    summary["task_seconds"] = round(time.monotonic() - started, 2)
    return summary


def make_manifest(vanban: str, inputs: list[str], shards: int, manifest_dir: Path) -> dict:
    """Runs `vanban manifest` here (the client); returns its JSON summary."""
    cmd = [vanban, "manifest", *inputs, "--shards", str(shards), "--out", str(manifest_dir), "--json"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode not in (0, EXIT_SOME_FAILED):
        raise RuntimeError(f"vanban manifest failed ({proc.returncode}): {proc.stderr.strip()}")
    return json.loads(proc.stdout)


def run(
    scheduler: str,
    vanban: str,
    shards: int,
    out: str,
    inputs: list[str],
    manifest_dir: str | None = None,
    retries: int = 2,
    extra_args: list[str] | None = None,
    log=print,
    verify_rows: bool = False,
) -> dict:
    """Makes the manifest, runs every shard on the cluster at `scheduler`,
    checks the dataset. Paths (binary, inputs, manifest, out) must be the
    same on the client and every worker (a shared file system)."""
    from distributed import Client, as_completed

    from .check import check_dataset

    out_dir = Path(out).resolve()
    man = Path(manifest_dir).resolve() if manifest_dir else out_dir / "_manifest"
    extra = list(extra_args or [])
    t0 = time.monotonic()
    m = make_manifest(vanban, inputs, shards, man)
    for f in m["failed"]:
        log(f"vanban-dask: not in the manifest: {f['path']}: {f['error']}")
    log(
        f"vanban-dask: manifest: {m['files']} files, {m['bytes']} bytes, "
        f"{len(m['shards'])} shards ({time.monotonic() - t0:.1f} s)"
    )
    run_id = uuid.uuid4().hex[:8]
    with Client(scheduler) as client:
        futures = {}
        for s in m["shards"]:
            if s["files"] == 0:
                continue
            key = f"vanban-{Path(s['path']).stem}-{run_id}"
            fut = client.submit(
                run_shard, vanban, s["path"], str(out_dir), extra,
                key=key, retries=retries, pure=False,
            )
            futures[fut] = s
        results = []
        errors = []
        done = 0
        for fut in as_completed(list(futures)):
            s = futures[fut]
            done += 1
            try:
                r = fut.result()
            except Exception as err:  # noqa: BLE001 - reported, the others go on
                errors.append(f"{s['path']}: {err}")
                log(f"vanban-dask: [{done}/{len(futures)}] {Path(s['path']).name}: FAILED after retries: {err}")
                continue
            results.append(r)
            log(
                f"vanban-dask: [{done}/{len(futures)}] {Path(s['path']).name} on {r['host']}: "
                f"{r['written']} written, {r['skipped']} skipped, {len(r['failed'])} failed, "
                f"{r['pages']} pages in {r['seconds']} s"
            )
    failed_files = [f for r in results for f in r["failed"]]
    for f in failed_files:
        log(f"vanban-dask: failed: {f['path']}: {f['error']}")
    report = check_dataset(out_dir, man, {f["blake3"] for f in failed_files}, verify_rows)
    for line in report.lines():
        log(f"vanban-dask: {line}")
    wall = time.monotonic() - t0
    log(f"vanban-dask: done in {wall:.1f} s")
    return {
        "manifest": m,
        "shards": results,
        "shard_errors": errors,
        "failed_files": failed_files,
        "check_ok": report.ok,
        "complete": report.complete,
        "expected": report.expected,
        "rows": report.rows,
        "seconds": round(wall, 2),
    }
