import { hashInputs, type Manifest } from '../emit/manifest.js';
import { buildEdition } from '../pipeline.js';
import { temporaryFolder } from '../emit/writeAtomic.js';
import { loadResources } from '../resources.js';
import { compareInputs, comparePaths, describeChanges, hasChanges, type Difference, type InputChanges, type Problem } from './verify.js';

export interface RebuildReport {
  readonly problems: readonly Problem[];
  /** Set when the data's hash differs from the manifest's. */
  readonly data?: InputChanges;
  /** Set when the templates, theme or fonts differ from those the manifest records. */
  readonly resources?: InputChanges;
  readonly tool?: { readonly recorded: string; readonly now: string };
  /** manifest.edition fields that the rebuild gives differently, e.g. `status final → draft`. */
  readonly edition: readonly string[];
  readonly files: number;
  readonly ms: number;
}

export function rebuildOk(r: RebuildReport): boolean {
  return r.problems.length === 0 && !r.data && !r.resources && !r.tool && r.edition.length === 0;
}

/**
 * Builds the edition into a temporary folder with this tool and compares every file with
 * the manifest: the proof that data and tool still reproduce what was archived.
 */
export async function rebuildAndCompare(editionDir: string, manifest: Manifest): Promise<RebuildReport> {
  const started = performance.now();
  const resources = await loadResources();
  const out = await temporaryFolder('booklet-rebuild-');
  try {
    const result = await buildEdition({ editionDir, outDir: out.path }, resources);
    const problems: Problem[] = [];
    const built = new Map(result.manifest.files.map((f) => [f.path, f]));
    for (const entry of manifest.files) {
      const now = built.get(entry.path);
      if (!now) {
        problems.push({ path: entry.path, kind: 'missing' });
        continue;
      }
      const differences: Difference[] = [];
      if (now.bytes !== entry.bytes) differences.push({ what: 'size', expected: entry.bytes, actual: now.bytes });
      if (now.sha256 !== entry.sha256) differences.push({ what: 'sha256', expected: entry.sha256, actual: now.sha256 });
      if (now.pages !== entry.pages) differences.push({ what: 'pages', expected: entry.pages, actual: now.pages });
      if (differences.length > 0) problems.push({ path: entry.path, kind: 'differs', differences });
    }
    const listed = new Set(manifest.files.map((f) => f.path));
    for (const path of [...built.keys()].sort(comparePaths)) if (!listed.has(path)) problems.push({ path, kind: 'extra' });

    const data = result.manifest.data.sha256 !== manifest.data.sha256 ? compareInputs(manifest.data.files, result.manifest.data.files) : undefined;
    const res = hashInputs(resources.files);
    const resChanges = res.sha256 !== manifest.resources.sha256 ? compareInputs(manifest.resources.files, res.files) : undefined;
    const edition: string[] = [];
    for (const key of ['fiscalYear', 'eraLabel', 'status', 'documentDate'] as const) {
      const a = manifest.edition[key];
      const b = result.manifest.edition[key];
      if (a !== b) edition.push(`${key} ${String(a)} → ${String(b)}`);
    }
    return {
      problems,
      ...(data ? { data } : {}),
      ...(resChanges ? { resources: resChanges } : {}),
      ...(manifest.tool.version !== resources.toolVersion ? { tool: { recorded: manifest.tool.version, now: resources.toolVersion } } : {}),
      edition,
      files: result.files.length,
      ms: performance.now() - started,
    };
  } finally {
    await out.remove();
  }
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
    lines.push(
      `templates/theme/fonts differ from the archived build's${hasChanges(r.resources) ? `: ${describeChanges(r.resources)}` : ''}`,
    );
  }
  if (r.tool) lines.push(`tool version differs: archived with plan-booklet ${r.tool.recorded}, this is ${r.tool.now}`);
  for (const e of r.edition) lines.push(`edition differs: ${e}`);
  return lines;
}
