import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, posix, relative, resolve } from 'node:path';
import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Pair,
  type YAMLMap,
} from 'yaml';
import { BookletError } from '../errors.js';
import { registerTemporary, releaseTemporary, temporaryName } from '../emit/writeAtomic.js';
import { parseEdition, type LoadedEdition } from '../load/index.js';
import { eraOfFiscalYear, fiscalYearLabel } from '../model/era.js';
import { loadOrThrow } from '../pipeline.js';
import type { Resources } from '../resources.js';

export const TARGET_TODO = 'TODO 目標値を見直してください';
export const BASELINE_NOTE = '前年度版の目標値';

export interface ScaffoldInput {
  /** The edition to start from, as the loader is to read it. */
  readonly fromDir: string;
  /** Absolute path of the new edition folder. */
  readonly outDir: string;
  /** How to show the new folder in messages. */
  readonly shownOut: string;
  readonly year: number;
  /** The resources whose fonts the data is checked against (the project's, if any). */
  readonly resources: Resources;
}

export interface Scaffold {
  /** relPath → text, in the order written. */
  readonly files: ReadonlyMap<string, string>;
  readonly eraLabel: string;
  readonly departments: number;
  readonly indicators: number;
  readonly notes: readonly string[];
}

/**
 * Next year's edition from this year's: the same departments, structure, texts and
 * comments, edited in place with yaml's Document API so key order and comments survive.
 * fiscalYear is the new year; eraLabel and issueDate go; status is draft; every
 * indicator's old target becomes its baseline, and the target stays, marked TODO.
 */
export async function scaffoldEdition(input: ScaffoldInput): Promise<Scaffold> {
  const { edition: loaded } = await loadOrThrow(input.fromDir, input.resources);
  const oldYear = loaded.edition.fiscalYear;
  if (input.year <= oldYear) {
    throw new BookletError(`new ${input.year}: the edition in ${input.fromDir} is already for ${oldYear}; give a later year`);
  }
  const notes: string[] = [];
  const files = new Map<string, string>();
  let indicators = 0;
  for (const source of loaded.sources) {
    const doc = parseDocument(source.text, { keepSourceTokens: false });
    if (source.relPath === 'edition.yaml') editEdition(doc, loaded, input, notes);
    else indicators += editDepartment(doc);
    const text = keepFlowPadding(doc.toString({ lineWidth: 0 }), source.text);
    files.set(source.relPath, fixSchemaComment(text, resolve(loaded.dir, source.relPath), join(input.outDir, source.relPath)));
  }

  // The scaffold must be a valid edition: anything else is our bug, not the editor's.
  const check = parseEdition(
    [...files].map(([relPath, text]) => ({ path: posix.join(input.shownOut, relPath), relPath, bytes: new TextEncoder().encode(text) })),
    input.shownOut,
  );
  if (!check.ok) throw new Error(`new: the scaffold does not validate: ${check.diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`).join('; ')}`);

  const mentions = yearMentions(files, oldYear, loaded.edition.eraLabel ?? fiscalYearLabel(oldYear));
  if (mentions.length > 0) {
    notes.push(
      `these texts mention ${oldYear}年 or ${loaded.edition.eraLabel ?? fiscalYearLabel(oldYear)}; revise them for ${input.year}: ` +
        mentions.map((m) => `${posix.join(input.shownOut, m)}`).join(', '),
    );
  }
  if (indicators > 0) {
    notes.push(`${indicators} indicator target(s) kept from ${oldYear} and marked "# ${TARGET_TODO}"; each old target is now the baseline`);
  }
  return { files, eraLabel: fiscalYearLabel(input.year), departments: loaded.departments.length, indicators, notes };
}

/** Writes the scaffold into a hidden sibling folder, then renames it: never a half-written edition. */
export async function writeScaffold(outDir: string, shownOut: string, files: ReadonlyMap<string, string>): Promise<void> {
  await refuseExisting(outDir, shownOut);
  await mkdir(dirname(outDir), { recursive: true });
  const tmp = temporaryName(outDir, 'tmp');
  registerTemporary(tmp);
  try {
    for (const [relPath, text] of files) {
      await mkdir(dirname(join(tmp, relPath)), { recursive: true });
      await writeFile(join(tmp, relPath), text);
    }
    await refuseExisting(outDir, shownOut);
    await rename(tmp, outDir);
  } finally {
    releaseTemporary(tmp);
    await rm(tmp, { recursive: true, force: true });
  }
}

export async function refuseExisting(outDir: string, shownOut: string): Promise<void> {
  let exists = true;
  try {
    await stat(outDir);
  } catch {
    exists = false;
  }
  if (exists) {
    throw new BookletError(`${shownOut} already exists; booklet new never writes into an existing folder. Remove it or choose another --out`);
  }
}

function editEdition(doc: Document, loaded: LoadedEdition, input: ScaffoldInput, notes: string[]): void {
  const map = doc.contents;
  if (!isMap(map)) return;
  const old = loaded.edition;
  const oldLabel = old.eraLabel ?? fiscalYearLabel(old.fiscalYear);
  const newLabel = fiscalYearLabel(input.year);
  doc.setIn(['fiscalYear'], input.year);
  if (map.has('eraLabel')) {
    deletePair(map, 'eraLabel');
    notes.push(
      `edition.yaml had an explicit eraLabel (${String(old.eraLabel)}); it was removed, so the label is derived from fiscalYear again: ${newLabel}. ` +
        'Add eraLabel back only if this edition must print something else',
    );
  }
  if (map.has('issueDate')) {
    deletePair(map, 'issueDate');
    notes.push(`issueDate (${String(old.issueDate)}) was removed; set it when the edition is issued (PDF dates default to ${input.year}-04-01)`);
  }
  if (map.has('status')) doc.setIn(['status'], 'draft');
  else insertAfter(map, 'fiscalYear', doc.createPair('status', 'draft'));

  const eraLines = doc.getIn(['digest', 'eraLines'], true);
  if (isSeq(eraLines)) {
    const lines = eraLines.items.map((i) => (isScalar(i) ? String(i.value) : ''));
    const next = lines.join('') === oldLabel ? splitLike(lines, old.fiscalYear, input.year) : undefined;
    if (next) {
      next.forEach((value, i) => {
        const item = eraLines.items[i];
        if (isScalar(item)) item.value = value;
      });
    } else {
      const digest = doc.getIn(['digest'], true);
      if (isMap(digest)) {
        deletePair(digest, 'eraLines');
        if (digest.items.length === 0) deletePair(map, 'digest');
      }
      notes.push(`digest.eraLines [${lines.join(', ')}] was removed (the digest's badge shows ${newLabel} unbroken); set it again if the badge needs a break`);
    }
  }
}

