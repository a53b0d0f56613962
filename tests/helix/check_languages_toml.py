#!/usr/bin/env python3
"""Validates editors/helix/languages.toml without Helix (which cannot be installed here):
it parses as TOML (tomllib), every key is one Helix knows (for the tables this file uses),
the language's server and grammar are defined, the grammar name matches grammar/tree-sitter.json,
the file-types match the other editors' (the VS Code extension's patterns), and the queries
directory exists. Usage: tests/helix/check_languages_toml.py [languages.toml]
"""
import json
import pathlib
import sys
import tomllib

root = pathlib.Path(__file__).resolve().parents[2]
path = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else root / "editors/helix/languages.toml"
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


with open(path, "rb") as f:
    doc = tomllib.load(f)
check(True, f"{path.relative_to(root)} parses as TOML")

# Keys of Helix's languages.toml (book/src/languages.md), for the tables used here.
LANGUAGE_KEYS = {
    "name", "language-id", "scope", "injection-regex", "file-types", "shebangs", "roots", "auto-format",
    "diagnostic-severity", "comment-tokens", "comment-token", "block-comment-tokens", "indent",
    "grammar", "formatter", "soft-wrap", "text-width", "workspace-lsp-roots", "persistent-diagnostic-sources",
    "path-completion", "word-completion", "language-servers", "auto-pairs", "rulers", "debugger",
}
SERVER_KEYS = {"command", "args", "config", "timeout", "environment", "required-root-patterns"}
GRAMMAR_KEYS = {"name", "source"}

langs = doc.get("language", [])
check([l.get("name") for l in langs] == ["nianbao", "nianbao-inline"], "[[language]] nianbao, then nianbao-inline (injected)")
lang = langs[0]
inline = langs[1] if len(langs) > 1 else {}
check(not (set(inline) - LANGUAGE_KEYS), "[[language]] nianbao-inline keys are Helix's")
check(inline.get("file-types") == [] and inline.get("grammar") == "nianbao_inline", "nianbao-inline has no files of its own, and the inline grammar")
unknown = set(lang) - LANGUAGE_KEYS
check(not unknown, f"[[language]] keys are Helix's ({', '.join(sorted(unknown)) or 'all known'})")
check(lang.get("scope") == "text.nianbao", "scope = text.nianbao (as the TextMate grammar)")
check(lang.get("indent", {}).get("unit") == "\t", "indent unit is a TAB (table cells)")
bct = lang.get("block-comment-tokens", {})
check(bct == {"start": "<!--", "end": "-->"}, "block comments <!-- -->")
file_types = lang.get("file-types", [])
globs = sorted(ft["glob"] for ft in file_types if isinstance(ft, dict))
exts = sorted(ft for ft in file_types if isinstance(ft, str))
pkg = json.loads((root / "editors/vscode/package.json").read_text())
vscode_lang = pkg["contributes"]["languages"][0]
check(globs == sorted(vscode_lang["filenamePatterns"]), f"file-type globs {globs} = the VS Code extension's")
check(exts == [e.lstrip(".") for e in vscode_lang["extensions"]], f"file-type extensions {exts} = the VS Code extension's")
for k, v in lang.get("auto-pairs", {}).items():
    check(len(k) == 1 and len(v) == 1, f"auto-pair {k}{v}")

servers = doc.get("language-server", {})
for name in lang.get("language-servers", []):
    name = name if isinstance(name, str) else name.get("name")
    check(name in servers, f"language server {name} is defined")
srv = servers.get("nianbao", {})
check(not (set(srv) - SERVER_KEYS), "[language-server.nianbao] keys are Helix's")
check(srv.get("command") == "nianbao" and srv.get("args") == ["lsp"], "runs `nianbao lsp`")
# The server accepts exactly the keys of nianbao.toml (server/src/config.rs: RawConfig).
config_keys = {"locale", "today", "level", "deadline", "rules"}
check(set(srv.get("config", {})) <= config_keys, f"server config keys {sorted(srv.get('config', {}))} are nianbao.toml keys")

grammars = doc.get("grammar", [])
ts = json.loads((root / "grammar/tree-sitter.json").read_text())
ts_name = ts["grammars"][0]["name"]
check(any(g.get("name") == lang.get("grammar") == ts_name for g in grammars), f"[[grammar]] {ts_name} matches grammar/tree-sitter.json")
ts_inline = ts["grammars"][1]
check(any(g.get("name") == inline.get("grammar") == ts_inline["name"] for g in grammars), f"[[grammar]] {ts_inline['name']} matches grammar/tree-sitter.json")
check(inline.get("injection-regex") == ts_inline["injection-regex"], "nianbao-inline's injection-regex is the grammar's")
injections = (root / "editors/helix/queries/nianbao/injections.scm").read_text()
check('"nianbao_inline"' in injections, "injections.scm names nianbao_inline")
for g in grammars:
    check(not (set(g) - GRAMMAR_KEYS), f"[[grammar]] {g.get('name')} keys are Helix's")
    src = g.get("source", {})
    check(("path" in src) ^ ("git" in src and "rev" in src), f"[[grammar]] source is a path or a git+rev: {src}")
for f in ["src/parser.c", "src/scanner.c"]:
    check((root / "grammar" / f).is_file(), f"grammar/{f} is committed (Helix compiles it)")
queries = root / "editors/helix/queries/nianbao"
check((queries / "highlights.scm").is_file(), "editors/helix/queries/nianbao/highlights.scm exists")
check((root / "editors/helix/queries/nianbao-inline/highlights.scm").is_file(), "editors/helix/queries/nianbao-inline/highlights.scm exists")
check((root / "grammar/inline/src/parser.c").is_file(), "grammar/inline/src/parser.c is committed (Helix compiles it)")

print(f"{len(failures)} problem(s)")
sys.exit(1 if failures else 0)
