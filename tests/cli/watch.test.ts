import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEdition } from '../../src/pipeline.js';
import { loadResources } from '../../src/resources.js';
import { watchEdition, type WatchEvent } from '../../src/watch.js';
import { copyEdition, scratch } from '../helpers/fixtures.js';

let tmp: Awaited<ReturnType<typeof scratch>>;
beforeAll(async () => {
  tmp = await scratch();
});
afterAll(() => tmp.cleanup());

const until = async (cond: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return cond();
};

describe('watch', () => {
  it('rebuilds the edited department insert first, then everything; a data error keeps the last good PDFs', async () => {
    const dir = await copyEdition('sample', tmp.dir);
    const out = join(tmp.dir, 'out');
    const resources = await loadResources();
    await buildEdition({ editionDir: dir, outDir: out }, resources);
    const insert = join(out, 'inserts/02-kenko-fukushi.pdf');
    const before = await readFile(insert);

    const events: WatchEvent[] = [];
    const controller = new AbortController();
    const watching = watchEdition({ editionDir: dir, outDir: out, signal: controller.signal, onEvent: (e) => events.push(e) }, resources);
    await new Promise((r) => setTimeout(r, 100));

    const file = join(dir, 'departments/kenko-fukushi.yaml');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('健康福祉部', '健康福祉部（改）'));
    expect(await until(() => events.some((e) => e.kind === 'built' && e.scope === 'all'), 20_000)).toBe(true);
    const first = events[0]!;
    expect(first.kind === 'built' && first.scope).toBe('insert');
    expect(first.kind === 'built' && first.result.files.map((f) => f.path)).toEqual(['inserts/02-kenko-fukushi.pdf']);
    expect(Buffer.compare(await readFile(insert), before)).not.toBe(0);

    // A broken save: reported, nothing written.
    const good = await readFile(join(out, 'booklet.pdf'));
    const mtime = (await stat(join(out, 'booklet.pdf'))).mtimeMs;
    events.length = 0;
    await writeFile(file, 'name: [\n');
    expect(await until(() => events.some((e) => e.kind === 'failed'), 20_000)).toBe(true);
    expect(Buffer.compare(await readFile(join(out, 'booklet.pdf')), good)).toBe(0);
    expect((await stat(join(out, 'booklet.pdf'))).mtimeMs).toBe(mtime);

    controller.abort();
    await watching;
  });
});
