import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BookletError } from '../errors.js';
import { registerTemporary, releaseTemporary } from './writeAtomic.js';

export class LockedError extends BookletError {}

const LOCK = '.booklet.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One build at a time per output folder: two builds writing the same files would
 * interleave a manifest of one with PDFs of the other. The lock file holds the pid, so a
 * lock left by a killed process is recognised and taken over.
 */
export async function lockOutput(outDir: string): Promise<() => Promise<void>> {
  await mkdir(outDir, { recursive: true });
  const path = join(outDir, LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      registerTemporary(path);
      return async () => {
        releaseTemporary(path);
        await rm(path, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new LockedError(`${outDir}: another build (process ${pid}) is writing there; wait for it to finish, then build again`);
      }
      await rm(path, { force: true }); // stale: its process is gone
    }
  }
  throw new LockedError(`${outDir}: could not take the build lock ${LOCK}`);
}
