import { dirname, join } from 'node:path';
import { asFault, FileFault } from '../errors.js';
import { errorCode, kindOf, lstatOrNone, NotRegularFile, type FileSystem } from './fileSystem.js';
import { ensureFolder, registerTemporary, releaseTemporary, temporaryName, TEMPORARY, uninterrupted } from './writeAtomic.js';

export interface NewFile {
  /** Absolute. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** Errors that mean "no hard links here": the backup is then a copy. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'EMLINK', 'ENOSYS']);

const UNCHANGED = '; nothing was changed: the previous files are as they were';

interface Switched {
  readonly path: string;
  readonly backup?: string;
}

/** What to call a file kept aside while the set switches. */
function backupOf(path: string, registered: string[], backups: string[]): string {
  const backup = temporaryName(path, 'old');
  registerTemporary(backup);
  registered.push(backup);
  backups.push(backup);
  return backup;
}

/**
 * Replaces a set of files as one, in the order given (the manifest last): every new file
 * is first written in full beside its target (stage), then each target is renamed over
 * (switch), its previous version kept under a second name until the whole set is in.
 * Files in `remove` (absolute; outputs of an earlier build that are no longer part of the
 * set) are moved aside first, and deleted with the backups. If any step fails, what was
 * switched is put back and what was created removed, so the folder is byte for byte as
 * before. Interrupts wait for the switch (a few renames).
 */
export async function replaceFiles(fs: FileSystem, files: readonly NewFile[], remove: readonly string[] = []): Promise<void> {
  const createdDirs: string[] = [];
  const staged = new Map<string, string>();
  const backups: string[] = [];
  const switched: Switched[] = [];
  const registered: string[] = [];
  let stuck = new Set<string>();
  let current = files[0]?.path;
  try {
    for (const f of files) {
      current = f.path;
      createdDirs.push(...(await ensureFolder(fs, dirname(f.path))));
      const there = await lstatOrNone(fs, f.path);
      if (there && !there.isFile()) throw new NotRegularFile(f.path, kindOf(there));
      const tmp = temporaryName(f.path, 'tmp');
      registerTemporary(tmp);
      registered.push(tmp);
      staged.set(f.path, tmp);
      await fs.create(tmp, f.bytes, true);
    }
    await uninterrupted(async () => {
      try {
        for (const path of remove) {
          current = path;
          const there = await lstatOrNone(fs, path);
          // Only a file the earlier build wrote is taken away; anything else there is left.
          if (!there?.isFile()) continue;
          const backup = backupOf(path, registered, backups);
          await fs.rename(path, backup);
          switched.push({ path, backup });
        }
        for (const f of files) {
          current = f.path;
          const backup = (await lstatOrNone(fs, f.path)) ? backupOf(f.path, registered, backups) : undefined;
          if (backup) await keepBackup(fs, f.path, backup);
          await fs.rename(staged.get(f.path)!, f.path);
          staged.delete(f.path);
          switched.push(backup ? { path: f.path, backup } : { path: f.path });
        }
      } catch (err) {
        stuck = await rollBack(fs, switched);
        if (stuck.size > 0) throw stuckError(switched, stuck, err);
        throw err;
      } finally {
        // After success, the previous versions; after a rollback, what is left of them
        // (except a backup that could not be put back: it is all there is of that file).
        for (const b of backups) if (!stuck.has(b)) await removeQuietly(fs, b);
      }
    });
  } catch (err) {
    for (const tmp of staged.values()) await removeQuietly(fs, tmp);
    staged.clear();
    for (const dir of createdDirs.reverse()) await fs.rmdir(dir).catch(() => undefined);
    throw err instanceof FileFault ? err : asFault(err, current, UNCHANGED);
  } finally {
    for (const t of registered) releaseTemporary(t);
  }
}

async function keepBackup(fs: FileSystem, path: string, backup: string): Promise<void> {
  try {
    await fs.link(path, backup);
  } catch (err) {
    if (!NO_LINKS.has(errorCode(err) ?? '')) throw err;
    await fs.copyFile(path, backup);
  }
}

/** Puts back what was switched, newest first; returns the backups (or new files) it could not put back. */
async function rollBack(fs: FileSystem, switched: readonly Switched[]): Promise<Set<string>> {
  const stuck = new Set<string>();
  for (const s of [...switched].reverse()) {
    try {
      if (s.backup) await fs.rename(s.backup, s.path);
      else await fs.unlink(s.path);
    } catch {
      stuck.add(s.backup ?? s.path);
    }
  }
  return stuck;
}

function stuckError(switched: readonly Switched[], stuck: ReadonlySet<string>, cause: unknown): FileFault {
  const what = switched
    .filter((s) => stuck.has(s.backup ?? s.path))
    .map((s) => (s.backup ? `${s.path} (its previous version is ${s.backup}: rename it back)` : `${s.path} (new: delete it)`));
  const first = asFault(cause);
  return new FileFault(
    `${first instanceof Error ? first.message : String(first)}; putting the previous files back failed too for ${what.join(', ')}, ` +
      'so the folder mixes old and new files: fix the cause and build again',
    { cause },
  );
}

async function removeQuietly(fs: FileSystem, path: string): Promise<void> {
  await fs.unlink(path).catch(() => undefined);
}

/**
 * Removes temporaries and backups left by a build that was killed (they carry
 * plan-booklet's mark; nothing else is touched) in `dir` and its folders one level down.
 * Called with the folder's lock held, so none of them belongs to a live build.
 */
export async function removeLeftovers(fs: FileSystem, dir: string): Promise<string[]> {
  const removed: string[] = [];
  const sweep = async (folder: string, depth: number): Promise<void> => {
    let names: string[];
    try {
      names = await fs.readdir(folder);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(folder, name);
      if (TEMPORARY.test(name)) {
        const info = await lstatOrNone(fs, path).catch(() => undefined);
        if (info?.isFile()) {
          await fs.unlink(path).catch(() => undefined);
          removed.push(path);
        }
      } else if (depth > 0) {
        const info = await lstatOrNone(fs, path).catch(() => undefined);
        if (info?.isDirectory()) await sweep(path, depth - 1);
      }
    }
  };
  await sweep(dir, 1);
  return removed;
}
