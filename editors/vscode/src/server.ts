// Which `nianbao` binary to run: the `nianbao.server.path` setting, else the binary bundled in
// the extension (`server/nianbao`, in the per-platform .vsix), else `nianbao` on PATH.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export type ServerSource = 'setting' | 'bundled' | 'path';

export interface Resolved {
  command: string;
  source: ServerSource;
}

export interface Unresolved {
  error: string;
}

const EXE = process.platform === 'win32' ? 'nianbao.exe' : 'nianbao';

function isExecutable(file: string): boolean {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return false;
    if (process.platform === 'win32') return true;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Expands `~` and `${workspaceFolder}`; a relative path is taken from the workspace folder. */
export function expandPath(setting: string, workspaceFolder: string | undefined): string {
  let p = setting.trim();
  if (p === '~' || p.startsWith('~/')) p = path.join(os.homedir(), p.slice(1));
  if (workspaceFolder) p = p.replace(/\$\{workspaceFolder\}/g, workspaceFolder);
  if (!path.isAbsolute(p) && workspaceFolder && (p.includes('/') || p.includes('\\'))) p = path.resolve(workspaceFolder, p);
  return p;
}

/** Looks `name` up on PATH. */
export function onPath(name: string, envPath = process.env.PATH ?? ''): string | undefined {
  const exts = process.platform === 'win32' ? ['', '.exe', '.cmd'] : [''];
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

export function resolveServer(
  setting: string | undefined,
  extensionPath: string,
  workspaceFolder: string | undefined,
  envPath = process.env.PATH ?? '',
): Resolved | Unresolved {
  if (setting && setting.trim()) {
    const p = expandPath(setting, workspaceFolder);
    // A bare name (`nianbao-dev`) is looked up on PATH.
    if (!path.isAbsolute(p)) {
      const found = onPath(p, envPath);
      return found ? { command: found, source: 'setting' } : { error: `nianbao.server.path: \`${setting}\` is not on PATH` };
    }
    return isExecutable(p) ? { command: p, source: 'setting' } : { error: `nianbao.server.path: \`${p}\` is not an executable file` };
  }
  const bundled = path.join(extensionPath, 'server', EXE);
  if (fs.existsSync(bundled)) {
    if (!isExecutable(bundled)) {
      // An archive tool may have dropped the exec bit.
      try {
        fs.chmodSync(bundled, 0o755);
      } catch {
        /* reported below if still not executable */
      }
    }
    if (isExecutable(bundled)) return { command: bundled, source: 'bundled' };
  }
  const found = onPath('nianbao', envPath);
  if (found) return { command: found, source: 'path' };
  return { error: 'the nianbao binary was not found (no bundled server, nothing on PATH)' };
}
