import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { MANIFEST, type Manifest } from '../emit/manifest.js';
import { buildEdition } from '../pipeline.js';
import { readRegularFile } from '../emit/fileSystem.js';
import { temporaryFolder } from '../emit/writeAtomic.js';
import { requestOf, specOptions } from '../emit/buildSpec.js';
import { BookletError } from '../errors.js';
import type { Resources } from '../resources.js';
import { parseManifest } from './manifestFile.js';
import { compareInputs, comparePaths, describeChanges, hasChanges, type Difference, type InputChanges, type Problem } from './verify.js';

export interface RebuildReport {
  readonly problems: readonly Problem[];
  /** Set when the data's hash differs from the manifest's. */
  readonly data?: InputChanges;
  /** Set when the templates, theme, fonts or logo differ from those the manifest records. */
  readonly resources?: InputChanges;
  readonly tool?: { readonly recorded: string; readonly now: string };
  /** The tool's code differs from the one the manifest names (said, but only the bytes decide). */
  readonly code?: { readonly recorded: string; readonly now: string };
  /** manifest.edition fields that the rebuild gives differently, e.g. `status final → draft`. */
  readonly edition: readonly string[];
  readonly files: number;
  readonly ms: number;
  /** Which tool rebuilt: this one, or the one an archive includes. */
  readonly by: 'this' | 'included';
}

export function rebuildOk(r: RebuildReport): boolean {
  return r.problems.length === 0 && !r.data && !r.resources && !r.tool && r.edition.length === 0;
}

/**
 * Builds the edition into a temporary folder with this tool, with the options the manifest
 * records (--only, --dept, --impose), and compares every file with the manifest: the proof
 * that data, settings and tool still reproduce what was archived.
 */
export async function rebuildAndCompare(editionDir: string, manifest: Manifest, resources: Resources): Promise<RebuildReport> {
  const started = performance.now();
  const out = await temporaryFolder('booklet-rebuild-');
  try {
    const result = await buildEdition({ editionDir, outDir: out.path, ...requestOf(manifest.build ?? {}) }, resources);
    return compareBuilds(manifest, result.manifest, { files: result.files.length, ms: performance.now() - started, by: 'this' });
  } finally {
    await out.remove();
  }
}

/**
 * Rebuilds an extracted archive with the tool it includes (`tool/bin/booklet.js`, run by
 * this Node: no npm, no network), from its data/ with its booklet.config.yaml, then
 * compares as rebuildAndCompare does.
 */
export async function rebuildWithIncludedTool(root: string, manifest: Manifest, shown: string): Promise<RebuildReport> {
  const started = performance.now();
  const out = await temporaryFolder('booklet-rebuild-');
  try {
    const args = [join(root, 'tool', 'bin', 'booklet.js'), 'build', 'data', '--config', 'booklet.config.yaml', '--out', out.path, '--no-cache', '--quiet', ...specOptions(manifest.build ?? {})];
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (c, signal) => resolve({ code: signal ? null : c, stderr }));
    });
    if (code !== 0) {
      throw new BookletError(`${shown}: the tool in the archive could not rebuild it (exit ${code ?? 'by a signal'}):\n${stderr.trimEnd()}`);
    }
    const built = parseManifest(new TextDecoder().decode(await readRegularFile(join(out.path, MANIFEST))), `${shown} (rebuilt) ${MANIFEST}`);
    return compareBuilds(manifest, built, { files: built.files.length, ms: performance.now() - started, by: 'included' });
  } finally {
    await out.remove();
  }
}

/** A rebuild's manifest against the recorded one: every file, and the inputs that explain a difference. */
export function compareBuilds(manifest: Manifest, built: Manifest, how: { files: number; ms: number; by: RebuildReport['by'] }): RebuildReport {
  const problems: Problem[] = [];
  const now = new Map(built.files.map((f) => [f.path, f]));
  for (const entry of manifest.files) {
    const f = now.get(entry.path);
    if (!f) {
      problems.push({ path: entry.path, kind: 'missing' });
      continue;
    }
    const differences: Difference[] = [];
    if (f.bytes !== entry.bytes) differences.push({ what: 'size', expected: entry.bytes, actual: f.bytes });
    if (f.sha256 !== entry.sha256) differences.push({ what: 'sha256', expected: entry.sha256, actual: f.sha256 });
    if (f.pages !== entry.pages) differences.push({ what: 'pages', expected: entry.pages, actual: f.pages });
    if (differences.length > 0) problems.push({ path: entry.path, kind: 'differs', differences });
  }
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const path of [...now.keys()].sort(comparePaths)) if (!listed.has(path)) problems.push({ path, kind: 'extra' });

  const data = built.data.sha256 !== manifest.data.sha256 ? compareInputs(manifest.data.files, built.data.files) : undefined;
  const resources = built.resources.sha256 !== manifest.resources.sha256 ? compareInputs(manifest.resources.files, built.resources.files) : undefined;
  const edition: string[] = [];
  for (const key of ['fiscalYear', 'eraLabel', 'status', 'documentDate'] as const) {
    const a = manifest.edition[key];
    const b = built.edition[key];
    if (a !== b) edition.push(`${key} ${String(a)} → ${String(b)}`);
  }
  const code = manifest.tool.code !== undefined && built.tool.code !== undefined && manifest.tool.code !== built.tool.code;
  return {
    problems,
    ...(data ? { data } : {}),
    ...(resources ? { resources } : {}),
    ...(manifest.tool.version !== built.tool.version ? { tool: { recorded: manifest.tool.version, now: built.tool.version } } : {}),
    ...(code ? { code: { recorded: manifest.tool.code!, now: built.tool.code! } } : {}),
    edition,
    ...how,
  };
}

/** The report's lines about inputs (data, resources, tool, edition), before the per-file lines. */
export function describeRebuildInputs(r: RebuildReport): string[] {
  const lines: string[] = [];
  if (r.data) {
    lines.push(
      hasChanges(r.data)
        ? `data differs from the archived build's: ${describeChanges(r.data)}`
        : 'data differs from the archived build\'s (same files, different hash)',
    );
  }
  if (r.resources) {
    lines.push(`templates/theme/fonts/logo differ from the archived build's${hasChanges(r.resources) ? `: ${describeChanges(r.resources)}` : ''}`);
  }
  if (r.tool) lines.push(`tool version differs: archived with plan-booklet ${r.tool.recorded}, this is ${r.tool.now}`);
  for (const e of r.edition) lines.push(`edition differs: ${e}`);
  return lines;
}

/** A note when the code differs but the bytes may still agree. */
export function codeNote(r: RebuildReport): string | undefined {
  return r.code ? `the tool's code differs from the archived build's (sha256 ${r.code.recorded.slice(0, 12)}… → ${r.code.now.slice(0, 12)}…); the files decide` : undefined;
}
