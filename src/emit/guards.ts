import { realpath } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { BookletError, PublishedError, UsageError } from '../errors.js';
import { parseManifest } from '../archive/manifestFile.js';
import { safeEntryPath } from '../archive/tar.js';
import { errorCode, type FileSystem } from './fileSystem.js';
import { MANIFEST, type Manifest } from './manifest.js';

// Checks made before anything is written: each refusal leaves every file as it was.

/** manifest.json as the last build left it: absent, usable, or damaged (and then never trusted). */
export type PreviousManifest =
  | { readonly kind: 'none' }
  | { readonly kind: 'ok'; readonly manifest: Manifest }
  | { readonly kind: 'damaged'; readonly problem: string };

/**
 * Reads the previous manifest without trusting it: not JSON, `null`, the wrong shape, a
 * path outside the folder or listed twice all make it 'damaged'. A FIFO or a folder in
 * its place is an error (nothing may be written over it).
 */
export async function readPreviousManifest(fs: FileSystem, outDir: string): Promise<PreviousManifest> {
  const path = join(outDir, MANIFEST);
  let bytes: Uint8Array;
  try {
    bytes = await fs.readRegular(path);
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return { kind: 'none' };
    throw err;
  }
  let manifest: Manifest;
  try {
    manifest = parseManifest(new TextDecoder().decode(bytes), path);
  } catch (err) {
    if (err instanceof BookletError) return { kind: 'damaged', problem: err.message };
    throw err;
  }
  const seen = new Set<string>();
  for (const f of manifest.files) {
    if (safeEntryPath(f.path) !== f.path) return { kind: 'damaged', problem: `${path}: names a path outside the folder (${JSON.stringify(f.path)})` };
    if (seen.has(f.path)) return { kind: 'damaged', problem: `${path}: lists ${f.path} twice` };
    seen.add(f.path);
  }
  return { kind: 'ok', manifest };
}

export interface Replacement {
  readonly path: string;
  /** The bytes there now; undefined when the file does not exist yet. */
  readonly old: Uint8Array | undefined;
  readonly bytes: Uint8Array;
}

/**
 * A final edition is published: rebuilding it may reproduce its files, never change them,
 * and its manifest may gain entries (a file built for the first time), never change or
 * lose one. Checked before anything is written, so a refusal leaves every file as it was.
 */
export function refuseToChangePublished(outDir: string, files: readonly Replacement[], previous: PreviousManifest, next: Manifest, removed: readonly string[] = []): void {
  // The manifest itself may change (gain entries); what it says about published files may not.
  const changed = files.filter((f) => f.path !== MANIFEST && f.old !== undefined && Buffer.compare(f.old, f.bytes) !== 0).map((f) => f.path);
  for (const path of removed) changed.push(`${path} (by removing it; build with the options it was published with, see manifest.json "build")`);
  if (previous.kind === 'damaged') {
    throw new PublishedError(
      `${previous.problem}. This edition is final (status: final), so its manifest is not replaced by a build: restore manifest.json from the archive (booklet verify tells when it matches), ` +
        'or remove it deliberately to let the build write a new one. Nothing was written.',
    );
  }
  if (previous.kind === 'ok') {
    const lost = previous.manifest.files.some((o) => next.files.find((f) => f.path === o.path)?.sha256 !== o.sha256);
    if (lost) changed.push(MANIFEST);
  }
  if (changed.length > 0) {
    throw new PublishedError(
      `${outDir}: this edition is final (status: final) and was already published there; the build would change ${changed.join(', ')}. ` +
        'Nothing was written. To publish a correction, set status: draft, rebuild and review, then set it back to final and build into a new folder (--out), ' +
        'or remove the old files deliberately.',
    );
  }
}

/** The output folder may be neither the edition folder, nor inside it, nor above it. */
export async function refuseOutputOverData(outDir: string, editionDir: string): Promise<void> {
  const real = async (p: string) => realpath(p).catch(() => resolve(p));
  const out = await real(outDir);
  const data = await real(editionDir);
  if (within(out, data) || within(data, out)) {
    throw new UsageError(`--out ${outDir}: the output folder must be outside the edition folder ${editionDir} (and not contain it); building there could overwrite the data`);
  }
}

/** `inner` is `outer` or lies inside it (both absolute, resolved). */
export function within(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(outer.endsWith(sep) ? outer : outer + sep);
}
