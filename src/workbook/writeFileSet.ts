import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { registerTemporary, releaseTemporary, writeAtomic } from '../emit/writeAtomic.js';

export interface NewFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

/**
 * Writes files as one set: each is first written in full beside its target (through
 * writeAtomic, under a hidden name), and only when all are there is each renamed over its
 * target. A failure while staging leaves every target as it was.
 */
export async function writeFileSet(files: readonly NewFile[]): Promise<void> {
  const staged: { tmp: string; path: string }[] = [];
  try {
    for (const f of files) {
      const tmp = join(dirname(f.path), `.${basename(f.path)}.${process.pid}.staged`);
      registerTemporary(tmp);
      staged.push({ tmp, path: f.path });
      await writeAtomic(tmp, f.bytes);
    }
    for (const s of staged) await rename(s.tmp, s.path);
  } finally {
    for (const s of staged) {
      await rm(s.tmp, { force: true });
      releaseTemporary(s.tmp);
    }
  }
}
