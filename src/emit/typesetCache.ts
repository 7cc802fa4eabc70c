import { join } from 'node:path';
import type { PartSpan } from '../typeset/toDocDefinition.js';
import type { TypesetReport } from '../typeset/report.js';
import { FileFault } from '../errors.js';
import { errorCode, lstatOrNone, nodeFileSystem, type FileSystem } from './fileSystem.js';
import { sha256 } from './manifest.js';
import { ensureFolder, TEMPORARY, writeAtomic } from './writeAtomic.js';

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

/**
 * Marks the folder as plan-booklet's (CACHEDIR.TAG also tells backup tools to skip it).
 * Only a folder holding this mark is ever pruned, and only of the entries the tool names.
 */
export const CACHE_TAG = 'CACHEDIR.TAG';
const TAG_TEXT =
  'Signature: 8a477f597d28d172789f06886806bc55\n' +
  "# This folder is plan-booklet's typesetting cache. booklet build deletes only the entries\n" +
  '# it wrote (<sha256>.pdf and <sha256>.json); the whole folder may be deleted at any time.\n';
const TAG_MARK = "plan-booklet's typesetting cache";
const ENTRY = /^[0-9a-f]{64}\.(pdf|json)$/;
/** Entries are not synced: one torn by a crash fails its checks and is a miss. */
const NOT_DURABLE = false;

interface Meta {
  readonly key: string;
  readonly sha256: string;
  readonly pages: number;
  readonly parts: readonly PartSpan[];
  readonly report: TypesetReport;
  /** Over all of the above: metadata edited or damaged apart from its PDF is a miss. */
  readonly check: string;
}

const checkOf = (key: string, m: Pick<Meta, 'sha256' | 'pages' | 'parts' | 'report'>) =>
  sha256(`${key}\n${JSON.stringify({ sha256: m.sha256, pages: m.pages, parts: m.parts, report: m.report })}`);

/** The entry as written by put, or undefined: never a PDF with metadata that is not its own. */
function validMeta(key: string, json: unknown, bytes: Uint8Array): Meta | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const m = json as Partial<Meta>;
  if (m.key !== key || typeof m.sha256 !== 'string' || !Number.isInteger(m.pages) || (m.pages as number) < 1) return undefined;
  if (!Array.isArray(m.parts) || typeof m.report !== 'object' || m.report === null) return undefined;
  if (m.sha256 !== sha256(bytes) || m.check !== checkOf(key, m as Meta)) return undefined;
  return m as Meta;
}

/** 'untagged': a folder of entries named by their hash, as caches were before the tag; it gets one. */
type Ownership = 'ours' | 'untagged' | 'absent' | { readonly foreign: string };

/**
 * A cache in a folder (inside the output folder, hidden), with a memory layer. A folder
 * of that name that plan-booklet did not make (no tag of ours, and files it would not
 * have written) is left alone: not read, not written, not pruned.
 */
export function folderCache(dir: string, fs: FileSystem = nodeFileSystem): TypesetCache {
  const memory = new Map<string, TypesetResult>();
  let owner: Promise<Ownership> | undefined;
  const ownership = () => (owner ??= ownershipOf(fs, dir));
  const claim = async (): Promise<void> => {
    const o = await ownership();
    if (o === 'ours') return;
    if (typeof o === 'object') throw new FileFault(o.foreign);
    await ensureFolder(fs, dir);
    await writeAtomic(join(dir, CACHE_TAG), TAG_TEXT, fs);
    owner = Promise.resolve('ours');
  };
  return {
    async get(key) {
      const hit = memory.get(key);
      if (hit) return hit;
      if (typeof (await ownership()) === 'object') return undefined;
      try {
        // A damaged entry is a miss, never a wrong PDF; a FIFO in its place is refused unread.
        const bytes = await fs.readRegular(join(dir, `${key}.pdf`));
        const meta = validMeta(key, JSON.parse(new TextDecoder().decode(await fs.readRegular(join(dir, `${key}.json`)))), bytes);
        if (!meta) return undefined;
        const value = { bytes, pages: meta.pages, parts: meta.parts, report: meta.report };
        memory.set(key, value);
        return value;
      } catch {
        return undefined;
      }
    },
    async put(key, value) {
      memory.set(key, value);
      await claim();
      await writeAtomic(join(dir, `${key}.pdf`), value.bytes, fs, NOT_DURABLE);
      const fields = { sha256: sha256(value.bytes), pages: value.pages, parts: value.parts, report: value.report };
      const meta: Meta = { key, ...fields, check: checkOf(key, fields) };
      await writeAtomic(join(dir, `${key}.json`), JSON.stringify(meta), fs, NOT_DURABLE);
    },
    async retain(keys) {
      for (const key of [...memory.keys()]) if (!keys.has(key)) memory.delete(key);
      const o = await ownership();
      if (o === 'absent') return;
      if (typeof o === 'object') throw new FileFault(o.foreign);
      if (o === 'untagged') await claim();
      for (const name of await fs.readdir(dir)) {
        if (ENTRY.test(name) && !keys.has(name.slice(0, 64))) {
          await fs.unlink(join(dir, name)).catch((err: unknown) => {
            if (errorCode(err) !== 'ENOENT') throw err;
          });
        }
      }
    },
  };
}

async function ownershipOf(fs: FileSystem, dir: string): Promise<Ownership> {
  const info = await lstatOrNone(fs, dir).catch(() => undefined);
  if (!info) return 'absent';
  const notOurs = (why: string): Ownership => ({
    foreign: `${dir}: ${why}, so it is not plan-booklet's typesetting cache: it is left alone and not used. Move it away to let builds reuse typeset PDFs`,
  });
  if (!info.isDirectory()) return notOurs('not a folder');
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return notOurs('it cannot be read');
  }
  if (names.includes(CACHE_TAG)) {
    const tag = await fs.readRegular(join(dir, CACHE_TAG)).then((b) => new TextDecoder().decode(b), () => '');
    return tag.includes(TAG_MARK) ? 'ours' : notOurs(`its ${CACHE_TAG} belongs to another program`);
  }
  // A cache from before the tag existed holds only entries named by their hash.
  const foreign = names.filter((n) => !ENTRY.test(n) && !TEMPORARY.test(n));
  if (foreign.length > 0) return notOurs(`it holds files plan-booklet did not write (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''})`);
  return names.length === 0 ? 'absent' : 'untagged';
}

export function cacheKey(parts: readonly string[]): string {
  return sha256(parts.join('\u0000'));
}
