import { stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { loadProject, type CityProject } from '../../config/load.js';
import { UsageError } from '../../errors.js';
import { stringOption, type Io, type Parsed } from '../command.js';

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

/** The project a command works in: --config, else the config found from the working folder up. */
export function projectOf(p: Parsed, io: Io): Promise<CityProject | undefined> {
  return loadProject(io.cwd, stringOption(p, 'config'));
}

/** A path as messages show it: relative to the working folder when it lies inside it. */
export function shownFromCwd(io: Io, abs: string): string {
  const rel = relative(resolve(io.cwd), abs);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? abs : rel;
}

/** The folder builds go into: the project's `output` (default output/ beside the config), else output/ here. */
export function outputRoot(io: Io, project: CityProject | undefined): string {
  return project ? shownFromCwd(io, project.resolve(project.config.output ?? 'output')) : 'output';
}

/** Where an edition's outputs go unless --out says otherwise: <output>/<edition folder name>. */
export function defaultOutputDir(editionDir: string, io: Io, project?: CityProject): string {
  return join(outputRoot(io, project), basename(resolve(io.cwd, editionDir)));
}
