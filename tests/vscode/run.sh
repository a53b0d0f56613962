#!/usr/bin/env bash
# The VS Code extension, end to end (CI runs this from .ci/run):
#  1. code-server 4.99.4 (VS Code 1.99) into .code-server/, offline-safe (install-code-server.sh);
#  2. the linux-x64 .vsix with the release server inside (scripts/package-vsix.sh: also checks the
#     generated files, typechecks and runs the extension's unit tests);
#  3. the .vsix contents (check-vsix.py: exec bit, TargetPlatform, files);
#  4. e2e.mjs: install the .vsix into code-server and drive it with Playwright + Chromium.
# Usage: tests/vscode/run.sh [--screenshot docs/images/vscode.png]   (extra arguments go to e2e.mjs)
# Needs: apt packages libkrb5-dev pkg-config ripgrep chromium fonts-noto-cjk; Node 20 + npm; Rust.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

tests/vscode/install-code-server.sh
if [ ! -f tests/vscode/node_modules/.package-lock.json ] || [ tests/vscode/package-lock.json -nt tests/vscode/node_modules/.package-lock.json ]; then
  (cd tests/vscode && npm ci)
fi
vsix=$(scripts/package-vsix.sh | tail -1)
python3 tests/vscode/check-vsix.py "$vsix"
timeout 300 node tests/vscode/e2e.mjs --vsix "$vsix" "$@"
