// Unit tests of the extension's pure parts and of the TextMate grammar (no VS Code needed):
// `npm run test:unit`. The end-to-end test in a real VS Code (code-server) is tests/vscode.

import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { Backoff } from '../src/backoff';
import { decodeHead, reportByName } from '../src/files';
import { daysUntil, inferLevel, looksLikeReport, reportInfo, todayInChina, yearIn } from '../src/report';
import { resolveServer } from '../src/server';
import { mergeConfig, serverSettings } from '../src/settings';

const ext = path.resolve(__dirname, '..');
const repo = path.resolve(ext, '../..');
const sample = fs.readFileSync(path.join(repo, 'examples/sample-report.txt'), 'utf8');

test('report year, body and deadline of the sample report', () => {
  const info = reportInfo(sample);
  assert.deepEqual(info, {
    year: 2025,
    body: '江北市生态环境局',
    level: 'department',
    levelFrom: 'name',
    deadline: '2026-01-31',
    clause: '条例第四十九条第一款',
  });
  assert.ok(looksLikeReport(sample));
  assert.ok(!looksLikeReport('README\n\nsome notes'));
});

test('body before the year in the title, a government: 31 March', () => {
  const info = reportInfo('淮安市人民政府2024年政府信息公开工作年度报告\n\n本报告……编制。\n');
  assert.equal(info?.year, 2024);
  assert.equal(info?.body, '淮安市人民政府');
  assert.equal(info?.level, 'government');
  assert.equal(info?.deadline, '2025-03-31');
  assert.equal(info?.clause, '条例第四十九条第二款');
});

test('settings override the level and the deadline', () => {
  assert.equal(reportInfo(sample, { level: 'government' })?.deadline, '2026-03-31');
  const custom = reportInfo(sample, { deadline: '02-15' });
  assert.equal(custom?.deadline, '2026-02-15');
  assert.equal(custom?.clause, undefined);
  assert.equal(reportInfo('会议纪要\n\n一、总体情况\n'), undefined);
});

test('body levels as in server/src/knowledge/deadlines.rs', () => {
  for (const n of ['淮安市人民政府', 'XX县人民政府', '平潭综合实验区', 'XX经济技术开发区管理委员会', 'XX新区管委会', '江北市']) {
    assert.equal(inferLevel(n), 'government', n);
  }
  for (const n of ['XX市人民政府办公室', '攀枝花市政务服务管理局', 'XX市发展和改革委员会', '平潭综合实验区旅游与文化体育局', 'XX市城市管理委员会', '江北市生态环境局（本级）']) {
    assert.equal(inferLevel(n), 'department', n);
  }
  assert.equal(inferLevel(''), undefined);
});

test('years and days', () => {
  assert.equal(yearIn('２０２３ 年度报告'), 2023);
  assert.equal(yearIn('第12345年'), undefined);
  assert.equal(daysUntil('2026-01-31', '2026-01-01'), 30);
  assert.equal(daysUntil('2026-01-31', '2026-02-02'), -2);
  assert.equal(todayInChina(new Date('2025-12-31T17:00:00Z')), '2026-01-01');
});

test('only the keys the server knows are sent', () => {
  const values: Record<string, unknown> = {
    locale: 'auto',
    today: '',
    level: 'government',
    deadline: '02-15',
    detectReports: true,
    'server.path': '/x',
    rules: { 'stale-year': 'off', 'section-title': 'default', 'table3-balance': 'warning', bogus: 3 },
  };
  const section = { get: <T>(k: string) => values[k] as T | undefined };
  assert.deepEqual(serverSettings(section), { level: 'government', deadline: '02-15', rules: { 'stale-year': 'off', 'table3-balance': 'warning' } });
  values.locale = 'en';
  values.today = '2026-11-30';
  values.rules = { 'section-title': 'default' };
  assert.deepEqual(serverSettings(section), { locale: 'en', today: '2026-11-30', level: 'government', deadline: '02-15' });
});

test('editor settings override nianbao.toml key by key', () => {
  const merged = mergeConfig({ locale: 'zh', rules: { 'stale-year': 'off', 'section-title': 'warning' } }, { locale: 'en', rules: { 'section-title': 'error' } });
  assert.deepEqual(merged, { locale: 'en', rules: { 'stale-year': 'off', 'section-title': 'error' } });
  assert.deepEqual(mergeConfig(undefined, { today: '2026-01-01' }), { today: '2026-01-01' });
});

