#!/usr/bin/env node
// Generates the parts of the extension that come from the server's knowledge, so they cannot
// drift from it:
//  - package.json `nianbao.rules.<code>` settings and their zh/en descriptions, from the rule
//    catalogue docs/rules.md (generated from server/src/knowledge/rules.rs);
//  - snippets/nianbao.code-snippets: each section and each table of both layouts (2019 and 2021),
//    from the server's own templates (the `nianbao.newReport` command of `nianbao lsp`).
//
// Usage: node scripts/generate.mjs [--check] [--server PATH]
//   --check   fail (exit 1) when a generated file differs from what is committed
//   --server  the nianbao binary (default: $NIANBAO_BIN, ../../target/release/nianbao, ../../target/debug/nianbao)

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const ext = path.resolve(here, '..');
const repo = path.resolve(ext, '../..');
const args = process.argv.slice(2);
const check = args.includes('--check');
const serverArg = args.includes('--server') ? args[args.indexOf('--server') + 1] : undefined;

function findServer() {
  const targetDir = process.env.CARGO_TARGET_DIR ? path.resolve(repo, process.env.CARGO_TARGET_DIR) : path.join(repo, 'target');
  const candidates = [serverArg, process.env.NIANBAO_BIN, path.join(targetDir, 'release/nianbao'), path.join(targetDir, 'debug/nianbao')];
  for (const c of candidates) if (c && fs.existsSync(c)) return c;
  throw new Error('no nianbao binary: build it (cargo build --release -p nianbao) or pass --server');
}

// ── Rules ───────────────────────────────────────────────────────────────────────────────────

const SEVERITY_ZH = { error: '错误', warning: '警告', information: '提示信息', hint: '建议' };

