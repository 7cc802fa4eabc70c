// What an edition's data says, as the outputs must print it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** Keys whose values are not printed as text: ids, enums, dates. */
export const NOT_PRINTED: ReadonlySet<string> = new Set(['status', 'issueDate', 'departments', 'numbering']);

/** A list mark at the start of a line, per the data format's text rules (printed as the item's marker). */
const LIST_MARK = /^(?:[・○●◎◆◇■□▪\-–*※]|[①-⑳㉑-㉟㊱-㊿]|[(（][0-9０-９ア-ン]+[)）]|[0-9０-９]+[.．)）]|[ア-ン][.．])\s*/u;

export const squash = (s: string) => s.replace(/\s+/g, '');

export interface PrintedOptions {
  /** Keys whose values are not looked for (default NOT_PRINTED). */
  readonly skip?: ReadonlySet<string>;
  /** Also numbers, as printed: grouped (18,762,410), a fiscal year as 2020年度. */
  readonly numbers?: boolean;
}

/** Every string the data holds, each line on its own, list marks off, whitespace removed. */
export function printedTexts(node: unknown, opts: PrintedOptions = {}, key = ''): string[] {
  if ((opts.skip ?? NOT_PRINTED).has(key)) return [];
  if (typeof node === 'number' && opts.numbers) {
    return [key === 'fiscalYear' || key === 'year' ? `${node}年度` : node.toLocaleString('en-US', { maximumFractionDigits: 20 })];
  }
  if (typeof node === 'string') {
    return node
      .split('\n')
      .map((line) => squash(line.trim().replace(LIST_MARK, '')))
      .filter((line) => line !== '');
  }
  if (Array.isArray(node)) return node.flatMap((v) => printedTexts(v, opts));
  if (node !== null && typeof node === 'object') return Object.entries(node).flatMap(([k, v]) => printedTexts(v, opts, k));
  return [];
}

/** The parsed YAML of an edition folder: edition.yaml first, then each department file. */
export function editionDocuments(dir: string): Record<string, unknown>[] {
  const files = ['edition.yaml', ...readdirSync(join(dir, 'departments')).map((f) => join('departments', f))];
  return files.map((f) => parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>);
}

/** Every text of an edition folder, once each. */
export function editionTexts(dir: string, opts: PrintedOptions = {}): string[] {
  return [...new Set(editionDocuments(dir).flatMap((d) => printedTexts(d, opts)))];
}

/** The web and mail addresses the data gives: the only links that may leave the edition. */
export function editionAddresses(dir: string): Set<string> {
  const out = new Set<string>();
  const walk = (node: unknown, key = ''): void => {
    if (typeof node === 'string' && (key === 'web' || key === 'email')) out.add(key === 'email' ? `mailto:${node}` : node);
    else if (Array.isArray(node)) node.forEach((v) => walk(v));
    else if (node !== null && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, k);
  };
  for (const d of editionDocuments(dir)) walk(d);
  return out;
}
