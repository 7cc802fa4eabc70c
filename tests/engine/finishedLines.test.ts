/**
 * End to end: lines broken here, printed by the engine (finished lines measured and drawn
 * past pdfmake's inlines, or as pdfmake inlines where only pdfmake can draw a style), read
 * back with pdfjs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type SetLine, breakParagraph, lineText } from '../../src/typeset/japanese/breakLines.js';
import { setHeading } from '../../src/typeset/japanese/heading.js';
import { createPdfEngine, finishedText, fontFileMetrics, type PdfNode } from '../../src/engine/index.js';
import { gapInline } from '../../src/engine/finishedLines.js';
import { GOTHIC, GOTHIC_BOLD, LINE_END_PROHIBITED, LINE_START_PROHIBITED, MINCHO } from '../typeset/japanese/helpers.js';

const engine = createPdfEngine({ mincho: fs.readFileSync(MINCHO), gothic: fs.readFileSync(GOTHIC), gothicBold: fs.readFileSync(GOTHIC_BOLD) });
const openFontMetrics = fontFileMetrics;

/** A one-part document through the engine. */
async function print(definition: PdfNode, content: PdfNode[]): Promise<Buffer> {
  const printed = await engine.print({ definition, parts: [{ part: {}, content: { stack: content } }] });
  return Buffer.from(printed.bytes);
}

interface PdfLine {
  page: number;
  y: number;
  x0: number;
  x1: number;
  text: string;
}

async function readLines(buf: Buffer): Promise<{ lines: PdfLine[]; spaces: number; pages: number }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(buf), verbosity: 0 }).promise;
  const lines: PdfLine[] = [];
  let spaces = 0;
  for (let pn = 1; pn <= doc.numPages; pn++) {
    const page = await doc.getPage(pn);
    // glyphs actually drawn: count U+0020 in the text-showing operators
    const ops = await page.getOperatorList();
    ops.fnArray.forEach((fn, i) => {
      if (fn !== pdfjs.OPS.showText) return;
      for (const g of ops.argsArray[i]![0] as Array<{ unicode?: string } | number>)
        if (typeof g === 'object' && g.unicode === ' ') spaces++;
    });
    const tc = await page.getTextContent();
    const byY = new Map<number, PdfLine>();
    for (const item of tc.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const x = item.transform[4] as number;
      const y = Math.round((item.transform[5] as number) * 100) / 100;
      const l = byY.get(y) ?? { page: pn, y, x0: Infinity, x1: -Infinity, text: '' };
      l.x0 = Math.min(l.x0, x);
      l.x1 = Math.max(l.x1, x + item.width);
      l.text += item.str; // items come in drawing order, left to right on a line
      byY.set(y, l);
    }
    lines.push(...[...byY.values()].sort((a, b) => b.y - a.y));
  }
  return { lines, spaces, pages: doc.numPages };
}

const PAGE_W = 419.53; // A5
const MARGIN = 40;
const MEASURE = PAGE_W - 2 * MARGIN;
const FS = 10;

const JA = '[\\u3005-\\u3007\\u3040-\\u30ff\\u4e00-\\u9fff\\u3001\\u3002\\u300c-\\u300f\\u30fb\\uff08\\uff09]';
const JJ_SPACE = new RegExp(`${JA}\\s+${JA}`);
const GLUED = ['3・4・13号', '2,150,000円', '1,234,567', '内線2150', '約3倍', '第5次', '2020年度', '50%', '100千円', '3か所'];

