import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { scratch } from '../helpers/fixtures.js';
import { writeSyntheticEdition } from '../helpers/synthetic.js';

describe('writeSyntheticEdition', () => {
  let tmp: Awaited<ReturnType<typeof scratch>>;
  let dir: string;
  beforeAll(async () => {
    tmp = await scratch('booklet-synthetic-');
    dir = join(tmp.dir, 'edition');
    await writeSyntheticEdition(dir, { departments: 3, seed: 42 });
  });
  afterAll(() => tmp.cleanup());

  it('writes an edition that passes check, with every field filled', async () => {
    const res = await cli(['check', dir]);
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    expect((await readdir(join(dir, 'departments'))).sort()).toEqual(['d001.yaml', 'd002.yaml', 'd003.yaml']);
    const text = await readFile(join(dir, 'departments/d001.yaml'), 'utf8');
    for (const key of ['mission:', 'sections:', 'resources:', 'budgetNote:', 'policy:', 'specialTopics:', 'summary:', 'indicators:', 'baseline:']) {
      expect(text).toContain(key);
    }
  });

  it('is deterministic from the seed', async () => {
    const again = join(tmp.dir, 'again');
    const other = join(tmp.dir, 'other');
    await writeSyntheticEdition(again, { departments: 3, seed: 42 });
    await writeSyntheticEdition(other, { departments: 3, seed: 43 });
    const read = (d: string) => readFile(join(d, 'departments/d002.yaml'), 'utf8');
    expect(await read(again)).toBe(await read(dir));
    expect(await read(other)).not.toBe(await read(dir));
  });

  it('builds a booklet', async () => {
    const out = join(tmp.dir, 'out');
    const res = await cli(['build', dir, '--out', out, '--only', 'booklet']);
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    const pdf = await readFile(join(out, 'booklet.pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
