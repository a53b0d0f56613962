#!/usr/bin/env node
// End-to-end test of the VS Code extension in a real VS Code: code-server 4.99.4 (VS Code 1.99)
// driven headless by Playwright with the system Chromium. It installs the .vsix, opens a copy of
// examples/sample-report.txt and checks, as a user would see them:
//   1. the file is recognised as a report; the status bar shows the report year and deadline;
//   2. the Problems panel lists the sample's six findings;
//   3. hovering a clause reference shows the clause's text; "Show the Clause at the Cursor" too;
//   4. a quick fix (doc-number-brackets) applies and its diagnostic goes;
//   5. typing a wrong number makes a new error (table4-total) appear, without saving;
//   6. a killed server is restarted (with back-off) and the diagnostics come back;
//   7. "Check All Reports in the Workspace" reports a file that is not open;
//   8. "New Annual Report…" writes the template of a year.
// A screenshot (after step 3) goes to out/vscode-e2e/vscode.png, or to --screenshot PATH.
//
// Usage: node tests/vscode/e2e.mjs [--vsix FILE] [--screenshot PATH]
// Env: CODE_SERVER (default .code-server/node_modules/.bin/code-server; tests/vscode/install-code-server.sh
//      installs it), CHROMIUM (default /usr/bin/chromium).

import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const argv = process.argv.slice(2);
const opt = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const outDir = path.join(root, 'out/vscode-e2e');
fs.mkdirSync(outDir, { recursive: true });
const screenshotPath = path.resolve(opt('--screenshot') ?? path.join(outDir, 'vscode.png'));

function newestVsix() {
  const dir = path.join(root, 'out/vsix');
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /^nianbao-linux-x64-.*\.vsix$/.test(f)) : [];
  if (!files.length) throw new Error('no out/vsix/nianbao-linux-x64-*.vsix: run scripts/package-vsix.sh first');
  return path.join(dir, files.map((f) => [fs.statSync(path.join(dir, f)).mtimeMs, f]).sort((a, b) => b[0] - a[0])[0][1]);
}
const vsix = path.resolve(opt('--vsix') ?? newestVsix());
const codeServer = process.env.CODE_SERVER ?? path.join(root, '.code-server/node_modules/.bin/code-server');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';

