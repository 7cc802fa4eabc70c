import { readFile, realpath } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { PublishedError, UsageError } from '../errors.js';
import type { Manifest } from './manifest.js';

// Checks made before anything is written: each refusal leaves every file as it was.

/**
 * A final edition is published: rebuilding it may reproduce its files, never change them.
 * Checked before anything is written, so a refusal leaves every file as it was.
 */
export async function refuseToChangePublished(outDir: string, files: readonly { path: string; bytes: Uint8Array }[]): Promise<void> {
  const changed: string[] = [];
  for (const f of files) {
    if (f.path === 'manifest.json') {
      if (await manifestRewritesHistory(join(outDir, f.path), f.bytes)) changed.push(f.path);
      continue;
    }
    let old: Uint8Array;
    try {
      old = new Uint8Array(await readFile(join(outDir, f.path)));
    } catch {
      continue; // not there yet: writing it changes nothing published
    }
    if (Buffer.compare(old, f.bytes) !== 0) changed.push(f.path);
  }
  if (changed.length > 0) {
    throw new PublishedError(
      `${outDir}: this edition is final (status: final) and was already published there; the build would change ${changed.join(', ')}. ` +
        'Nothing was written. To publish a correction, set status: draft, rebuild and review, then set it back to final and build into a new folder (--out), ' +
        'or remove the old files deliberately.',
    );
  }
}

/** A manifest may gain entries (a file built for the first time), not change or lose one. */
async function manifestRewritesHistory(path: string, next: Uint8Array): Promise<boolean> {
  let old: Manifest;
  try {
    old = JSON.parse(await readFile(path, 'utf8')) as Manifest;
  } catch {
    return false;
  }
  const now = JSON.parse(new TextDecoder().decode(next)) as Manifest;
  return (old.files ?? []).some((o) => {
    const n = now.files.find((f) => f.path === o.path);
    return !n || n.sha256 !== o.sha256;
  });
}

/** The output folder may be neither the edition folder, nor inside it, nor above it. */
export async function refuseOutputOverData(outDir: string, editionDir: string): Promise<void> {
  const real = async (p: string) => realpath(p).catch(() => resolve(p));
  const out = await real(outDir);
  const data = await real(editionDir);
  const within = (inner: string, outer: string) => inner === outer || inner.startsWith(outer.endsWith(sep) ? outer : outer + sep);
  if (within(out, data) || within(data, out)) {
    throw new UsageError(`--out ${outDir}: the output folder must be outside the edition folder ${editionDir} (and not contain it); building there could overwrite the data`);
  }
}

export async function previousManifest(outDir: string): Promise<Manifest | undefined> {
  try {
    return JSON.parse(await readFile(join(outDir, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

