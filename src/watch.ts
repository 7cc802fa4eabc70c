import { watch, type FSWatcher } from 'node:fs';
import { basename, join } from 'node:path';
import { folderCache } from './emit/typesetCache.js';
import { buildEdition, type BuildOptions, type BuildResult } from './pipeline.js';
import type { Resources } from './resources.js';

export type WatchEvent =
  | { readonly kind: 'built'; readonly changed: readonly string[]; readonly result: BuildResult; readonly ms: number; readonly scope: 'insert' | 'all' }
  | { readonly kind: 'failed'; readonly changed: readonly string[]; readonly error: unknown };

export interface WatchOptions extends Pick<BuildOptions, 'editionDir' | 'outDir' | 'impose'> {
  /** Quiet time after the last change before building (editors save in bursts). */
  readonly debounceMs?: number;
  readonly signal: AbortSignal;
  readonly onEvent: (e: WatchEvent) => void;
}

const DEPARTMENT_FILE = /^departments\/([a-z0-9-]+)\.yaml$/;

/**
 * Rebuilds on every save in one warm process (fonts, templates and pdfmake loaded once).
 * When only department files changed, their inserts are built first, so the file the
 * editor is proofing is on disk quickly; then everything, so the booklet, digest and
 * manifest agree. A failed build writes nothing: the last good PDFs stay.
 */
export async function watchEdition(opts: WatchOptions, resources: Resources): Promise<void> {
  const pending = new Set<string>();
  // Shared by every rebuild: departments that did not change are not typeset again.
  const cache = folderCache(join(opts.outDir, '.cache'));
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const rebuild = async (changed: string[]) => {
    const depts = changed.map((c) => DEPARTMENT_FILE.exec(c)?.[1]).filter((d): d is string => d !== undefined);
    const base = { editionDir: opts.editionDir, outDir: opts.outDir, cache, ...(opts.impose ? { impose: opts.impose } : {}) };
    try {
      if (depts.length === changed.length) {
        for (const dept of depts) {
          const t = performance.now();
          const result = await buildEdition({ ...base, only: ['inserts'], dept }, resources);
          opts.onEvent({ kind: 'built', changed, result, ms: performance.now() - t, scope: 'insert' });
        }
      }
      const t = performance.now();
      const result = await buildEdition(base, resources);
      opts.onEvent({ kind: 'built', changed, result, ms: performance.now() - t, scope: 'all' });
    } catch (error) {
      opts.onEvent({ kind: 'failed', changed, error });
    }
  };

  const watcher: FSWatcher = watch(opts.editionDir, { recursive: true }, (_event, name) => {
    if (!name) return;
    const rel = String(name).split('\\').join('/');
    // Editors write swap and backup files beside the real one.
    if (!rel.endsWith('.yaml') || basename(rel).startsWith('.')) return;
    pending.add(rel);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const changed = [...pending].sort();
      pending.clear();
      running = running.then(() => rebuild(changed));
    }, opts.debounceMs ?? 80);
  });

  await new Promise<void>((resolve) => {
    if (opts.signal.aborted) resolve();
    opts.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  clearTimeout(timer);
  watcher.close();
  await running;
}
