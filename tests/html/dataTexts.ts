// What an edition's data says, as the HTML edition must show it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * Keys whose values are not printed as text: ids, enums, dates; the digest's own framing
 * (its kicker, era lines and addendum belong to the newsletter page; its headline is the
 * digest's link text); the PDF outline's names for the cover and back cover.
 */
const NOT_PRINTED = new Set(['status', 'issueDate', 'departments', 'numbering', 'digest', 'cover', 'backCover', 'budgetUnit']);

/** A list mark at the start of a line, per the data format's text rules (printed as the item's marker). */
const LIST_MARK = /^(?:[・○●◎◆◇■□▪\-–*※]|[①-㊿]|[(（][0-9０-９ア-ン]+[)）]|[0-9０-９]+[.．)）]|[ア-ン][.．])\s*/u;

export const squash = (s: string) => s.replace(/\s+/g, '');

/** Numbers print grouped (18,762,410) and strings as written. */
function printedTexts(node: unknown, key = ''): string[] {
  if (NOT_PRINTED.has(key)) return [];
  if (typeof node === 'number') return key === 'fiscalYear' || key === 'year' ? [`${node}年度`] : [node.toLocaleString('en-US', { maximumFractionDigits: 20 })];
  if (typeof node === 'string') {
    return node
      .split('\n')
      .map((line) => squash(line.trim().replace(LIST_MARK, '')))
      .filter((line) => line !== '');
  }
  if (Array.isArray(node)) return node.flatMap((v) => printedTexts(v));
  if (node !== null && typeof node === 'object') return Object.entries(node).flatMap(([k, v]) => printedTexts(v, k));
  return [];
}

/** Every text of an edition folder's YAML, each line on its own, list marks off, whitespace removed. */
export function editionTexts(dir: string): string[] {
  const files = ['edition.yaml', ...readdirSync(join(dir, 'departments')).map((f) => join('departments', f))];
  return [...new Set(files.flatMap((f) => printedTexts(parse(readFileSync(join(dir, f), 'utf8')))))];
}

/** The web and mail addresses the data gives: the only links that may leave the edition. */
export function editionAddresses(dir: string): Set<string> {
  const out = new Set<string>();
  const walk = (node: unknown, key = ''): void => {
    if (typeof node === 'string' && (key === 'web' || key === 'email')) out.add(key === 'email' ? `mailto:${node}` : node);
    else if (Array.isArray(node)) node.forEach((v) => walk(v));
    else if (node !== null && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, k);
  };
  for (const f of ['edition.yaml', ...readdirSync(join(dir, 'departments')).map((f) => join('departments', f))]) walk(parse(readFileSync(join(dir, f), 'utf8')));
  return out;
}