const started = Date.now();
const log = (msg) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${msg}`);

// ── The workspace and the VS Code profile, in a temporary directory ──────────────────────────

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-vscode-'));
const ws = path.join(work, 'ws');
const dataDir = path.join(work, 'data');
const extDir = path.join(work, 'extensions');
fs.mkdirSync(path.join(ws, '.vscode'), { recursive: true });
fs.mkdirSync(path.join(dataDir, 'User'), { recursive: true });
const sample = fs.readFileSync(path.join(root, 'examples/sample-report.txt'), 'utf8');
fs.writeFileSync(path.join(ws, 'sample-report.txt'), sample); // recognised by its content
fs.mkdirSync(path.join(ws, 'archive'));
fs.writeFileSync(path.join(ws, 'archive', '2024年报-江北市生态环境局.txt'), sample); // recognised by its name, never opened
fs.writeFileSync(path.join(ws, 'notes.txt'), '会议记录\n\n不是年度报告。\n'); // plain text stays plain text
// Workspace settings: messages in Chinese, and "today" fixed at the report's publication date.
// VS Code does not list hints in the Problems panel: doc-number-brackets (a hint) is raised to
// information through the per-rule setting, so all six findings are listed.
fs.writeFileSync(
  path.join(ws, '.vscode/settings.json'),
  JSON.stringify({ 'nianbao.locale': 'zh', 'nianbao.today': '2026-01-20', 'nianbao.rules.doc-number-brackets': 'information' }, null, 2),
);
fs.writeFileSync(
  path.join(dataDir, 'User/settings.json'),
  JSON.stringify(
    {
      'workbench.startupEditor': 'none',
      'workbench.tips.enabled': false,
      'workbench.enableExperiments': false,
      'workbench.welcomePage.walkthroughs.openOnInstall': false,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'chat.commandCenter.enabled': false,
      'window.commandCenter': false,
      'security.workspace.trust.enabled': false,
      'extensions.autoUpdate': false,
      'extensions.autoCheckUpdates': false,
      'extensions.ignoreRecommendations': true,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'editor.minimap.enabled': false,
      'files.autoSave': 'off',
      'editor.fontSize': 15,
      'editor.hover.delay': 200,
      'workbench.colorTheme': 'Default Light Modern',
    },
    null,
    2,
  ),
);

const env = { ...process.env, XDG_CONFIG_HOME: path.join(work, 'xdg-config'), XDG_DATA_HOME: path.join(work, 'xdg-data'), XDG_CACHE_HOME: path.join(work, 'xdg-cache') };
const csArgs = ['--user-data-dir', dataDir, '--extensions-dir', extDir, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override'];

let server;
let browser;
let failed = false;

const walk = (d) => (fs.existsSync(d) ? fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)])) : []);

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitFor(what, fn, timeoutMs = 30_000, everyMs = 200) {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The pids of the bundled server (`…/extensions/nianbao.nianbao-*\/server/nianbao lsp`). */
function serverPids() {
  const pids = [];
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const argv0 = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (argv0[0].startsWith(extDir) && argv0[0].endsWith('/server/nianbao') && argv0[1] === 'lsp') pids.push(Number(pid));
    } catch {
      /* gone */
    }
  }
  return pids;
}

async function main() {
  log(`vsix: ${path.relative(root, vsix)}`);
  log(`code-server: ${spawnSync(codeServer, ['--version'], { env, encoding: 'utf8' }).stdout.trim()}`);

  // 0. Install the .vsix.
  const install = spawnSync(codeServer, [...csArgs, '--install-extension', vsix], { env, encoding: 'utf8', timeout: 60_000 });
  if (!/successfully installed/i.test(install.stdout + install.stderr)) throw new Error(`install failed:\n${install.stdout}\n${install.stderr}`);
  log('installed the .vsix');

  const port = await freePort();
  // Its own process group, so that the extension hosts and servers it starts end with it.
  server = spawn(codeServer, [...csArgs, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', ws], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const serverLog = fs.createWriteStream(path.join(outDir, 'code-server.log'));
  server.stdout.pipe(serverLog);
  server.stderr.pipe(serverLog);
  await waitFor('code-server to listen', () => new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => {
      s.end();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  }), 60_000);
  log(`code-server listening on ${port}`);

  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=en-US'],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  page.setDefaultTimeout(30_000);
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await page.waitForSelector('.statusbar', { timeout: 60_000 });
  log('workbench loaded');

  const keys = async (...seq) => {
    for (const k of seq) await page.keyboard.press(k);
  };
  /** Opens a quick input, types `text`, waits for a row with `row` (if given) and accepts. */
  const quickInput = async (prefixKey, text, row) => {
    await page.keyboard.press(prefixKey);
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible' });
    await input.fill(text);
    if (row) await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: row }).first().waitFor({ state: 'visible' });
    else await page.waitForTimeout(300);
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' });
  };
  const runCommand = async (title) => {
    await quickInput('F1', `>${title}`, title);
  };
  const gotoPos = async (line, col) => {
    await quickInput('Control+G', `:${line}:${col}`);
    await page.waitForTimeout(200);
  };
  /** Every row of the Problems panel (a virtualised list: scrolled through, top to bottom). */
  const problems = async () => {
    const list = page.locator('.markers-panel .monaco-list').first();
    if (!(await list.isVisible())) return [];
    // Real wheel events (synthetic ones are ignored), with the mouse in the left margin of the
    // list, where no tooltip opens to swallow them.
    const box = await list.boundingBox();
    await page.mouse.move(box.x + 8, box.y + box.height / 2);
    const top = () => page.locator('.markers-panel .monaco-list .monaco-list-rows').first().evaluate((el) => el.style.top);
    const toTop = async () => {
      for (let i = 0; i < 200 && (await top()) !== '0px'; i++) {
        await page.mouse.wheel(0, -2000);
        await page.waitForTimeout(20);
      }
    };
    await toTop();
    const seen = new Map();
    let still = 0;
    for (let i = 0; i < 300 && still < 3; i++) {
      const rows = await page.locator('.markers-panel .monaco-list-row').evaluateAll((els) => els.map((e) => [Number(e.getAttribute('data-index')), e.innerText]));
      const max = Math.max(-1, ...seen.keys());
      for (const [index, text] of rows) seen.set(index, text);
      still = Math.max(-1, ...seen.keys()) === max ? still + 1 : 0;
      await page.mouse.wheel(0, Math.max(100, box.height - 60));
      await page.waitForTimeout(60);
    }
    await toTop();
    return [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([, text]) => text);
  };
  const statusTexts = async () => page.locator('.statusbar-item').allInnerTexts();
  const codes = ['doc-number-brackets', 'period-mismatch', 'stale-year', 'table3-results-total', 'table3-balance', 'table3-row-total'];
  /** The codes of the diagnostics listed under `file` (rows: file, diagnostic, related-information). */
  const codesIn = (rows, file) => {
    const out = [];
    let inFile = false;
    for (const r of rows) {
      const lines = r.split('\n').map((l) => l.trim()).filter(Boolean);
      const at = lines.indexOf('nianbao');
      const code = at >= 0 ? /^\(?([a-z0-9]+(?:-[a-z0-9]+)*)\)?$/.exec(lines[at + 1] ?? '') : null;
      if (code) {
        if (inFile) out.push(code[1]);
      } else if (!lines.some((l) => l.startsWith('[Ln '))) {
        inFile = lines[0].startsWith(file); // a file row: name, folder, count
      }
    }
    return out.sort();
  };

  /** Waits until the codes listed under `file` satisfy `ok`; the error names the codes seen last. */
  const waitCodes = async (what, file, ok, timeoutMs = 30_000) => {
    let last = [];
    let rows = [];
    return waitFor(what, async () => {
      rows = await problems();
      last = codesIn(rows, file);
      return ok(last) ? last : undefined;
    }, timeoutMs).catch((e) => {
      const fileRows = rows.filter((r) => !/\bnianbao\b|\[Ln /.test(r)).map((r) => JSON.stringify(r));
      throw new Error(`${e.message} (Problems under ${file}: ${last.join(', ') || 'none'}; file rows: ${fileRows.join(' ')})`);
    });
  };

  // 1. Open the report: recognised by its content; status bar with the year and deadline.
  await quickInput('Control+P', 'sample-report.txt', 'sample-report.txt');
  await waitFor('the editor', () => page.locator('.monaco-editor .view-lines').first().isVisible());
  await waitFor('language mode nianbao', async () => (await statusTexts()).some((t) => t.includes('年报 nianbao')));
  const status = await waitFor('status bar with the report year', async () => (await statusTexts()).find((t) => t.includes('2025 report · due 2026-01-31')));
  log(`ok 1: language 年报 nianbao; status bar "${status.trim()}"`);

  // 2. The six findings in the Problems panel.
  await keys('Control+Shift+M');
  let lastRows = [];
  const rows = await waitFor('six findings', async () => {
    lastRows = await problems();
    return codesIn(lastRows, 'sample-report.txt').join() === [...codes].sort().join() ? lastRows : undefined;
  }, 45_000).catch((e) => {
    throw new Error(`${e.message}\nProblems panel:\n${lastRows.join('\n')}`);
  });
  const listed = rows.map((r) => r.replace(/\s*\n\s*/g, ' ')).filter((r) => / nianbao [a-z0-9-]+ \[Ln /.test(r));
  log(`ok 2: Problems panel:\n      ${listed.join('\n      ')}`);
  if (!rows.some((r) => r.includes('公文发文字号'))) throw new Error('messages are not in Chinese (nianbao.locale = zh)');

  // 3. Hover a clause reference (the mouse on the token), read the clause.
  await page.locator('.monaco-editor .view-lines').first().click();
  await gotoPos(32, 1);
  // The innermost span (a token) of line 32 that shows the reference.
  const clause = page.locator('.monaco-editor .view-line > span > span', { hasText: '第二十条' }).first();
  log(`hovering "${await clause.textContent()}"`);
  await clause.hover();
  const hover = await waitFor('the hover with the clause text', async () => {
    const texts = await page.locator('.monaco-hover:visible').allInnerTexts();
    return texts.find((t) => t.includes('行政法规、规章和规范性文件'));
  });
  log(`ok 3: hover: ${hover.replace(/\s+/g, ' ').slice(0, 120)}…`);
  // The screenshot: no sidebar, the six findings one per line (related information folded),
  // lines 13–33 in view (the stale year on line 20, table 二), the clause's hover.
  await page.mouse.move(5, 400);
  await keys('Escape', 'Control+B');
  await page.locator('.panel .codicon-collapse-all, .panel .codicon-collapse-all').first().click();
  await page.locator('.markers-panel .monaco-list-row').first().click();
  await waitFor('the findings listed', async () => (await page.locator('.markers-panel .monaco-list-row').count()) >= 7);
  await page.locator('.monaco-editor .view-lines').first().click();
  await gotoPos(23, 1);
  const editorBox = await page.locator('.monaco-editor .view-lines').first().boundingBox();
  await page.mouse.move(editorBox.x + 200, editorBox.y + 100);
  await page.mouse.wheel(0, 200);
  await page.waitForTimeout(300);
  await clause.hover();
  await waitFor('the hover again', async () => (await page.locator('.monaco-hover:visible').allInnerTexts()).some((t) => t.includes('行政法规')));
  await page.waitForTimeout(800); // the hover fades in
  await page.screenshot({ path: screenshotPath });
  await page.mouse.move(5, 400);
  await keys('Escape', 'Control+B');
  log(`screenshot: ${path.relative(root, screenshotPath)}`);

  // 3b. The same clause by command, in an editor beside.
  await page.mouse.move(5, 5);
  await keys('Escape');
  await gotoPos(32, 3);
  await runCommand('nianbao: Show the Clause at the Cursor');
  await waitFor('the clause document', async () => {
    const tabs = await page.locator('.tab').allInnerTexts();
    return tabs.some((t) => t.includes('第二十条第（一）项.md'));
  });
  await waitFor('the clause text in the side editor', async () => (await page.locator('.monaco-editor .view-lines').allInnerTexts()).some((t) => t.includes('行政法规、规章和规范性文件')));
  log('ok 3b: "Show the Clause at the Cursor" opened 第二十条第（一）项.md beside');
  const clauseTab = page.locator('.tab', { hasText: '第二十条第（一）项.md' });
  await clauseTab.hover();
  await clauseTab.locator('.codicon-close').click();
  await clauseTab.waitFor({ state: 'detached' });
  await page.locator('.monaco-editor .view-lines').first().click();

  // 4. Quick fix on [2021]30号 → 〔2021〕30号; its diagnostic goes.
  await gotoPos(4, 102);
  await keys('Control+.');
  const fix = page.locator('.action-widget .monaco-list-row', { hasText: '改用“〔〕”' }).first();
  await fix.waitFor({ state: 'visible' });
  // The action list takes the keyboard (a pointer block covers it): move to the fix, accept.
  for (let i = 0; i < 15 && !(await page.locator('.action-widget .monaco-list-row.focused', { hasText: '改用“〔〕”' }).count()); i++) {
    await keys('ArrowDown');
  }
  await keys('Enter');
  await waitCodes('doc-number-brackets to go', 'sample-report.txt', (c) => !c.includes('doc-number-brackets') && c.length === 5);
  await waitFor('the fixed text', async () => (await page.locator('.monaco-editor .view-lines').first().innerText()).includes('国办公开办函〔2021〕30号'));
  log('ok 4: quick fix "改用“〔〕”" applied; doc-number-brackets gone, 5 findings left');

  // 5. Break table 四's total by typing (no save): table4-total appears.
  await gotoPos(83, 9); // 行政复议 · 总计: 3
  await keys('Shift+ArrowRight');
  await page.keyboard.type('4', { delay: 50 });
  await waitCodes('table4-total while typing', 'sample-report.txt', (c) => c.includes('table4-total'));
  if (fs.readFileSync(path.join(ws, 'sample-report.txt'), 'utf8') !== sample) throw new Error('the report was saved: the check must come from the unsaved text');
  log('ok 5: typed 3→4 in table 四 (unsaved): table4-total appeared');

  // 6. Kill the server: it is restarted and the diagnostics come back.
  const before = serverPids();
  if (before.length !== 1) throw new Error(`expected one server process, found ${before.length}`);
  process.kill(before[0], 'SIGKILL');
  await waitFor('a new server process', () => {
    const now = serverPids();
    return now.length === 1 && now[0] !== before[0];
  }, 30_000, 100);
  await waitFor('the status bar back to running', async () => (await statusTexts()).some((t) => t.includes('2025 report · due 2026-01-31')));
  await waitCodes('diagnostics after the restart', 'sample-report.txt', (c) => c.includes('table4-total'));
  log(`ok 6: killed server ${before[0]}; restarted as ${serverPids()[0]}, diagnostics back`);

  // 6b. "Restart the Language Server": a new process, the findings again.
  const running = serverPids();
  await runCommand('nianbao: Restart the Language Server');
  await waitFor('a restarted server process', () => {
    const now = serverPids();
    return now.length === 1 && now[0] !== running[0];
  }, 30_000, 100);
  await waitCodes('diagnostics after the manual restart', 'sample-report.txt', (c) => c.includes('table4-total'));
  log(`ok 6b: "Restart the Language Server": ${running[0]} → ${serverPids()[0]}, diagnostics back`);

  // 7. Check the workspace: the archived report (never opened) shows up in Problems.
  await runCommand('nianbao: Check All Reports in the Workspace');
  await waitCodes('the archived report in Problems', '2024年报-江北市生态环境局.txt', (c) => c.length === 6);
  const note = await waitFor('the summary notification', async () => (await page.locator('.notification-toast').allInnerTexts()).find((t) => t.includes('report(s) checked')));
  log(`ok 7: workspace check: ${note.split('\n').find((l) => l.includes('report(s) checked'))}`);
  for (const f of walk(path.join(dataDir, 'logs')).filter((f) => f.endsWith('nianbao.log'))) {
    for (const line of fs.readFileSync(f, 'utf8').split('\n').filter((l) => l.includes('[check]'))) log(`      ${line.replace(/^.*\[check\] /, '')}`);
  }
  if ((await problems()).some((r) => r.includes('notes.txt'))) throw new Error('notes.txt was checked');

  // 8. A new report for 2024 from the server's template.
  await runCommand('nianbao: New Annual Report');
  const yearInput = page.locator('.quick-input-widget input.input');
  await yearInput.waitFor({ state: 'visible' });
  await yearInput.fill('2024');
  await keys('Enter');
  await waitFor('the new report', async () => (await page.locator('.monaco-editor .view-lines').first().innerText()).includes('2024年政府信息公开工作年度报告'));
  await waitFor('status bar for 2024', async () => (await statusTexts()).some((t) => t.includes('2024 report · due 2025-01-31')));
  log('ok 8: "New Annual Report…" wrote the 2024 template (status: 2024 report · due 2025-01-31)');
}

try {
  await main();
  log('PASS');
} catch (e) {
  failed = true;
  console.error(`FAIL: ${e.stack ?? e}`);
  try {
    const page = browser?.contexts()[0]?.pages()[0];
    if (page) await page.screenshot({ path: path.join(outDir, 'failure.png') });
    console.error(`screenshot: ${path.join(outDir, 'failure.png')}`);
  } catch {
    /* ignore */
  }
  // The extension host's logs and the extension's output channel help most.
  const logs = path.join(dataDir, 'logs');
  for (const f of walk(logs).filter((f) => /exthost\.log$|nianbao\.log$|nianbao\.nianbao/.test(f))) {
    console.error(`── ${path.relative(work, f)}\n${fs.readFileSync(f, 'utf8').split('\n').slice(-60).join('\n')}`);
  }
} finally {
  await browser?.close().catch(() => {});
  if (server?.pid) {
    const group = (signal) => {
      try {
        process.kill(-server.pid, signal);
      } catch {
        /* gone */
      }
    };
    group('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    group('SIGKILL');
  }
  for (const pid of serverPids()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  if (!process.env.KEEP_WORK) fs.rmSync(work, { recursive: true, force: true });
  else console.error(`work dir kept: ${work}`);
}
process.exit(failed ? 1 : 0);
