import { nodeFileSystem, type FileSystem } from '../../../src/emit/fileSystem.js';

/** The operations that change a folder: each is a place where a real disk can refuse. */
export const WRITES = ['create', 'rename', 'link', 'copyFile', 'unlink', 'mkdir', 'rmdir'] as const;
export type WriteOp = (typeof WRITES)[number];

export interface Call {
  readonly op: WriteOp;
  readonly path: string;
}

/** A system error as Node raises it (code, syscall, path), for the operation it replaces. */
export function systemError(code: string, op: string, path: string): Error {
  return Object.assign(new Error(`${code}: injected, ${op} '${path}'`), { code, errno: -1, syscall: op, path });
}

/**
 * The real file system, but the n-th write (counting from 0, in the order made), or every
 * write `when` picks, fails with `code` before touching the disk. `calls` records every
 * write attempted.
 */
export function faultyFs(plan: { at?: number; when?: (c: Call, index: number) => boolean; code: string } | undefined): FileSystem & { calls: Call[] } {
  const calls: Call[] = [];
  const wrap =
    <A extends unknown[]>(op: WriteOp, real: (...args: A) => Promise<void>) =>
    async (...args: A): Promise<void> => {
      // The path the operation makes or removes: a rename's or link's destination.
      const call = { op, path: String(op === 'rename' || op === 'link' || op === 'copyFile' ? args[1] : args[0]) };
      const index = calls.length;
      calls.push(call);
      if (plan && (plan.at === index || plan.when?.(call, index))) throw systemError(plan.code, op, call.path);
      await real(...args);
    };
  return {
    ...nodeFileSystem,
    calls,
    create: wrap('create', nodeFileSystem.create),
    rename: wrap('rename', nodeFileSystem.rename),
    link: wrap('link', nodeFileSystem.link),
    copyFile: wrap('copyFile', nodeFileSystem.copyFile),
    unlink: wrap('unlink', nodeFileSystem.unlink),
    mkdir: wrap('mkdir', nodeFileSystem.mkdir),
    rmdir: wrap('rmdir', nodeFileSystem.rmdir),
  };
}
