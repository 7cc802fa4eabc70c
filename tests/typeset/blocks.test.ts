import { describe, expect, it } from 'vitest';
import { parseMarkup } from '../../src/render/markup.js';
import { createBlockContext } from '../../src/typeset/blocks/index.js';
import { resolveWidths, offsetsTotal } from '../../src/typeset/blocks/tableGeometry.js';
import { fontFileMetrics as openFontMetrics, type FinishedText } from '../../src/engine/index.js';
import { FINISHED_LINES } from '../../src/engine/finishedLines.js';
import { resolveTheme, type ThemeFile } from '../../src/typeset/theme.js';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/fixtures.js';
import type { PdfNode } from '../../src/typeset/blocks/context.js';

const theme = resolveTheme(parse(readFileSync(join(ROOT, 'templates/theme.yaml'), 'utf8')) as ThemeFile, 'rgb');
const mincho = openFontMetrics(join(ROOT, 'fonts/BIZUDMincho-Regular.ttf'));
const gothic = openFontMetrics(join(ROOT, 'fonts/BIZUDGothic-Regular.ttf'));
const gothicBold = openFontMetrics(join(ROOT, 'fonts/BIZUDGothic-Bold.ttf'));
const ctx = createBlockContext(theme, 300, (family, bold) => (bold ? gothicBold : family === 'Mincho' ? mincho : gothic));

const blocks = (markup: string): PdfNode[] => ctx.blocks(parseMarkup(`<document>${markup}</document>`).children);
const long = '市の最上位計画である基本計画の着実な推進に向け、全庁の政策を総合的に企画・調整します。'.repeat(6);

describe('paragraphs keep two lines together at each end', () => {
  it('a long paragraph becomes an unbreakable head, a breakable middle and an unbreakable tail', () => {
    const [p] = blocks(`<p>${long}</p>`);
    const stack = p!['stack'] as PdfNode[];
    expect(stack).toHaveLength(3);
    expect(stack[0]!['unbreakable']).toBe(true);
    expect(stack[2]!['unbreakable']).toBe(true);
    const count = (n: PdfNode) => (((n['stack'] as PdfNode[] | undefined)?.[0] ?? n) as Partial<FinishedText>)[FINISHED_LINES]!.length;
    expect(count(stack[0]!)).toBe(2);
    expect(count(stack[2]!)).toBe(2);
  });
  it('three lines or fewer are one unbreakable block', () => {
    const [p] = blocks('<p>市の最上位計画である基本計画の着実な推進に向け、全庁の政策を総合的に企画・調整します。市民サービスの向上と持続可能な行財政運営を両立させます。</p>');
    const stack = p!['stack'] as PdfNode[];
    expect(stack).toHaveLength(1);
    expect(stack[0]!['unbreakable']).toBe(true);
  });
  it('a heading is bound to the first two lines of the paragraph after it, not to all of it', () => {
    const out = blocks(`<h2>運営方針</h2><p>${long}</p>`);
    expect(out).toHaveLength(2);
    expect(out[0]!['unbreakable']).toBe(true);
    expect((out[0]!['stack'] as PdfNode[]).length).toBe(2);
    expect((out[1]!['stack'] as PdfNode[]).length).toBe(2);
  });
});

describe('lists in running text', () => {
  it('a heading binds a short list whole, but only the first item of a long one (a bound block taller than a page would vanish)', () => {
    const short = blocks('<h2>運営方針</h2><list class="text"><item marker="・">参加の拡大</item><item marker="・">協働の推進</item></list>');
    expect(short).toHaveLength(1);
    const longList = blocks(`<h2>運営方針</h2><list class="text"><item marker="・">参加の拡大</item><item marker="・">${long.repeat(4)}</item><item marker="①">${long}</item></list>`);
    expect(longList).toHaveLength(2);
    expect((longList[0]!['stack'] as PdfNode[]).length).toBe(2);
    expect(longList[0]!['unbreakable']).toBe(true);
    expect((longList[1]!['stack'] as PdfNode[]).length).toBe(2);
    expect(longList[1]!['unbreakable']).toBeUndefined();
  });
  it('marker boxes grow with the widest marker: (120) does not wrap where ・ fitted', () => {
    const width = (markup: string) => (((blocks(markup)[0]!['stack'] as PdfNode[])[0]!['columns'] as PdfNode[])[0]!['width'] as number);
    const narrow = width('<list class="text"><item marker="・">項目</item></list>');
    const wide = width('<list class="text"><item marker="・">項目</item><item marker="(120)">項目</item></list>');
    expect(narrow).toBeCloseTo(theme.sizes.body * 1.15);
    expect(wide).toBeGreaterThan(gothicBold.width('(120)') * theme.sizes.body);
  });
  it('a project number box is as wide as the widest number of its department needs', () => {
    const box = (markup: string) => ((blocks(markup)[0]!['columns'] as PdfNode[])[0]!['width'] as number);
    expect(box('<h3 marker="①" widest="㊿">事業</h3>')).toBeCloseTo(theme.sizes.h3 * 1.4);
    const wide = box('<h3 marker="1." widest="112.">事業</h3>');
    expect(wide).toBeGreaterThan(gothicBold.width('112.') * theme.sizes.h3);
    expect(box('<h3 marker="112." widest="112.">事業</h3>')).toBe(wide);
  });
});

