import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { asFault, BookletError } from '../errors.js';
import { errorCode, nodeFileSystem, type FileSystem } from './fileSystem.js';
import { registerTemporary, releaseTemporary } from './writeAtomic.js';

export class LockedError extends BookletError {}

export const LOCK = '.booklet.lock';

/**
 * Who holds a lock: a pid alone is not enough, since pids are reused (after a crash and a
 * reboot the pid in an old lock often belongs to some other process). On Linux the boot
 * id and the process's start time (in clock ticks since boot, from /proc) pin it down.
 */
export interface Holder {
  readonly pid: number;
  readonly host?: string;
  readonly boot?: string;
  readonly start?: string;
}

const readProc = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

/** Field 22 of /proc/<pid>/stat (after the command name, which may hold spaces and parentheses). */
export function startTimeOf(pid: number): string | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

const bootId = () => readProc('/proc/sys/kernel/random/boot_id')?.trim();

export function currentHolder(): Holder {
  const boot = bootId();
  const start = startTimeOf(process.pid);
  return { pid: process.pid, host: hostname(), ...(boot ? { boot } : {}), ...(start ? { start } : {}) };
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errorCode(err) === 'EPERM';
  }
}

/** Reads a lock file's text: ours is JSON; an older plan-booklet wrote the pid alone. */
export function parseHolder(text: string): Holder | undefined {
  const trimmed = text.trim();
  // (pid 0 would name the process group, which is always "alive")
  if (/^\d+$/.test(trimmed)) return Number(trimmed) > 0 && Number.isSafeInteger(Number(trimmed)) ? { pid: Number(trimmed) } : undefined;
  try {
    const h = JSON.parse(trimmed) as Partial<Holder> | null;
    if (!h || !Number.isSafeInteger(h.pid) || (h.pid as number) <= 0) return undefined;
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const host = str(h.host);
    const boot = str(h.boot);
    const start = str(h.start);
    return { pid: h.pid as number, ...(host ? { host } : {}), ...(boot ? { boot } : {}), ...(start ? { start } : {}) };
  } catch {
    return undefined;
  }
}

export type HolderState = 'alive' | 'gone' | 'elsewhere';

/** Whether the process a lock names still runs: same machine, same boot, same pid and start time. */
export function holderState(h: Holder, me: Holder = currentHolder()): HolderState {
  if (h.host !== undefined && me.host !== undefined && h.host !== me.host) return 'elsewhere';
  if (h.boot !== undefined && me.boot !== undefined && h.boot !== me.boot) return 'gone';
  if (!pidExists(h.pid)) return 'gone';
  if (h.start !== undefined) {
    const now = h.pid === me.pid ? me.start : startTimeOf(h.pid);
    if (now !== undefined && now !== h.start) return 'gone';
  }
  return 'alive';
}

/** Output folders this process holds: a second build in the same process must wait its turn too. */
const heldHere = new Set<string>();

/**
 * One build at a time per output folder: two builds writing the same files would
 * interleave a manifest of one with PDFs of the other. A lock left by a process that is
 * gone (killed, or the machine restarted) is recognised and taken over.
 */
export async function lockOutput(outDir: string, fs: FileSystem = nodeFileSystem): Promise<() => Promise<void>> {
  const path = join(outDir, LOCK);
  const me = currentHolder();
  const mine = JSON.stringify(me);
  if (heldHere.has(path)) throw new LockedError(`${outDir}: another build in this process is writing there; wait for it to finish, then build again`);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await fs.create(path, `${mine}\n`, false);
    } catch (err) {
      if (errorCode(err) !== 'EEXIST') throw asFault(err, path, '; the build lock could not be taken, nothing was written');
      await breakIfStale(fs, path, outDir);
      continue;
    }
    registerTemporary(path);
    heldHere.add(path);
    // Two builds breaking the same stale lock at once: the one whose lock is not on disk yields.
    const onDisk = await fs.readRegular(path).then((b) => new TextDecoder().decode(b).trim(), () => '');
    if (onDisk !== mine) {
      releaseTemporary(path);
      heldHere.delete(path);
      continue;
    }
    return async () => {
      releaseTemporary(path);
      heldHere.delete(path);
      await fs.unlink(path).catch(() => undefined);
    };
  }
  throw new LockedError(`${outDir}: could not take the build lock ${LOCK} (other builds keep taking it); try again`);
}

async function breakIfStale(fs: FileSystem, path: string, outDir: string): Promise<void> {
  let text: string;
  try {
    text = new TextDecoder().decode(await fs.readRegular(path));
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return; // released meanwhile
    throw asFault(err, path, '; it stands where the build lock goes: remove it, then build again');
  }
  const h = parseHolder(text);
  // A lock we cannot read is no proof that a build runs, and blocking every build on it
  // forever would be worse. One of this process's own that it no longer holds (its
  // removal failed) is stale too.
  const state = !h || (h.pid === process.pid && !heldHere.has(path)) ? 'gone' : holderState(h);
  if (state === 'alive') {
    throw new LockedError(`${outDir}: another build (process ${h!.pid}) is writing there; wait for it to finish, then build again`);
  }
  if (state === 'elsewhere') {
    throw new LockedError(
      `${outDir}: a build on ${h!.host} (process ${h!.pid}) holds the lock ${LOCK}; wait for it to finish, or, if no build runs there, remove ${path}`,
    );
  }
  await fs.unlink(path).catch((err: unknown) => {
    if (errorCode(err) !== 'ENOENT') throw asFault(err, path, '; a stale build lock could not be removed');
  });
}
