#!/usr/bin/env bash
# Builds the VS Code extension with the nianbao server inside, as one .vsix per platform:
#   out/vsix/nianbao-<target>-<version>.vsix
# Usage: scripts/package-vsix.sh [target]
#   target: a `vsce --target` value (default: this machine's, e.g. linux-x64). For another
#   target, build that binary yourself and name it with NIANBAO_BIN=/path/to/nianbao.
# Env: NIANBAO_BIN  use this server binary instead of `cargo build --release -p nianbao`.
#      SKIP_CHECKS=1  skip typecheck, unit tests and the generated-files check.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
ext=$root/editors/vscode

host_target() {
  local os arch
  case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) os=win32 ;; esac
  case "$(uname -m)" in x86_64 | amd64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; armv7l) arch=armhf ;; *) arch=$(uname -m) ;; esac
  if [ "$os" = linux ] && ldd --version 2>&1 | grep -qi musl; then os=alpine; fi
  echo "$os-$arch"
}
target=${1:-$(host_target)}

if [ -n "${NIANBAO_BIN:-}" ]; then
  bin=$(cd "$(dirname "$NIANBAO_BIN")" && pwd)/$(basename "$NIANBAO_BIN")
elif [ "$target" = "$(host_target)" ]; then
  (cd "$root" && cargo build --release -p nianbao --locked)
  bin=${CARGO_TARGET_DIR:-$root/target}/release/nianbao
else
  echo "package-vsix: for target $target, build its binary and set NIANBAO_BIN" >&2
  exit 2
fi
exe=nianbao
case "$target" in win32-*) exe=nianbao.exe ;; esac

cd "$ext"
# node_modules only when missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
if [ "${SKIP_CHECKS:-}" != 1 ]; then
  node scripts/generate.mjs --check --server "$bin"
  npm run -s typecheck
  npm run -s test:unit
fi
npm run -s build

rm -rf server && mkdir -p server
cp "$bin" "server/$exe"
if [ "$target" = "$(host_target)" ] && command -v strip >/dev/null 2>&1; then strip "server/$exe" 2>/dev/null || true; fi
chmod 755 "server/$exe"

version=$(node -p "require('./package.json').version")
mkdir -p "$root/out/vsix"
out=$root/out/vsix/nianbao-$target-$version.vsix
# README links relative to the repository (the screenshot is in docs/images).
repo=$(node -p "require('./package.json').repository.url.replace(/\\.git$/, '')")
npx vsce package --no-dependencies --skip-license --target "$target" -o "$out" \
  --baseContentUrl "$repo/blob/main/editors/vscode" --baseImagesUrl "$repo/raw/main/editors/vscode"
rm -rf server
echo "$out"
