/**
 * `booklet build <dir> <dir>...`: several editions, each in a process of its own, several at a
 * time (the children run bin/booklet.js, i.e. dist/, which `npm ci` builds).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/emit/manifest.js';
import { cli } from '../helpers/cli.js';
import { copyEdition, scratch } from '../helpers/fixtures.js';

let tmp: Awaited<ReturnType<typeof scratch>>;
beforeAll(async () => {
  tmp = await scratch();
  await copyEdition('2020', tmp.dir);
  await copyEdition('sample', tmp.dir);
});
afterAll(() => tmp.cleanup());

const files = async (out: string) => (JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as Manifest).files.map((f) => [f.path, f.sha256]);

describe('build with several editions', () => {
  it('builds each into output/<name>, side by side, with the bytes of a build on its own', async () => {
    const r = await cli(['build', '2020', 'sample', '--jobs', '2', '--no-cache'], tmp.dir);
    expect(r.code, r.err).toBe(0);
    // reports whole and in the order given, then one summary line
    expect(r.out.indexOf('output/2020/manifest.json')).toBeGreaterThan(-1);
    expect(r.out.indexOf('output/2020/manifest.json')).toBeLessThan(r.out.indexOf('output/sample/booklet.pdf'));
    expect(r.out).toMatch(/2 editions in [\d.]+ s, 2 at a time\n$/);

    for (const name of ['2020', 'sample']) {
      const alone = await cli(['build', name, '--out', `alone-${name}`, '--no-cache'], tmp.dir);
      expect(alone.code, alone.err).toBe(0);
      const [together, single] = [await files(join(tmp.dir, 'output', name)), await files(join(tmp.dir, `alone-${name}`))];
      expect(together.length).toBeGreaterThan(5);
      expect(together).toEqual(single);
    }
  });

  it('a broken edition fails alone: the others are built, its error is reported with file and line, exit 1', async () => {
    const bad = await copyEdition('2020', join(tmp.dir, 'broken'));
    await writeFile(join(bad, 'edition.yaml'), (await readFile(join(bad, 'edition.yaml'), 'utf8')).replace('fiscalYear: 2020', 'fiscalYear: [2020'));
    const r = await cli(['build', 'broken/2020', 'sample', '--jobs', '1'], tmp.dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/broken\/2020\/edition\.yaml:\d+:\d+: error/);
    expect(r.err).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(r.out).toMatch(/output\/sample\/manifest\.json/);
    expect(r.out).toMatch(/not all built/);
  });

  it.each([
    [['build', '2020', 'sample', '--out', 'x'], /--out names one folder/],
    [['build', '2020', 'sample', '--dept', 'somu'], /--dept names a department of one edition/],
    [['build', '2020', 'sample', '--jobs', '0'], /--jobs takes a whole number/],
    [['build', '2020', 'sample', '--only', 'posters'], /--only takes/],
    [['build', '2020', 'broken/2020'], /2020 and broken\/2020 would both be built into output\/2020/],
    [['build', '2020', 'nope'], /nope: no such edition folder/],
  ])('%j exits 2 before building anything: %s', async (args, message) => {
    const r = await cli(args as string[], tmp.dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
  });
});
