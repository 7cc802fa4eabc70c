import type { Dirent } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { diskTree, readCodeManifest } from '../codeDigest.js';
import { BookletError } from '../errors.js';
import { comparePaths } from './verify.js';

/**
 * The tool itself for an archive (`archive --with-tool`): its built code (the bundle, with
 * the licences of the packages it holds), templates and licences, and every package the
 * bundle requires at run time (dist/code.json), copied from the installed tree, laid
 * out so that `node tool/bin/booklet.js` finds them with Node's own module resolution and
 * nothing else (no npm, no network). What Node never loads is left out: source maps,
 * TypeScript sources and declarations, and documentation other than licences.
 */
export interface ToolFiles {
  /** Path under tool/ → bytes. */
  readonly files: Map<string, Uint8Array>;
  readonly packages: readonly { readonly name: string; readonly version: string; readonly at: string }[];
}

/** The tool's own files, from its folder (the package root). */
const OWN = ['package.json', 'LICENSE', 'README.md', 'bin', 'dist', 'templates', 'src/vendor/budoux/LICENSE'];

const NEVER_LOADED = /\.(map|d\.ts|d\.mts|d\.cts|ts|tsx|mts|cts)$/;
const LICENCE_NAME = /^(licen[cs]e|copying|notice|authors)/i;

function needed(name: string): boolean {
  if (LICENCE_NAME.test(name)) return true;
  if (NEVER_LOADED.test(name) && !/\.(cjs|mjs|js)$/.test(name)) return false;
  return !/\.(md|markdown)$/i.test(name);
}

interface PackageJson {
  readonly name?: string;
  readonly version?: string;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
}

async function readJson(path: string): Promise<PackageJson> {
  return JSON.parse(await readFile(path, 'utf8')) as PackageJson;
}

/** Where Node finds package `name` when required from `from`: node_modules/<name> here or above. */
async function findPackage(name: string, from: string): Promise<string | undefined> {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (await stat(join(candidate, 'package.json')).then((s) => s.isFile(), () => false)) return realpath(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

async function addTree(files: Map<string, Uint8Array>, from: string, to: string, filter: (name: string) => boolean): Promise<void> {
  const s = await stat(from);
  if (s.isFile()) {
    if (filter(from.split('/').pop()!)) files.set(to, new Uint8Array(await readFile(from)));
    return;
  }
  let entries: Dirent[];
  try {
    entries = await readdir(from, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (e.name === 'node_modules' || e.name === '.bin' || e.name.startsWith('.')) continue;
    const path = join(from, e.name);
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory()) await addTree(files, path, `${to}/${e.name}`, filter);
    else if (info?.isFile() && filter(e.name)) files.set(`${to}/${e.name}`, new Uint8Array(await readFile(path)));
  }
}

/**
 * The files of the tool at `root` and of its run-time dependency closure, under paths
 * relative to the tool folder: its own files at the top, each package at node_modules/<name>
 * (or nested under the package that needs it when two versions are in use).
 */
export async function toolFiles(root: string): Promise<ToolFiles> {
  const files = new Map<string, Uint8Array>();
  const built = await readCodeManifest(diskTree(join(root, 'dist')));
  if (!built || !(await stat(join(root, 'dist', 'booklet.js')).then((s) => s.isFile(), () => false))) {
    throw new BookletError(`--with-tool: the tool's compiled code (${join(root, 'dist')}) is missing; run npm run build first`);
  }
  for (const own of OWN) {
    if (await stat(join(root, own)).then(() => true, () => false)) await addTree(files, join(root, own), own, (n) => !/\.map$/.test(n));
  }
  // Where a package sits under tool/: where it sits in the installed tree, relative to the
  // folder whose node_modules holds it (the tool's own folder, or the app it is installed
  // in); when that place is taken, beside the package that needs it.
  const realRoot = await realpath(root);
  const faithful = (dir: string): string => {
    const rel = relative(realRoot, dir).split(sep).join('/');
    if (rel.startsWith('node_modules/')) return rel;
    // Hoisted: found in the node_modules of a folder above the tool; the nearest such folder.
    for (let base = dirname(realRoot); ; base = dirname(base)) {
      if (dir.startsWith(join(base, 'node_modules') + sep)) return relative(base, dir).split(sep).join('/');
      if (dirname(base) === base) return `node_modules/${relative(dirname(dir), dir)}`;
    }
  };
  const at = new Map<string, string>(); // placement → real folder
  const placedAt = new Map<string, string>(); // real folder → placement
  const packages: { name: string; version: string; at: string }[] = [];
  const queue: { realDir: string; placement: string }[] = [{ realDir: realRoot, placement: '' }];
  while (queue.length > 0) {
    const { realDir, placement } = queue.shift()!;
    const pkg = await readJson(join(realDir, 'package.json'));
    // The tool's own dependencies but those its bundle holds.
    const names = placement === '' ? [...built.requires] : Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies });
    for (const name of names.sort()) {
      const dep = await findPackage(name, realDir);
      if (dep === undefined) {
        if (pkg.optionalDependencies?.[name] !== undefined) continue;
        throw new BookletError(`--with-tool: ${pkg.name ?? realDir} needs ${name}, which is not installed; run npm install first`);
      }
      if (placedAt.has(dep)) continue;
      const preferred = faithful(dep);
      const where = !at.has(preferred) ? preferred : `${placement ? `${placement}/` : ''}node_modules/${name}`;
      if (at.has(where)) throw new BookletError(`--with-tool: two copies of ${name} would share ${where}; reinstall the dependencies (npm ci) and try again`);
      at.set(where, dep);
      placedAt.set(dep, where);
      packages.push({ name, version: (await readJson(join(dep, 'package.json'))).version ?? '?', at: where });
      await addTree(files, dep, where, needed);
      queue.push({ realDir: dep, placement: where });
    }
  }
  return { files: new Map([...files].sort(([a], [b]) => comparePaths(a, b))), packages: packages.sort((a, b) => comparePaths(a.at, b.at)) };
}
