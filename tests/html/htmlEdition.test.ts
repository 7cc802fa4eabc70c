/**
 * The HTML edition without a browser: its fonts (subset, WOFF2), the characters each face
 * must hold, escaping, and its place among the outputs (manifest, verify, archive, the same
 * bytes on a rebuild, PDFs untouched by its templates).
 */
import { createRequire } from 'node:module';
import { cp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { ROOT, scratch } from '../helpers/fixtures.js';
import { subsetFont } from '../../src/html/subsetFont.js';
import { sfntToWoff2, FontFormatError } from '../../src/html/woff2.js';
import { collectGlyphs } from '../../src/html/glyphs.js';
import { fileSize, phrases } from '../../src/html/helpers.js';
import { loadResources } from '../../src/resources.js';
import { buildEdition } from '../../src/pipeline.js';
import { readTar } from '../../src/archive/tar.js';
import type { Manifest } from '../../src/emit/manifest.js';

interface FontkitFont {
  readonly type: string;
  readonly numGlyphs: number;
  readonly familyName: string;
  readonly characterSet: number[];
  glyphForCodePoint(cp: number): { id: number; advanceWidth: number; path: { commands: unknown[] } };
}
const fontkit = createRequire(import.meta.url)('fontkit') as { create(b: Buffer): FontkitFont };

let tmp: Awaited<ReturnType<typeof scratch>>;
beforeAll(async () => {
  tmp = await scratch('html-');
});
afterAll(() => tmp.cleanup());

const TEXT = '各部の運営方針と目標、令和2年度。ABC 123';
const codePoints = [...TEXT].map((c) => c.codePointAt(0)!);

describe('web fonts', () => {
  it('a subset holds the given characters with the original glyphs, and few others', async () => {
    const { fonts } = await loadResources();
    const original = fontkit.create(Buffer.from(fonts.gothic));
    const subset = fontkit.create(Buffer.from(await subsetFont(fonts.gothic, codePoints)));
    expect(subset.numGlyphs).toBeLessThan(40);
    for (const cp of new Set(codePoints.filter((c) => c !== 0x20))) {
      const g = subset.glyphForCodePoint(cp);
      expect(g.id, String.fromCodePoint(cp)).toBeGreaterThan(0);
      expect(g.advanceWidth).toBe(original.glyphForCodePoint(cp).advanceWidth);
      expect(g.path.commands.length).toBe(original.glyphForCodePoint(cp).path.commands.length);
    }
    expect(subset.glyphForCodePoint('課'.codePointAt(0)!).id).toBe(0);
  });

  it('WOFF2 decodes to the same font (fontkit), its header is consistent, and the bytes are the same every time', async () => {
    const { fonts } = await loadResources();
    const ttf = await subsetFont(fonts.gothicBold, codePoints);
    const woff2 = sfntToWoff2(ttf);
    const view = new DataView(woff2.buffer, woff2.byteOffset, woff2.byteLength);
    expect(String.fromCharCode(...woff2.subarray(0, 4))).toBe('wOF2');
    expect(view.getUint32(8)).toBe(woff2.byteLength);
    expect(view.getUint16(12)).toBe(new DataView(ttf.buffer, ttf.byteOffset).getUint16(4));
    expect(woff2.byteLength % 4).toBe(0);
    expect(woff2.byteLength).toBeLessThan(ttf.byteLength);
    const decoded = fontkit.create(Buffer.from(woff2));
    const plain = fontkit.create(Buffer.from(ttf));
    expect(decoded.type).toBe('WOFF2');
    expect(decoded.familyName).toBe('BIZ UDGothic');
    expect(decoded.numGlyphs).toBe(plain.numGlyphs);
    expect(decoded.characterSet.sort()).toEqual(plain.characterSet.sort());
    for (const cp of codePoints) expect(decoded.glyphForCodePoint(cp).advanceWidth).toBe(plain.glyphForCodePoint(cp).advanceWidth);
    expect(Buffer.compare(sfntToWoff2(await subsetFont(fonts.gothicBold, codePoints)), woff2)).toBe(0);
  });

  it('refuses what is not a TrueType font', () => {
    expect(() => sfntToWoff2(new TextEncoder().encode('OTTO not a font at all'))).toThrow(FontFormatError);
  });
});

describe('which face draws which characters', () => {
  it('text in headings, table headers and terms is bold; the rest regular; entities decoded; ASCII in both', () => {
    const g = collectGlyphs('<h2>見出<wbr>し</h2><p>本文&amp;&#x3D;<br>続き</p><table><tr><th scope="row">表頭</th><td>値</td></tr></table><dl><dt>語</dt><dd>説明</dd></dl>');
    const has = (set: Set<number>, s: string) => [...s].every((c) => set.has(c.codePointAt(0)!));
    expect(has(g.bold, '見出し表頭語')).toBe(true);
    expect(has(g.regular, '本文&=続き値説明')).toBe(true);
    expect(has(g.regular, '見')).toBe(false);
    expect(has(g.bold, '本')).toBe(false);
    expect(has(g.bold, 'AZaz09<>')).toBe(true);
  });
});

describe('template helpers', () => {
  it('phrases escapes each phrase and joins them with <wbr>', () => {
    const html = phrases('<b>太字</b>の見出しを読みやすく分ける').toString();
    expect(html).toContain('<wbr>');
    expect(html).not.toContain('<b>');
    expect(html.replace(/<wbr>/g, '')).toBe('&lt;b&gt;太字&lt;/b&gt;の見出しを読みやすく分ける');
  });

  it('file sizes as a download link gives them', () => {
    expect(fileSize(153_600)).toBe('150KB');
    expect(fileSize(2_411_724)).toBe('2.3MB');
    expect(fileSize(10)).toBe('1KB');
  });
});

describe('the HTML edition among the outputs', () => {
  let out: string;
  let manifest: Manifest;

  beforeAll(async () => {
    out = join(tmp.dir, 'sample');
    const r = await cli(['build', join(ROOT, 'data/sample'), '--out', out]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/html\/\s+5 pages/);
    manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as Manifest;
  });

  it('html/ holds the pages, stylesheet, both fonts and their licence, each listed in the manifest', async () => {
    const html = manifest.files.filter((f) => f.path.startsWith('html/')).map((f) => f.path);
    expect(html).toEqual(
      expect.arrayContaining([
        'html/index.html',
        'html/01-kikaku-seisaku.html',
        'html/style.css',
        'html/fonts/BIZUDGothic-Regular.woff2',
        'html/fonts/BIZUDGothic-Bold.woff2',
        'html/fonts/OFL.txt',
      ]),
    );
    expect(html.length).toBe(5 + 4);
    for (const f of manifest.files.filter((e) => e.path.startsWith('html/'))) expect(f.pages).toBe(0);
    expect(manifest.resources.files.map((f) => f.path)).toEqual(expect.arrayContaining(['templates/html/style.css', 'templates/html/layouts/index.hbs']));
  });

  it('the index page links each PDF with its real size and page count', async () => {
    const index = await readFile(join(out, 'html/index.html'), 'utf8');
    for (const f of manifest.files.filter((e) => /^(booklet|digest|inserts\/.*)\.pdf$/.test(e.path))) {
      const link = new RegExp(`<a href="\\.\\./${f.path.replace(/[.]/g, '\\.')}">[^<]*<span class="file">（PDF形式、${fileSize(f.bytes).replace('.', '\\.')}、${f.pages}ページ）</span></a>`);
      expect(index, f.path).toMatch(link);
    }
    expect(index).not.toContain('booklet-print.pdf');
  });

  it('--only html again writes the same bytes and keeps the PDFs and their links', async () => {
    const before = new Map<string, Buffer>();
    for (const f of manifest.files) before.set(f.path, await readFile(join(out, f.path)));
    const again = join(tmp.dir, 'sample-again');
    await cp(out, again, { recursive: true });
    const r = await cli(['build', join(ROOT, 'data/sample'), '--out', again, '--only', 'html', '--no-cache']);
    expect(r.code, r.err).toBe(0);
    const now = JSON.parse(await readFile(join(again, 'manifest.json'), 'utf8')) as Manifest;
    expect(now.files).toEqual(manifest.files);
    for (const [path, bytes] of before) expect(Buffer.compare(await readFile(join(again, path)), bytes), path).toBe(0);
  });

  it('the fonts are kept in the build cache and come back byte for byte', async () => {
    const cached = (await readdir(join(out, '.cache'))).map((n) => join(out, '.cache', n));
    const cache = await Promise.all(cached.map((p) => readFile(p)));
    for (const face of ['Regular', 'Bold']) {
      const font = await readFile(join(out, `html/fonts/BIZUDGothic-${face}.woff2`));
      expect(cache.some((b) => Buffer.compare(b, font) === 0), face).toBe(true);
    }
    const warm = join(tmp.dir, 'sample-warm');
    await cp(out, warm, { recursive: true });
    await rm(join(warm, 'html'), { recursive: true });
    const r = await cli(['build', join(ROOT, 'data/sample'), '--out', warm, '--only', 'html']);
    expect(r.code, r.err).toBe(0);
    for (const face of ['Regular', 'Bold']) {
      const path = `html/fonts/BIZUDGothic-${face}.woff2`;
      expect(Buffer.compare(await readFile(join(warm, path)), await readFile(join(out, path))), path).toBe(0);
    }
  });

  it('--only html into an empty folder links no PDF it did not make, with the same fonts', async () => {
    const alone = join(tmp.dir, 'sample-alone');
    const r = await cli(['build', join(ROOT, 'data/sample'), '--out', alone, '--only', 'html']);
    expect(r.code, r.err).toBe(0);
    expect(await readdir(alone)).toEqual(expect.arrayContaining(['html', 'manifest.json']));
    expect(await readFile(join(alone, 'html/index.html'), 'utf8')).not.toContain('.pdf');
    for (const face of ['Regular', 'Bold']) {
      const path = `html/fonts/BIZUDGothic-${face}.woff2`;
      expect(Buffer.compare(await readFile(join(alone, path)), await readFile(join(out, path))), path).toBe(0);
    }
  });

  it('verify checks the HTML files: a changed page is named', async () => {
    expect((await cli(['verify', out])).code).toBe(0);
    const page = join(out, 'html/02-kenko-fukushi.html');
    const text = await readFile(page, 'utf8');
    await writeFile(page, text.replace('</main>', '<p>追記</p></main>'));
    const r = await cli(['verify', out]);
    expect(r.code).toBe(1);
    expect(r.out + r.err).toMatch(/html\/02-kenko-fukushi\.html: differs from the manifest: size/);
    await writeFile(page, text);
  });

  it('archive holds the HTML edition, and verify checks it inside the archive', async () => {
    const tar = join(tmp.dir, 'sample.tar');
    const editionCopy = join(tmp.dir, 'edition', 'sample');
    await cp(join(ROOT, 'data/sample'), editionCopy, { recursive: true });
    const r = await cli(['archive', editionCopy, '--outputs', out, '--out', tar]);
    expect(r.code, r.err).toBe(0);
    const paths = readTar(new Uint8Array(await readFile(tar))).map((e) => e.path);
    for (const f of manifest.files.filter((e) => e.path.startsWith('html/'))) expect(paths).toContain(`sample-archive/output/${f.path}`);
    const v = await cli(['verify', tar]);
    expect(v.code, v.out + v.err).toBe(0);
  });
});

describe('templates/html', () => {
  it('prints no literal organisation word: 部, 課 and the like come from the edition\'s terms', async () => {
    const texts: string[] = [];
    for (const dir of ['layouts', 'partials']) {
      for (const name of await readdir(join(ROOT, 'templates/html', dir))) texts.push(await readFile(join(ROOT, 'templates/html', dir, name), 'utf8'));
    }
    expect(texts.length).toBeGreaterThan(5);
    expect(texts.map((t) => t.replace(/{{[^}]*}}/g, '')).join('\n')).not.toMatch(/[部課局室係]/);
  });
});

