import { stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { UsageError } from '../../errors.js';
import type { Io } from '../command.js';

/** The edition folder argument, checked to exist; trailing slashes dropped for messages. */
export async function requireEditionDir(arg: string, io: Io): Promise<string> {
  const dir = arg.replace(/\/+$/, '') || '/';
  let isDir = false;
  try {
    isDir = (await stat(resolve(io.cwd, dir))).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new UsageError(`${arg}: no such edition folder (it must hold edition.yaml and departments/)`);
  // The stages read relative to the process's folder; messages keep the user's spelling
  // when the two folders are the same (always, for the real command).
  if (isAbsolute(dir) || resolve(io.cwd) === process.cwd()) return dir;
  return relative(process.cwd(), resolve(io.cwd, dir)) || '.';
}

/** Where an edition's outputs go unless --out says otherwise: output/<edition folder name>. */
export function defaultOutputDir(editionDir: string, io: Io): string {
  return join('output', basename(resolve(io.cwd, editionDir)));
}
