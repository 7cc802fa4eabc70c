import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { PartSpan } from '../typeset/toDocDefinition.js';
import type { TypesetReport } from '../typeset/report.js';
import { sha256 } from './manifest.js';
import { writeAtomic } from './writeAtomic.js';

/** What one typesetting pass made: the screen PDF and what was learnt laying it out. */
export interface TypesetResult {
  readonly bytes: Uint8Array;
  readonly pages: number;
  readonly parts: readonly PartSpan[];
  readonly report: TypesetReport;
}

/**
 * Content-addressed: the key hashes everything the PDF's bytes depend on (the markup,
 * document info, theme, fonts, templates and the tool's own code), so a hit is the PDF
 * the typesetter would make again. Unchanged inserts are then not typeset at all.
 */
export interface TypesetCache {
  get(key: string): Promise<TypesetResult | undefined>;
  put(key: string, value: TypesetResult): Promise<void>;
  /** Forgets every entry not in `keys`, so the cache holds one edition's worth. */
  retain(keys: ReadonlySet<string>): Promise<void>;
}

interface Meta {
  readonly sha256: string;
  readonly pages: number;
  readonly parts: readonly PartSpan[];
  readonly report: TypesetReport;
}

/** A cache in a folder (inside the output folder, hidden), with a memory layer. */
export function folderCache(dir: string): TypesetCache {
  const memory = new Map<string, TypesetResult>();
  return {
    async get(key) {
      const hit = memory.get(key);
      if (hit) return hit;
      try {
        const meta = JSON.parse(await readFile(join(dir, `${key}.json`), 'utf8')) as Meta;
        const bytes = new Uint8Array(await readFile(join(dir, `${key}.pdf`)));
        // A damaged entry is a miss, never a wrong PDF.
        if (sha256(bytes) !== meta.sha256) return undefined;
        const value = { bytes, pages: meta.pages, parts: meta.parts, report: meta.report };
        memory.set(key, value);
        return value;
      } catch {
        return undefined;
      }
    },
    async put(key, value) {
      memory.set(key, value);
      await mkdir(dir, { recursive: true });
      await writeAtomic(join(dir, `${key}.pdf`), value.bytes);
      const meta: Meta = { sha256: sha256(value.bytes), pages: value.pages, parts: value.parts, report: value.report };
      await writeAtomic(join(dir, `${key}.json`), JSON.stringify(meta));
    },
    async retain(keys) {
      for (const key of [...memory.keys()]) if (!keys.has(key)) memory.delete(key);
      const names = await readdir(dir).catch(() => [] as string[]);
      for (const name of names) {
        const key = name.replace(/\.(pdf|json)$/, '');
        if (!keys.has(key)) await rm(join(dir, name), { force: true });
      }
    },
  };
}

export function cacheKey(parts: readonly string[]): string {
  return sha256(parts.join('\u0000'));
}