/**
 * The new era label broken where the old one was: after the era name and/or after the
 * year number (令和|2年度 → 令和|3年度, 平成31|年度 → 令和2|年度). Undefined when the old
 * lines break anywhere else, or the old label is not the derived form.
 */
function splitLike(lines: readonly string[], oldYear: number, newYear: number): string[] | undefined {
  const parts = (fy: number) => {
    const { era, year } = eraOfFiscalYear(fy);
    const label = fiscalYearLabel(fy);
    return { label, era: era.length, number: label.length - '年度'.length };
  };
  const o = parts(oldYear);
  const n = parts(newYear);
  if (lines.join('') !== o.label) return undefined;
  const cuts: number[] = [];
  let at = 0;
  for (const line of lines.slice(0, -1)) {
    at += line.length;
    if (at === o.era) cuts.push(n.era);
    else if (at === o.number) cuts.push(n.number);
    else return undefined;
  }
  const out: string[] = [];
  let from = 0;
  for (const cut of [...cuts, n.label.length]) {
    out.push(n.label.slice(from, cut));
    from = cut;
  }
  return out;
}

/** Every indicator: baseline ← the old target ({value, year}), target kept and marked TODO. Returns how many. */
function editDepartment(doc: Document): number {
  let count = 0;
  const projects = doc.get('projects', true);
  if (!isSeq(projects)) return 0;
  for (const project of projects.items) {
    if (!isMap(project)) continue;
    const indicators = project.get('indicators', true);
    if (!isSeq(indicators)) continue;
    for (const indicator of indicators.items) {
      if (!isMap(indicator)) continue;
      const targetPair = pairOf(indicator, 'target');
      const target = targetPair?.value;
      if (!targetPair || !isMap(target)) continue;
      const baseline = target.clone() as YAMLMap;
      baseline.comment = ` ${BASELINE_NOTE}`;
      baseline.commentBefore = undefined;
      baseline.spaceBefore = false;
      const existing = pairOf(indicator, 'baseline');
      if (existing) existing.value = baseline;
      else insertBefore(indicator, 'target', doc.createPair('baseline', baseline));
      // A flow map takes a comment on its own line's end; a block map takes it on the key's line above.
      if (target.flow) target.comment = ` ${TARGET_TODO}${target.comment ? ` —${target.comment}` : ''}`;
      else if (isScalar(targetPair.key) || isMap(targetPair.key)) {
        const key = targetPair.key as { commentBefore?: string | null };
        key.commentBefore = key.commentBefore ? `${key.commentBefore}\n ${TARGET_TODO}` : ` ${TARGET_TODO}`;
      }
      if (!target.flow) baseline.comment = undefined;
      count++;
    }
  }
  return count;
}

