import type { Diagnostic } from './load/diagnostic.js';
import type { SourceFile } from './load/index.js';

/**
 * Exit codes are part of the CLI's contract (README): 0 success, 1 the data (or an
 * output that must not change, or the machine: a full disk, a folder without permission)
 * is wrong, 2 the command line is wrong, 3 an internal failure that is our bug, not the
 * user's.
 */
export const EXIT = { ok: 0, data: 1, usage: 2, internal: 3 } as const;

export class BookletError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The edition's data is wrong; carries every diagnostic found. */
export class DataError extends BookletError {
  constructor(
    readonly diagnostics: readonly Diagnostic[],
    /** The files as read, for code frames. */
    readonly sources: readonly SourceFile[] = [],
  ) {
    super(`${diagnostics.filter((d) => d.severity === 'error').length} error(s) in the edition data`);
  }
}

/** The command line is wrong. */
export class UsageError extends BookletError {}

/** A template or the theme is wrong: the tool's own files, reported with their path. */
export class ResourceError extends BookletError {}

/** A final (published) edition's outputs would change. */
export class PublishedError extends BookletError {}

/**
 * The machine or the files around the tool refused (a full disk, a read-only folder, a
 * FIFO where a file should be): not the data and not a bug. One line naming the path,
 * what is wrong and what to do.
 */
export class FileFault extends BookletError {}

/** What a system error code means, and what the user can do about it. */
const FAULTS: Readonly<Record<string, readonly [what: string, todo: string]>> = {
  ENOSPC: ['the disk is full', 'free some space, or use a folder on another disk'],
  EDQUOT: ['the disk quota is used up', 'free some space, or use a folder on another disk'],
  EFBIG: ['the file is too large for this file system', 'use a folder on another disk'],
  EACCES: ['permission denied', 'make it writable (and readable) for you, or use another folder'],
  EPERM: ['operation not permitted', 'check its permissions and attributes, or use another folder'],
  EROFS: ['the file system is read-only', 'use a folder on a writable disk'],
  EEXIST: ['something is already there, in the way', 'move it away, or use another folder'],
  EISDIR: ['a folder is there where a file should be', 'move the folder away, or use another folder'],
  ENOTDIR: ['a part of this path is a file where a folder should be', 'move that file away, or use another folder'],
  ENOTEMPTY: ['a folder that is not empty is in the way', 'move it away, or use another folder'],
  ENOENT: ['no such file or folder', 'check the path (was it moved or deleted?)'],
  ENAMETOOLONG: ['the name is too long', 'use a shorter path'],
  ELOOP: ['too many symbolic links (a link to itself?)', 'fix or remove the link'],
  EMFILE: ['too many open files', 'close other programs and try again'],
  ENFILE: ['too many open files on this machine', 'close other programs and try again'],
  EBUSY: ['the file is busy', 'close the program that holds it and try again'],
  ETXTBSY: ['the file is busy', 'close the program that holds it and try again'],
  EXDEV: ['it is on another disk than the folder it must move into', 'use a folder on one disk'],
  EIO: ['an input/output error (the disk may be failing)', 'check the disk, or use another one'],
  ENXIO: ['no device behind it (a socket or device file?)', 'remove it, or use another path'],
  ENODEV: ['no such device', 'use a path on an ordinary disk'],
  ENOMEM: ['the machine ran out of memory', 'close other programs and try again'],
  ESTALE: ['the network file handle is stale', 'mount the share again and retry'],
  ENOTSUP: ['the file system does not support this', 'use a folder on an ordinary disk'],
  EOPNOTSUPP: ['the file system does not support this', 'use a folder on an ordinary disk'],
  ENOTREG: ['not a regular file', 'remove it or use another path; nothing was read from or written to it'],
  ERR_FS_EISDIR: ['a folder is there where a file should be', 'move the folder away, or use another path'],
  ERR_FS_FILE_TOO_LARGE: ['the file is too large to read', 'check that it is the file you meant'],
};

interface SystemErrorLike {
  readonly code: string;
  readonly path?: string;
  readonly dest?: string;
  readonly syscall?: string;
  readonly kind?: string;
}

/** A Node system error (or NotRegularFile): an errno-style code on an Error. Our bugs have none. */
export function systemError(err: unknown): SystemErrorLike | undefined {
  if (!(err instanceof Error)) return undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string') return undefined;
  if (FAULTS[code] || (/^E[A-Z0-9]+$/.test(code) && typeof (err as { syscall?: unknown }).syscall === 'string')) {
    return err as unknown as SystemErrorLike;
  }
  return undefined;
}

/**
 * One line for a system error: `<path>: <what is wrong> (<CODE>); <what to do>`. `path`
 * names the file the caller was working on when it knows better than the error (a
 * rename's error names the temporary file).
 */
export function describeFault(err: SystemErrorLike, path?: string): string {
  const where = path ?? err.dest ?? err.path;
  const known = FAULTS[err.code];
  const what = err.code === 'ENOTREG' && err.kind ? `${err.kind}, not a regular file` : known?.[0] ?? `${err.syscall ?? 'the operation'} failed`;
  const todo = known?.[1] ?? 'check the file and its folder, then try again';
  return `${where ? `${where}: ` : ''}${what} (${err.code}); ${todo}`;
}

/** Wraps a system error into a FileFault with its one line (plus `then`); anything else is returned as it is. */
export function asFault(err: unknown, path?: string, then = ''): unknown {
  const sys = systemError(err);
  return sys ? new FileFault(`${describeFault(sys, path)}${then}`, { cause: err }) : err;
}
