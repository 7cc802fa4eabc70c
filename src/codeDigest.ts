import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';

/** The packages whose versions change what the tool typesets. */
export const TYPESETTING_PACKAGES = ['pdfmake', 'pdfkit', 'fontkit', 'pdf-lib', 'harfbuzzjs'] as const;

/** A folder tree to hash: the code on disk, or a tool inside an archive. */
export interface CodeTree {
  /** Names in a folder (relative path, '' for the top), with whether each is a folder. */
  list(dir: string): Promise<{ name: string; folder: boolean }[]>;
  read(path: string): Promise<Uint8Array>;
  /** The version of a package as the code finds it (node_modules above the code), or undefined. */
  version(name: string): Promise<string | undefined>;
}

/**
 * A hash of the tool's code (every .js and .ts file under its code folder, by relative
 * path) and of the versions of the typesetting packages it runs with: what names "the
 * exact tool" in a manifest and an archive, and keys the typesetting cache.
 */
export async function codeDigestOf(tree: CodeTree): Promise<string> {
  const hash = createHash('sha256');
  const walk = async (dir: string): Promise<void> => {
    const entries = (await tree.list(dir)).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      const path = dir ? `${dir}/${e.name}` : e.name;
      if (e.folder) await walk(path);
      else if (/\.(js|ts)$/.test(e.name)) hash.update(`${path}\0`).update(await tree.read(path));
    }
  };
  await walk('');
  for (const name of TYPESETTING_PACKAGES) hash.update(`${name}@${(await tree.version(name)) ?? '?'}\0`);
  return hash.digest('hex');
}

/** The code folder on disk (src/ or dist/), its packages found as Node finds them. */
export function diskTree(codeDir: string): CodeTree {
  return {
    list: async (dir) => (await readdir(join(codeDir, dir), { withFileTypes: true })).map((e) => ({ name: e.name, folder: e.isDirectory() })),
    read: async (path) => new Uint8Array(await readFile(join(codeDir, path))),
    async version(name) {
      for (let dir = codeDir; ; dir = dirname(dir)) {
        try {
          return (JSON.parse(await readFile(join(dir, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string }).version;
        } catch {
          if (dirname(dir) === dir) return undefined;
        }
      }
    },
  };
}

/** A tool held in memory (an archive's tool/): `files` by path relative to the tool folder. */
export function memoryTree(files: ReadonlyMap<string, Uint8Array>, codeDir = 'dist'): CodeTree {
  const prefix = `${codeDir}/`;
  return {
    async list(dir) {
      const base = dir ? `${prefix}${dir}/` : prefix;
      const names = new Map<string, boolean>();
      for (const path of files.keys()) {
        if (!path.startsWith(base)) continue;
        const rest = path.slice(base.length);
        const slash = rest.indexOf('/');
        names.set(slash === -1 ? rest : rest.slice(0, slash), slash !== -1);
      }
      return [...names].map(([name, folder]) => ({ name, folder }));
    },
    read: async (path) => files.get(posix.join(codeDir, path)) ?? new Uint8Array(0),
    async version(name) {
      const bytes = files.get(`node_modules/${name}/package.json`);
      return bytes ? (JSON.parse(new TextDecoder().decode(bytes)) as { version?: string }).version : undefined;
    },
  };
}
