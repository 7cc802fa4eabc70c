import { createHash } from 'node:crypto';
import type { PartSpan } from '../typeset/toDocDefinition.js';
import type { BuildSpec } from './buildSpec.js';

/** The manifest's name in an output folder (and under output/ in an archive). */
export const MANIFEST = 'manifest.json';

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface ManifestFile {
  readonly path: string;
  readonly bytes: number;
  readonly pages: number;
  readonly sha256: string;
  /** For the booklet: where each part starts and ends, as the 目次 cites it. */
  readonly parts?: readonly PartSpan[];
}

export interface HashedInput {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

export interface Manifest {
  readonly manifestVersion: 1;
  /** `code`: a hash of the tool's own code and typesetting packages (absent in manifests of older versions). */
  readonly tool: { readonly name: 'plan-booklet'; readonly version: string; readonly code?: string };
  readonly edition: { readonly fiscalYear: number; readonly eraLabel: string; readonly status: string; readonly documentDate: string };
  /** One hash over every data file (path and content), and each file's own. */
  readonly data: { readonly sha256: string; readonly files: readonly HashedInput[] };
  /** Templates, theme and fonts: they shape the bytes as much as the data does. */
  readonly resources: { readonly sha256: string; readonly files: readonly HashedInput[] };
  /**
   * The options that made `files` (--only, --dept, --impose), as one build that makes them
   * all; `verify --rebuild` builds with them. Absent in manifests of older versions.
   */
  readonly build?: BuildSpec;
  readonly files: readonly ManifestFile[];
  /**
   * Files of an earlier build still in the folder that a partial build from other data or
   * resources did not make again: out of date, not part of the set; the next full build
   * replaces or removes them.
   */
  readonly stale?: readonly string[];
}

export interface HashedInputs {
  readonly sha256: string;
  readonly files: HashedInput[];
}

export function hashInputs(files: readonly { path: string; bytes: Uint8Array }[]): HashedInputs {
  const hashed = [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) => ({ path: f.path, bytes: f.bytes.byteLength, sha256: sha256(f.bytes) }));
  return { sha256: sha256(hashed.map((f) => `${f.path}\0${f.sha256}\n`).join('')), files: hashed };
}

/**
 * Some of the inputs already hashed, with the hash `hashInputs` gives them: the fonts
 * (15 MB, ~20–40 ms) are hashed once when both the resources and the PDFs' part of them are named.
 */
export function selectHashed(all: HashedInputs, keep: (path: string) => boolean): HashedInputs {
  const files = all.files.filter((f) => keep(f.path));
  return { sha256: sha256(files.map((f) => `${f.path}\0${f.sha256}\n`).join('')), files };
}

/** Stable text: fixed key order from the object literals, files sorted by path. */
export function serialiseManifest(m: Manifest): string {
  const files = [...m.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return `${JSON.stringify({ ...m, files }, null, 2)}\n`;
}
