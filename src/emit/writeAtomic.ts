import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describeFault, FileFault, systemError } from '../errors.js';
import { errorCode, lstatOrNone, nodeFileSystem, NotRegularFile, kindOf, type FileSystem } from './fileSystem.js';

/** Temporary files (and folders) being written right now, so an interrupt can remove them. */
const pending = new Set<string>();

/** Marks a file or folder (a lock, a temporary) for removal if the process is interrupted. */
export function registerTemporary(path: string): void {
  pending.add(path);
}

export function releaseTemporary(path: string): void {
  pending.delete(path);
}

/** Removes every temporary still registered (called on SIGINT/SIGTERM). */
export function removePendingTemporaries(): void {
  for (const tmp of pending) {
    try {
      rmSync(tmp, { force: true, recursive: true });
    } catch {
      // On the way out: what cannot be removed now is cleaned by the next build.
    }
  }
  pending.clear();
}

// While a set of outputs is being switched (a few renames), an interrupt waits for the
// switch to finish or roll back: stopping between two renames would leave old and new
// files mixed.
let switching = 0;
let deferred: (() => void) | undefined;

/** Runs `step` with interrupts held until it settles. */
export async function uninterrupted<T>(step: () => Promise<T>): Promise<T> {
  switching++;
  try {
    return await step();
  } finally {
    switching--;
    if (switching === 0 && deferred) {
      const exit = deferred;
      deferred = undefined;
      exit();
    }
  }
}

/** Calls `exit` now, or as soon as no switch is under way. */
export function whenInterruptible(exit: () => void): void {
  if (switching === 0) exit();
  else deferred = exit;
}

/**
 * The name of a temporary beside `path`: hidden, marked as plan-booklet's and carrying the
 * pid, so two processes never share one and a later build can tell its leftovers from a
 * user's own files.
 */
export function temporaryName(path: string, what: 'tmp' | 'old'): string {
  return join(dirname(path), `.${basename(path)}.booklet-${process.pid}.${what}`);
}

/** Names temporaryName makes (of any process). */
export const TEMPORARY = /^\..+\.booklet-\d+\.(tmp|old)$/;

/**
 * Creates the folder and any missing parents; returns the folders it created, outermost
 * first. Something else where a folder should be is an error (ENOTDIR), never replaced.
 */
export async function ensureFolder(fs: FileSystem, dir: string): Promise<string[]> {
  const info = await lstatOrNone(fs, dir);
  if (info) {
    if (info.isDirectory()) return [];
    if (info.isSymbolicLink()) {
      // A linked folder is fine; a link to anything else is not.
      try {
        await fs.readdir(dir);
        return [];
      } catch (err) {
        if (errorCode(err) !== 'ENOTDIR') throw err;
      }
    }
    throw Object.assign(new Error(`${dir}: ${kindOf(info)} is where a folder should be`), { code: 'ENOTDIR', path: dir, syscall: 'mkdir' });
  }
  const parent = dirname(dir);
  const created = parent === dir ? [] : await ensureFolder(fs, parent);
  try {
    await fs.mkdir(dir);
    created.push(dir);
  } catch (err) {
    if (errorCode(err) !== 'EEXIST') throw err;
  }
  return created;
}

/**
 * Writes beside the target then renames: a reader (or a crash) sees the old file or the
 * new one, never half of one. What is there must be a regular file: a folder, a FIFO or
 * a link is never replaced.
 */
export async function writeAtomic(path: string, bytes: Uint8Array | string, fs: FileSystem = nodeFileSystem, durable = true): Promise<void> {
  await ensureFolder(fs, dirname(path));
  const there = await lstatOrNone(fs, path);
  if (there && !there.isFile()) throw new NotRegularFile(path, kindOf(there));
  const tmp = temporaryName(path, 'tmp');
  pending.add(tmp);
  try {
    await fs.create(tmp, bytes, durable);
    await fs.rename(tmp, path);
  } catch (err) {
    await fs.unlink(tmp).catch(() => undefined);
    throw err;
  } finally {
    pending.delete(tmp);
  }
}

/**
 * A new folder under the system's temporary folder (TMPDIR), removed by `remove` or on
 * an interrupt. A missing or read-only TMPDIR is said as such, with what to do.
 */
export async function temporaryFolder(prefix: string): Promise<{ readonly path: string; remove(): Promise<void> }> {
  const base = tmpdir();
  let path: string;
  try {
    path = await mkdtemp(join(base, prefix));
  } catch (err) {
    const sys = systemError(err);
    if (!sys) throw err;
    const where = process.env['TMPDIR'] ? `TMPDIR=${process.env['TMPDIR']}` : base;
    const what = describeFault(sys, '').split(';')[0];
    throw new FileFault(`${where}: the temporary folder cannot be used: ${what}; set TMPDIR to an existing folder you can write to, or unset it`, { cause: err });
  }
  pending.add(path);
  return {
    path,
    async remove() {
      pending.delete(path);
      await rm(path, { recursive: true, force: true });
    },
  };
}
