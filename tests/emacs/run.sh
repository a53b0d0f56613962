#!/usr/bin/env bash
# Runs the batch Emacs tests against a copy of the sample report:
#  - tests/emacs/test.el: editors/emacs/nianbao-mode.el with eglot (font lock, diagnostics, hover,
#    a quick fix, an edit that breaks a total, the new-report command);
#  - tests/emacs/lsp-mode-test.el: the lsp-mode registration (diagnostics, hover), when lsp-mode
#    is installed (Debian: elpa-lsp-mode), else SKIPPED.
# Usage: tests/emacs/run.sh [path/to/nianbao] [report]   (defaults: target/release/nianbao, examples/sample-report.txt)
# Needs Emacs 28+ with eglot (Debian: apt-get install emacs-nox elpa-eglot; built in from Emacs 29).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:-${CARGO_TARGET_DIR:-$root/target}/release/nianbao}
report=${2:-$root/examples/sample-report.txt}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
emacs --version | head -1

run() { # test.el
  rm -rf "$work/report" "$work/home" && mkdir -p "$work/report" "$work/home"
  cp "$report" "$work/report/sample-report.txt"
  (cd "$work/report" && HOME=$work/home NIANBAO_BIN=$bin REPORT_FILE=$work/report/sample-report.txt \
    PLUGIN_DIR=$root/editors/emacs timeout 120 emacs -Q --batch -l "$root/tests/emacs/$1" </dev/null)
}

# The package byte-compiles without warnings.
mkdir -p "$work/elc" && cp "$root/editors/emacs/nianbao-mode.el" "$work/elc/"
emacs -Q --batch --eval '(setq byte-compile-error-on-warn t)' -f batch-byte-compile "$work/elc/nianbao-mode.el"
echo "ok: nianbao-mode.el byte-compiles without warnings"

run test.el
if ls -d /usr/share/emacs/site-lisp/elpa/lsp-mode-* >/dev/null 2>&1 || [ -n "${LSP_MODE_DIR:-}" ]; then
  run lsp-mode-test.el 2>&1 | grep -v '^LSP :: '
else
  echo "SKIPPED: lsp-mode not installed (apt-get install elpa-lsp-mode)"
fi
