import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST, sha256, type HashedInput, type Manifest, type ManifestFile } from '../emit/manifest.js';
import { BookletError, describeFault, systemError } from '../errors.js';
import { errorCode as codeOf, readRegularFile } from '../emit/fileSystem.js';
import { parseManifest } from './manifestFile.js';
import { safeEntryPath } from './tar.js';

export { MANIFEST } from '../emit/manifest.js';

export interface Difference {
  readonly what: 'size' | 'sha256' | 'pages' | 'version' | 'code';
  readonly expected: number | string;
  readonly actual: number | string;
}

/** An archive's list of checksums: a problem found against it (`in`) names it instead of the manifest. */
export const SUMS_LIST = 'SHA256SUMS';

/** One thing wrong with a folder (or archive, or rebuild) against its manifest (or SHA256SUMS). */
export type Problem =
  | { readonly path: string; readonly kind: 'differs'; readonly differences: readonly Difference[]; readonly in?: typeof SUMS_LIST }
  | { readonly path: string; readonly kind: 'not-pdf'; readonly message: string; readonly differences: readonly Difference[] }
  | { readonly path: string; readonly kind: 'missing'; readonly in?: typeof SUMS_LIST }
  | { readonly path: string; readonly kind: 'extra'; readonly in?: typeof SUMS_LIST }
  | { readonly path: string; readonly kind: 'unreadable'; readonly message: string }
  | { readonly path: string; readonly kind: 'unsafe' }
  /** The same path more than once: an extracted copy (or a reader) keeps only one of them. */
  | { readonly path: string; readonly kind: 'duplicate'; readonly count: number; readonly in: 'archive' | 'manifest' }
  /** A file an earlier build left that the manifest names as out of date (see Manifest.stale). */
  | { readonly path: string; readonly kind: 'stale' }
  /** The tool in an archive is not the one the manifest names. */
  | { readonly path: string; readonly kind: 'tool'; readonly differences: readonly Difference[] };

export interface PageCount {
  readonly pages?: number;
  readonly error?: string;
}

/** Pages as pdf-lib counts them; a file that is not a readable PDF gives an error, never a throw. */
export async function countPages(bytes: Uint8Array): Promise<PageCount> {
  // pdf-lib reports recoverable damage with console.warn; keep it out of the report.
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    // Loaded here, not with the module: every command of the CLI imports this one, and
    // pdf-lib alone took ~95 ms of each start-up.
    const pdfLib = await import('pdf-lib');
    // Bundled (dist/), a CommonJS package imported later is only its default export.
    const { PDFDocument } = pdfLib.default ?? pdfLib;
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    return { pages: doc.getPageCount() };
  } catch (err) {
    return { error: String((err as Error)?.message ?? err).split('\n')[0]!.slice(0, 160) };
  } finally {
    console.warn = warn;
  }
}

const isPdf = (path: string) => /\.pdf$/i.test(path);

const short = (hex: string) => `${hex.slice(0, 12)}…`;

/** Compares a file's bytes with its manifest entry; undefined when everything matches. */
export async function checkFile(entry: ManifestFile, bytes: Uint8Array): Promise<Problem | undefined> {
  const differences: Difference[] = [];
  if (bytes.byteLength !== entry.bytes) differences.push({ what: 'size', expected: entry.bytes, actual: bytes.byteLength });
  const hash = sha256(bytes);
  if (hash !== entry.sha256) differences.push({ what: 'sha256', expected: entry.sha256, actual: hash });
  // The HTML edition's pages, stylesheet and fonts have no page count to check.
  if (!isPdf(entry.path)) return differences.length > 0 ? { path: entry.path, kind: 'differs', differences } : undefined;
  const count = await countPages(bytes);
  if (count.error !== undefined) return { path: entry.path, kind: 'not-pdf', message: count.error, differences };
  if (count.pages !== entry.pages) differences.push({ what: 'pages', expected: entry.pages, actual: count.pages ?? 0 });
  return differences.length > 0 ? { path: entry.path, kind: 'differs', differences } : undefined;
}

