#!/usr/bin/env bash
# What can be checked of editors/helix without Helix (not installable here):
#  1. languages.toml: valid TOML with Helix's keys, consistent with the grammar and the server;
#  2. the queries compile against the grammar and use Helix's scopes (grammar/tests/helix_queries.rs,
#     also part of `cargo test --workspace`);
#  3. with the tree-sitter CLI on PATH: the same queries run by the CLI on the sample report.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
python3 tests/helix/check_languages_toml.py
cargo test --locked -q -p tree-sitter-nianbao --test helix_queries
if command -v tree-sitter >/dev/null 2>&1; then
  for q in editors/helix/queries/nianbao/*.scm; do
    tree-sitter query -q -p grammar "$q" examples/sample-report.txt >/dev/null
    echo "ok   tree-sitter query $q"
  done
  # The inline grammar's highlights, over the sample's text (what injections hand it).
  q=editors/helix/queries/nianbao-inline/highlights.scm
  tree-sitter query -q -p grammar/inline "$q" examples/sample-report.txt >/dev/null
  echo "ok   tree-sitter query $q"
else
  echo "SKIPPED: tree-sitter CLI not on PATH"
fi
