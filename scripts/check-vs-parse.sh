#!/usr/bin/env bash
# The whole check (parse + model + every rule) against the bare tree-sitter parse, in
# instructions counted by valgrind's callgrind (repeatable on a busy machine): over the sample
# report (the target: at most 2×), then over the sample and the real reports (../shared/corpus,
# read in place).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench -p nianbao --bench instructions --no-run -q 2>/dev/null
bin=$(ls -t "${CARGO_TARGET_DIR:-target}"/release/deps/instructions-* | grep -v '\.d$' | head -1)
count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$@" 2>&1 | awk '/Collected/ {print $4}'; }
for files in sample-report .txt; do
  base=$(count none "$files")
  parse=$(count parse "$files")
  check=$(count check "$files")
  python3 - "$base" "$parse" "$check" "$files" <<'PY'
import sys
base, parse, check = (int(x) for x in sys.argv[1:4])
which = "the sample report" if sys.argv[4] != ".txt" else "the sample and the real reports"
p, c = parse - base, check - base
print(f"{which}: parse {p:,} instructions; parse + model + rules {c:,}; check / parse = {c / p:.2f}")
PY
done
