import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';

/** The packages whose versions change what the tool typesets. */
export const TYPESETTING_PACKAGES = ['pdfmake', 'pdfkit', 'fontkit', 'pdf-lib', 'harfbuzzjs'] as const;

/**
 * What `npm run build` (scripts/build.mjs) writes beside the bundled code: the hash of that
 * code, so that a run need not hash it again, and what the bundle holds and needs.
 */
export interface CodeManifest {
  /** codeFilesHash of the code folder as built. */
  readonly code: string;
  /** The packages the bundle holds, by name: their versions. */
  readonly bundled: Readonly<Record<string, string>>;
  /** The packages the bundle requires from node_modules at run time. */
  readonly requires: readonly string[];
}

/** The code manifest's name in the code folder (dist/); absent from the sources (src/). */
export const CODE_MANIFEST = 'code.json';

/** A folder tree to hash: the code on disk, or a tool inside an archive. */
export interface CodeTree {
  /** Names in a folder (relative path, '' for the top), with whether each is a folder. */
  list(dir: string): Promise<{ name: string; folder: boolean }[]>;
  /** A file's bytes, or undefined when there is none. */
  read(path: string): Promise<Uint8Array | undefined>;
  /** The version of a package as the code finds it (node_modules above the code), or undefined. */
  version(name: string): Promise<string | undefined>;
}

/** A hash of every .js and .ts file under the code folder, by relative path. */
export async function codeFilesHash(tree: CodeTree): Promise<string> {
  const hash = createHash('sha256');
  const walk = async (dir: string): Promise<void> => {
    const entries = (await tree.list(dir)).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      const path = dir ? `${dir}/${e.name}` : e.name;
      if (e.folder) await walk(path);
      else if (/\.(js|ts)$/.test(e.name)) hash.update(`${path}\0`).update((await tree.read(path)) ?? new Uint8Array(0));
    }
  };
  await walk('');
  return hash.digest('hex');
}

export async function readCodeManifest(tree: CodeTree): Promise<CodeManifest | undefined> {
  const bytes = await tree.read(CODE_MANIFEST);
  return bytes && (JSON.parse(new TextDecoder().decode(bytes)) as CodeManifest);
}

/**
 * A hash of the tool's code and of the versions of the typesetting packages it runs with
 * (a bundled one's as the bundle holds it, another's as node_modules has it): what names
 * "the exact tool" in a manifest and an archive, and keys the typesetting cache.
 *
 * `trusted`: the code hash the build wrote (the running tool's own code.json), so that a
 * start does not read and hash every file; an archived tool's code is always hashed.
 */
export async function codeDigestOf(tree: CodeTree, trusted?: CodeManifest): Promise<string> {
  const manifest = trusted ?? (await readCodeManifest(tree));
  const hash = createHash('sha256').update(`${trusted?.code ?? (await codeFilesHash(tree))}\0`);
  for (const name of TYPESETTING_PACKAGES) hash.update(`${name}@${manifest?.bundled[name] ?? (await tree.version(name)) ?? '?'}\0`);
  return hash.digest('hex');
}

/** The code folder on disk (src/ or dist/), its packages found as Node finds them. */
export function diskTree(codeDir: string): CodeTree {
  return {
    list: async (dir) => (await readdir(join(codeDir, dir), { withFileTypes: true })).map((e) => ({ name: e.name, folder: e.isDirectory() })),
    read: (path) =>
      readFile(join(codeDir, path)).then(
        (b) => new Uint8Array(b),
        (err: NodeJS.ErrnoException) => {
          if (err.code === 'ENOENT') return undefined;
          throw err;
        },
      ),
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

/** The running tool's digest: from its code.json when it was built, else (the sources) by hashing. */
export async function runningCodeDigest(codeDir: string): Promise<string> {
  const tree = diskTree(codeDir);
  return codeDigestOf(tree, await readCodeManifest(tree));
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
    read: async (path) => files.get(posix.join(codeDir, path)),
    async version(name) {
      const bytes = files.get(`node_modules/${name}/package.json`);
      return bytes ? (JSON.parse(new TextDecoder().decode(bytes)) as { version?: string }).version : undefined;
    },
  };
}
