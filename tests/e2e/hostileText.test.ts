import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { copyEdition, scratch } from '../helpers/fixtures.js';
import { readPdf, squash } from '../helpers/pdf.js';

let tmp: Awaited<ReturnType<typeof scratch>>;
beforeAll(async () => {
  tmp = await scratch();
});
afterAll(() => tmp.cleanup());


describe('text from data prints literally', () => {
  const hostile = '{{x}} <b>太字</b> </p><p> &amp; &lt; {{{raw}}} <script>';
  it('template syntax, markup tags and entities in a title appear as typed in the booklet and the insert', async () => {
    const dir = await copyEdition('2020', join(tmp.dir, 'hostile'));
    const file = join(dir, 'departments/kikaku.yaml');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('- title: 新たな参加と協働の仕組みづくり', `- title: ${JSON.stringify(hostile)}`));
    const out = join(tmp.dir, 'hostile-out');
    const r = await cli(['build', dir, '--out', out, '--only', 'booklet,inserts']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    for (const f of ['booklet.pdf', 'inserts/01-kikaku.pdf']) {
      const pdf = await readPdf(new Uint8Array(await readFile(join(out, f))));
      expect(squash(pdf.pages.join(''))).toContain(squash(hostile));
    }
  });
});

describe('characters the fonts lack', () => {
  it.each([
    ['𠮷', 'U+20BB7'],
    ['😀', 'U+1F600'],
    ['\u200b', 'U+200B'],
    ['\u202e', 'U+202E'],
  ])('%s is an error naming %s, file, line and column; nothing is written', async (ch, code) => {
    const dir = await copyEdition('2020', join(tmp.dir, `glyph-${code}`));
    const file = join(dir, 'departments/somu.yaml');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('入札制度の継続的な見直し', `入札制度の${ch}継続的な見直し`));
    const line = text.split('\n').findIndex((l) => l.includes('入札制度の継続的な見直し')) + 1;
    const out = join(tmp.dir, `glyph-out-${code}`);
    const r = await cli(['build', dir, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`departments/somu\\.yaml:${line}:\\d+: error: .*${code.replace('+', '\\+')}`));
    const check = await cli(['check', dir]);
    expect(check.code).toBe(1);
    expect(check.err).toContain(code);
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(out).catch(() => [])).toEqual([]);
  });
});

describe('very long texts are printed in full, never dropped', () => {
  it('a 1,400-character project title and a 30,000-character heading-less run keep every character', async () => {
    const dir = await copyEdition('2020', join(tmp.dir, 'long'));
    const edition = join(dir, 'edition.yaml');
    await writeFile(edition, (await readFile(edition, 'utf8')).replace('status: final', 'status: draft'));
    const file = join(dir, 'departments/somu.yaml');
    const title = '入札制度の継続的な見直し'.repeat(117).slice(0, 1_400);
    await writeFile(file, (await readFile(file, 'utf8')).replace('入札制度の継続的な見直し', title).replace('職員のライフ・ワーク・バランスの推進', 'あ'.repeat(30_000)));
    const out = join(tmp.dir, 'long-out');
    const r = await cli(['build', dir, '--out', out, '--dept', 'somu']);
    expect(r.code, r.err).toBe(0);
    const text = squash((await readPdf(new Uint8Array(await readFile(join(out, 'inserts/02-somu.pdf'))))).pages.join(''));
    const count = (s: string, ch: string) => [...s].filter((c) => c === ch).length;
    expect(count(text, 'あ')).toBe(30_000);
    expect(count(text, '札')).toBe(count(title, '札'));
    expect(text).toContain('主要事業と目標指標');
    expect(text).toContain('問い合わせ');
  });
});
