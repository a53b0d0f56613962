// The editor's `nianbao.*` settings → the JSON the server takes (the keys of nianbao.toml:
// locale, today, level, deadline, rules). Values that mean "not set" ("auto", "", "default")
// are left out, so the server falls back to nianbao.toml and its own defaults; anything else
// in the section (server.path, trace, detectReports …) is not sent, because the server rejects
// unknown keys.

export type RuleLevel = 'off' | 'error' | 'warning' | 'information' | 'hint';

export interface ServerSettings {
  locale?: 'zh' | 'en';
  today?: string;
  level?: 'government' | 'department';
  deadline?: string;
  rules?: Record<string, RuleLevel>;
}

const RULE_LEVELS: readonly string[] = ['off', 'error', 'warning', 'information', 'hint'];

/** Reads a `nianbao` configuration section (anything with `get(key)`). */
export interface SectionLike {
  get<T>(key: string): T | undefined;
}

export function serverSettings(section: SectionLike): ServerSettings {
  const out: ServerSettings = {};
  const locale = section.get<string>('locale');
  if (locale === 'zh' || locale === 'en') out.locale = locale;
  const today = section.get<string>('today')?.trim();
  if (today && /^\d{4}-\d{2}-\d{2}$/.test(today)) out.today = today;
  const level = section.get<string>('level');
  if (level === 'government' || level === 'department') out.level = level;
  const deadline = section.get<string>('deadline')?.trim();
  if (deadline && /^\d{1,2}-\d{1,2}$/.test(deadline)) out.deadline = deadline;
  const rules = section.get<Record<string, unknown>>('rules');
  if (rules && typeof rules === 'object') {
    const picked: Record<string, RuleLevel> = {};
    for (const [code, value] of Object.entries(rules)) {
      if (typeof value === 'string' && RULE_LEVELS.includes(value)) picked[code] = value as RuleLevel;
    }
    if (Object.keys(picked).length > 0) out.rules = picked;
  }
  return out;
}

/**
 * The configuration the CLI should use for "check the workspace", as TOML: the workspace's
 * nianbao.toml (already parsed) overridden key by key by the editor's settings — the same merge
 * the server does (server/src/lsp/settings.rs).
 */
export function mergeConfig(toml: Record<string, unknown> | undefined, editor: ServerSettings): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...(toml ?? {}) };
  for (const [key, value] of Object.entries(editor)) {
    if (value === undefined) continue;
    if (key === 'rules' && merged.rules && typeof merged.rules === 'object') {
      merged.rules = { ...(merged.rules as Record<string, unknown>), ...(value as Record<string, unknown>) };
    } else {
      merged[key] = value;
    }
  }
  return merged;
}
