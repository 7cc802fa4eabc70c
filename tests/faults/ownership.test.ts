// Never delete or overwrite what the tool did not make: a `.cache` folder of the user's
// is left alone; only the entries the tool wrote are pruned from its own; `archive --out`
// refuses a target inside the edition or output folder, or one that is not an archive
// it made.
import { cp, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { copyEdition, scratch } from '../helpers/fixtures.js';
import { snapshot } from './support/folder.js';

let tmp: Awaited<ReturnType<typeof scratch>>;
let edition: string; // data/sample, final (an archive needs a build that matches its data)
let out: string; // its full build
beforeAll(async () => {
  tmp = await scratch('booklet-ownership-');
  edition = await copyEdition('sample', tmp.dir);
  out = join(tmp.dir, 'out');
  const r = await cli(['build', edition, '--out', out]);
  expect(r.code, r.err).toBe(0);
});
afterAll(() => tmp.cleanup());

const HASH = 'e'.repeat(64);

describe('the typesetting cache', () => {
  it('is marked as plan-booklet\'s own (CACHEDIR.TAG)', async () => {
    expect(await readFile(join(out, '.cache/CACHEDIR.TAG'), 'utf8')).toMatch(/^Signature: 8a477f597d28d172789f06886806bc55\n# This folder is plan-booklet's typesetting cache/);
  });

  it("a .cache folder of the user's is left alone: not pruned, not written, not read; a note says so", async () => {
    const dir = join(tmp.dir, 'users-cache');
    await mkdir(join(dir, '.cache'), { recursive: true });
    await writeFile(join(dir, '.cache/notes.txt'), 'mine');
    await writeFile(join(dir, `.cache/${HASH}.pdf`), 'looks like an entry, but the folder is not ours');
    const before = await snapshot(join(dir, '.cache'));
    for (const args of [[], ['--only', 'digest']]) {
      const r = await cli(['build', edition, '--out', dir, ...args]);
      expect(r.code, r.err).toBe(0);
      expect(r.err).toMatch(/note: the typesetting cache was not updated: .*\/\.cache: it holds files plan-booklet did not write \(notes\.txt\), so it is not plan-booklet's typesetting cache: it is left alone/);
      expect(await snapshot(join(dir, '.cache'))).toEqual(before);
    }
  });

  it('its own folder: unused entries are pruned, a file the user put there is kept', async () => {
    const dir = join(tmp.dir, 'own-cache');
    await cp(out, dir, { recursive: true });
    const cache = join(dir, '.cache');
    const entries = (await readdir(cache)).filter((n) => /^[0-9a-f]{64}\.(pdf|json)$/.test(n)).sort();
    await writeFile(join(cache, `${HASH}.pdf`), 'an entry no build uses');
    await writeFile(join(cache, `${HASH}.json`), '{}');
    await writeFile(join(cache, 'README.txt'), 'the user wrote this');
    await writeFile(join(cache, 'nearly.pdf'), 'not named by a hash');
    expect((await cli(['build', edition, '--out', dir])).code).toBe(0);
    const after = (await readdir(cache)).sort();
    expect(after).toEqual([...entries, 'CACHEDIR.TAG', 'README.txt', 'nearly.pdf'].sort());
  });

  it('a cache from before the mark (hash-named entries only) is adopted and tagged', async () => {
    const dir = join(tmp.dir, 'old-cache');
    await cp(out, dir, { recursive: true });
    const tagless = join(dir, '.cache/CACHEDIR.TAG');
    await (await import('node:fs/promises')).rm(tagless);
    const r = await cli(['build', edition, '--out', dir]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(await readFile(tagless, 'utf8')).toContain("plan-booklet's typesetting cache");
  });
});

describe('archive --out', () => {
  const archive = (target: string) => cli(['archive', edition, '--outputs', out, '--out', target]);

  it.each([
    ['edition.yaml of the edition', () => join(edition, 'edition.yaml'), 2, /must be written outside the edition folder/],
    ['a PDF of the output folder', () => join(out, 'booklet.pdf'), 2, /must be written outside the output folder/],
    ['a new file inside the output folder', () => join(out, 'sample.tar'), 2, /must be written outside the output folder/],
    ['the output folder itself', () => out, 2, /must be written outside the output folder/],
  ] as const)('%s: refused (exit 2), nothing changed', async (_name, target, code, message) => {
    const before = { edition: await snapshot(edition), out: await snapshot(out) };
    const r = await archive(target());
    expect(r.code, r.err).toBe(code);
    expect(r.err).toMatch(message);
    expect({ edition: await snapshot(edition), out: await snapshot(out) }).toEqual(before);
  });

  it('a link elsewhere that points into the edition folder is refused too', async () => {
    const link = join(tmp.dir, 'link.tar');
    await symlink(join(edition, 'edition.yaml'), link);
    const before = await readFile(join(edition, 'edition.yaml'));
    const r = await archive(link);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/outside the edition folder/);
    expect(Buffer.compare(await readFile(join(edition, 'edition.yaml')), before)).toBe(0);
  });

  it('an existing file that is not an archive it made, or a folder: refused (exit 1), kept', async () => {
    const mine = join(tmp.dir, 'mine.tar');
    await writeFile(mine, 'my own notes, not a tar');
    const r = await archive(mine);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/mine\.tar: this file exists and is not an archive made by booklet archive; it is left as it is/);
    expect(await readFile(mine, 'utf8')).toBe('my own notes, not a tar');
    const folder = join(tmp.dir, 'a-folder.tar');
    await mkdir(folder);
    const f = await archive(folder);
    expect(f.code).toBe(1);
    expect(f.err).toMatch(/a folder is there, not an archive/);
  });

  it('an archive it made is replaced', async () => {
    const target = join(tmp.dir, 'again.tar');
    expect((await archive(target)).code).toBe(0);
    const first = await readFile(target);
    await writeFile(join(edition, 'departments/kenko-fukushi.yaml'), `# comment\n${await readFile(join(edition, 'departments/kenko-fukushi.yaml'), 'utf8')}`);
    // the data changed: rebuild, then archive over the old archive
    expect((await cli(['build', edition, '--out', join(tmp.dir, 'again-out')])).code).toBe(0);
    const r = await cli(['archive', edition, '--outputs', join(tmp.dir, 'again-out'), '--out', target]);
    expect(r.code, r.err).toBe(0);
    expect(Buffer.compare(await readFile(target), first)).not.toBe(0);
  });
});
