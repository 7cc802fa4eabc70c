import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { errorCode, readRegularFile } from '../emit/fileSystem.js';
import { DataError, UsageError } from '../errors.js';
import type { Diagnostic } from '../load/diagnostic.js';
import type { SourceFile } from '../load/index.js';
import type { Position } from '../load/locate.js';
import { CONFIG_FILE, configSchema, type ConfigFile } from './schema.js';
import { checkYaml } from './yamlFile.js';

/** A city project: its validated config and where it lives. */
export interface CityProject {
  /** The config file, absolute. */
  readonly file: string;
  /** The folder every path in the config is relative to, absolute. */
  readonly dir: string;
  /** The config file as messages show it (relative to the working folder). */
  readonly shown: string;
  readonly config: ConfigFile;
  /** The config as read, for code frames of diagnostics about it. */
  readonly source: SourceFile;
  /** Where a config value is (for diagnostics about the file it names). */
  at(path: readonly (string | number)[]): Position;
  /** A path the config gives, made absolute. */
  resolve(rel: string): string;
  /** A path as messages show it: relative to the working folder. */
  show(abs: string): string;
}

/** Settings files are hand-written texts; anything bigger is a mistake. */
export const MAX_SETTINGS_BYTES = 2 * 1024 * 1024;

const isFile = (p: string) => stat(p).then((s) => s.isFile(), () => false);

/**
 * The config that applies in `cwd`: `booklet.config.yaml` there or in the nearest folder
 * above it (as typst and vivliostyle find theirs), or none.
 */
export async function findConfig(cwd: string): Promise<string | undefined> {
  let dir = resolve(cwd);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE);
    if (await isFile(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

export function shownFrom(cwd: string): (abs: string) => string {
  return (abs) => {
    const rel = relative(resolve(cwd), abs);
    return (rel === '' ? '.' : isAbsolute(rel) ? abs : rel).split('\\').join('/');
  };
}

/**
 * The project for a command run in `cwd`: the file `--config` names, else the one found
 * above `cwd`, else undefined (the tool's own defaults apply). A config that is not
 * valid is a DataError with diagnostics at file:line:col, like the data's.
 */
export async function loadProject(cwd: string, explicit?: string): Promise<CityProject | undefined> {
  const show = shownFrom(cwd);
  let file: string | undefined;
  if (explicit !== undefined) {
    file = resolve(cwd, explicit);
    const s = await stat(file).catch((err: unknown) => (errorCode(err) === 'ENOENT' ? undefined : Promise.reject(err)));
    if (!s) throw new UsageError(`--config ${explicit}: no such file`);
    if (s.isDirectory()) file = join(file, CONFIG_FILE);
    if (!(await isFile(file))) throw new UsageError(`--config ${explicit}: no ${CONFIG_FILE} there`);
  } else {
    file = await findConfig(cwd);
    if (file === undefined) return undefined;
  }
  return readProject(file, show);
}

export async function readProject(file: string, show: (abs: string) => string): Promise<CityProject> {
  const shown = show(file);
  const bytes = await readRegularFile(file);
  if (bytes.byteLength > MAX_SETTINGS_BYTES) {
    throw new DataError([{ file: shown, line: 0, column: 0, severity: 'error', message: `the file is too large for a ${CONFIG_FILE} (${bytes.byteLength} bytes)` }]);
  }
  const checked = checkYaml(configSchema, shown, CONFIG_FILE, bytes);
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || checked.value === undefined) throw new DataError(checked.diagnostics, [checked.source]);
  const dir = dirname(file);
  return {
    file,
    dir,
    shown,
    config: checked.value,
    source: checked.source,
    at: checked.at,
    resolve: (rel) => resolve(dir, rel),
    show,
  };
}

/** A diagnostic about the value at `path` of the config (a file it names that is missing, …). */
export function configDiagnostic(project: CityProject, path: readonly (string | number)[], message: string, severity: Diagnostic['severity'] = 'error'): Diagnostic {
  return { file: project.shown, ...project.at(path), severity, message };
}
