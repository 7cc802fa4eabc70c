import { join } from 'node:path';
import { asFault, FileFault, systemError, describeFault } from '../errors.js';
import type { BuiltFile } from './finishJob.js';
import { errorCode, kindOf, lstatOrNone, nodeFileSystem, type FileSystem } from './fileSystem.js';
import { readPreviousManifest, refuseToChangePublished, type PreviousManifest, type Replacement } from './guards.js';
import { MANIFEST, serialiseManifest, sha256, type Manifest, type ManifestFile } from './manifest.js';
import { unionSpec, type BuildSpec } from './buildSpec.js';
import { LOCK, lockOutput } from './outputLock.js';
import { removeLeftovers, replaceFiles } from './replaceFiles.js';
import type { TypesetCache, TypesetResult } from './typesetCache.js';
import { ensureFolder } from './writeAtomic.js';

/** The manifest without its file list: what the build knows before the commit. */
export type ManifestHead = Omit<Manifest, 'files' | 'stale'>;

export interface CommitRequest {
  readonly outDir: string;
  /** The files this build made, in the order it made them. */
  readonly files: readonly BuiltFile[];
  readonly head: ManifestHead;
  /** A final edition's files may be reproduced, never changed. */
  readonly final: boolean;
  /** --only or --dept: earlier files stay (see nextSet); the cache keeps the entries of the outputs this build did not make. */
  readonly partial: boolean;
  /** Written with the set but not listed in the manifest (typesetting-report.json). */
  readonly unlisted?: readonly { readonly path: string; readonly bytes: Uint8Array }[];
  readonly cache?: {
    readonly store: TypesetCache;
    /** New entries: typeset and derived PDFs this build made. */
    readonly add: ReadonlyMap<string, TypesetResult>;
    /** Every entry this build used, new or reused. */
    readonly keep: ReadonlySet<string>;
  };
  readonly fs?: FileSystem;
  /**
   * The PDFs the HTML pages list (path, bytes, pages), as the build saw the folder: the
   * commit refuses when, under the lock, the folder's set would hold others (another build
   * committed in between), so pages never link to files that are not there.
   */
  readonly listedPdfs?: readonly { readonly path: string; readonly bytes: number; readonly pages: number }[];
}

export interface Committed {
  readonly manifest: Manifest;
  /** Paths (relative to the folder) whose bytes changed; the others were left untouched. */
  readonly written: readonly string[];
  /** Paths of an earlier build's files taken away (no longer part of the set). */
  readonly removed: readonly string[];
  /** Things the user should know that did not stop the build (a cache that could not be updated). */
  readonly notes: readonly string[];
}

/** What the folder holds after a build: the manifest's files, stale leftovers, and what is removed. */
export interface NextSet {
  readonly files: ManifestFile[];
  readonly build: BuildSpec | undefined;
  readonly stale: string[];
  /** Relative paths of an earlier build's files that are no longer part of the set. */
  readonly remove: string[];
}

/**
 * What "the files of the latest build" means, for the manifest:
 * - a full build lists what it made; files an earlier manifest listed (or left stale) that
 *   it did not make (booklet-imposed.pdf of an earlier --impose build, the insert of a
 *   department that is gone) are removed with the set;
 * - a partial build (--only, --dept) adds its files to the earlier set when that set was
 *   made from the same data, resources and tool, and one build can make the two together
 *   (the manifest then records that build's options);
 * - otherwise a partial build lists only what it made: the earlier files stay in the folder,
 *   named in `stale` (out of date, not part of the set) until a full build replaces or
 *   removes them.
 */
export function nextSet(made: readonly ManifestFile[], head: ManifestHead, previous: PreviousManifest, partial: boolean): NextSet {
  const madePaths = new Set(made.map((e) => e.path));
  const own = { files: [...made], build: head.build, stale: [] as string[], remove: [] as string[] };
  if (previous.kind !== 'ok') return own;
  const p = previous.manifest;
  const earlier = [...new Set([...p.files.map((f) => f.path), ...(p.stale ?? [])])].filter((path) => !madePaths.has(path));
  if (!partial) return { ...own, remove: earlier };
  const sameInputs =
    p.data.sha256 === head.data.sha256 &&
    p.resources.sha256 === head.resources.sha256 &&
    p.tool.version === head.tool.version &&
    p.tool.code === head.tool.code;
  const union = sameInputs && p.build && head.build ? unionSpec(p.build, head.build) : undefined;
  if (!union) return { ...own, stale: earlier };
  return {
    files: [...made, ...p.files.filter((old) => !madePaths.has(old.path))],
    build: union,
    stale: (p.stale ?? []).filter((path) => !madePaths.has(path)),
    remove: [],
  };
}

const entryOf = (f: BuiltFile): ManifestFile => ({
  path: f.path,
  bytes: f.bytes.byteLength,
  pages: f.pages,
  sha256: sha256(f.bytes),
  ...(f.parts ? { parts: f.parts } : {}),
});

/**
 * The output folder must be a folder (or not exist yet), and nothing but regular files
 * may stand where outputs go: checked before typesetting, so a FIFO or a folder in the
 * way is refused at once, not after a second of work.
 */