describe('table widths are numbers that fill the container exactly', () => {
  it('fixed, auto and star columns', () => {
    const layout = { paddingLeft: 5, paddingRight: 5, vLine: 0.5 };
    const widths = resolveWidths(['auto', '*', 40], 300, layout, () => 50);
    expect(widths[0]).toBe(50);
    expect(widths[2]).toBe(40);
    expect(widths.reduce((a, b) => a + b, 0) + offsetsTotal(3, layout)).toBeCloseTo(300, 6);
  });
  it('an auto column cannot take the room of the star columns', () => {
    const widths = resolveWidths(['auto', '*'], 300, { paddingLeft: 0, paddingRight: 0, vLine: 0 }, () => 1000);
    expect(widths[1]).toBeGreaterThan(100);
  });
});

describe('a split block keeps its spacing', () => {
  const short = '市の最上位計画である基本計画の着実な推進に向け、全庁の政策を総合的に企画・調整します。';
  const next = '市民サービスの向上と持続可能な行財政運営を両立させます。';
  /** pt between the baseline of the line ending `a` and that of the line starting `b`, as laid out and drawn by pdfmake. */
  async function gap(markup: string, a: string, b: string): Promise<number> {
    const { pdfEngine } = await import('../../src/engine/index.js');
    const { loadResources } = await import('../../src/resources.js');
    const { readInk, bodyLines } = await import('../helpers/layout.js');
    const engine = pdfEngine((await loadResources()).fonts);
    const { bytes } = await engine.print({ definition: { defaultStyle: { font: 'Mincho', fontSize: 10 }, pageMargins: [40, 40, 40, 40] }, parts: [{ part: {}, content: { stack: blocks(markup) } }] });
    const lines = bodyLines(await readInk(bytes), { top: 0, bottom: 0 })[0]!;
    const end = lines.find((l) => l.text.endsWith(a.slice(-6)))!;
    const start = lines.find((l) => l.y < end.y && l.text.startsWith(b.slice(0, 6)))!;
    return end.y - start.y;
  }
  it('a short paragraph bound to the heading before it keeps its space after (issue 13: 18.3 pt instead of 23.6 pt)', async () => {
    const bound = await gap(`<h2>運営方針</h2><p>${short}</p><p>${next}</p>`, short, next);
    const free = await gap(`<p>${next}</p><p>${short}</p><p>${next}</p>`, short, next);
    expect(bound).toBeGreaterThan(theme.sizes.body * 1.5);
    expect(bound).toBeCloseTo(free, 1);
  });
  it('so does a long one, and its lines keep their pitch across the split', async () => {
    const bound = await gap(`<h2>運営方針</h2><p>${long}</p><p>${next}</p>`, long, next);
    const free = await gap(`<p>${next}</p><p>${long}</p><p>${next}</p>`, long, next);
    expect(bound).toBeCloseTo(free, 1);
  });
});

