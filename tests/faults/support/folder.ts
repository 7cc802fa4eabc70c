import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Every entry under `dir` (hidden ones too) with its kind, bytes and mtime: equal
 * snapshots mean nothing was written, added or removed, not even the same bytes again.
 */
export async function snapshot(dir: string, skip: (rel: string) => boolean = () => false): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string, rel: string): Promise<void> => {
    for (const name of (await readdir(d)).sort()) {
      const path = join(d, name);
      const key = `${rel}${name}`;
      if (skip(key)) continue;
      const s = await lstat(path);
      if (s.isDirectory()) {
        out[`${key}/`] = 'folder';
        await walk(path, `${key}/`);
      } else if (s.isFile()) out[key] = `${s.mtimeMs} ${(await readFile(path)).toString('base64')}`;
      else if (s.isSymbolicLink()) out[key] = `link ${await readlink(path)}`;
      else out[key] = `special ${s.mode}`;
    }
  };
  await walk(dir, '');
  return out;
}

/** Names of plan-booklet's temporaries and backups under `dir`. */
export async function leftovers(dir: string): Promise<string[]> {
  const names = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  return names.filter((n) => /(^|\/)\.[^/]+\.booklet-\d+\.(tmp|old)$/.test(n) || n.endsWith('.booklet.lock'));
}
