import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FONT_FILES } from './engine/fonts.js';
import { PROJECT_ROOT } from './projectRoot.js';

const started = new Map<string, Promise<Buffer>>();

/**
 * Starts reading the tool's own fonts (15 MB) while a command that typesets or checks
 * loads its code: the reads run on libuv's threads, so they cost no wall time then, and
 * ~40 ms when resources wait for them. A project with fonts of its own leaves them unread.
 */
export function prefetchToolFonts(root = PROJECT_ROOT): void {
  for (const name of Object.values(FONT_FILES)) {
    const path = join(root, 'fonts', name);
    if (started.has(path)) continue;
    const read = readFile(path);
    // A failed read is reported by whoever takes it (readFont); until then it is not an unhandled rejection.
    read.catch(() => undefined);
    started.set(path, read);
  }
}

/** A font file's bytes: the read started for it, once (a later call reads the disk again), or a new read. */
export function readFont(path: string): Promise<Buffer> {
  const read = started.get(path);
  if (!read) return readFile(path);
  started.delete(path);
  return read;
}