describe('an indicator measured year by year', () => {
  it('is a grid in the HTML edition as in the booklet: years as <th scope="col">, labels as <th scope="row">, ― where a year has none', async () => {
    const out = join(tmp.dir, 'mie-html');
    const r = await cli(['build', join(ROOT, 'tests/fixtures/real/mie-2004'), '--out', out, '--only', 'html']);
    expect(r.code, r.err).toBe(0);
    const page = await readFile(join(out, 'html', '01-seikatsu.html'), 'utf8');
    const grid = /<table class="indicators grid">[\s\S]*?<\/table>/.exec(page)?.[0] ?? '';
    const cells = (row: string) => [...row.matchAll(/<(th|td)([^>]*)>([^<]*)/g)].map((m) => `${m[1]}${m[2]}:${m[3]}`);
    const rows = [...grid.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => cells(m[1]!));
    // 三重県 52403: 目標 80% (2001), 93% (2002); 実績 95%, 92%, 90% (2001–2003).
    expect(rows).toEqual([
      ['th scope="col":個人情報及び行政情報開示・非開示判断の適正度', 'th scope="col" class="value":2001', 'th scope="col" class="value":2002', 'th scope="col" class="value":2003'],
      ['th scope="row":目標', 'td class="value":80%', 'td class="value":93%', 'td class="value":―'],
      ['th scope="row":実績', 'td class="value":95%', 'td class="value":92%', 'td class="value":90%'],
    ]);
  });
});

