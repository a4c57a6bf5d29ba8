#!/usr/bin/env python3
"""Checks that the test build does not change the features of crates the binary uses.

The README's first command builds `vanban` (`cargo run --release -p vanban`); its test
command (`cargo test --release --workspace`) adds dev-dependencies. When a
dev-dependency turns on a feature of a crate the binary also uses, cargo compiles that
crate, and every crate above it, a second time, so the test command rebuilds most of
the dependency tree (issue 22). crates/cli/Cargo.toml asks for those features itself;
this check fails, naming the crate and the features, when the two sets drift apart.

Usage: python3 tools/check_features.py   (from anywhere in the repository; needs cargo)
"""

import pathlib
import subprocess
import sys

REPO = pathlib.Path(__file__).resolve().parent.parent


def features(*args):
    """{'name version': set(features)} from `cargo tree` with `args`."""
    run = subprocess.run(
        ["cargo", "tree", "--locked", "--prefix", "none", "-f", "{p} {f}", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        sys.exit(f"check_features: cargo tree {' '.join(args)} failed:\n{run.stderr}")
    out = run.stdout
    table = {}
    for line in out.splitlines():
        parts = line.replace(" (*)", "").replace(" (proc-macro)", "").split()
        if len(parts) < 2:
            continue
        key = f"{parts[0]} {parts[1]}"
        found = table.setdefault(key, set())
        # A path dependency prints its folder in parentheses before the features.
        if len(parts) > 2 and not parts[-1].startswith("(") and not parts[-1].endswith(")"):
            found.update(parts[-1].split(","))
    return table


def main():
    binary = features("-p", "vanban", "-e", "no-dev")
    tests = features("--workspace")
    drift = []
    for key in sorted(binary):
        extra = tests.get(key, set()) - binary[key]
        if extra:
            drift.append(f"  {key}: the test build adds {', '.join(sorted(extra))}")
    if drift:
        print("check_features: the test build changes the features of crates the binary uses,")
        print("so `cargo test --release` would recompile them (and everything above them):")
        print("\n".join(drift))
        print("Ask for these features in crates/cli/Cargo.toml's alignment block.")
        return 1
    print(f"check_features: the {len(binary)} crates of the binary build keep their features in the test build")
    return 0


if __name__ == "__main__":
    sys.exit(main())