export function describeDifference(d: Difference): string {
  if (d.what === 'size') return `size ${d.expected} → ${d.actual} bytes`;
  if (d.what === 'version') return `version ${d.expected} → ${d.actual}`;
  if (d.what === 'code') return `code sha256 ${short(String(d.expected))} → ${short(String(d.actual))}`;
  if (d.what === 'pages') return `pages ${d.expected} → ${d.actual}`;
  return `sha256 ${short(String(d.expected))} → ${short(String(d.actual))}`;
}

/**
 * One line per problem: `<shown path>: <what is wrong>`. `against` says what the file was
 * compared with: the manifest (a folder or archive) or the rebuild's output.
 */
export function formatProblem(p: Problem, show: (path: string) => string = (x) => x, against: 'manifest' | 'rebuild' = 'manifest'): string {
  const where = show(p.path);
  const rebuilt = against === 'rebuild';
  switch (p.kind) {
    case 'differs':
      return `${where}: ${rebuilt ? 'the rebuild differs from the manifest' : `differs from ${p.in ?? 'the manifest'}`}: ${p.differences.map(describeDifference).join(', ')}`;
    case 'not-pdf':
      return `${where}: not a readable PDF (${p.message})${p.differences.length ? `; ${p.differences.map(describeDifference).join(', ')}` : ''}`;
    case 'missing':
      return `${where}: ${rebuilt ? 'listed in the manifest, but the rebuild did not make it' : `missing (listed in ${p.in ?? 'the manifest'})`}`;
    case 'extra':
      return `${where}: ${rebuilt ? 'made by the rebuild, but not in the manifest' : `extra (not in ${p.in ?? 'the manifest'})`}`;
    case 'unreadable':
      return `${where}: cannot be read (${p.message})`;
    case 'unsafe':
      return `${where}: the manifest names a path outside the folder; not checked`;
    case 'stale':
      return `${where}: made by an earlier build from other data, settings or options, so out of date (the manifest lists it as stale); a full build replaces or removes it`;
    case 'tool':
      return `${where}: not the tool the manifest names: ${p.differences.map(describeDifference).join(', ')}`;
    case 'duplicate':
      return p.in === 'archive'
        ? `${where}: appears ${p.count} times in the archive; an extracted copy keeps only the last, so the archive is not trustworthy`
        : `${where}: listed ${p.count} times in the manifest`;
  }
}

/** Every file under `dir` as posix relative paths, sorted; names starting with '.' (temporary files) are skipped. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(join(dir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(path);
      else out.push(path);
    }
  };
  await walk('');
  return out.sort(comparePaths);
}

export function comparePaths(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export interface FolderReport {
  readonly manifest: Manifest;
  /** manifest.json and every listed file that could be read, as checked: what was verified is what an archive holds. */
  readonly bytes: ReadonlyMap<string, Uint8Array>;
  readonly problems: readonly Problem[];
  /** Files in the folder that are neither listed nor PDFs: reported, not failures. */
  readonly ignored: readonly string[];
  readonly checked: number;
}

const errorCode = (err: unknown): string => codeOf(err) ?? String(err);

/** Why a file could not be read, in a few words: `a named pipe (FIFO), not a regular file`, `EACCES`. */
export const unreadable = (err: unknown): string => {
  const sys = systemError(err);
  return sys?.code === 'ENOTREG' ? describeFault(sys, '').replace(/ \(ENOTREG\);.*$/, '') : errorCode(err);
};

export async function readManifestIn(dir: string, shown: string): Promise<{ manifest: Manifest; bytes: Uint8Array }> {
  let bytes: Uint8Array;
  try {
    bytes = await readRegularFile(join(dir, MANIFEST));
  } catch (err) {
    const code = errorCode(err);
    if (code !== 'ENOENT') throw new BookletError(`${shown}/${MANIFEST}: cannot be read (${unreadable(err)})`);
    const edition = await readRegularFile(join(dir, 'edition.yaml')).then(
      () => true,
      () => false,
    );
    throw new BookletError(
      edition
        ? `${shown}: this is an edition folder, not a build output; to check that it reproduces a build, run booklet verify --rebuild ${shown}`
        : `${shown}: no ${MANIFEST} here; give a folder that booklet build wrote (e.g. output/2020) or an archive made by booklet archive`,
    );
  }
  return { manifest: parseManifest(new TextDecoder().decode(bytes), `${shown}/${MANIFEST}`), bytes };
}

