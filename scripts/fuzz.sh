#!/usr/bin/env bash
# Runs nianbao's fuzz targets (fuzz/: cargo-fuzz + libFuzzer), one after the other.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]    # default: 300 s each, all targets
#   scripts/fuzz.sh 60 lsp_input
#
# Targets (fuzz/src/props.rs says what each checks): check, format, fix, reparse, lsp_input.
# The corpus of each grows in fuzz/corpus/TARGET (seeded from the example and fixture reports);
# a crash is written to fuzz/artifacts/TARGET/ — copy it to tests/regressions/TARGET/ so that
# `cargo test` replays it (tests/reliability.rs). Logs: fuzz/logs/TARGET.log, with libFuzzer's
# final statistics (executions, coverage).
#
# cargo-fuzz passes -Z flags to rustc: the nightly toolchain is used when installed, else the
# stable one with RUSTC_BOOTSTRAP=1 (FUZZ_SANITIZER=none then avoids needing a sanitizer runtime).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(check format fix reparse lsp_input)

command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked
toolchain=()
if rustup run nightly rustc --version >/dev/null 2>&1; then
  toolchain=(+nightly)
else
  export RUSTC_BOOTSTRAP=1
fi
sanitizer=${FUZZ_SANITIZER:-address}
# With clang, the C code (the tree-sitter runtime, the generated parser and grammar/src/scanner.c)
# is instrumented too: coverage for libFuzzer, and AddressSanitizer.
if command -v clang >/dev/null 2>&1 && [ "$sanitizer" = address ] && [ -z "${CC:-}" ]; then
  export CC=clang CFLAGS="-fsanitize=fuzzer-no-link,address -fno-omit-frame-pointer -g"
fi

frame() { printf 'Content-Length: %d\r\n\r\n%s' "$(printf '%s' "$1" | wc -c)" "$1"; }
seed() {
  local target=$1 dir=fuzz/corpus/$1
  [ -d "$dir" ] && [ -n "$(ls -A "$dir")" ] && return
  mkdir -p "$dir"
  if [ "$target" = lsp_input ]; then
    frame '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}' >"$dir/initialize"
    frame '{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a.txt","languageId":"nianbao","version":1,"text":"一、总体情况\n"}}}' >"$dir/didopen"
    frame '{"jsonrpc":"2.0","id":2,"result":null}' >"$dir/response"
    printf 'Content-Length: 5\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{"a":' >"$dir/cut"
    return
  fi
  cp examples/*.txt "$dir/"
  for f in server/tests/fixtures/*.txt; do cp "$f" "$dir/fixture-$(basename "$f")"; done
  [ "$target" = reparse ] && for f in "$dir"/*; do printf '\0\x10\x80\x03\x07\xf0\x20\x01\x02' >>"$f"; done
  true
}

cd fuzz
for t in "${targets[@]}"; do
  (cd .. && seed "$t")
  mkdir -p logs "artifacts/$t"
  echo "== $t: ${seconds} s"
  status=0
  cargo "${toolchain[@]}" fuzz run "$t" -O --sanitizer "$sanitizer" "corpus/$t" -- \
    -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
    -artifact_prefix="artifacts/$t/" >"logs/$t.log" 2>&1 || status=$?
  grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)|^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)|panicked|SUMMARY|artifact' "logs/$t.log" | tail -n 12
  [ "$status" -eq 0 ] || { echo "== $t: stopped with status $status: see fuzz/logs/$t.log and fuzz/artifacts/$t/"; failed=1; }
done
exit "${failed:-0}"