export async function preflightOutputs(outDir: string, paths: readonly string[], fs: FileSystem = nodeFileSystem): Promise<void> {
  try {
    const dir = await lstatOrNone(fs, outDir);
    if (dir && !dir.isDirectory() && !(dir.isSymbolicLink() && (await fs.readdir(outDir).then(() => true, () => false)))) {
      throw new FileFault(`--out ${outDir}: ${kindOf(dir)} is there, not a folder; give a folder for the outputs (it is created when missing)`);
    }
    if (!dir) return;
    for (const rel of [...paths, MANIFEST, LOCK]) {
      const there = await lstatOrNone(fs, join(outDir, rel));
      if (there && !there.isFile()) {
        throw new FileFault(`${join(outDir, rel)}: ${kindOf(there)} is where booklet writes a file; move it away (or use another --out). Nothing was written`);
      }
    }
  } catch (err) {
    throw asFault(err);
  }
}

/**
 * Writes one build's outputs as one set: under the folder's lock, after removing what a
 * killed build left, checked against a final edition's published files, every changed
 * file staged and switched together with the manifest (last), or none of them. Files
 * whose bytes are unchanged are not touched. The typesetting cache is updated after the
 * set is in; a failure there is a note, not a failed build.
 */
export async function commitOutputs(req: CommitRequest): Promise<Committed> {
  const fs = req.fs ?? nodeFileSystem;
  const { outDir } = req;
  await preflightOutputs(outDir, req.files.map((f) => f.path), fs);
  try {
    await ensureFolder(fs, outDir);
  } catch (err) {
    throw asFault(err, outDir, '; the output folder could not be made, nothing was written');
  }
  const unlock = await lockOutput(outDir, fs);
  try {
    await removeLeftovers(fs, outDir);
    const previous = await readPreviousManifest(fs, outDir).catch((err: unknown) => {
      throw asFault(err, undefined, '; nothing was written');
    });
    const set = nextSet(req.files.map(entryOf), req.head, previous, req.partial);
    if (req.listedPdfs) refuseStaleListing(outDir, req.listedPdfs, set.files);
    const manifest: Manifest = {
      ...req.head,
      ...(set.build ? { build: set.build } : {}),
      files: set.files,
      ...(set.stale.length > 0 ? { stale: set.stale } : {}),
    };
    const named = [
      ...req.files.map((f) => ({ path: f.path, bytes: f.bytes })),
      ...(req.unlisted ?? []),
      { path: MANIFEST, bytes: new TextEncoder().encode(serialiseManifest(manifest)) },
    ];
    const replacements: Replacement[] = [];
    for (const f of named) replacements.push({ ...f, old: await readOld(fs, join(outDir, f.path)) });
    if (req.final) refuseToChangePublished(outDir, replacements, previous, manifest, set.remove);
    const changed = replacements.filter((r) => r.old === undefined || Buffer.compare(r.old, r.bytes) !== 0);
    await replaceFiles(
      fs,
      changed.map((r) => ({ path: join(outDir, r.path), bytes: r.bytes })),
      set.remove.map((path) => join(outDir, path)),
    );
    const notes = req.cache ? await updateCache(req.cache, req.partial) : [];
    return { manifest, written: changed.map((r) => r.path), removed: set.remove, notes };
  } finally {
    await unlock();
  }
}

/** PDFs as a listing shows them: path, size and pages, sorted. */
function pdfListing(files: readonly { readonly path: string; readonly bytes: number; readonly pages: number }[]): string {
  return files
    .filter((f) => f.path.endsWith('.pdf'))
    .map((f) => `${f.path}\0${f.bytes}\0${f.pages}`)
    .sort()
    .join('\n');
}

function refuseStaleListing(outDir: string, listed: NonNullable<CommitRequest['listedPdfs']>, set: readonly ManifestFile[]): void {
  if (pdfListing(listed) === pdfListing(set)) return;
  throw new FileFault(
    `${outDir}: another build changed the folder while this one ran, so the HTML pages would list other PDFs than the folder holds. ` +
      'Nothing was written; build again (one build at a time per folder)',
  );
}

/** The bytes at `path` now, or undefined when there is nothing. */
async function readOld(fs: FileSystem, path: string): Promise<Uint8Array | undefined> {
  try {
    return await fs.readRegular(path);
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return undefined;
    throw asFault(err, path, '; nothing was written');
  }
}

async function updateCache(cache: NonNullable<CommitRequest['cache']>, partial: boolean): Promise<string[]> {
  try {
    for (const [k, v] of cache.add) await cache.store.put(k, v);
    // A partial build keeps the entries of the outputs it did not make.
    if (!partial) await cache.store.retain(cache.keep);
    return [];
  } catch (err) {
    const sys = systemError(err);
    const why = sys ? describeFault(sys) : err instanceof FileFault ? err.message : undefined;
    if (why === undefined) throw err;
    return [`the typesetting cache was not updated: ${why}. The outputs are written; the next build typesets what it cannot reuse`];
  }
}
