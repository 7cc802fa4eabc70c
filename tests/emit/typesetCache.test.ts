import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderCache } from '../../src/emit/typesetCache.js';
import { buildEdition } from '../../src/pipeline.js';
import { loadResources } from '../../src/resources.js';
import { copyEdition, scratch } from '../helpers/fixtures.js';

let tmp: Awaited<ReturnType<typeof scratch>>;
beforeAll(async () => {
  tmp = await scratch();
});
afterAll(() => tmp.cleanup());

describe('content-addressed typesetting cache', () => {
  it('reuses unchanged documents, retypesets what changed, and gives the same bytes as no cache', async () => {
    const dir = await copyEdition('2020', tmp.dir);
    const file = join(dir, 'edition.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('status: final', 'status: draft'));
    const resources = await loadResources();
    const out = join(tmp.dir, 'out');
    const cacheDir = join(out, '.cache');

    const first = await buildEdition({ editionDir: dir, outDir: out, cache: folderCache(cacheDir) }, resources);
    expect(first.typeset).toEqual({ fresh: 12, cached: 0 });
    const second = await buildEdition({ editionDir: dir, outDir: out, cache: folderCache(cacheDir) }, resources);
    expect(second.typeset).toEqual({ fresh: 0, cached: 12 });
    expect(second.manifest).toEqual(first.manifest);

    const somu = join(dir, 'departments/somu.yaml');
    await writeFile(somu, (await readFile(somu, 'utf8')).replace('入札制度の継続的な見直し', '入札制度の見直し'));
    const third = await buildEdition({ editionDir: dir, outDir: out, cache: folderCache(cacheDir) }, resources);
    // the booklet, the digest and the 総務部 insert changed; nine inserts did not
    expect(third.typeset).toEqual({ fresh: 3, cached: 9 });
    const plain = await buildEdition({ editionDir: dir, outDir: join(tmp.dir, 'plain') }, resources);
    expect(third.manifest.files).toEqual(plain.manifest.files);
    // one build's worth of entries is kept: 12 typeset documents, what was made from
    // them (10 inserts padded to even pages, the print PDF), and the HTML edition's 2 fonts
    expect((await readdir(cacheDir)).filter((n) => n.endsWith('.pdf'))).toHaveLength(12 + 10 + 1 + 2);
  });

  it('a damaged entry is a miss, never a wrong PDF', async () => {
    const dir = await copyEdition('sample', join(tmp.dir, 'damaged'));
    const resources = await loadResources();
    const out = join(tmp.dir, 'damaged-out');
    const cacheDir = join(out, '.cache');
    const first = await buildEdition({ editionDir: dir, outDir: out, cache: folderCache(cacheDir) }, resources);
    for (const name of (await readdir(cacheDir)).filter((n) => n.endsWith('.pdf'))) {
      const bytes = await readFile(join(cacheDir, name));
      bytes[bytes.length - 10] = (bytes[bytes.length - 10] ?? 0) ^ 0xff;
      await writeFile(join(cacheDir, name), bytes);
    }
    const again = await buildEdition({ editionDir: dir, outDir: out, cache: folderCache(cacheDir) }, resources);
    expect(again.typeset.cached).toBe(0);
    expect(again.manifest).toEqual(first.manifest);
  });
});