describe('the PDFs do not depend on the HTML edition', () => {
  it('changing templates/html leaves every PDF byte for byte as it was', async () => {
    const root = join(tmp.dir, 'tool');
    for (const d of ['templates', 'fonts']) await cp(join(ROOT, d), join(root, d), { recursive: true });
    await cp(join(ROOT, 'package.json'), join(root, 'package.json'));
    const css = join(root, 'templates/html/style.css');
    await writeFile(css, `${await readFile(css, 'utf8')}\nh1 { color: #000; }\n`);
    const build = async (resourcesRoot: string | undefined, name: string) =>
      buildEdition(
        { editionDir: join(ROOT, 'data/sample'), outDir: join(tmp.dir, name), only: ['booklet', 'html'] },
        resourcesRoot ? await loadResources(undefined, resourcesRoot) : await loadResources(),
      );
    const a = await build(undefined, 'pdf-a');
    const b = await build(root, 'pdf-b');
    const pdf = (r: typeof a) => r.files.find((f) => f.path === 'booklet.pdf')!.bytes;
    expect(Buffer.compare(pdf(a), pdf(b))).toBe(0);
    const style = (r: typeof a) => r.files.find((f) => f.path === 'html/style.css')!.bytes;
    expect(Buffer.compare(style(a), style(b))).not.toBe(0);
    expect(a.manifest.resources.sha256).not.toBe(b.manifest.resources.sha256);
  });
});
