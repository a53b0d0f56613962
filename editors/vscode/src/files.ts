// Which files are reports, and reading their first bytes (UTF-8, else GB18030 as saved on
// Chinese Windows) — for "check the workspace".

import * as path from 'node:path';

/** Is this file name a report by the extension's own patterns (`*.nianbao`, `*年报*.txt`, `*年度报告*.txt`)? */
export function reportByName(file: string): boolean {
  const base = path.basename(file);
  if (base.endsWith('.nianbao')) return true;
  return base.endsWith('.txt') && (base.includes('年报') || base.includes('年度报告'));
}

export function decodeHead(bytes: Uint8Array): string {
  // stream: a character cut at the end of the head is not a decoding error.
  const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(bytes, { stream: true });
  if (!utf8.includes('\ufffd')) return utf8;
  try {
    return new TextDecoder('gb18030').decode(bytes, { stream: true });
  } catch {
    return utf8;
  }
}
