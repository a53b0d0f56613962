#!/usr/bin/env bash
# The whole check (parse + model + every rule) against the bare tree-sitter parse, in
# instructions counted by valgrind's callgrind (repeatable on a busy machine), over the sample
# and the real reports (../shared/corpus, read in place). Target: at most 2×.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench -p nianbao --bench instructions --no-run -q 2>/dev/null
bin=$(ls -t "${CARGO_TARGET_DIR:-target}"/release/deps/instructions-* | grep -v '\.d$' | head -1)
count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$1" 2>&1 | awk '/Collected/ {print $4}'; }
base=$(count none)
parse=$(count parse)
check=$(count check)
python3 - "$base" "$parse" "$check" <<'PY'
import sys
base, parse, check = (int(x) for x in sys.argv[1:])
p, c = parse - base, check - base
print(f"parse: {p:,} instructions; parse + model + rules: {c:,}; check / parse = {c / p:.2f}")
PY
