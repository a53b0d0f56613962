#!/usr/bin/env bash
# Installs code-server (a real VS Code host: VS Code 1.99 in the browser) into .code-server/ at the
# repository root (ignored by git), offline-safe: no downloads from GitHub or Microsoft.
# code-server 4.99.4 is the newest line that runs on Node 20 (4.104+ needs Node 22).
# Needs: apt packages libkrb5-dev pkg-config ripgrep, a C/C++ toolchain, node 20 + npm.
# Idempotent: does nothing when the right version is installed. About 2 minutes on 2 cores.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
VERSION=${CODE_SERVER_VERSION:-4.99.4}
dir=$root/.code-server
bin=$dir/node_modules/.bin/code-server
if [ -x "$bin" ] && [ "$(cat "$dir/.installed" 2>/dev/null)" = "$VERSION" ]; then
  echo "code-server $VERSION already installed in $dir"
  exit 0
fi
command -v rg >/dev/null || { echo "install-code-server: needs ripgrep (apt-get install ripgrep)" >&2; exit 2; }
rm -rf "$dir" && mkdir -p "$dir" && cd "$dir"
export npm_config_unsafe_perm=true npm_config_nodedir=/usr npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
echo '{"name":"code-server-host","private":true}' >package.json
# Without scripts: the postinstall steps below replace the ones that download.
npm install --ignore-scripts --no-save "code-server@$VERSION"
cd node_modules/code-server/lib/vscode
npm install --omit=dev --ignore-scripts
# @vscode/ripgrep's postinstall downloads from api.github.com; it skips when bin/ exists.
mkdir -p node_modules/@vscode/ripgrep/bin && cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
npm rebuild                                          # kerberos, spdlog, node-pty, @parcel/watcher …
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sf code-linux.sh code-server)
(cd bin/helpers && ln -sf browser-linux.sh browser.sh)
(cd extensions && npm install --omit=dev)
cd "$dir"
npm rebuild argon2                                   # its prebuilt download fails: built from source
XDG_CONFIG_HOME="$dir/xdg-config" XDG_DATA_HOME="$dir/xdg-data" "$bin" --version
echo "$VERSION" >"$dir/.installed"