/** Checks a build output folder against its manifest.json: every listed file, and unlisted PDFs. */
export async function verifyFolder(dir: string, shown: string): Promise<FolderReport> {
  const { manifest, bytes: manifestBytes } = await readManifestIn(dir, shown);
  const read = new Map<string, Uint8Array>([[MANIFEST, manifestBytes]]);
  const problems: Problem[] = [];
  const listed = new Set<string>();
  const counts = new Map<string, number>();
  for (const entry of manifest.files) counts.set(entry.path, (counts.get(entry.path) ?? 0) + 1);
  for (const entry of manifest.files) {
    const safe = safeEntryPath(entry.path);
    if (safe === undefined || safe !== entry.path) {
      problems.push({ path: entry.path, kind: 'unsafe' });
      continue;
    }
    if (listed.has(entry.path)) continue;
    listed.add(entry.path);
    const count = counts.get(entry.path)!;
    if (count > 1) {
      problems.push({ path: entry.path, kind: 'duplicate', count, in: 'manifest' });
      continue;
    }
    let bytes: Uint8Array;
    try {
      // Never a FIFO or a device: they would block or never end.
      bytes = await readRegularFile(join(dir, entry.path));
    } catch (err) {
      const code = errorCode(err);
      problems.push(code === 'ENOENT' ? { path: entry.path, kind: 'missing' } : { path: entry.path, kind: 'unreadable', message: unreadable(err) });
      continue;
    }
    read.set(entry.path, bytes);
    const p = await checkFile(entry, bytes);
    if (p) problems.push(p);
  }
  const ignored: string[] = [];
  const stale = new Set(manifest.stale ?? []);
  for (const path of await listFiles(dir)) {
    if (path === MANIFEST || listed.has(path)) continue;
    if (stale.has(path)) {
      problems.push({ path, kind: 'stale' });
      continue;
    }
    if (isPdf(path)) problems.push({ path, kind: 'extra' });
    else ignored.push(path);
  }
  return { manifest, bytes: read, problems, ignored, checked: manifest.files.length };
}

/** Checks files held in memory (e.g. from an archive) against manifest entries; every unlisted file is extra. */
export async function verifyFiles(
  entries: readonly ManifestFile[],
  files: ReadonlyMap<string, Uint8Array>,
  ignore: (path: string) => boolean = () => false,
): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const entry of entries) {
    const bytes = files.get(entry.path);
    if (!bytes) {
      problems.push({ path: entry.path, kind: 'missing' });
      continue;
    }
    const p = await checkFile(entry, bytes);
    if (p) problems.push(p);
  }
  const listed = new Set(entries.map((e) => e.path));
  for (const path of [...files.keys()].sort(comparePaths)) if (!listed.has(path) && !ignore(path)) problems.push({ path, kind: 'extra' });
  return problems;
}

export interface InputChanges {
  readonly changed: readonly string[];
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

/** Which hashed inputs (data files, resources) differ between a manifest and now. */
export function compareInputs(recorded: readonly HashedInput[], now: readonly HashedInput[]): InputChanges {
  const before = new Map(recorded.map((f) => [f.path, f]));
  const after = new Map(now.map((f) => [f.path, f]));
  const changed: string[] = [];
  const added: string[] = [];
  const removed: string[] = [];
  for (const [path, f] of after) {
    const old = before.get(path);
    if (!old) added.push(path);
    else if (old.sha256 !== f.sha256 || old.bytes !== f.bytes) changed.push(path);
  }
  for (const path of before.keys()) if (!after.has(path)) removed.push(path);
  return { changed: changed.sort(comparePaths), added: added.sort(comparePaths), removed: removed.sort(comparePaths) };
}

export function describeChanges(c: InputChanges): string {
  return [
    c.changed.length ? `changed: ${c.changed.join(', ')}` : '',
    c.added.length ? `added: ${c.added.join(', ')}` : '',
    c.removed.length ? `removed: ${c.removed.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

export function hasChanges(c: InputChanges): boolean {
  return c.changed.length + c.added.length + c.removed.length > 0;
}