function rulesFromCatalogue() {
  const md = fs.readFileSync(path.join(repo, 'docs/rules.md'), 'utf8');
  const rules = [];
  for (const line of md.split('\n')) {
    const m = /^\| \[`([a-z0-9-]+)`\]\(#[a-z0-9-]+\) \| (.+?) \| (.+?) \| ([a-z]+) \| ([a-z]+) \|$/.exec(line);
    if (m) rules.push({ code: m[1], zh: m[2], en: m[3], family: m[4], severity: m[5] });
  }
  if (rules.length < 10) throw new Error(`docs/rules.md: only ${rules.length} rules found in the summary table`);
  return rules;
}

function withRules(pkg, rules) {
  const props = pkg.contributes.configuration.properties;
  const kept = Object.fromEntries(Object.entries(props).filter(([k]) => !k.startsWith('nianbao.rules.')));
  for (const r of rules) {
    kept[`nianbao.rules.${r.code}`] = {
      type: 'string',
      enum: ['default', 'off', 'error', 'warning', 'information', 'hint'],
      enumDescriptions: ['default', 'off', 'error', 'warning', 'information', 'hint'].map((l) => `%config.rules.level.${l}%`),
      default: 'default',
      scope: 'window',
      markdownDescription: `%config.rules.${r.code}%`,
    };
  }
  pkg.contributes.configuration.properties = kept;
  return pkg;
}

function withRuleTexts(nls, rules, zh) {
  const kept = Object.fromEntries(Object.entries(nls).filter(([k]) => !/^config\.rules\.[a-z0-9-]+$/.test(k) || k.startsWith('config.rules.level')));
  for (const r of rules) {
    kept[`config.rules.${r.code}`] = zh
      ? `**${r.zh}**（\`${r.code}\`，类别 ${r.family}）。默认级别：${SEVERITY_ZH[r.severity] ?? r.severity}。\`default\` 沿用 \`nianbao.toml\` 或默认级别，\`off\` 关闭此规则。`
      : `**${r.en}** (\`${r.code}\`, ${r.family}). Default severity: ${r.severity}. \`default\` keeps \`nianbao.toml\` or the default; \`off\` turns the rule off.`;
  }
  return kept;
}

// ── Snippets from the server's templates ───────────────────────────────────────────────────

function lspSession(server) {
  const child = spawn(server, ['lsp'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let buf = Buffer.alloc(0);
  const waiting = new Map();
  child.stdout.on('data', (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      const head = buf.indexOf('\r\n\r\n');
      if (head < 0) return;
      const len = Number(/Content-Length: (\d+)/i.exec(buf.subarray(0, head).toString())[1]);
      if (buf.length < head + 4 + len) return;
      const msg = JSON.parse(buf.subarray(head + 4, head + 4 + len).toString('utf8'));
      buf = buf.subarray(head + 4 + len);
      if (msg.id !== undefined && !msg.method && waiting.has(msg.id)) {
        waiting.get(msg.id)(msg);
        waiting.delete(msg.id);
      }
    }
  });
  let id = 0;
  const write = (msg) => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...msg }), 'utf8');
    child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    child.stdin.write(body);
  };
  return {
    request(method, params) {
      const n = ++id;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${method}: no answer`)), 20000);
        waiting.set(n, (m) => {
          clearTimeout(timer);
          m.error ? reject(new Error(JSON.stringify(m.error))) : resolve(m.result);
        });
        write({ id: n, method, params });
      });
    },
    notify(method, params) {
      write({ method, params });
    },
    async close() {
      await this.request('shutdown', null);
      this.notify('exit', null);
      child.stdin.end();
    },
  };
}

async function templates(server) {
  const s = lspSession(server);
  await s.request('initialize', { processId: null, rootUri: null, capabilities: {}, initializationOptions: { today: '2000-01-01' } });
  s.notify('initialized', {});
  const out = {};
  for (const year of [2020, 2025]) out[year] = await s.request('workspace/executeCommand', { command: 'nianbao.newReport', arguments: [year] });
  await s.close();
  return out;
}

const HEADING = /^([一二三四五六七八九十]+)、(.*)$/;
const NUMBERS = ['一', '二', '三', '四', '五', '六'];
const escapeSnippet = (s) => s.replace(/[$}\\]/g, (c) => `\\${c}`);

/** The six sections of a template: heading, body lines (blank lines at the end dropped), table lines. */
function sections(text) {
  const lines = text.split('\n');
  const out = [];
  let current;
  for (const line of lines) {
    const m = !line.includes('\t') && HEADING.exec(line);
    if (m) {
      current = { number: NUMBERS.indexOf(m[1]) + 1, heading: line, title: m[2], lines: [line] };
      out.push(current);
    } else if (current) {
      if (line === '（机关名称）') current = undefined; // the signature block
      else current.lines.push(line);
    }
  }
  for (const s of out) {
    while (s.lines.length && s.lines[s.lines.length - 1] === '') s.lines.pop();
    s.table = s.lines.filter((l) => l.includes('\t'));
  }
  return out;
}

/** Snippet body: comments asking for text become placeholders; `$0` at the end. */
function body(lines) {
  let n = 0;
  const outLines = lines.map((l) => {
    const m = /^<!-- (.*) -->$/.exec(l);
    return m ? `\${${++n}:${escapeSnippet(m[1])}}` : escapeSnippet(l);
  });
  outLines.push('$0');
  return outLines;
}

const LAYOUTS = {
  2021: { tag: '2021', zh: '国办公开办函〔2021〕30号格式（2021年及以后的报告）', en: 'layout of 国办公开办函〔2021〕30号 (reports on 2021 and later)', suffix: '' },
  2019: { tag: '2019', zh: '国办公开办函〔2019〕60号格式（2019—2020年的报告）', en: 'layout of 国办公开办函〔2019〕60号 (reports on 2019–2020)', suffix: '-2019' },
};
const TABLE_NAMES = { 2: '表二', 3: '表三', 4: '表四' };

function snippets(byYear) {
  const out = {};
  const layouts = [
    [LAYOUTS[2021], sections(byYear[2025])],
    [LAYOUTS[2019], sections(byYear[2020])],
  ];
  const [, s2021] = layouts[0];
  const [, s2019] = layouts[1];
  if (s2021.length !== 6 || s2019.length !== 6) throw new Error('templates: expected six sections in each layout');
  for (const [layout, secs] of layouts) {
    for (const s of secs) {
      const same = layout.tag === '2019' && JSON.stringify(s.lines) === JSON.stringify(s2021[s.number - 1].lines);
      if (same) continue; // identical in both layouts: one snippet
      const general = layout.tag === '2021' && JSON.stringify(s.lines) === JSON.stringify(s2019[s.number - 1].lines);
      const name = general ? `${s.heading}` : `${s.heading} · ${layout.tag}`;
      out[name] = {
        prefix: general || layout.tag === '2021'
          ? [s.heading, s.title, `section${s.number}`]
          : [`${s.heading}（${layout.tag}）`, `${s.title}${layout.tag}`, `section${s.number}-${layout.tag}`],
        description: general ? `第${NUMBERS[s.number - 1]}部分 · section ${s.number}` : `第${NUMBERS[s.number - 1]}部分，${layout.zh} · section ${s.number}, ${layout.en}`,
        body: body(s.lines),
      };
      if (s.table.length) {
        const tname = TABLE_NAMES[s.number];
        out[general ? `${tname} ${s.title}` : `${tname} ${s.title} · ${layout.tag}`] = {
          prefix: [`${tname}${layout.tag === '2021' ? '' : layout.tag}`, `table${s.number}${layout.suffix}`],
          description: general
            ? `${tname}（${s.title}），两种格式相同 · table ${s.number}, the same in both layouts`
            : `${tname}（${s.title}），${layout.zh} · table ${s.number}, ${layout.en}`,
          body: body(s.table),
        };
      }
    }
  }
  return out;
}

// ── Main ────────────────────────────────────────────────────────────────────────────────────

const json = (v) => JSON.stringify(v, null, 2) + '\n';

async function main() {
  const rules = rulesFromCatalogue();
  const files = {};
  const pkgPath = path.join(ext, 'package.json');
  files[pkgPath] = json(withRules(JSON.parse(fs.readFileSync(pkgPath, 'utf8')), rules));
  for (const [name, zh] of [['package.nls.json', false], ['package.nls.zh-cn.json', true]]) {
    const p = path.join(ext, name);
    files[p] = json(withRuleTexts(JSON.parse(fs.readFileSync(p, 'utf8')), rules, zh));
  }
  files[path.join(ext, 'snippets/nianbao.code-snippets')] = json(snippets(await templates(findServer())));
  let stale = 0;
  for (const [p, text] of Object.entries(files)) {
    const old = fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : '';
    if (old === text) continue;
    if (check) {
      console.error(`stale: ${path.relative(repo, p)} (run: node editors/vscode/scripts/generate.mjs)`);
      stale++;
    } else {
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, text);
      console.log(`wrote ${path.relative(repo, p)}`);
    }
  }
  if (stale) process.exit(1);
  if (check) console.log(`generated files are up to date (${rules.length} rules)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