export function keyOf(pair: Pair): unknown {
  return isScalar(pair.key) ? pair.key.value : pair.key;
}

export function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => keyOf(p) === key);
}

/** Deletes a key; a comment above it (e.g. the file's header) moves to the next key instead of vanishing. */
export function deletePair(map: YAMLMap, key: string): void {
  const i = map.items.findIndex((p) => keyOf(p) === key);
  if (i < 0) return;
  const removed = map.items[i]!;
  const before = isScalar(removed.key) ? removed.key.commentBefore : undefined;
  map.items.splice(i, 1);
  const next = map.items[i];
  if (before && next && isScalar(next.key)) next.key.commentBefore = next.key.commentBefore ? `${before}\n${next.key.commentBefore}` : before;
}

function insertAfter(map: YAMLMap, key: string, pair: Pair): void {
  const i = map.items.findIndex((p) => keyOf(p) === key);
  map.items.splice(i < 0 ? map.items.length : i + 1, 0, pair);
}

function insertBefore(map: YAMLMap, key: string, pair: Pair): void {
  const i = map.items.findIndex((p) => keyOf(p) === key);
  map.items.splice(i < 0 ? map.items.length : i, 0, pair);
}

/**
 * yaml writes every single-line flow collection alike (`[ a, b ]`, `{ a: 1 }`), but the
 * data's authors write `[a, b]` and `{ value: 1, year: 2020 }`: per kind, take the source
 * file's own habit and remove the padding where it had none.
 */
export function keepFlowPadding(output: string, source: string): string {
  const habit = (text: string) => {
    const votes = { seq: 0, map: 0 };
    visit(parseDocument(text), {
      Collection(_, node) {
        const r = node.range;
        if (!node.flow || !r || node.items.length === 0 || text.slice(r[0], r[1]).includes('\n')) return;
        const kind = isSeq(node) ? 'seq' : 'map';
        votes[kind] += text[r[0] + 1] === ' ' ? 1 : -1;
      },
    });
    return votes;
  };
  const votes = habit(source);
  const cut: number[] = [];
  visit(parseDocument(output), {
    Collection(_, node) {
      const r = node.range;
      if (!node.flow || !r || node.items.length === 0) return;
      const kind = isSeq(node) ? 'seq' : 'map';
      const text = output.slice(r[0], r[1]);
      if (votes[kind] < 0 && !text.includes('\n') && text[1] === ' ' && text[text.length - 2] === ' ') cut.push(r[0] + 1, r[1] - 2);
    },
  });
  let result = output;
  for (const at of cut.sort((a, b) => b - a)) result = result.slice(0, at) + result.slice(at + 1);
  return result;
}

/** `# yaml-language-server: $schema=../../schema/...` stays pointing at the same schema from the new folder. */
export function fixSchemaComment(text: string, fromFile: string, toFile: string): string {
  return text.replace(/^(#\s*yaml-language-server:\s*\$schema=)(\S+)/m, (whole, head: string, ref: string) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(ref) || isAbsolute(ref)) return whole;
    const schema = resolve(dirname(fromFile), ref);
    const rel = relative(dirname(toFile), schema).split('\\').join('/');
    return `${head}${rel}`;
  });
}

/** `file:line` of every text that names the old year (2020年, 令和2年度, 令和2年), for the editor to revise. */
function yearMentions(files: ReadonlyMap<string, string>, oldYear: number, oldLabel: string): string[] {
  const { era, year } = eraOfFiscalYear(oldYear);
  const needles = [`${oldYear}年`, oldLabel, `${era}${year === 1 ? '元' : year}年`];
  const found: string[] = [];
  for (const [relPath, text] of files) {
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter });
    visit(doc, {
      Pair(_, pair) {
        if (!isScalar(pair.value) || typeof pair.value.value !== 'string') return;
        const value = pair.value.value;
        if (!needles.some((n) => value.includes(n))) return;
        const at = pair.value.range?.[0];
        if (at !== undefined) found.push(`${relPath}:${lineCounter.linePos(at).line}`);
      },
    });
  }
  return found;
}