test('back-off: doubling, capped, reset after a stable run, then gives up', () => {
  const b = new Backoff(1000, 8000, 60_000, 5);
  b.started(0);
  assert.deepEqual([1, 2, 3, 4].map((i) => b.crashed(i)), [1000, 2000, 4000, 8000]);
  b.started(10);
  assert.equal(b.crashed(100_000), 1000); // ran for 100 s: counts as stable
  for (let i = 0; i < 4; i++) b.crashed(100_001 + i);
  assert.equal(b.crashed(100_010), undefined);
});

test('server resolution: setting, then bundled, then PATH', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-ext-'));
  try {
    const fake = (p: string) => {
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, '#!/bin/sh\n');
      fs.chmodSync(p, 0o755);
    };
    const extDir = path.join(tmp, 'ext');
    const binDir = path.join(tmp, 'bin');
    fake(path.join(binDir, 'nianbao'));
    fs.mkdirSync(extDir);
    assert.deepEqual(resolveServer('', extDir, undefined, binDir), { command: path.join(binDir, 'nianbao'), source: 'path' });
    fake(path.join(extDir, 'server', 'nianbao'));
    fs.chmodSync(path.join(extDir, 'server', 'nianbao'), 0o644); // exec bit lost: restored
    assert.deepEqual(resolveServer(undefined, extDir, undefined, binDir), { command: path.join(extDir, 'server', 'nianbao'), source: 'bundled' });
    fake(path.join(tmp, 'ws', 'tools', 'nb'));
    assert.deepEqual(resolveServer('${workspaceFolder}/tools/nb', extDir, path.join(tmp, 'ws'), binDir), { command: path.join(tmp, 'ws', 'tools', 'nb'), source: 'setting' });
    assert.deepEqual(resolveServer('./tools/nb', extDir, path.join(tmp, 'ws'), binDir), { command: path.join(tmp, 'ws', 'tools', 'nb'), source: 'setting' });
    assert.ok('error' in resolveServer('/no/such/nianbao', extDir, undefined, binDir));
    assert.ok('error' in resolveServer('', path.join(tmp, 'none'), undefined, path.join(tmp, 'none')));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('reports by name, and by their first bytes (UTF-8 cut mid-character, GB18030)', () => {
  assert.ok(reportByName('/a/2024年报.txt') && reportByName('x年度报告（定稿）.txt') && reportByName('r.nianbao'));
  assert.ok(!reportByName('/a/notes.txt') && !reportByName('年报.docx'));
  const bytes = Buffer.from(sample, 'utf8');
  for (const n of [4096, 4097, 4098]) assert.ok(looksLikeReport(decodeHead(bytes.subarray(0, n))), `head of ${n} bytes`);
  // 政府信息公开工作年度报告 in GB18030
  assert.ok(looksLikeReport(decodeHead(Buffer.from('d5feb8aed0c5cfa2b9abbfaab9a4d7f7c4eab6c8b1a8b8e6', 'hex'))));
});

// ── The TextMate grammar ────────────────────────────────────────────────────────────────────

async function grammar(): Promise<textmate.IGrammar> {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (s) => new oniguruma.OnigScanner(s), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) =>
      scope === 'text.nianbao' ? textmate.parseRawGrammar(fs.readFileSync(path.join(ext, 'syntaxes/nianbao.tmLanguage.json'), 'utf8'), 'nianbao.tmLanguage.json') : null,
  });
  const g = await registry.loadGrammar('text.nianbao');
  assert.ok(g);
  return g;
}

/** The scopes of the token that covers `needle` in `line`. */
function scopesAt(g: textmate.IGrammar, line: string, needle: string): string[] {
  const at = line.indexOf(needle);
  assert.ok(at >= 0, `${needle} not in ${line}`);
  const { tokens } = g.tokenizeLine(line, textmate.INITIAL);
  const token = tokens.find((t) => t.startIndex <= at && at < t.endIndex)!;
  return token.scopes;
}

