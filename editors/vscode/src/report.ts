// What the status bar says about the open report: its year, the body, and the publication
// deadline of 条例第四十九条 that applies. Computed from the text with the same rules the server
// uses (server/src/model: the title block; server/src/knowledge/deadlines.rs: the body level),
// simplified to the title block at the top of the file. Settings `nianbao.level` and
// `nianbao.deadline` override, as they do in the server.

export type Level = 'government' | 'department';

export interface ReportInfo {
  year: number;
  body?: string;
  level: Level;
  /** Where the level came from. */
  levelFrom: 'setting' | 'name' | 'default';
  /** The last day to publish (inclusive), `YYYY-MM-DD`. */
  deadline: string;
  /** The clause that sets the deadline (when not overridden by a setting). */
  clause?: string;
}

const SECTION = /^\s*(#{1,6}\s*)?[一二三四五六七八九十]{1,3}\s*[、．.]/;
const SPACE = /[\s\u3000\u00a0\ufeff]/g;

function asciiDigits(s: string): string {
  return s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30));
}

/** The first plausible report year (1990..=2100) written as four digits followed by 年. */
export function yearIn(text: string): number | undefined {
  const folded = asciiDigits(text).replace(SPACE, '');
  const re = /(?<!\d)(\d{4})年/g;
  for (let m = re.exec(folded); m; m = re.exec(folded)) {
    const y = Number(m[1]);
    if (y >= 1990 && y <= 2100) return y;
  }
  return undefined;
}

const GOVERNMENT_SUFFIXES = ['人民政府', '政府', '实验区', '试验区', '示范区', '新区', '开发区', '高新区', '自治州', '自治县', '自治旗', '特别行政区'];
const DEPARTMENT_SUFFIXES = ['办公室', '办公厅', '委员会', '局', '厅', '委', '办', '中心', '署', '处', '所', '站', '队', '院', '部', '馆', '会', '社', '总队', '支队', '大队', '分局', '管理处'];

/** The body's name without spaces, trailing year / 政府信息公开… and bracketed remarks. */
function bodyName(s: string): string {
  let t = asciiDigits(s).replace(SPACE, '');
  const i = t.indexOf('政府信息公开');
  if (i >= 0) t = t.slice(0, i);
  t = t.replace(/\d+年度?.*$/, '');
  for (;;) {
    const m = /[（(][^（()）]*[）)]$/.exec(t);
    if (!m) break;
    t = t.slice(0, m.index);
  }
  return t;
}

/** Which deadline of 第四十九条 applies, from the body's name (deadlines.rs: infer_body_level). */
export function inferLevel(name: string): Level | undefined {
  const n = bodyName(name);
  if (!n) return undefined;
  for (const suffix of ['管理委员会', '管委会']) {
    if (n.endsWith(suffix)) {
      const stem = n.slice(0, -suffix.length).replace(/(党工委)+$/, '');
      return stem.endsWith('区') ? 'government' : 'department';
    }
  }
  if (DEPARTMENT_SUFFIXES.some((s) => n.endsWith(s))) return 'department';
  if (GOVERNMENT_SUFFIXES.some((s) => n.endsWith(s))) return 'government';
  if (['省', '市', '县', '区', '旗', '州', '盟'].some((s) => n.endsWith(s))) return 'government';
  return undefined;
}

export interface Overrides {
  level?: Level;
  /** `MM-DD` */
  deadline?: string;
}

/** The report year, body and deadline, or undefined when the text names no report year. */
export function reportInfo(text: string, overrides: Overrides = {}): ReportInfo | undefined {
  const lines = text.split(/\r?\n/, 40);
  let year: number | undefined;
  let body: string | undefined;
  let seen = 0;
  for (const raw of lines) {
    const line = raw.replace(/^[\s\u3000\ufeff#]+|[\s\u3000]+$/g, '');
    if (!line || line.startsWith('<!--')) continue;
    if (SECTION.test(raw) || raw.includes('\t') || raw.trimStart().startsWith('|')) break;
    seen += 1;
    // The title block is short lines; the preamble (a long sentence) ends it.
    const isTitle = line.length <= 60 && !/[。；]$/.test(line);
    if (year === undefined && (line.includes('报告') || line.includes('年报'))) {
      const y = yearIn(line);
      if (y !== undefined) {
        year = y;
        const before = asciiDigits(line).split(/\d{4}\s*年/)[0].trim();
        if (before && !body) body = before;
        continue;
      }
    }
    if (isTitle && !body && !line.includes('报告')) body = line;
    if (!isTitle || seen > 6) break;
  }
  if (year === undefined) return undefined;
  let level: Level = 'department';
  let levelFrom: ReportInfo['levelFrom'] = 'default';
  if (overrides.level) {
    level = overrides.level;
    levelFrom = 'setting';
  } else if (body) {
    const inferred = inferLevel(body);
    if (inferred) {
      level = inferred;
      levelFrom = 'name';
    }
  }
  let month = level === 'government' ? 3 : 1;
  let day = 31;
  let clause: string | undefined = level === 'government' ? '条例第四十九条第二款' : '条例第四十九条第一款';
  const m = overrides.deadline ? /^(\d{1,2})-(\d{1,2})$/.exec(overrides.deadline.trim()) : null;
  if (m) {
    month = Number(m[1]);
    day = Number(m[2]);
    clause = undefined;
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  return { year, body, level, levelFrom, deadline: `${year + 1}-${pad(month)}-${pad(day)}`, clause };
}

/** Whole days from `today` to `deadline` (both `YYYY-MM-DD`); negative when past. */
export function daysUntil(deadline: string, today: string): number {
  const d = Date.parse(`${deadline}T00:00:00Z`);
  const t = Date.parse(`${today}T00:00:00Z`);
  return Math.round((d - t) / 86_400_000);
}

/** Today in China Standard Time (UTC+8), as the server counts it. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Does the start of this text look like an annual disclosure report? (for `.txt` files) */
export function looksLikeReport(text: string): boolean {
  for (const line of text.split(/\r?\n/, 20)) {
    if (line.includes('政府信息公开') && line.includes('年度报告')) return true;
  }
  return false;
}
