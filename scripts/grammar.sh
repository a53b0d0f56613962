#!/usr/bin/env bash
# Regenerates the committed parser (grammar/src/) from grammar/grammar.js, or checks that it is
# up to date. Needs the tree-sitter CLI (`cargo install tree-sitter-cli --locked`); Node is not
# needed: generation uses the CLI's embedded JavaScript runtime.
#
#   scripts/grammar.sh generate   rewrite grammar/src/{parser.c,grammar.json,node-types.json,tree_sitter/}
#   scripts/grammar.sh check      fail if the committed files differ from a fresh generation
#   scripts/grammar.sh test       run the corpus tests with the CLI (they also run in `cargo test`)
set -euo pipefail
cd "$(dirname "$0")/../grammar"
generated=(src/parser.c src/grammar.json src/node-types.json src/tree_sitter)
case "${1:-generate}" in
  generate)
    tree-sitter generate --js-runtime native
    ;;
  check)
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    cp -r grammar.js tree-sitter.json "$tmp"/
    (cd "$tmp" && tree-sitter generate --js-runtime native >/dev/null)
    stale=0
    for f in "${generated[@]}"; do
      if ! diff -r -q "$f" "$tmp/$f" >/dev/null; then
        echo "stale: grammar/$f differs from what grammar.js generates" >&2
        stale=1
      fi
    done
    if [ "$stale" -ne 0 ]; then
      echo "run scripts/grammar.sh generate and commit the result" >&2
      exit 1
    fi
    echo "grammar/src is up to date with grammar.js"
    ;;
  test)
    tree-sitter test
    ;;
  *)
    echo "usage: $0 generate|check|test" >&2
    exit 2
    ;;
esac
