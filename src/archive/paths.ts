import { isAbsolute, resolve } from 'node:path';
import type { Io } from '../cli/command.js';

/** A path argument without trailing slashes, as shown in messages. */
export function shownPath(arg: string): string {
  return arg.replace(/\/+$/, '') || '/';
}

/**
 * A folder for the loader, which reads relative to the process: the argument as given when
 * the command runs in the process's folder (so messages show it as typed), else absolute.
 */
export function forLoader(arg: string, io: Io): string {
  const shown = shownPath(arg);
  return isAbsolute(shown) || resolve(io.cwd) === process.cwd() ? shown : resolve(io.cwd, shown);
}
