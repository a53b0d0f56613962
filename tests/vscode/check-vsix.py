#!/usr/bin/env python3
"""Checks a per-platform .vsix: the manifest names the target platform, the server binary is
inside with its exec bit and runs, the extension's files are there, and nothing that should stay
out (sources, node_modules, tests, source maps) got in.

Usage: tests/vscode/check-vsix.py out/vsix/nianbao-linux-x64-0.1.0.vsix [target]
"""
import json
import os
import re
import stat
import subprocess
import sys
import tempfile
import zipfile

path = sys.argv[1]
target = sys.argv[2] if len(sys.argv) > 2 else re.search(r"nianbao-(.+)-\d+\.\d+\.\d+\.vsix$", path).group(1)
exe = "nianbao.exe" if target.startswith("win32") else "nianbao"
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


with zipfile.ZipFile(path) as z:
    names = set(z.namelist())
    manifest = z.read("extension.vsixmanifest").decode()
    check(f'TargetPlatform="{target}"' in manifest, f"manifest: TargetPlatform=\"{target}\"")
    pkg = json.loads(z.read("extension/package.json"))
    check(pkg["activationEvents"][0] == "onLanguage:nianbao", "package.json: activationEvents starts with onLanguage:nianbao")
    check(pkg["engines"]["vscode"] == "^1.91.0", "package.json: engines.vscode ^1.91.0")
    check(pkg["version"] in os.path.basename(path), "file name carries the version " + pkg["version"])
    for required in ["extension/dist/extension.js", "extension/package.nls.json", "extension/package.nls.zh-cn.json",
                     "extension/l10n/bundle.l10n.zh-cn.json", "extension/syntaxes/nianbao.tmLanguage.json",
                     "extension/snippets/nianbao.code-snippets", "extension/language-configuration.json",
                     "extension/readme.md", f"extension/server/{exe}"]:
        check(required in names or required.lower() in {n.lower() for n in names}, "contains " + required)
    for n in names:
        if re.search(r"(^|/)(node_modules|src|test|scripts)/|\.map$|\.ts$|tsconfig", n):
            check(False, "should not contain " + n)
    info = z.getinfo(f"extension/server/{exe}")
    mode = info.external_attr >> 16
    if not target.startswith("win32"):
        check(bool(mode & stat.S_IXUSR) and bool(mode & stat.S_IXOTH), f"server/{exe} is executable (mode {oct(mode & 0o777)})")
    check(info.file_size > 500_000, f"server/{exe} is a real binary ({info.file_size} bytes)")
    host = {"Linux": "linux"}.get(os.uname().sysname, "") + "-" + {"x86_64": "x64", "aarch64": "arm64"}.get(os.uname().machine, "")
    if target == host:
        with tempfile.TemporaryDirectory() as d:
            z.extract(info, d)
            binary = os.path.join(d, info.filename)
            os.chmod(binary, mode & 0o777)
            out = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30)
            check(out.returncode == 0 and out.stdout.startswith("nianbao "), f"server/{exe} --version: {out.stdout.strip()}")

print(f"{path}: {len(failures)} problem(s)")
sys.exit(1 if failures else 0)