describe('the digest era badge', () => {
  const badge = (text: string) => createBlockContext(theme, 48, (family, bold) => (bold ? gothicBold : family === 'Mincho' ? mincho : gothic)).blocks(parseMarkup(`<document><p class="era-line">${text}</p></document>`).children)[0]!;
  it('sets each line of the badge on one line, smaller when it does not fit (平成30年度 never splits into 平成30|年度)', () => {
    for (const text of ['平成30年度', '令和10年度', '2年度', 'H30年度']) {
      const p = badge(text);
      expect((p as Partial<FinishedText>)[FINISHED_LINES], text).toHaveLength(1);
      expect(p['fontSize'] as number).toBeLessThanOrEqual(15);
      expect(gothicBold.width(text) * (p['fontSize'] as number)).toBeLessThanOrEqual(48);
    }
    expect(badge('2年度')['fontSize']).toBe(15);
    expect(badge('平成30年度')['fontSize'] as number).toBeLessThan(15);
  });
});

describe('a project title keeps its facts line and its first lines', () => {
  it('binds h3, the 担当 line and the first two lines of the summary into one unbreakable block', () => {
    const out = blocks(`<h3 marker="①">事業</h3><p class="project-facts">担当：企画課</p><p>${long}</p>`);
    expect(out).toHaveLength(2);
    expect(out[0]!['unbreakable']).toBe(true);
    const group = out[0]!['stack'] as PdfNode[];
    expect(group).toHaveLength(3);
    const lines = (group[2]!['stack'] as PdfNode[])[0]!['stack'] as PdfNode[];
    expect((lines[0] as Partial<FinishedText>)[FINISHED_LINES]).toHaveLength(2);
  });
  it('with nothing after the facts line, binds just the two', () => {
    const out = blocks('<h3 marker="①">事業</h3><p class="project-facts">担当：企画課</p><h3 marker="②">次</h3>');
    expect(out).toHaveLength(2);
    expect((out[0]!['stack'] as PdfNode[])).toHaveLength(2);
  });
});

describe('a small project stays whole', () => {
  const table = '<table widths="*,auto" class="data indicators" header-rows="1"><row><cell>目標指標</cell><cell>値</cell></row><row><cell>参加者数</cell><cell>100人</cell></row></table>';
  it('binds the title, a short summary and a short indicator table into one unbreakable block', () => {
    const out = blocks(`<h3 marker="①">事業</h3><p>市民の参加を広げます。</p>${table}`);
    expect(out).toHaveLength(1);
    expect(out[0]!['unbreakable']).toBe(true);
    expect((out[0]!['stack'] as PdfNode[]).some((n) => n['table'] !== undefined)).toBe(true);
  });
  it('but not after a long summary: the table follows the rest of the text', () => {
    const out = blocks(`<h3 marker="①">事業</h3><p>${long}</p>${table}`);
    expect(out).toHaveLength(3);
    expect((out[0]!['stack'] as PdfNode[]).some((n) => n['table'] !== undefined)).toBe(false);
  });
});

describe('the cover list of departments', () => {
  const cover = (n: number) => blocks(`<list class="cover-index">${Array.from({ length: n }, (_, k) => `<item marker="${String(k + 1).padStart(2, '0')}">部${k + 1}</item>`).join('')}</list>`)[0]!;
  const sizeOf = (entry: PdfNode): number => ((entry['columns'] as PdfNode[])[0]!['fontSize'] as number);
  it('is one column up to ten, then two or three filled down each column first, at the same size up to thirty', () => {
    expect(cover(10)['stack'] as PdfNode[]).toHaveLength(10);
    const sixteen = cover(16)['columns'] as PdfNode[];
    expect(sixteen.map((c) => (c['stack'] as PdfNode[]).length)).toEqual([8, 8]);
    expect(sizeOf((sixteen[0]!['stack'] as PdfNode[])[0]!)).toBe(sizeOf((cover(10)['stack'] as PdfNode[])[0]!));
    expect((cover(30)['columns'] as PdfNode[]).map((c) => (c['stack'] as PdfNode[]).length)).toEqual([10, 10, 10]);
  });
  it('past thirty, the entries get smaller (never below the small size) so the list stays ten entries high', () => {
    const forty = cover(40)['columns'] as PdfNode[];
    expect(forty.map((c) => (c['stack'] as PdfNode[]).length)).toEqual([14, 14, 12]);
    const size = sizeOf((forty[0]!['stack'] as PdfNode[])[0]!);
    expect(size).toBeCloseTo(((theme.sizes.h3 + 1) * 10) / 14, 5);
    expect(sizeOf(((cover(200)['columns'] as PdfNode[])[0]!['stack'] as PdfNode[])[0]!)).toBe(theme.sizes.small);
  });
});
