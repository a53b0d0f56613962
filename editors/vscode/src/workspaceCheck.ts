// "Check all reports in the workspace": runs `nianbao check --format json` (the CLI of the same
// binary as the server) over the workspace's reports and puts the findings in the Problems
// panel. Documents open in an editor are left to the language server, which checks them as
// they are typed.

import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse as parseToml, stringify as stringifyToml } from 'smol-toml';
import * as vscode from 'vscode';
import { mergeConfig, ServerSettings } from './settings';
import { decodeHead, reportByName } from './files';
import { looksLikeReport } from './report';

export interface CliPosition {
  line: number;
  character: number;
}
export interface CliRange {
  start: CliPosition;
  end: CliPosition;
}
export interface CliDiagnostic {
  code: string;
  severity: 'error' | 'warning' | 'information' | 'hint';
  message: string;
  range: CliRange;
  related?: { message: string; range: CliRange }[];
}
export interface CliFile {
  path: string;
  diagnostics: CliDiagnostic[];
}

const BATCH = 200;

async function readHead(file: string, n = 4096): Promise<string> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await handle.read(buf, 0, n, 0);
    return decodeHead(buf.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/** Glob patterns of `files.associations` that map to the nianbao language. */
function associatedPatterns(): string[] {
  const assoc = vscode.workspace.getConfiguration('files').get<Record<string, string>>('associations') ?? {};
  return Object.entries(assoc)
    .filter(([, lang]) => lang === 'nianbao')
    .map(([glob]) => (glob.includes('/') ? glob : `**/${glob}`));
}

/** The reports under a workspace folder. */
export async function findReports(folder: vscode.WorkspaceFolder, detect: boolean, token: vscode.CancellationToken): Promise<string[]> {
  const found = new Set<string>();
  const skip = (p: string) => /[\\/](node_modules|\.git|target)[\\/]/.test(p);
  const candidates = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.{nianbao,txt}'), undefined, 20_000, token);
  for (const glob of associatedPatterns()) {
    for (const uri of await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), undefined, 20_000, token)) {
      if (!skip(uri.fsPath)) found.add(uri.fsPath);
    }
  }
  for (const uri of candidates) {
    if (token.isCancellationRequested) break;
    const p = uri.fsPath;
    if (skip(p) || found.has(p)) continue;
    if (reportByName(p)) {
      found.add(p);
    } else if (detect) {
      try {
        if (looksLikeReport(await readHead(p))) found.add(p);
      } catch {
        /* unreadable: skip */
      }
    }
  }
  return [...found].sort();
}

function runCli(command: string, args: string[], cwd: string, token: vscode.CancellationToken): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve, reject) => {
    const child = execFile(command, args, { cwd, maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error && typeof (error as NodeJS.ErrnoException & { code?: unknown }).code === 'number' ? ((error as unknown as { code: number }).code) : error ? -1 : 0;
      if (error && code === -1 && !stdout) return reject(error);
      resolve({ stdout, stderr, code });
    });
    token.onCancellationRequested(() => child.kill());
  });
}

const SEVERITY: Record<CliDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

const toRange = (r: CliRange) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);

export function toDiagnostics(uri: vscode.Uri, file: CliFile): vscode.Diagnostic[] {
  return file.diagnostics.map((d) => {
    const diag = new vscode.Diagnostic(toRange(d.range), d.message, SEVERITY[d.severity] ?? vscode.DiagnosticSeverity.Warning);
    diag.source = 'nianbao';
    diag.code = d.code;
    if (d.related?.length) {
      diag.relatedInformation = d.related.map((r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, toRange(r.range)), r.message));
    }
    return diag;
  });
}

export interface CheckResult {
  files: number;
  counts: Record<CliDiagnostic['severity'], number>;
  troubles: string[];
}

/**
 * Checks every report of every workspace folder; the findings of documents not open in an
 * editor go to `collection` (which is cleared first).
 */
export async function checkWorkspace(
  server: string,
  editorSettings: ServerSettings,
  collection: vscode.DiagnosticCollection,
  log: vscode.OutputChannel,
  detect: boolean,
  token: vscode.CancellationToken,
  progress: vscode.Progress<{ message?: string; increment?: number }>,
): Promise<CheckResult> {
  collection.clear();
  const result: CheckResult = { files: 0, counts: { error: 0, warning: 0, information: 0, hint: 0 }, troubles: [] };
  const open = new Set(vscode.workspace.textDocuments.filter((d) => d.languageId === 'nianbao').map((d) => d.uri.fsPath));
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme !== 'file') continue;
    const root = folder.uri.fsPath;
    const files = await findReports(folder, detect, token);
    log.appendLine(`[check] ${root}: ${files.length} report(s): ${files.map((f) => path.relative(root, f)).join(", ")}`);
    if (files.length === 0) continue;
    // The CLI reads nianbao.toml itself; the editor's settings override it key by key, as in
    // the server, through a temporary merged file.
    let configFile: string | undefined;
    const tomlPath = path.join(root, 'nianbao.toml');
    let toml: Record<string, unknown> | undefined;
    let tomlBroken = false;
    if (fs.existsSync(tomlPath)) {
      try {
        toml = parseToml(fs.readFileSync(tomlPath, 'utf8')) as Record<string, unknown>;
      } catch (e) {
        tomlBroken = true; // let the CLI report it
        log.appendLine(`[check] ${tomlPath}: ${String(e)}`);
      }
    }
    const merged = mergeConfig(toml, editorSettings);
    if (!merged.locale) merged.locale = vscode.env.language.toLowerCase().startsWith('en') ? 'en' : 'zh';
    if (!tomlBroken) {
      configFile = path.join(os.tmpdir(), `nianbao-vscode-${process.pid}-${Date.now()}.toml`);
      fs.writeFileSync(configFile, stringifyToml(merged));
    }
    try {
      for (let i = 0; i < files.length; i += BATCH) {
        if (token.isCancellationRequested) break;
        const batch = files.slice(i, i + BATCH);
        progress.report({ message: `${Math.min(i + BATCH, files.length)}/${files.length}`, increment: (100 * batch.length) / files.length });
        const args = ['check', '--format', 'json', '--color', 'never'];
        if (configFile) args.push('--config', configFile);
        args.push(...batch);
        const { stdout, stderr, code } = await runCli(server, args, root, token);
        if (stderr.trim()) {
          log.appendLine(stderr.trimEnd());
          result.troubles.push(...stderr.trim().split('\n'));
        }
        if (code !== 0 && code !== 1 && !stdout.trim().startsWith('[')) continue;
        let parsed: CliFile[];
        try {
          parsed = JSON.parse(stdout) as CliFile[];
        } catch (e) {
          result.troubles.push(`nianbao check: unreadable output (${String(e)})`);
          continue;
        }
        result.files += batch.length;
        for (const f of parsed) {
          const abs = path.resolve(root, f.path);
          for (const d of f.diagnostics) result.counts[d.severity] = (result.counts[d.severity] ?? 0) + 1;
          if (open.has(abs)) continue; // the language server reports these
          const uri = vscode.Uri.file(abs);
          collection.set(uri, toDiagnostics(uri, f));
        }
      }
    } finally {
      if (configFile) fs.rmSync(configFile, { force: true });
    }
  }
  return result;
}
