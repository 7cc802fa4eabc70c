import { constants, type Stats } from 'node:fs';
import * as fsp from 'node:fs/promises';

/**
 * The file operations that write outputs, the cache and the lock. Everything that changes
 * a folder goes through one of these, so a test can make any single step fail (a full
 * disk, a refused rename) and check that nothing was lost.
 */
export interface FileSystem {
  /**
   * Creates a new file (never opens an existing one or follows a link there); `durable`:
   * synced to the disk before it returns (an output about to be renamed into place).
   */
  create(path: string, bytes: Uint8Array | string, durable: boolean): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** A second name for a file: the backup of an output while it is replaced. */
  link(existing: string, alias: string): Promise<void>;
  copyFile(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  mkdir(path: string): Promise<void>;
  rmdir(path: string): Promise<void>;
  readdir(path: string): Promise<string[]>;
  lstat(path: string): Promise<Stats>;
  /** A regular file's bytes; anything else (a FIFO, a device, a folder) is refused unopened or unread. */
  readRegular(path: string): Promise<Uint8Array>;
}

/** Raised for a path that exists but is not a regular file where one is read or written. */
export class NotRegularFile extends Error {
  readonly code = 'ENOTREG';
  constructor(
    readonly path: string,
    readonly kind: string,
  ) {
    super(`${path}: ${kind}, not a regular file`);
  }
}

/** What a path is, in words, for messages: "a folder", "a named pipe (FIFO)", … */
export function kindOf(s: Stats): string {
  if (s.isFile()) return 'a file';
  if (s.isDirectory()) return 'a folder';
  if (s.isSymbolicLink()) return 'a symbolic link';
  if (s.isFIFO()) return 'a named pipe (FIFO)';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  return 'not a file';
}

/**
 * Reads a regular file without ever blocking on something else: opened non-blocking (a
 * FIFO opens at once instead of waiting for a writer, and a thread stuck there would also
 * keep the process from exiting), checked, then read.
 */
export async function readRegularFile(path: string): Promise<Uint8Array> {
  const handle = await fsp.open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const s = await handle.stat();
    if (!s.isFile()) throw new NotRegularFile(path, kindOf(s));
    return new Uint8Array(await handle.readFile());
  } finally {
    await handle.close();
  }
}

export const nodeFileSystem: FileSystem = {
  async create(path, bytes, durable) {
    const handle = await fsp.open(path, 'wx');
    try {
      await handle.writeFile(bytes);
      // A rename is only as good as the bytes under it: without this a crash could leave
      // the new name on an empty file. (Some file systems report a full disk only here.)
      if (durable) await handle.datasync();
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => fsp.rename(from, to),
  link: (existing, alias) => fsp.link(existing, alias),
  copyFile: (from, to) => fsp.copyFile(from, to, constants.COPYFILE_EXCL),
  unlink: (path) => fsp.unlink(path),
  mkdir: async (path) => {
    await fsp.mkdir(path);
  },
  rmdir: (path) => fsp.rmdir(path),
  readdir: (path) => fsp.readdir(path),
  lstat: (path) => fsp.lstat(path),
  readRegular: readRegularFile,
};

/** The error code of a failed file operation ('ENOENT', …), or undefined. */
export function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** lstat, or undefined when nothing is there. */
export async function lstatOrNone(fs: FileSystem, path: string): Promise<Stats | undefined> {
  try {
    return await fs.lstat(path);
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return undefined;
    throw err;
  }
}
