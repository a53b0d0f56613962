#!/usr/bin/env bash
# Regenerates docs/images/summary.png, the README's picture of `nianbao check --summary`: the
# summary of a folder of real reports (default: the shared corpus), rendered by headless Chromium
# (Debian: apt-get install chromium fonts-noto-cjk).
#   scripts/summary-screenshot.sh [CORPUS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-/work/shared/corpus}
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  echo "chromium not found (apt-get install chromium fonts-noto-cjk)" >&2
  exit 2
fi
cargo build -q -p nianbao
bin=${CARGO_TARGET_DIR:-$PWD/target}/debug/nianbao
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Relative paths (shorter in the page); a fixed "today" so the picture is reproducible.
# Exit status 1 only says that some report has errors.
(cd "$corpus" && "$bin" check --today 2026-11-30 --summary "$tmp/out" . >/dev/null) || [ $? -eq 1 ]
mkdir -p docs/images
"$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars \
  --user-data-dir="$tmp/profile" --window-size=1280,1280 \
  --screenshot="$PWD/docs/images/summary.png" "file://$tmp/out/summary.html" 2>/dev/null
echo "docs/images/summary.png from $corpus"
