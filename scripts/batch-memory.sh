#!/usr/bin/env bash
# Peak memory and time of `nianbao check` over N copies of a fixture report, for N = 500 and
# 5000: memory must stay flat in the number of files. Needs GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p nianbao
bin=${CARGO_TARGET_DIR:-target}/release/nianbao
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for n in 500 5000; do
  mkdir -p "$tmp/$n"
  for i in $(seq 1 "$n"); do cp server/tests/fixtures/clean-2024-department.txt "$tmp/$n/r$i.txt"; done
  /usr/bin/time -f "$n files: %e s wall (user %U s), peak RSS %M KB" "$bin" check --today 2026-11-30 --format json "$tmp/$n" >/dev/null
done
