#!/usr/bin/env bash
# Regenerates the committed parsers (grammar/src/ from grammar/grammar.js, and the inline
# grammar's grammar/inline/src/ from grammar/inline/grammar.js), or checks that they are up to date. Needs the tree-sitter CLI (`cargo install tree-sitter-cli --locked`); Node is not
# needed: generation uses the CLI's embedded JavaScript runtime.
#
#   scripts/grammar.sh generate   rewrite grammar/src/{parser.c,grammar.json,node-types.json,tree_sitter/}
#   scripts/grammar.sh check      fail if the committed files differ from a fresh generation
#   scripts/grammar.sh test       run the corpus tests with the CLI (they also run in `cargo test`)
set -euo pipefail
cd "$(dirname "$0")/../grammar"
generated=(src/parser.c src/grammar.json src/node-types.json src/tree_sitter)
grammars=(. inline)
case "${1:-generate}" in
  generate)
    for g in "${grammars[@]}"; do
      (cd "$g" && tree-sitter generate --js-runtime native)
    done
    ;;
  check)
    # A copy of the grammars and their tree-sitter.json (the inline grammar's is its parent's).
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    mkdir -p "$tmp/inline"
    cp grammar.js tree-sitter.json "$tmp"/
    cp inline/grammar.js "$tmp/inline"/
    stale=0
    for g in "${grammars[@]}"; do
      (cd "$tmp/$g" && tree-sitter generate --js-runtime native >/dev/null)
      for f in "${generated[@]}"; do
        if ! diff -r -q "$g/$f" "$tmp/$g/$f" >/dev/null; then
          echo "stale: grammar/$g/$f differs from what $g/grammar.js generates" >&2
          stale=1
        fi
      done
    done
    if [ "$stale" -ne 0 ]; then
      echo "run scripts/grammar.sh generate and commit the result" >&2
      exit 1
    fi
    echo "grammar/src and grammar/inline/src are up to date with their grammar.js"
    ;;
  test)
    for g in "${grammars[@]}"; do
      (cd "$g" && tree-sitter test)
    done
    ;;
  *)
    echo "usage: $0 generate|check|test" >&2
    exit 2
    ;;
esac
