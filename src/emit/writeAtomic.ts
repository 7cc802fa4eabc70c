import { rmSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';

/** Temporary files being written right now, so an interrupt can remove them. */
const pending = new Set<string>();

/** Marks a file (a lock, a temporary) for removal if the process is interrupted. */
export function registerTemporary(path: string): void {
  pending.add(path);
}

export function releaseTemporary(path: string): void {
  pending.delete(path);
}

/** Removes every temporary file still being written (called on SIGINT/SIGTERM). */
export function removePendingTemporaries(): void {
  for (const tmp of pending) rmSync(tmp, { force: true });
  pending.clear();
}

/**
 * Writes beside the target then renames: a reader (or a crash) sees the old file or the
 * new one, never half of one. The temporary name carries the pid so two processes do
 * not write into the same temporary file.
 */
export async function writeAtomic(path: string, bytes: Uint8Array | string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  pending.add(tmp);
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  } finally {
    pending.delete(tmp);
  }
}

/**
 * Like writeAtomic, but leaves a file that already holds these bytes alone: an identical
 * rebuild keeps files' times, and a published file is never even rewritten.
 * Returns whether it wrote.
 */
export async function writeIfChanged(path: string, bytes: Uint8Array | string): Promise<boolean> {
  const next = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  try {
    if (Buffer.compare(await readFile(path), next) === 0) return false;
  } catch {
    // absent or unreadable: write it
  }
  await writeAtomic(path, next);
  return true;
}