test('TextMate grammar: headings, tables, inline tokens, comments', async () => {
  const g = await grammar();
  const has = (line: string, needle: string, scope: string) => {
    const scopes = scopesAt(g, line, needle);
    assert.ok(scopes.some((s) => s.startsWith(scope)), `${needle}: expected ${scope}, got ${scopes.join(' ')}`);
  };
  const lines = sample.split('\n');
  has(lines[1], '2025年', 'markup.heading.1');
  has(lines[5], '一、', 'markup.heading.2');
  has(lines[9], '（一）', 'markup.heading.3');
  has(lines[3], '[2021]30号', 'constant.other.doc-number');
  has(lines[3], '国务院令第711号', 'constant.other.doc-number');
  has(lines[3], '《中华人民共和国政府信息公开条例》', 'string.quoted.other.book-title');
  has(lines[3], '2024年1月1日', 'string.other.date');
  has(lines[11], '1538条', 'constant.numeric');
  has(lines[11], '条，其中', 'keyword.other.unit');
  const clause = '第二十条第（一）项\t\t\t';
  has(clause, '第二十条第（一）项', 'entity.name.function.clause-ref');
  has(clause, '\t', 'punctuation.separator.table');
  const row = '一、本年新收政府信息公开申请数量\t57\t9';
  assert.ok(!scopesAt(g, row, '一、').some((s) => s.startsWith('markup.heading')), 'a row is not a heading');
  has(row, '57', 'constant.numeric');
  has('| 规章 | 0 | 0 | 0 |', '|', 'punctuation.separator.table');
  has('|---|---|', '---', 'meta.table.rule');
  const sup = '<!-- nianbao-disable-next-line stale-year, period-mismatch -->';
  has(sup, 'nianbao-disable-next-line', 'keyword.control.directive');
  has(sup, 'period-mismatch', 'constant.language.rule-code');
  has('<!-- 请填写。 -->', '请填写', 'comment.block');
  has('2026年1月20日', '2026年1月20日', 'string.other.date');
});

test('snippets: each section and table of both layouts', () => {
  const snippets = JSON.parse(fs.readFileSync(path.join(ext, 'snippets/nianbao.code-snippets'), 'utf8')) as Record<string, { prefix: string[]; body: string[] }>;
  const names = Object.keys(snippets);
  for (const n of ['一、总体情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项']) assert.ok(names.includes(n), n);
  for (const table of ['表二', '表三']) {
    for (const layout of ['2019', '2021']) assert.ok(names.some((n) => n.startsWith(table) && n.endsWith(layout)), `${table} ${layout}`);
  }
  assert.ok(names.some((n) => n.startsWith('表四')));
  const t3 = snippets['表三 收到和处理政府信息公开申请情况 · 2021'].body.join('\n');
  assert.match(t3, /\t（七）总计(\t0){7}/);
  assert.match(snippets['表二 主动公开政府信息情况 · 2019'].body.join('\n'), /本年新制作数量/);
  assert.match(snippets['表二 主动公开政府信息情况 · 2021'].body.join('\n'), /本年制发件数/);
});

test('every message of the extension has a Chinese translation', () => {
  const source = fs.readFileSync(path.join(ext, 'src/extension.ts'), 'utf8');
  const zh = JSON.parse(fs.readFileSync(path.join(ext, 'l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
  const keys = [...source.matchAll(/\bt\('((?:[^'\\]|\\.)*)'/g)].map((m) => m[1].replace(/\\'/g, "'"));
  assert.ok(keys.length > 20);
  assert.deepEqual(keys.filter((k) => !(k in zh)), []);
  const en = JSON.parse(fs.readFileSync(path.join(ext, 'package.nls.json'), 'utf8')) as Record<string, string>;
  const zhNls = JSON.parse(fs.readFileSync(path.join(ext, 'package.nls.zh-cn.json'), 'utf8')) as Record<string, string>;
  assert.deepEqual(Object.keys(en).sort(), Object.keys(zhNls).sort());
  const pkg = fs.readFileSync(path.join(ext, 'package.json'), 'utf8');
  for (const m of pkg.matchAll(/"%([^%"]+)%"/g)) assert.ok(m[1] in en, `package.json uses %${m[1]}% but package.nls.json lacks it`);
});