function sampleParagraphs(): string[] {
  const fixture = fs.readFileSync(path.resolve(path.dirname(MINCHO), '../tests/fixtures/seed/newsletter-2020.txt'), 'utf8');
  const fromFixture = fixture
    .split(/\n+/)
    .map((s) => s.replace(/^[-#\s]+/, '').trim())
    .filter((s) => s.length > 12);
  const synthetic = [
    '令和2年度の予算は約3倍の2,150,000円となり、うち100千円を「ICT(情報通信技術)を活用した行政サービス」に充てます。対象は市内3か所、道路は3・4・13号、問い合わせは企画経営課(内線2150)まで。',
    'かれは「えっ、『本当に（そんなことが）』できるの？」と言った。――そうだ……。2020年度の実績は前年度比50%増、1,234,567件でした。第5次計画ではPDFとCSVで公開します。',
    '東京2020オリンピック・パラリンピック開催に伴う市民一体となった感動体験の創出とレガシーの創造、三鷹型エコミュージアム「三鷹まるごと博物館」の推進、ライフ・ワーク・バランスの推進。',
    '　全角スペースで始まる段落は、その全角スペースも文字として組みます（pdfmakeはそのままでは行頭の空白を削ります）。Society 5.0の実現に向けて、AIやIoTなどの技術を活用します。',
  ];
  const paras = [...synthetic, ...fromFixture];
  // enough text for several pages, so that paragraphs break across pages
  return [...paras, ...paras, ...paras];
}

describe('finished lines end to end', () => {
  // A background is one of the styles only pdfmake draws: the same lines go through its inlines.
  it.each([{}, { background: '#ffee00' }])('draws runs exactly where the model puts them (%j)', async (style) => {
    // gaps over 0.6 em make pdfjs start a new text item, so each run's x is visible
    const line: SetLine = {
      runs: [
        { text: 'あいう', hwid: false, spacing: 1, gapBefore: 0 },
        { text: '、', hwid: true, spacing: 0, gapBefore: 8 },
        { text: 'かきく', hwid: false, spacing: 2, gapBefore: 7 },
        { text: 'ABC', hwid: false, spacing: 0, gapBefore: 9.5 },
      ],
      width: 32 + 8 + 5 + 7 + 34 + 9.5 + 15,
      justified: false,
    };
    const buf = await print({ pageSize: 'A5', pageMargins: MARGIN, defaultStyle: { font: 'Mincho', fontSize: FS } }, [
      { ...finishedText([line], { fontSize: FS }), ...style },
      { text: [gapInline(-3), 'X'] },
    ]);
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(buf), verbosity: 0 }).promise;
    const tc = await (await doc.getPage(1)).getTextContent();
    const items = tc.items.filter((i) => 'str' in i && i.str.trim() !== '') as Array<{ str: string; transform: number[]; width: number }>;
    // (pdfjs reads the 0.2 em spacing of かきく as spaces: 'か き く')
    const at = (s: string): number => items.find((i) => i.str.replace(/ /g, '') === s)!.transform[4]!;
    expect(at('あいう')).toBeCloseTo(40, 3);
    expect(at('、')).toBeCloseTo(40 + 32 + 8, 3);
    expect(at('かきく')).toBeCloseTo(40 + 32 + 8 + 5 + 7, 3);
    expect(at('ABC')).toBeCloseTo(40 + 32 + 8 + 5 + 7 + 34 + 9.5, 3);
    expect(items.find((i) => i.str === 'ABC')!.width).toBeCloseTo(15, 3);
    // pdfjs's item width stops at the last glyph's advance (no trailing character spacing)
    expect(items.find((i) => i.str === 'あいう')!.width).toBeCloseTo(32, 3);
    expect(at('X')).toBeCloseTo(40 - 3, 3); // a negative move works too
  });

  it('keeps a leading ideographic space and a trailing one under right alignment', async () => {
    const metrics = openFontMetrics(MINCHO);
    const opts = { metrics, fontSize: FS, measure: MEASURE, justify: false };
    const buf = await print({ pageSize: 'A5', pageMargins: MARGIN, defaultStyle: { font: 'Mincho', fontSize: FS } }, [
      { ...finishedText(breakParagraph('　全角で始まる', opts), { fontSize: FS }) },
      { ...finishedText(breakParagraph('あ　い　', opts), { fontSize: FS, alignment: 'right' }) },
    ]);
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(buf), verbosity: 0 }).promise;
    const tc = await (await doc.getPage(1)).getTextContent();
    const items = tc.items.filter((i) => 'str' in i && i.str.trim() !== '') as Array<{ str: string; transform: number[] }>;
    expect(items.find((i) => i.str.includes('全'))!.transform[4]).toBeCloseTo(MARGIN + FS, 3);
    expect(items.find((i) => i.str === 'い')!.transform[4]).toBeCloseTo(PAGE_W - MARGIN - 2 * FS, 3);
  });

  it('typesets justified paragraphs that pdfmake keeps line for line, across pages', async () => {
    const metrics = openFontMetrics(MINCHO);
    const headingMetrics = openFontMetrics(GOTHIC_BOLD);
    const paras = sampleParagraphs();
    const content: PdfNode[] = [];
    const expected: Array<{ text: string; para: number; line: number; last: boolean; justified: boolean; indent: number }> = [];
    const title = setHeading('各部の運営方針と目標 東京2020オリンピック・パラリンピック開催に向けて', {
      metrics: headingMetrics,
      fontSize: 16,
      measure: MEASURE,
    });
    content.push({ ...finishedText(title, { fontSize: 16, font: 'Gothic', alignment: 'center' }), bold: true, margin: [0, 0, 0, 8] });
    title.forEach((l, i) => expected.push({ text: lineText(l), para: -1, line: i, last: i === title.length - 1, justified: false, indent: NaN }));
    const t0 = performance.now();
    paras.forEach((p, pi) => {
      const lines = breakParagraph(p, { metrics, fontSize: FS, measure: MEASURE, justify: true, indent: 1 });
      content.push({ ...finishedText(lines, { fontSize: FS, font: 'Mincho' }), margin: [0, 0, 0, 4] });
      lines.forEach((l, i) =>
        expected.push({ text: lineText(l), para: pi, line: i, last: i === lines.length - 1, justified: l.justified, indent: i === 0 ? FS : 0 }),
      );
    });
    const breakMs = performance.now() - t0;
    const t1 = performance.now();
    const buf = await print(
      {
        pageSize: 'A5',
        pageMargins: MARGIN,
        // styles that would re-space ordinary text must not touch the set lines
        defaultStyle: { font: 'Mincho', fontSize: FS, lineHeight: 1.5, alignment: 'justify', characterSpacing: 0.7 },
        info: { creationDate: new Date(0) },
      },
      content,
    );
    const pdfMs = performance.now() - t1;
    const out = path.join(os.tmpdir(), 'typeset-japanese-e2e.pdf');
    fs.writeFileSync(out, buf);
    const chars = paras.reduce((n, p) => n + p.length, 0);
    console.log(`e2e: ${chars} characters, break ${breakMs.toFixed(0)} ms, pdfmake ${pdfMs.toFixed(0)} ms → ${out}`);

    const { lines, spaces, pages } = await readLines(buf);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(spaces, 'spaces drawn = spaces in the data').toBe(expected.reduce((n, e) => n + (e.text.match(/ /g)?.length ?? 0), 0));

    // pdfmake kept every line as computed (nothing re-wrapped, nothing lost)
    const norm = (s: string): string => s.replace(/\s+/g, '');
    expect(lines.map((l) => norm(l.text))).toEqual(expected.map((e) => norm(e.text)));

    const pagesOfPara = new Map<number, Set<number>>();
    lines.forEach((l, i) => {
      const e = expected[i]!;
      const s = norm(l.text);
      const where = `p${l.page} «${l.text}»`;
      pagesOfPara.set(e.para, (pagesOfPara.get(e.para) ?? new Set()).add(l.page));
      expect(JJ_SPACE.test(l.text), `space between Japanese characters: ${where}`).toBe(false);
      if (e.line > 0) expect(LINE_START_PROHIBITED.includes([...s][0]!), `line start: ${where}`).toBe(false);
      if (!e.last) {
        expect(LINE_END_PROHIBITED.includes([...s].at(-1)!), `line end: ${where}`).toBe(false);
        const next = norm(lines[i + 1]!.text);
        expect(/[0-9０-９]$/.test(s) && /^[\u4e00-\u9fff%％]/.test(next), `number split from unit: ${where} | ${next}`).toBe(false);
      }
      if (e.para >= 0) {
        if (e.line === 0 && paras[e.para]!.startsWith('　')) {
          // pdfjs drops the ideographic space: the text starts 1 em (plus the spread) further
          expect(l.x0 - (MARGIN + e.indent + FS), `left edge: ${where}`).toBeGreaterThan(-0.01);
          expect(l.x0 - (MARGIN + e.indent + FS), `left edge: ${where}`).toBeLessThan(1);
        } else expect(l.x0, `left edge: ${where}`).toBeCloseTo(MARGIN + e.indent, 2);
        expect(l.x1, `inside the margin: ${where}`).toBeLessThanOrEqual(PAGE_W - MARGIN + 0.01);
        if (!e.last) expect(Math.abs(l.x1 - (PAGE_W - MARGIN)), `flush right: ${where}`).toBeLessThan(0.5);
      }
    });
    for (const g of GLUED) {
      if (!paras.some((p) => p.includes(g))) continue;
      expect(lines.some((l) => norm(l.text).includes(g)), `${g} on one line`).toBe(true);
    }
    // some paragraph was split across a page break
    expect([...pagesOfPara.values()].some((s) => s.size > 1)).toBe(true);
    // the title is centred
    const titleLines = lines.slice(0, title.length);
    for (const l of titleLines) expect((l.x0 + l.x1) / 2).toBeCloseTo(PAGE_W / 2, 1);
  });
});
