import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { asFault, FileFault } from './errors.js';
import { errorCode } from './emit/fileSystem.js';
import { folderCache } from './emit/typesetCache.js';
import { buildEdition, type BuildOptions, type BuildResult } from './pipeline.js';
import type { Resources } from './resources.js';

export type WatchEvent =
  | { readonly kind: 'built'; readonly changed: readonly string[]; readonly result: BuildResult; readonly ms: number; readonly scope: 'insert' | 'all' }
  | { readonly kind: 'failed'; readonly changed: readonly string[]; readonly error: unknown };

/** Why watching ended: stopped (the signal), or the edition folder went away (or cannot be watched). */
export type WatchEnd = { readonly reason: 'stopped' } | { readonly reason: 'gone' | 'failed'; readonly message: string };

export interface WatchOptions extends Pick<BuildOptions, 'editionDir' | 'outDir' | 'impose'> {
  /** Quiet time after the last change before building (editors save in bursts). */
  readonly debounceMs?: number;
  /** How often to check that the edition folder is still where it was. */
  readonly checkMs?: number;
  readonly signal: AbortSignal;
  readonly onEvent: (e: WatchEvent) => void;
}

const DEPARTMENTS = 'departments';
const DEPARTMENT_FILE = /^departments\/([a-z0-9-]+)\.yaml$/;

/** A folder's identity: the same path may later name another folder (moved away, another put there). */
async function identity(dir: string): Promise<string | undefined> {
  try {
    const s = await stat(dir);
    return s.isDirectory() ? `${s.dev}:${s.ino}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Builds once, then rebuilds on every save, in one warm process (fonts, templates and
 * pdfmake loaded once). When only department files changed, their inserts are built
 * first, so the file the editor is proofing is on disk quickly; then everything, so the
 * booklet, digest and manifest agree. A failed build writes nothing: the last good PDFs
 * stay.
 *
 * The edition folder and its departments/ folder are watched as folders, by name: an
 * editor that saves by writing a temporary file and renaming it over the original gives
 * the folder a new file each time, which a watch on the file itself would lose after the
 * first save. Ends when `signal` aborts (after the build under way), or when the edition
 * folder is moved or deleted.
 */
export async function watchEdition(opts: WatchOptions, resources: Resources): Promise<WatchEnd> {
  const dir = opts.editionDir;
  const gone: WatchEnd = { reason: 'gone', message: `${dir}: the edition folder was moved or deleted; watch stopped. Start it again with the folder's new path` };
  const self = await identity(dir);
  if (self === undefined) return gone;

  // Shared by every rebuild: departments that did not change are not typeset again.
  const cache = folderCache(join(opts.outDir, '.cache'));
  let end: WatchEnd | undefined;
  let finish: (e: WatchEnd) => void = () => undefined;
  const ended = new Promise<WatchEnd>((resolve) => (finish = resolve));
  const stop = (e: WatchEnd) => {
    if (end) return;
    end = e;
    finish(e);
  };

  const rebuild = async (changed: readonly string[]) => {
    if (end) return;
    const depts = changed.map((c) => DEPARTMENT_FILE.exec(c)?.[1]).filter((d): d is string => d !== undefined);
    const base = { editionDir: dir, outDir: opts.outDir, cache, ...(opts.impose ? { impose: opts.impose } : {}) };
    try {
      if (changed.length > 0 && depts.length === changed.length) {
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
      // A build that failed because the folder went away is not a data error to report.
      if ((await identity(dir)) !== self) stop(gone);
      else opts.onEvent({ kind: 'failed', changed, error });
    }
  };
  let running: Promise<void> = rebuild([]);

  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const changedFile = (rel: string) => {
    pending.add(rel);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const changed = [...pending].sort();
      pending.clear();
      running = running.then(() => rebuild(changed));
    }, opts.debounceMs ?? 80);
  };

  const watchers = new Map<string, { watcher: FSWatcher; id: string | undefined }>();
  const arm = async (rel: '' | typeof DEPARTMENTS) => {
    const path = rel ? join(dir, rel) : dir;
    const id = await identity(path);
    const had = watchers.get(rel);
    if (had && had.id === id) return;
    had?.watcher.close();
    watchers.delete(rel);
    if (id === undefined || end) return; // departments/ may come back: checked again later
    try {
      const watcher = watch(path, (_event, name) => {
        if (name === null) return void check();
        const file = String(name);
        if (rel === '' && file === DEPARTMENTS) return void check();
        // Editors write swap and backup files beside the real one (.x.swp, x~, 4913).
        if (file.startsWith('.') || !file.endsWith('.yaml')) return;
        if (rel === '' && file !== 'edition.yaml') return;
        changedFile(rel ? `${rel}/${file}` : file);
      });
      // A watcher that failed (its folder replaced, say) is dropped and made again by check.
      watcher.on('error', () => {
        watcher.close();
        if (watchers.get(rel)?.watcher === watcher) watchers.delete(rel);
        void check();
      });
      watchers.set(rel, { watcher, id });
    } catch (err) {
      const why = errorCode(err) === 'ENOSPC' ? `${path}: the system's limit of watched folders is reached (ENOSPC); raise fs.inotify.max_user_watches or close other watchers` : undefined;
      const fault = asFault(err, path);
      stop({ reason: 'failed', message: why ?? (fault instanceof FileFault ? fault.message : `${path}: cannot be watched (${String(err)})`) });
    }
  };
  // One check at a time: two arming the same folder at once would leave a watcher behind.
  let checking: Promise<void> = Promise.resolve();
  const check = () =>
    (checking = checking.then(async () => {
      if (end) return;
      if ((await identity(dir)) !== self) return stop(gone);
      await arm('');
      await arm(DEPARTMENTS);
    }));

  const onAbort = () => stop({ reason: 'stopped' });
  if (opts.signal.aborted) onAbort();
  opts.signal.addEventListener('abort', onAbort, { once: true });
  await check();
  const poll = setInterval(() => void check(), opts.checkMs ?? 500);

  const result = await ended;
  opts.signal.removeEventListener('abort', onAbort);
  clearInterval(poll);
  clearTimeout(timer);
  await checking;
  for (const { watcher } of watchers.values()) watcher.close();
  // The build under way finishes (its outputs are switched as one set, or not at all).
  await running;
  return result;
}
