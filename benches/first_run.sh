#!/usr/bin/env bash
# What a new user waits for: a fresh clone of REV, then the README's first command
# and its test command, each timed (wall and CPU: user + sys of cargo, rustc, the
# tests and everything they start). Crates already in ~/.cargo/registry are reused,
# so download time is not counted.
#
# Usage: benches/first_run.sh REV [WORKDIR]
#   TEST_CMD='cargo test --workspace'   overrides the test command (for older revisions)
#   FIRST_CMD='cargo run --release -p vanban -- ingest corpus'   likewise
set -euo pipefail
rev=${1:?usage: first_run.sh REV [WORKDIR]}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${2:-$(mktemp -d "${TMPDIR:-/tmp}/vanban-first-run.XXXXXX")}
first_cmd=${FIRST_CMD:-cargo run --release -p vanban -- ingest corpus}
test_cmd=${TEST_CMD:-cargo test --release --workspace --locked}
[[ -x /usr/bin/time ]] || { echo "first_run.sh: needs GNU time (apt-get install -y time)" >&2; exit 2; }

git clone -q "$repo" "$work/clone"
git -C "$work/clone" checkout -q "$rev"
cd "$work/clone"
export CARGO_TARGET_DIR="$work/clone/target"

# step NAME CMD: runs CMD, prints "NAME wall_s cpu_s exit".
step() {
    local name=$1
    shift
    /usr/bin/time -f '%e %U %S %x' -o "$work/$name.time" bash -c "$*" >"$work/$name.log" 2>&1 || true
    read -r wall user sys code <"$work/$name.time" || { echo "$name: no timing" >&2; return 1; }
    printf '%-6s wall %8.0f s   CPU %8.0f s   exit %s\n' "$name" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN{print u+s}')" "$code"
}

echo "revision $(git rev-parse --short HEAD), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
step first "$first_cmd"
step tests "$test_cmd"
echo "binary: $(du -m target/release/vanban | cut -f1) MB, target/: $(du -sm target | cut -f1) MB, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "logs in $work"
